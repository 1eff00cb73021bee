"""The books in files an accountant can check: beancount (``bean-check`` accepts it), and
every report as CSV and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from cordones.core.cells import safe_cell, safe_row
from cordones.domain.ledger import ledger_to_beancount
from cordones.ledger.models import ACCOUNT_TYPE_LABELS
from cordones.ledger.selectors import Reports, journal_transactions, reports_get
from cordones.ledger.services import workplace_chart
from cordones.workplaces.models import Workplace

Table = tuple[str, list[str], list[list[object]]]

REPORTS = ("trial-balance", "income-statement", "balance-sheet", "sections")


def beancount_export(workplace: Workplace, start: date | None, end: date | None) -> str:
    chart = workplace_chart(workplace)
    transactions = journal_transactions(workplace, start, end)
    currency = workplace.currency if len(workplace.currency) >= 2 else "ARS"
    return ledger_to_beancount(
        chart, transactions, currency, open_date=start, title=workplace.legal_name
    )


def report_table(reports: Reports, name: str) -> Table:
    """One report as a title, a header and rows (amounts as Decimals)."""
    if name == "trial-balance":
        rows: list[list[object]] = [
            [r.account.code, r.account.name, r.debits, r.credits, r.balance]
            for r in reports.trial.rows
        ]
        rows.append(
            [
                "",
                _("Total"),
                reports.trial.total_debits,
                reports.trial.total_credits,
                reports.trial.balance_total,
            ]
        )
        return (
            _("Trial balance"),
            [_("Code"), _("Account"), _("Debits"), _("Credits"), _("Balance (debit +)")],
            rows,
        )
    if name == "income-statement":
        inc = reports.income
        rows = [
            [_("Income"), line.account.code, line.account.name, line.amount] for line in inc.income
        ]
        rows += [
            [_("Expenses"), line.account.code, line.account.name, line.amount]
            for line in inc.expenses
        ]
        rows.append(["", "", _("Total income"), inc.total_income])
        rows.append(["", "", _("Total expenses"), inc.total_expenses])
        rows.append(["", "", _("Result (surplus or loss)"), inc.result])
        return (_("Income statement"), [_("Group"), _("Code"), _("Account"), _("Amount")], rows)
    if name == "balance-sheet":
        bal = reports.balance
        rows = []
        for label, group in (
            (_("Assets"), bal.assets),
            (_("Liabilities"), bal.liabilities),
            (_("Equity"), bal.equity),
        ):
            rows += [[label, line.account.code, line.account.name, line.amount] for line in group]
        rows.append(["", "", _("Total assets"), bal.total_assets])
        rows.append(["", "", _("Total liabilities"), bal.total_liabilities])
        rows.append(["", "", _("Total equity"), bal.total_equity])
        rows.append(["", "", _("Result not yet closed"), bal.unclosed_result])
        return (_("Balance sheet"), [_("Group"), _("Code"), _("Account"), _("Amount")], rows)
    if name == "sections":
        rows = [[section or _("(no section)"), result] for section, result in reports.sections]
        return (_("Results by section"), [_("Section"), _("Result")], rows)
    raise KeyError(name)


def _cell(value: object) -> object:
    """An amount as text with two decimals; any text made safe from formula injection."""
    return f"{value:.2f}" if isinstance(value, Decimal) else safe_cell(value)


def table_csv(table: Table) -> str:
    _title, header, rows = table
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def table_xlsx(table: Table, subtitle: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    title, header, rows = table
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True)
    if subtitle:
        sheet.append([safe_cell(subtitle)])
    sheet.append(safe_row(header))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(safe_row(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_file(workplace: Workplace, name: str, start: date, end: date, fmt: str) -> bytes:
    table = report_table(reports_get(workplace, start, end), name)
    if fmt == "csv":
        return table_csv(table).encode("utf-8")
    return table_xlsx(table, f"{workplace.legal_name} · {start.isoformat()} – {end.isoformat()}")


def account_type_label(kind: str) -> str:
    for key, label in ACCOUNT_TYPE_LABELS.items():
        if key.value == kind:
            return str(label)
    return kind


def simple_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Table:
    return (title, list(header), [list(r) for r in rows])
