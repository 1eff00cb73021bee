"""Member statements: what each member gets from an allocation, and why."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cordones.domain.surplus.distribute import RETORNO_TOTAL, Allocation, MemberLine


@dataclass(frozen=True)
class MemberStatement:
    """One member's statement of the year's surplus distribution.

    ``basis_value`` / ``basis_total`` is the member's ``share`` of the work measure; the
    member's ``retorno`` is that share of the cooperative's ``retorno_total`` (to the cent).
    ``cash_total`` is paid out (cash retorno + share interest); ``retorno_capital`` is credited
    to the member's capital account when the policy says so.
    """

    member_id: str
    policy_id: str
    currency: str
    basis: str
    basis_value: Decimal
    basis_total: Decimal
    share: Decimal
    retorno_total: Decimal
    retorno: Decimal
    share_interest_rate: Decimal | None
    share_interest: Decimal
    retorno_cash: Decimal
    retorno_capital: Decimal
    credited_to_capital_accounts: bool
    total: Decimal
    cash_total: Decimal


def _statement(allocation: Allocation, line: MemberLine) -> MemberStatement:
    return MemberStatement(
        member_id=line.id,
        policy_id=allocation.policy_id,
        currency=allocation.currency,
        basis=allocation.basis,
        basis_value=line.basis_value,
        basis_total=allocation.basis_total,
        share=line.share,
        retorno_total=allocation.funds.get(RETORNO_TOTAL, Decimal("0.00")),
        retorno=line.retorno,
        share_interest_rate=allocation.share_interest_rate,
        share_interest=line.share_interest,
        retorno_cash=line.retorno_cash,
        retorno_capital=line.retorno_capital,
        credited_to_capital_accounts=allocation.credited_to_capital_accounts,
        total=line.total,
        cash_total=line.cash_total,
    )


def member_statements(allocation: Allocation) -> tuple[MemberStatement, ...]:
    """A statement per member line of ``allocation`` (none if it has input errors)."""
    return tuple(_statement(allocation, line) for line in allocation.members)


def member_statement(allocation: Allocation, member_id: str) -> MemberStatement | None:
    line = allocation.member(member_id)
    return None if line is None else _statement(allocation, line)
