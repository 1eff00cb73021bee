"""Ledger errors, returned as data (in the manner of beancount).

Messages are English msgids with ``%(name)s`` placeholders; pass a gettext-like callable to
:meth:`LedgerError.message` to translate them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cordones.domain.common.errors import DomainError, checked_code, text_params
from cordones.domain.common.i18n import gettext_noop

MESSAGES: Mapping[str, str] = {
    # transactions
    "no_lines": gettext_noop("The transaction has no lines."),
    "unknown_account": gettext_noop("Line %(line)s: unknown account %(account)s."),
    "invalid_amount": gettext_noop("Line %(line)s: the amount %(amount)s is not a finite decimal."),
    "too_many_decimals": gettext_noop(
        "Line %(line)s: the amount %(amount)s has more than 2 decimal places."
    ),
    "zero_amount": gettext_noop("Line %(line)s: the amount is zero."),
    "unbalanced": gettext_noop(
        "The transaction does not balance: debits exceed credits by %(difference)s."
    ),
    "date_outside_period": gettext_noop("The date %(date)s is outside every open period."),
    "period_closed": gettext_noop(
        "The date %(date)s is in the closed period %(start)s to %(end)s."
    ),
    # chart
    "duplicate_account": gettext_noop("The account code %(account)s appears more than once."),
    "invalid_account_code": gettext_noop(
        "The account code %(account)s is not valid (digits and letters separated by dots)."
    ),
    "missing_result_account": gettext_noop("The result account %(account)s is not in the chart."),
    "result_account_not_equity": gettext_noop(
        "The result account %(account)s is not an equity account."
    ),
    "missing_fund_account": gettext_noop(
        "Fund %(fund)s maps to %(account)s, which is not in the chart."
    ),
    # year close and distribution
    "invalid_transaction": gettext_noop(
        "Transaction %(position)s (%(date)s, %(narration)s) is not valid: %(detail)s"
    ),
    "allocation_has_errors": gettext_noop(
        "The allocation has errors and cannot be posted: %(detail)s"
    ),
    "allocation_surplus_mismatch": gettext_noop(
        "The allocation distributes %(allocated)s but the year's result is %(result)s."
    ),
    "no_account_for_fund": gettext_noop("The chart has no account for fund %(fund)s."),
}


@dataclass(frozen=True)
class LedgerError(DomainError):
    """One problem. ``line`` is the 1-based line of the transaction it is about, if any."""

    code: str
    ref: str | None = None
    line: int | None = None
    account: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    MESSAGES = MESSAGES


def ledger_error(
    code: str,
    *,
    ref: str | None = None,
    line: int | None = None,
    account: str | None = None,
    **params: object,
) -> LedgerError:
    values = {"line": line, "account": account, **params}
    return LedgerError(
        code=checked_code(code, MESSAGES),
        ref=ref,
        line=line,
        account=account,
        params=text_params({k: v for k, v in values.items() if v is not None}),
    )
