"""Cells of exported spreadsheets (CSV, XLSX) that cannot run as formulas.

A spreadsheet reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return, which some strip first) as a formula: a member named
``=HYPERLINK("http://…")`` would reach the register's CSV as a live link. Every text cell
we export goes through :func:`safe_cell`, which puts an apostrophe in front of such a text
(the spreadsheet then shows it as text). Numbers are typed values and stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in values]
