"""Corrections by reversal: posted transactions are never edited, they are reversed."""

from __future__ import annotations

from datetime import date

from cordones.domain.common.i18n import gettext_noop
from cordones.domain.ledger.transactions import Posting, Transaction, TransactionKind

REVERSAL_NARRATION = gettext_noop("Reversal of: %(narration)s")


def transaction_reverse(
    transaction: Transaction,
    on: date | None = None,
    *,
    narration: str | None = None,
    ref: str | None = None,
) -> Transaction:
    """The transaction that undoes ``transaction``: same accounts, opposite amounts.

    Dated ``on`` (the original date by default: use the correction date when the original's
    period is closed). The default narration is English text; pass a translated one.
    """
    return Transaction(
        date=transaction.date if on is None else on,
        narration=narration
        if narration is not None
        else REVERSAL_NARRATION % {"narration": transaction.narration},
        postings=tuple(Posting(p.account, -p.amount, p.memo) for p in transaction.postings),
        section=transaction.section,
        ref=ref,
        kind=TransactionKind.REVERSAL,
        reverses=transaction.ref,
    )
