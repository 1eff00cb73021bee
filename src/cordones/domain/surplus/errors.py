"""Errors and warnings of the surplus distribution, returned as data.

Every message is an English msgid with ``%(name)s`` placeholders; callers translate it by
passing a gettext-like callable to :meth:`SurplusError.message` (the identity by default), so
the domain never imports a translation framework.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cordones.domain.common.errors import DomainError, checked_code, text_params
from cordones.domain.common.i18n import gettext_noop

# code -> English msgid. One place for every message the surplus rules can produce.
MESSAGES: Mapping[str, str] = {
    # outcomes
    "no_surplus": gettext_noop(
        "The surplus is %(surplus)s: nothing is distributed; the loss of "
        "%(carried)s is carried forward."
    ),
    # amounts
    "invalid_amount": gettext_noop("%(field)s must be a finite decimal amount, got %(value)s."),
    "not_cents": gettext_noop(
        "%(field)s must be exact to the cent (at most 2 decimals), got %(value)s."
    ),
    "negative_amount": gettext_noop("%(field)s cannot be negative, got %(value)s."),
    # basis and members
    "unknown_basis": gettext_noop("Unknown retorno basis %(basis)s; use one of: %(allowed)s."),
    "basis_not_allowed": gettext_noop(
        "Policy %(policy)s does not allow the basis %(basis)s; use one of: %(allowed)s."
    ),
    "no_members": gettext_noop("There are no members to return the surplus to."),
    "empty_member_id": gettext_noop("Member number %(position)s has an empty id."),
    "duplicate_member": gettext_noop("Member id %(member)s appears more than once."),
    "missing_basis_value": gettext_noop(
        "Member %(member)s has no %(field)s, which the basis %(basis)s needs."
    ),
    "invalid_basis_value": gettext_noop(
        "Member %(member)s: %(field)s must be a finite decimal, got %(value)s."
    ),
    "negative_basis_value": gettext_noop(
        "Member %(member)s: %(field)s cannot be negative, got %(value)s."
    ),
    "no_work": gettext_noop(
        "No member has any %(basis)s: the retorno of %(retorno)s cannot be shared."
    ),
    # share interest
    "share_interest_not_allowed": gettext_noop(
        "Policy %(policy)s does not allow interest on paid-in shares."
    ),
    "share_interest_negative": gettext_noop(
        "The share interest rate cannot be negative, got %(rate)s."
    ),
    "share_interest_above_cap": gettext_noop(
        "The share interest rate %(rate)s is above the cap %(cap)s."
    ),
    "share_interest_exceeds_remainder": gettext_noop(
        "Interest on shares (%(interest)s) exceeds what is left after the funds (%(remainder)s)."
    ),
    "share_interest_cap_unset": gettext_noop(
        "Policy %(policy)s caps interest on shares but no cap is configured for "
        "this year; check the rate %(rate)s against the statute (for Argentina: "
        "at most 1 point above the Banco de la Nación discount rate)."
    ),
    # policy
    "fund_below_minimum": gettext_noop(
        "Fund %(fund)s gets %(rate)s, below the minimum of %(minimum)s."
    ),
    "fund_above_maximum": gettext_noop(
        "Fund %(fund)s gets %(rate)s, above the maximum of %(maximum)s."
    ),
    "fund_rates_exceed_total": gettext_noop(
        "The fund percentages add up to %(total)s, more than 100 %%."
    ),
    "invalid_cash_fraction": gettext_noop(
        "The minimum cash part of the retorno must be between 0 and 1, got %(value)s."
    ),
}


@dataclass(frozen=True)
class SurplusError(DomainError):
    """One problem (or, in ``Allocation.warnings``, one caveat) found while distributing.

    ``field`` names the input it is about (``surplus``, ``hours`` ...), ``member_id`` and
    ``index`` (position in the input sequence) say which member, when it is about one.
    """

    code: str
    field: str | None = None
    member_id: str | None = None
    index: int | None = None
    params: tuple[tuple[str, str], ...] = ()

    MESSAGES = MESSAGES


def error(
    code: str,
    *,
    field: str | None = None,
    member_id: str | None = None,
    index: int | None = None,
    **params: object,
) -> SurplusError:
    return SurplusError(
        code=checked_code(code, MESSAGES),
        field=field,
        member_id=member_id,
        index=index,
        params=text_params({"field": field, **params}),
    )
