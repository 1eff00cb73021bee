"""Balances computed from transactions: trial balance, income statement, balance sheet.

All pure functions of a chart and a sequence of transactions (pass the period's
transactions). Raw balances use the ledger sign convention (debit positive); the statements
show amounts with their natural sign (income, liabilities and equity positive when credit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from cordones.domain.ledger.accounts import Account, AccountType, Chart
from cordones.domain.ledger.transactions import Transaction, TransactionKind

ZERO = Decimal("0.00")
RESULT_KINDS = (AccountType.INCOME, AccountType.EXPENSE)


def account_balances(transactions: Iterable[Transaction]) -> dict[str, Decimal]:
    """Debit-positive balance of every account that has postings."""
    balances: dict[str, Decimal] = {}
    for transaction in transactions:
        for posting in transaction.postings:
            balances[posting.account] = balances.get(posting.account, ZERO) + posting.amount
    return balances


@dataclass(frozen=True)
class TrialBalanceRow:
    account: Account
    debits: Decimal  # total debited
    credits: Decimal  # total credited, as a positive number
    balance: Decimal  # debits - credits (debit positive)


@dataclass(frozen=True)
class TrialBalance:
    """Balance de sumas y saldos: one row per account with postings, in chart order."""

    rows: tuple[TrialBalanceRow, ...]
    total_debits: Decimal
    total_credits: Decimal

    @property
    def balance_total(self) -> Decimal:
        return sum((r.balance for r in self.rows), ZERO)

    @property
    def balanced(self) -> bool:
        return self.total_debits == self.total_credits and self.balance_total == 0

    def balances(self) -> dict[str, Decimal]:
        return {r.account.code: r.balance for r in self.rows}


def trial_balance(chart: Chart, transactions: Iterable[Transaction]) -> TrialBalance:
    """Sums and balances per account. Postings to accounts not in the chart are ignored
    (validate first: :func:`validate_transaction` reports them)."""
    debits: dict[str, Decimal] = {}
    credits: dict[str, Decimal] = {}
    for transaction in transactions:
        for p in transaction.postings:
            if p.amount >= 0:
                debits[p.account] = debits.get(p.account, ZERO) + p.amount
            else:
                credits[p.account] = credits.get(p.account, ZERO) - p.amount
    rows = tuple(
        TrialBalanceRow(
            account=a,
            debits=debits.get(a.code, ZERO),
            credits=credits.get(a.code, ZERO),
            balance=debits.get(a.code, ZERO) - credits.get(a.code, ZERO),
        )
        for a in chart.accounts
        if a.code in debits or a.code in credits
    )
    return TrialBalance(
        rows=rows,
        total_debits=sum((r.debits for r in rows), ZERO),
        total_credits=sum((r.credits for r in rows), ZERO),
    )


@dataclass(frozen=True)
class StatementLine:
    account: Account
    amount: Decimal  # natural sign: income and credit balances positive


@dataclass(frozen=True)
class IncomeStatement:
    """Estado de resultados. ``result`` is the surplus (negative: a loss)."""

    income: tuple[StatementLine, ...]
    expenses: tuple[StatementLine, ...]
    total_income: Decimal
    total_expenses: Decimal
    section: str | None = None

    @property
    def result(self) -> Decimal:
        return self.total_income - self.total_expenses


def _operating(transactions: Iterable[Transaction], section: str | None) -> list[Transaction]:
    return [
        t
        for t in transactions
        if t.kind is not TransactionKind.CLOSING and (section is None or t.section == section)
    ]


def income_statement(
    chart: Chart, transactions: Iterable[Transaction], section: str | None = None
) -> IncomeStatement:
    """Income and expenses of the given transactions (closing entries excluded), optionally
    only those tagged with ``section``. Retiros booked as expenses count as costs."""
    balances = account_balances(_operating(transactions, section))
    income = tuple(
        StatementLine(a, -balances[a.code])
        for a in chart.of_type(AccountType.INCOME)
        if balances.get(a.code)
    )
    expenses = tuple(
        StatementLine(a, balances[a.code])
        for a in chart.of_type(AccountType.EXPENSE)
        if balances.get(a.code)
    )
    return IncomeStatement(
        income=income,
        expenses=expenses,
        total_income=sum((line.amount for line in income), ZERO),
        total_expenses=sum((line.amount for line in expenses), ZERO),
        section=section,
    )


def results_by_section(
    chart: Chart, transactions: Iterable[Transaction]
) -> dict[str | None, Decimal]:
    """The result (income - expenses) of each section; ``None`` for untagged transactions.
    The values add up to the whole income statement's result."""
    kinds = {a.code for a in chart.of_type(*RESULT_KINDS)}
    results: dict[str | None, Decimal] = {}
    for t in _operating(transactions, None):
        for p in t.postings:
            if p.account in kinds:
                results[t.section] = results.get(t.section, ZERO) - p.amount
    return results


@dataclass(frozen=True)
class BalanceSheet:
    """Estado de situación patrimonial.

    ``unclosed_result`` is the income minus expenses not yet closed into the result account,
    so that ``total_assets == total_liabilities + total_equity + unclosed_result``.
    """

    assets: tuple[StatementLine, ...]
    liabilities: tuple[StatementLine, ...]
    equity: tuple[StatementLine, ...]
    total_assets: Decimal
    total_liabilities: Decimal
    total_equity: Decimal
    unclosed_result: Decimal

    @property
    def balanced(self) -> bool:
        return self.total_assets == (
            self.total_liabilities + self.total_equity + self.unclosed_result
        )


def balance_sheet(chart: Chart, transactions: Iterable[Transaction]) -> BalanceSheet:
    balances = account_balances(transactions)

    def lines(kind: AccountType, sign: int) -> tuple[StatementLine, ...]:
        return tuple(
            StatementLine(a, sign * balances[a.code])
            for a in chart.of_type(kind)
            if balances.get(a.code)
        )

    assets = lines(AccountType.ASSET, 1)
    liabilities = lines(AccountType.LIABILITY, -1)
    equity = lines(AccountType.EQUITY, -1)
    unclosed = -sum((balances.get(a.code, ZERO) for a in chart.of_type(*RESULT_KINDS)), ZERO)
    return BalanceSheet(
        assets=assets,
        liabilities=liabilities,
        equity=equity,
        total_assets=sum((line.amount for line in assets), ZERO),
        total_liabilities=sum((line.amount for line in liabilities), ZERO),
        total_equity=sum((line.amount for line in equity), ZERO),
        unclosed_result=unclosed,
    )


def balances_of(chart: Chart, balances: Mapping[str, Decimal], *kinds: AccountType) -> Decimal:
    """The sum of the debit-positive ``balances`` of the chart's accounts of these types."""
    return sum((balances.get(a.code, ZERO) for a in chart.of_type(*kinds)), ZERO)
