"""Rows of an imported table (from a CSV or XLSX file) checked against a column spec.

Pure: the caller reads the file into rows of cells (strings, numbers, dates) and passes them
here. Every problem names the file row (the header is row 1), the column and what is wrong,
as a code with parameters and an English msgid, so a report can list them all at once and the
caller can refuse the whole file when there is any.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType

from cordones.domain.bounds import EARLIEST_DAY, LATEST_DAY, day_in_range
from cordones.domain.common.errors import DomainError, checked_code, text_params
from cordones.domain.common.i18n import gettext_noop

MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "empty_file": gettext_noop("The file has no rows."),
        "no_data": gettext_noop("The file has a header but no data rows."),
        "too_many_rows": gettext_noop("The file has more than %(limit)s rows; split it."),
        "unknown_column": gettext_noop("Unknown column “%(name)s”; the columns are: %(expected)s."),
        "missing_column": gettext_noop("The column “%(name)s” is missing."),
        "duplicate_column": gettext_noop("The column “%(name)s” appears twice."),
        "required": gettext_noop("A value is required."),
        "not_a_date": gettext_noop("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025)."),
        "not_a_number": gettext_noop("“%(value)s” is not a number."),
        "not_a_whole_number": gettext_noop("“%(value)s” is not a whole number."),
        "too_many_decimals": gettext_noop("%(value)s has more than %(places)s decimals."),
        "negative": gettext_noop("%(value)s is negative."),
        "too_large": gettext_noop("%(value)s is too large: at most %(limit)s."),
        "date_out_of_range": gettext_noop(
            "%(value)s is out of range: dates go from %(earliest)s to %(latest)s."
        ),
        "not_positive": gettext_noop("The value must be more than zero."),
        "not_a_choice": gettext_noop("“%(value)s” is not one of: %(allowed)s."),
        "duplicate_row": gettext_noop("This row repeats row %(first)s."),
        "week_not_monday": gettext_noop("A week must start on a Monday."),
        "month_not_first": gettext_noop("A month must start on its first day."),
        "unknown_period": gettext_noop("Unknown period."),
        "rejects_exceed_quantity": gettext_noop("The rejects exceed the quantity produced."),
        "unknown_product": gettext_noop("There is no product with the code “%(value)s”."),
        "unknown_section": gettext_noop("There is no section named “%(value)s”."),
        "unknown_member": gettext_noop("There is no member number %(value)s."),
        "unknown_customer": gettext_noop(
            "There is no customer named “%(value)s”; add the customer first."
        ),
        "already_recorded": gettext_noop("This is already recorded (same period and keys)."),
        "period_closed": gettext_noop("The date %(value)s is in a closed accounting period."),
        "unreadable_file": gettext_noop(
            "The file could not be read as %(kind)s: save it as CSV (UTF-8) or XLSX."
        ),
    }
)


@dataclass(frozen=True)
class ImportProblem(DomainError):
    """One problem: ``row`` is the file's row number (1 is the header, 0 the whole file);
    ``column`` the column's key ("" when about the row or the file)."""

    row: int
    column: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    MESSAGES = MESSAGES


def problem(row: int, column: str, code: str, **params: object) -> ImportProblem:
    return ImportProblem(row, column, checked_code(code, MESSAGES), text_params(params))


class CellType(StrEnum):
    TEXT = "text"
    DATE = "date"
    DECIMAL = "decimal"
    INTEGER = "integer"
    CHOICE = "choice"


@dataclass(frozen=True)
class Column:
    """``aliases`` are the header names accepted (compared without case or accents);
    ``choices`` maps accepted spellings to values for CHOICE columns."""

    key: str
    aliases: tuple[str, ...]
    type: CellType
    required: bool = True
    default: object = None
    places: int | None = None  # most decimals allowed
    allow_negative: bool = False
    positive: bool = False
    choices: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    max_length: int = 200
    max_digits: int = 14  # digits in all, as the model's column (``domain.bounds``)


RowCheck = Callable[[Mapping[str, object]], list[tuple[str, str, dict[str, object]]]]


@dataclass(frozen=True)
class TableSpec:
    """A kind of table: its columns, the columns that make a row unique within the file,
    and checks across the columns of a row (returning ``(column, code, params)``)."""

    kind: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    checks: tuple[RowCheck, ...] = ()
    max_rows: int = 50_000


@dataclass(frozen=True)
class ParsedRow:
    row: int
    values: Mapping[str, object]


