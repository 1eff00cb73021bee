"""Actas as pages and as PDF: one acta, or the whole minute book, from the content the book
keeps (or, before it is entered, the content generated from the record)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from cordones.assemblies.models import SignerRole
from cordones.web.forms_assemblies import MATTER_LABELS, METHOD_LABELS
from cordones.workplaces.models import Workplace

SIGNER_LABELS = dict(SignerRole.choices)


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def acta_view(
    content: dict[str, Any], *, number: int | None = None, hash_: str = "", previous: str = ""
) -> dict[str, Any]:
    """The stored acta with its codes turned into words and its dates into dates."""
    matters = {m.value: label for m, label in MATTER_LABELS.items()}
    return {
        "number": number if number is not None else content.get("number"),
        "hash": hash_,
        "previous_hash": previous,
        "workplace": content.get("workplace", ""),
        "body": content.get("body", ""),
        "kind": content.get("kind", ""),
        "title": content.get("title", ""),
        "scheduled_at": _when(content.get("scheduled_at")),
        "opened_at": _when(content.get("opened_at")),
        "closed_at": _when(content.get("closed_at")),
        "place": content.get("place", ""),
        "members_on_roll": content.get("members_on_roll", 0),
        "present": content.get("present", []),
        "quorum": content.get("quorum", {}),
        "agenda": [
            {"position": pos, "matter": matters.get(matter, matter), "title": title}
            for pos, matter, title in content.get("agenda", [])
        ],
        "motions": [
            {
                **motion,
                "method_label": METHOD_LABELS.get(
                    motion.get("method", ""), motion.get("method", "")
                ),
            }
            for motion in content.get("motions", [])
        ],
        "narrative": content.get("narrative", ""),
        "signatures": [
            {"role": SIGNER_LABELS.get(role, role), "number": num, "name": name, "when": when}
            for role, num, name, when in content.get("signatures", [])
        ],
    }


def minutes_pdf(
    workplace: Workplace, actas: Iterable[dict[str, Any]], base_url: str, *, book: bool
) -> bytes:
    """The actas as a PDF, in Spanish: the language of the legal books."""
    from weasyprint import HTML  # heavy import; only when a PDF is asked for

    with translation.override("es"):
        html = render_to_string(
            "assemblies/minutes_pdf.html",
            {
                "workplace": workplace,
                "actas": list(actas),
                "book": book,
                "printed": formats.date_format(timezone.localdate(), "DATE_FORMAT"),
            },
        )
    return bytes(HTML(string=html, base_url=base_url).write_pdf())
