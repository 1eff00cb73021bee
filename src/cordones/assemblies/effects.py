"""What an adopted motion does besides becoming a decision, keyed by the agenda item's
source ("application:12", "surplus:3"). Other contexts register their effect at start-up
(AppConfig.ready), so assemblies need not import them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Effect = Callable[[str, bool, Any], None]  # (source id, adopted, motion)
_EFFECTS: dict[str, Effect] = {}


def register(prefix: str, effect: Effect) -> None:
    _EFFECTS[prefix] = effect


def run(source: str, adopted: bool, motion: Any) -> None:
    if not source or ":" not in source:
        return
    prefix, ident = source.split(":", 1)
    effect = _EFFECTS.get(prefix)
    if effect is not None:
        effect(ident, adopted, motion)
