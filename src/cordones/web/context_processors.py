from __future__ import annotations

from django.http import HttpRequest

from cordones.members.permissions import RULES


def workplace_nav(request: HttpRequest) -> dict[str, object]:
    """The current workplace and what the person may do there, as `can.<rule_name>` with
    dots turned into underscores (templates show only the links a person may follow)."""
    workplace = getattr(request, "workplace", None)
    access = getattr(request, "access", None)
    if workplace is None or access is None:
        return {}
    return {
        "workplace": workplace,
        "access": access,
        "can": {rule.replace(".", "_"): access.can(rule) for rule in RULES},
    }
