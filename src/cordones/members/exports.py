"""The register as CSV and as a printable PDF."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from cordones.books.selectors import book_head
from cordones.core.cells import safe_row
from cordones.domain.books import catalog
from cordones.domain.register.book import DepartureReason, Office
from cordones.members.selectors import register_entries, register_rows
from cordones.workplaces.models import Workplace


def register_csv(
    workplace: Workplace,
    day: date,
    office_label: Callable[[Office], str] = str,
    reason_label: Callable[[DepartureReason], str] = str,
) -> str:
    """One row per member: number, name, admission, shares, departure, current offices
    (offices and reasons by the names the caller gives, in the reader's language)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Member number"),
            _("Full name"),
            _("National id (DNI)"),
            _("Admission date"),
            _("Shares subscribed"),
            _("Shares paid in"),
            _("Departure date"),
            _("Reason"),
            _("Offices today"),
        ]
    )
    for row in register_rows(workplace):
        s = row.state
        writer.writerow(
            safe_row(
                [
                    row.member.number,
                    row.member.full_name,
                    row.member.national_id,
                    s.admitted_on.isoformat() if s.admitted_on else "",
                    f"{s.shares_subscribed:.2f}",
                    f"{s.shares_paid:.2f}",
                    s.departed_on.isoformat() if s.departed_on else "",
                    reason_label(s.departure_reason) if s.departure_reason else "",
                    ", ".join(office_label(o) for o in s.offices_on(day)),
                ]
            )
        )
    return out.getvalue()


def register_pdf(workplace: Workplace, day: date, base_url: str) -> bytes:
    from weasyprint import HTML  # heavy import; only when a PDF is asked for

    html = render_to_string(
        "members/register_pdf.html",
        {
            "workplace": workplace,
            "rows": register_rows(workplace),
            "entries": register_entries(workplace),
            "day": day,
            "printed": formats.date_format(day, "DATE_FORMAT"),
            "head": book_head(workplace, catalog.REGISTER),  # the chain's head (ADR 0013)
        },
    )
    return bytes(HTML(string=html, base_url=base_url).write_pdf())
