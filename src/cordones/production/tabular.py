"""Reading an uploaded CSV or XLSX file into rows of cells (no checking: the domain's
``table_parse`` does that).

Bounded (ADR 0011): an XLSX is a zip whose members can expand a thousandfold and whose
sheet can declare ``A1:XFD5000`` in a few bytes, which openpyxl would fill with empty cells.
So before any sheet is read, the zip's declared uncompressed sizes are summed and the
sheet's declared dimensions checked; rows are then read one at a time, at most ``MAX_ROWS``
of at most ``MAX_COLUMNS`` cells, and reading stops at the first row past the limit. A CSV
is read row by row under the same limits."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence

MAX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # an XLSX's members, as the zip declares them
MAX_ROWS = 50_001  # a header and the largest table a spec takes (``TableSpec.max_rows``)
MAX_COLUMNS = 64  # the widest table has 7 columns; the rest is room for notes


class FileTooLarge(Exception):
    """The file is over a limit: ``kind`` is "uncompressed", "rows" or "columns"."""

    def __init__(self, kind: str, limit: int) -> None:
        super().__init__(kind)
        self.kind = kind
        self.limit = limit


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
    rows: list[Sequence[object]] = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(rows) >= MAX_ROWS:
                raise FileTooLarge("rows", MAX_ROWS - 1)
            if len(row) > MAX_COLUMNS:
                raise FileTooLarge("columns", MAX_COLUMNS)
            rows.append(row)
    except csv.Error:
        raise UnreadableFile("CSV") from None
    return rows


def _check_zip(data: bytes) -> None:
    """Refuse a zip whose members would expand past ``MAX_UNCOMPRESSED_BYTES``, from the
    sizes its directory declares, before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile("XLSX") from None
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise FileTooLarge("uncompressed", MAX_UNCOMPRESSED_BYTES // (1024 * 1024))


def _xlsx(data: bytes) -> list[Sequence[object]]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile("XLSX") from None
    try:
        sheet = book.worksheets[0]
        # the sheet's declared size (its <dimension>), read without reading any row
        if (sheet.max_row or 0) > MAX_ROWS:
            raise FileTooLarge("rows", MAX_ROWS - 1)
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise FileTooLarge("columns", MAX_COLUMNS)
        rows: list[Sequence[object]] = []
        # max_col/max_row bound the filling of missing cells even without a dimension
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 1, values_only=True):
            if len(rows) >= MAX_ROWS:
                raise FileTooLarge("rows", MAX_ROWS - 1)
            rows.append(list(row))
        return rows
    except (FileTooLarge, UnreadableFile):
        raise
    except Exception:  # a sheet openpyxl cannot parse
        raise UnreadableFile("XLSX") from None
    finally:
        book.close()
