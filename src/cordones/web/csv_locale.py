"""CSV files that open right in the reader's spreadsheet (ADR 0014).

The exports write CSV the machine way (comma, decimal point, ISO dates). A spreadsheet set
to Spanish or Portuguese splits columns on ";" and reads "1234.50" as text, so a CSV file
downloaded from a page is rewritten for the reader's language: ";" and a decimal comma for
es and pt-BR, "," and a point otherwise, and a UTF-8 byte-order mark so that accents are
read as UTF-8. Only cells that are plain decimal numbers change; text, dates and cells a
formula guard has quoted are left as they are."""

from __future__ import annotations

import csv
import io
import re

from django.http import HttpResponse
from django.utils.translation import get_language

BOM = "\ufeff"
DECIMAL = re.compile(r"^-?\d+\.\d+$")
COMMA_LANGUAGES = ("es", "pt")


def uses_decimal_comma(language: str | None) -> bool:
    return (language or "").split("-")[0].lower() in COMMA_LANGUAGES


def localize_csv(text: str, language: str | None = None) -> str:
    language = language or get_language()
    if not uses_decimal_comma(language):
        return BOM + text
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text)):
        writer.writerow([cell.replace(".", ",") if DECIMAL.match(cell) else cell for cell in row])
    return BOM + out.getvalue()


def csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(localize_csv(text), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
