"""A member's retiro receipt as a PDF (WeasyPrint), as the register's PDF is made."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils import formats

from cordones.retiros.models import RetiroLine


def receipt_pdf(line: RetiroLine, today: date, base_url: str) -> bytes:
    from weasyprint import HTML  # heavy import; only when a PDF is asked for

    sheet = line.sheet
    html = render_to_string(
        "retiros/receipt_pdf.html",
        {
            "line": line,
            "sheet": sheet,
            "scheme": sheet.scheme,
            "workplace": sheet.workplace,
            "member": line.member,
            "printed": formats.date_format(today, "DATE_FORMAT"),
        },
    )
    return bytes(HTML(string=html, base_url=base_url).write_pdf())
