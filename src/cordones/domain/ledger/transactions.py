"""Transactions, postings, accounting periods and their validation (errors as data).

Sign convention (as in beancount): a posting's amount is positive for a debit and negative
for a credit, so a balanced transaction's amounts add up to zero, assets and expenses have
positive balances, and liabilities, equity and income negative ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from cordones.domain.common.money import is_cents
from cordones.domain.ledger.accounts import Chart
from cordones.domain.ledger.errors import LedgerError, ledger_error

ZERO = Decimal(0)


class TransactionKind(StrEnum):
    REGULAR = "regular"
    REVERSAL = "reversal"
    CLOSING = "closing"  # closes income and expense accounts into the year's result
    DISTRIBUTION = "distribution"  # applies the year's surplus to funds and retornos


@dataclass(frozen=True)
class Posting:
    """One line: ``amount`` is positive for a debit, negative for a credit."""

    account: str
    amount: Decimal
    memo: str = ""


def debit(account: str, amount: Decimal, memo: str = "") -> Posting:
    return Posting(account, amount, memo)


def credit(account: str, amount: Decimal, memo: str = "") -> Posting:
    return Posting(account, -amount, memo)


@dataclass(frozen=True)
class Transaction:
    """A journal entry. ``section`` tags it with a section of the workplace (e.g. a shop);
    ``ref`` is its identifier in the books; ``reverses`` is the ``ref`` of the transaction a
    reversal undoes."""

    date: date
    narration: str
    postings: tuple[Posting, ...]
    section: str | None = None
    ref: str | None = None
    kind: TransactionKind = TransactionKind.REGULAR
    reverses: str | None = None


@dataclass(frozen=True)
class Period:
    """An accounting period, both ends included. Transactions may only fall in open ones."""

    start: date
    end: date
    closed: bool = False

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def validate_transaction(
    transaction: Transaction, chart: Chart, periods: Sequence[Period] | None = None
) -> list[LedgerError]:
    """Every problem of one transaction: no lines, unknown accounts, amounts that are not
    finite, not exact to the cent or zero, an unbalanced total, and (when ``periods`` is given)
    a date outside every open period."""
    ref = transaction.ref
    errors: list[LedgerError] = []
    if not transaction.postings:
        errors.append(ledger_error("no_lines", ref=ref))
    total = ZERO
    amounts_ok = True
    for number, posting in enumerate(transaction.postings, start=1):
        if posting.account not in chart:
            errors.append(
                ledger_error("unknown_account", ref=ref, line=number, account=posting.account)
            )
        amount = posting.amount
        if not isinstance(amount, Decimal) or not amount.is_finite():
            errors.append(ledger_error("invalid_amount", ref=ref, line=number, amount=amount))
            amounts_ok = False
            continue
        if not is_cents(amount):
            errors.append(ledger_error("too_many_decimals", ref=ref, line=number, amount=amount))
            amounts_ok = False
        elif amount == 0:
            errors.append(ledger_error("zero_amount", ref=ref, line=number))
        total += amount
    if amounts_ok and transaction.postings and total != 0:
        errors.append(ledger_error("unbalanced", ref=ref, difference=total))
    if periods is not None:
        errors.extend(_check_period(transaction, periods))
    return errors


def _check_period(transaction: Transaction, periods: Sequence[Period]) -> list[LedgerError]:
    day = transaction.date
    containing = [p for p in periods if day in p]
    if any(not p.closed for p in containing):
        return []
    if containing:
        p = containing[0]
        return [
            ledger_error("period_closed", ref=transaction.ref, date=day, start=p.start, end=p.end)
        ]
    return [ledger_error("date_outside_period", ref=transaction.ref, date=day)]


def validate_ledger(
    transactions: Iterable[Transaction], chart: Chart, periods: Sequence[Period] | None = None
) -> list[tuple[int, LedgerError]]:
    """The errors of every transaction, each with the transaction's position (0-based)."""
    return [
        (position, err)
        for position, transaction in enumerate(transactions)
        for err in validate_transaction(transaction, chart, periods)
    ]


def transactions_between(
    transactions: Iterable[Transaction], start: date, end: date
) -> tuple[Transaction, ...]:
    """The transactions dated from ``start`` to ``end``, both included, in their order."""
    return tuple(t for t in transactions if start <= t.date <= end)