@dataclass(frozen=True)
class ParsedTable:
    rows: tuple[ParsedRow, ...]
    problems: tuple[ImportProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").lower().split())


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(value: object) -> date | None:
    """A date from a cell: a date or datetime, ISO ``2025-03-31``, or ``31/03/2025``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 and text[4] == "-" else None
    except ValueError:
        pass
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}([.,\s]\d{3})+)?([.,]\d+)?$")


def parse_decimal(value: object) -> Decimal | None:
    """A decimal from a cell. In text, the last of ``.`` and ``,`` is the decimal mark when
    both appear (``1.234,56`` and ``1,234.56``); a lone ``,`` or ``.`` is a decimal mark
    (``12,5``, ``12.5``); repeated ones are thousands separators (``1.234.567``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        result = Decimal(repr(value))
        return result if result.is_finite() else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace(" ", "").replace("\u00a0", "")
    if not text or len(text) > 60 or not _NUMBER.match(text):
        return None
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in text:
        text = text.replace(",", "") if text.count(",") > 1 else text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        result = Decimal(text)
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _cell(column: Column, raw: object, row: int) -> tuple[object, ImportProblem | None]:
    if _blank(raw):
        if column.required:
            return None, problem(row, column.key, "required")
        return column.default, None
    shown = str(raw).strip()[:40]
    if column.type is CellType.TEXT:
        return str(raw).strip()[: column.max_length], None
    if column.type is CellType.DATE:
        day = parse_date(raw)
        if day is None:
            return None, problem(row, column.key, "not_a_date", value=shown)
        if not day_in_range(day):
            return None, problem(
                row,
                column.key,
                "date_out_of_range",
                value=shown,
                earliest=EARLIEST_DAY.isoformat(),
                latest=LATEST_DAY.isoformat(),
            )
        return day, None
    if column.type is CellType.CHOICE:
        key = _fold(str(raw))
        if key not in column.choices:
            allowed = ", ".join(sorted(set(column.choices.values())))
            return None, problem(row, column.key, "not_a_choice", value=shown, allowed=allowed)
        return column.choices[key], None
    number = parse_decimal(raw)
    if number is None:
        return None, problem(row, column.key, "not_a_number", value=shown)
    limit = Decimal(10) ** (column.max_digits - (column.places or 0))
    if abs(number) >= limit:
        return None, problem(row, column.key, "too_large", value=shown, limit=limit - 1)
    if column.type is CellType.INTEGER:
        if number != number.to_integral_value():
            return None, problem(row, column.key, "not_a_whole_number", value=shown)
        return int(number), None
    if column.places is not None and _places(number) > column.places:
        return None, problem(
            row, column.key, "too_many_decimals", value=shown, places=column.places
        )
    if number < 0 and not column.allow_negative:
        return None, problem(row, column.key, "negative", value=shown)
    if column.positive and number <= 0:
        return None, problem(row, column.key, "not_positive")
    return number, None


def table_parse(spec: TableSpec, rows: Sequence[Sequence[object]]) -> ParsedTable:
    """Check the header and every row; return the parsed rows and every problem found.

    Blank rows are skipped. Unknown, missing or repeated columns stop the check (the rows
    cannot be read without knowing their columns)."""
    if not rows:
        return ParsedTable((), (problem(0, "", "empty_file"),))
    header = rows[0]
    by_alias = {_fold(alias): column for column in spec.columns for alias in column.aliases}
    expected = ", ".join(column.aliases[0] for column in spec.columns)
    positions: dict[str, int] = {}
    problems: list[ImportProblem] = []
    for index, name in enumerate(header):
        if _blank(name):
            continue
        found = by_alias.get(_fold(str(name)))
        if found is None:
            problems.append(
                problem(1, "", "unknown_column", name=str(name).strip(), expected=expected)
            )
        elif found.key in positions:
            problems.append(problem(1, found.key, "duplicate_column", name=str(name).strip()))
        else:
            positions[found.key] = index
    for column in spec.columns:
        if column.required and column.key not in positions:
            problems.append(problem(1, column.key, "missing_column", name=column.aliases[0]))
    if problems:
        return ParsedTable((), tuple(problems))
    data = [(number, r) for number, r in enumerate(rows[1:], start=2) if not all(map(_blank, r))]
    if not data:
        return ParsedTable((), (problem(0, "", "no_data"),))
    if len(data) > spec.max_rows:
        return ParsedTable((), (problem(0, "", "too_many_rows", limit=spec.max_rows),))
    parsed: list[ParsedRow] = []
    first_seen: dict[tuple[object, ...], int] = {}
    for number, raw in data:
        values: dict[str, object] = {}
        row_ok = True
        for column in spec.columns:
            position = positions.get(column.key)
            cell = raw[position] if position is not None and position < len(raw) else None
            value, issue = _cell(column, cell, number)
            if issue is not None:
                problems.append(issue)
                row_ok = False
            values[column.key] = value
        if not row_ok:
            continue
        for check in spec.checks:
            for column_key, code, params in check(values):
                problems.append(problem(number, column_key, code, **params))
                row_ok = False
        if not row_ok:
            continue
        if spec.unique:
            key = tuple(values[k] for k in spec.unique)
            if key in first_seen:
                problems.append(problem(number, "", "duplicate_row", first=first_seen[key]))
                continue
            first_seen[key] = number
        parsed.append(ParsedRow(number, MappingProxyType(values)))
    return ParsedTable(tuple(parsed), tuple(problems))
