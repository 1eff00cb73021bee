"""Reading an uploaded CSV or XLSX file into rows of cells (no checking: the domain's
``table_parse`` does that)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

MAX_BYTES = 10 * 1024 * 1024


class UnreadableFile(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def file_kind(filename: str) -> str:
    return "xlsx" if filename.lower().endswith((".xlsx", ".xlsm")) else "csv"


def read_rows(filename: str, data: bytes) -> list[Sequence[object]]:
    kind = file_kind(filename)
    if kind == "xlsx":
        return _xlsx(data)
    return _csv(data)


def _csv(data: bytes) -> list[Sequence[object]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise UnreadableFile("CSV")
    if "\x00" in text:
        raise UnreadableFile("CSV")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx(data: bytes) -> list[Sequence[object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile("XLSX") from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
