"""The fiscal year close and the posting of an approved surplus distribution.

1. :func:`year_close` computes the year's surplus (income minus costs, retiros included as
   costs, since in a worker cooperative they are advances on the surplus booked as expenses)
   and the closing transactions that bring every income and expense account to zero against
   the chart's result account.
2. The assembly approves an ``Allocation`` (see ``cordones.domain.surplus``) of that surplus.
3. :func:`year_distribution` turns it into one transaction that debits the result account by
   the surplus and credits each fund, the share interest payable, the retornos payable (cash
   part) and the members' capital (capital part): it balances exactly because the
   allocation's funds add up to the surplus to the cent.

Per-member retornos are not posted as separate accounts here: the allocation's member lines
are the sub-ledger of "retornos a pagar".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cordones.domain.common.i18n import gettext_noop
from cordones.domain.ledger.accounts import AccountType, Chart
from cordones.domain.ledger.balances import ZERO, account_balances, income_statement
from cordones.domain.ledger.errors import LedgerError, ledger_error
from cordones.domain.ledger.transactions import (
    Posting,
    Transaction,
    TransactionKind,
    validate_transaction,
)
from cordones.domain.surplus.distribute import RETORNO_TOTAL, Allocation

# English msgids for the generated narrations: translate them by passing your own.
CLOSE_INCOME_NARRATION = gettext_noop("Year close: income accounts to the year's result")
CLOSE_EXPENSES_NARRATION = gettext_noop("Year close: expense accounts to the year's result")
DISTRIBUTION_NARRATION = gettext_noop("Distribution of the year's surplus (%(policy)s)")
RETORNO_CAPITAL = "retorno_capital"


@dataclass(frozen=True)
class YearClose:
    """``surplus`` is income minus expenses (negative: a loss); ``transactions`` close the
    income and expense accounts (none when they are already at zero)."""

    surplus: Decimal
    total_income: Decimal
    total_expenses: Decimal
    transactions: tuple[Transaction, ...]
    errors: tuple[LedgerError, ...] = ()


def year_result(chart: Chart, transactions: Sequence[Transaction]) -> Decimal:
    """The year's surplus: income minus costs, closing entries excluded."""
    return income_statement(chart, transactions).result


def _invalid(chart: Chart, transactions: Sequence[Transaction]) -> list[LedgerError]:
    errors = []
    for position, t in enumerate(transactions, start=1):
        problems = validate_transaction(t, chart)
        if problems:
            errors.append(
                ledger_error(
                    "invalid_transaction",
                    ref=t.ref,
                    position=position,
                    date=t.date,
                    narration=t.narration,
                    detail=" ".join(p.message() for p in problems),
                )
            )
    return errors


def year_close(
    chart: Chart,
    transactions: Sequence[Transaction],
    on: date,
    *,
    income_narration: str = CLOSE_INCOME_NARRATION,
    expenses_narration: str = CLOSE_EXPENSES_NARRATION,
) -> YearClose:
    """Close the year's income and expense accounts into ``chart.result_account`` on ``on``.

    Returns up to two transactions (income, then expenses); the result account moves by
    exactly the surplus (a credit for a surplus, a debit for a loss). Invalid input
    transactions are reported and nothing is closed.
    """
    statement = income_statement(chart, transactions)
    errors = _invalid(chart, transactions)
    if chart.result_account not in chart:
        errors.append(ledger_error("missing_result_account", account=chart.result_account))
    if errors:
        return YearClose(
            surplus=statement.result,
            total_income=statement.total_income,
            total_expenses=statement.total_expenses,
            transactions=(),
            errors=tuple(errors),
        )
    balances = account_balances(transactions)
    closing = []
    for kind, narration, ref in (
        (AccountType.INCOME, income_narration, f"close-{on.isoformat()}-income"),
        (AccountType.EXPENSE, expenses_narration, f"close-{on.isoformat()}-expenses"),
    ):
        lines = [
            Posting(a.code, -balances[a.code]) for a in chart.of_type(kind) if balances.get(a.code)
        ]
        if not lines:
            continue
        moved = sum((p.amount for p in lines), ZERO)
        if moved:  # accounts of one type can cancel out: then the result does not move
            lines.append(Posting(chart.result_account, -moved))
        closing.append(
            Transaction(
                date=on,
                narration=narration,
                postings=tuple(lines),
                ref=ref,
                kind=TransactionKind.CLOSING,
            )
        )
    return YearClose(
        surplus=statement.result,
        total_income=statement.total_income,
        total_expenses=statement.total_expenses,
        transactions=tuple(closing),
    )


@dataclass(frozen=True)
class Distribution:
    transaction: Transaction | None
    errors: tuple[LedgerError, ...] = ()


def year_distribution(
    chart: Chart,
    allocation: Allocation,
    on: date,
    *,
    expected_surplus: Decimal | None = None,
    narration: str | None = None,
    ref: str | None = None,
) -> Distribution:
    """The transaction posting an approved ``allocation`` of the year's surplus.

    Debits the result account by ``allocation.surplus`` and credits the account the chart maps
    to each fund with a non-zero amount (``chart.fund_accounts``); the retorno is split into
    its cash part (``retorno_total`` account) and the part credited to members' capital
    (``retorno_capital`` account). ``expected_surplus`` (e.g. ``YearClose.surplus``) is checked
    against the allocation. Nothing is posted for an allocation with errors.
    """
    errors: list[LedgerError] = []
    if allocation.errors:
        detail = " ".join(e.message() for e in allocation.errors)
        return Distribution(None, (ledger_error("allocation_has_errors", detail=detail),))
    if expected_surplus is not None and expected_surplus != allocation.surplus:
        errors.append(
            ledger_error(
                "allocation_surplus_mismatch",
                allocated=allocation.surplus,
                result=expected_surplus,
            )
        )
    credits: list[tuple[str, Decimal]] = []
    for key, amount in allocation.funds.items():
        if key == RETORNO_TOTAL:
            credits.append((RETORNO_TOTAL, allocation.retorno_cash_total))
            credits.append((RETORNO_CAPITAL, allocation.retorno_capital_total))
        else:
            credits.append((key, amount))
    lines = [Posting(chart.result_account, allocation.surplus)]
    for key, amount in credits:
        if not amount:
            continue
        account = chart.fund_accounts.get(key)
        if account is None:
            errors.append(ledger_error("no_account_for_fund", fund=key))
            continue
        lines.append(Posting(account, -amount, key))
    transaction = Transaction(
        date=on,
        narration=narration
        if narration is not None
        else DISTRIBUTION_NARRATION % {"policy": allocation.policy_id},
        postings=tuple(lines),
        ref=ref,
        kind=TransactionKind.DISTRIBUTION,
    )
    if not errors:  # a missing account would also show as "unbalanced": report it once
        errors.extend(validate_transaction(transaction, chart))
    if errors:
        return Distribution(None, tuple(errors))
    return Distribution(transaction)
