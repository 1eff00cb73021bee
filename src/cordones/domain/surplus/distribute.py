"""The surplus distribution waterfall: ``surplus_distribute`` -> :class:`Allocation`.

Reading of Ley 20.337 art. 42 (and of the other presets): the year surplus first covers the
losses of previous years, then rebuilds the reserves that were used to absorb losses (in that
order, each up to what is left); only what remains is the *distributable* surplus, and every
fund percentage applies to it, not to the gross surplus. Interest on paid-in shares comes
after the funds, and the retorno is the rest. So, to the cent::

    surplus = losses_covered + reserves_rebuilt + distributable
    distributable = sum(policy funds) + share_interest + retorno_total

Rounding: each fund is ``distributable * rate`` rounded to the cent ROUND_HALF_EVEN (if the
rounded funds ever exceeded the distributable surplus, which needs percentages adding up to
nearly 100 %, the excess cents are taken from the last funds of the waterfall); each member's
share interest is ``paid_in_shares * rate`` rounded the same way and the share_interest fund is
their sum; the retorno is split with the largest-remainder method (ties to the smaller member
id), so the member parts add up exactly to ``retorno_total``. Where a policy pays only part
of the retorno in cash, each member's cash part is rounded *up* to the cent so it never falls
below the policy's minimum; the rest goes to the member's capital account.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from cordones.domain.common.i18n import gettext_noop
from cordones.domain.common.money import (
    cents_ceiling,
    cents_half_even,
    from_cents,
    is_cents,
    largest_remainder,
    to_cents,
)
from cordones.domain.surplus.errors import SurplusError, error
from cordones.domain.surplus.policy import BASIS_FIELDS, Basis, SurplusPolicy, policy_validate

ZERO = Decimal(0)
SHARE_PLACES = Decimal("0.000001")

# The fund keys every allocation has besides the policy's own funds, and their English labels.
LOSSES_COVERED = "losses_covered"
RESERVES_REBUILT = "reserves_rebuilt"
SHARE_INTEREST = "share_interest"
RETORNO_TOTAL = "retorno_total"
FIXED_FUND_LABELS: Mapping[str, str] = {
    LOSSES_COVERED: gettext_noop("Losses of previous years covered"),
    RESERVES_REBUILT: gettext_noop("Reserves used for losses, rebuilt"),
    SHARE_INTEREST: gettext_noop("Interest on paid-in shares"),
    RETORNO_TOTAL: gettext_noop("Retorno to members"),
}


@dataclass(frozen=True)
class Member:
    """One member's input: the basis values (as the basis needs) and paid-in shares."""

    id: str
    hours: Decimal | None = None
    retiros: Decimal | None = None
    coefficient: Decimal | None = None
    paid_in_shares: Decimal = ZERO


@dataclass(frozen=True)
class MemberLine:
    """One member's part of an allocation.

    ``basis_value`` is the weight used (1 for the equal basis); ``share`` is that weight over
    the total, rounded to 6 decimals for display (the split itself uses the exact fraction).
    """

    id: str
    basis_value: Decimal
    share: Decimal
    retorno: Decimal
    share_interest: Decimal
    retorno_cash: Decimal
    retorno_capital: Decimal

    @property
    def total(self) -> Decimal:
        return self.retorno + self.share_interest

    @property
    def cash_total(self) -> Decimal:
        """What is paid to the member in cash: the cash retorno plus share interest."""
        return self.retorno_cash + self.share_interest


@dataclass(frozen=True)
class Allocation:
    """The result of :func:`surplus_distribute`.

    ``funds`` is ordered as the waterfall: losses_covered, reserves_rebuilt, the policy's funds,
    share_interest, retorno_total. With a positive surplus and no errors its values add up to
    ``surplus`` exactly. ``errors`` non-empty means nothing is distributed: with input errors
    ``funds`` is empty; with the single error ``no_surplus`` (surplus <= 0) every fund and
    member part is zero and the loss is carried forward. ``members`` is sorted by id.
    """

    policy_id: str
    currency: str
    basis: str
    surplus: Decimal
    distributable: Decimal
    funds: Mapping[str, Decimal]
    members: tuple[MemberLine, ...]
    basis_total: Decimal = ZERO
    share_interest_rate: Decimal | None = None
    losses_carried_forward: Decimal = ZERO
    reserves_pending: Decimal = ZERO
    credited_to_capital_accounts: bool = False
    errors: tuple[SurplusError, ...] = ()
    warnings: tuple[SurplusError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def distributed(self) -> bool:
        """Whether the surplus was applied (false on errors and when there is no surplus)."""
        return not self.errors and self.surplus > 0

    @property
    def retorno_cash_total(self) -> Decimal:
        return sum((m.retorno_cash for m in self.members), ZERO)

    @property
    def retorno_capital_total(self) -> Decimal:
        return sum((m.retorno_capital for m in self.members), ZERO)

    def member(self, member_id: str) -> MemberLine | None:
        for line in self.members:
            if line.id == member_id:
                return line
        return None


def fund_labels(policy: SurplusPolicy) -> dict[str, str]:
    """English labels (msgids) of every key an allocation under ``policy`` has, in order."""
    labels = {
        LOSSES_COVERED: FIXED_FUND_LABELS[LOSSES_COVERED],
        RESERVES_REBUILT: FIXED_FUND_LABELS[RESERVES_REBUILT],
    }
    labels.update({rule.key: rule.label for rule in policy.funds})
    labels[SHARE_INTEREST] = FIXED_FUND_LABELS[SHARE_INTEREST]
    labels[RETORNO_TOTAL] = FIXED_FUND_LABELS[RETORNO_TOTAL]
    return labels


def _check_money(
    name: str, value: Decimal, errors: list[SurplusError], *, allow_negative: bool
) -> bool:
    if not isinstance(value, Decimal) or not value.is_finite():
        errors.append(error("invalid_amount", field=name, value=value))
        return False
    if not is_cents(value):
        errors.append(error("not_cents", field=name, value=value))
        return False
    if not allow_negative and value < 0:
        errors.append(error("negative_amount", field=name, value=value))
        return False
    return True


def _member_weight(member: Member, basis: Basis) -> Decimal | None:
    name = BASIS_FIELDS[basis]
    if name is None:
        return Decimal(1)
    value: Decimal | None = getattr(member, name)
    return value


def _check_members(
    members: Sequence[Member], basis: Basis | None, errors: list[SurplusError]
) -> None:
    seen: set[str] = set()
    for index, member in enumerate(members):
        if not member.id:
            errors.append(error("empty_member_id", field="id", index=index, position=index + 1))
        elif member.id in seen:
            errors.append(
                error(
                    "duplicate_member",
                    field="id",
                    member_id=member.id,
                    index=index,
                    member=member.id,
                )
            )
        seen.add(member.id)
        shares = member.paid_in_shares
        if not isinstance(shares, Decimal) or not shares.is_finite():
            errors.append(
                error(
                    "invalid_amount",
                    field="paid_in_shares",
                    member_id=member.id,
                    index=index,
                    value=shares,
                )
            )
        elif not is_cents(shares):
            errors.append(
                error(
                    "not_cents",
                    field="paid_in_shares",
                    member_id=member.id,
                    index=index,
                    value=shares,
                )
            )
        elif shares < 0:
            errors.append(
                error(
                    "negative_amount",
                    field="paid_in_shares",
                    member_id=member.id,
                    index=index,
                    value=shares,
                )
            )
        if basis is None:
            continue
        name = BASIS_FIELDS[basis]
        if name is None:
            continue
        value = getattr(member, name)
        if value is None:
            errors.append(
                error(
                    "missing_basis_value",
                    field=name,
                    member_id=member.id,
                    index=index,
                    member=member.id,
                    basis=basis.value,
                )
            )
        elif not isinstance(value, Decimal) or not value.is_finite():
            errors.append(
                error(
                    "invalid_basis_value",
                    field=name,
                    member_id=member.id,
                    index=index,
                    member=member.id,
                    value=value,
                )
            )
        elif value < 0:
            errors.append(
                error(
                    "negative_basis_value",
                    field=name,
                    member_id=member.id,
                    index=index,
                    member=member.id,
                    value=value,
                )
            )


def _coerce_basis(
    policy: SurplusPolicy, basis: Basis | str, errors: list[SurplusError]
) -> Basis | None:
    allowed = ", ".join(b.value for b in policy.allowed_bases)
    try:
        chosen = Basis(basis)
    except ValueError:
        errors.append(error("unknown_basis", field="basis", basis=basis, allowed=allowed))
        return None
    if chosen not in policy.allowed_bases:
        errors.append(
            error(
                "basis_not_allowed",
                field="basis",
                basis=chosen.value,
                policy=policy.id,
                allowed=allowed,
            )
        )
    return chosen


def _check_share_interest(
    policy: SurplusPolicy,
    rate: Decimal | None,
    errors: list[SurplusError],
    warnings: list[SurplusError],
) -> None:
    if rate is None:
        return
    field = "share_interest_rate"
    if not isinstance(rate, Decimal) or not rate.is_finite():
        errors.append(error("invalid_amount", field=field, value=rate))
        return
    if not policy.share_interest_allowed:
        if rate != 0:
            errors.append(error("share_interest_not_allowed", field=field, policy=policy.id))
        return
    if rate < 0:
        errors.append(error("share_interest_negative", field=field, rate=rate))
        return
    cap = policy.share_interest_cap
    if cap is not None and rate > cap:
        errors.append(error("share_interest_above_cap", field=field, rate=rate, cap=cap))
    elif cap is None and policy.share_interest_capped and rate > 0:
        warnings.append(error("share_interest_cap_unset", field=field, policy=policy.id, rate=rate))


def surplus_distribute(
    policy: SurplusPolicy,
    surplus: Decimal,
    basis: Basis | str,
    members: Sequence[Member],
    losses_to_cover: Decimal = ZERO,
    reserves_to_rebuild: Decimal = ZERO,
    share_interest_rate: Decimal | None = None,
    currency: str = "ARS",
) -> Allocation:
    """Apply ``policy`` to the year ``surplus`` and share the retorno among ``members``.

    ``losses_to_cover`` are losses of previous years still uncovered; ``reserves_to_rebuild``
    is what was taken from reserves to absorb losses and not yet rebuilt. ``share_interest_rate``
    is the annual rate on paid-in shares (e.g. ``Decimal("0.06")``) if the assembly pays any.
    Problems come back in ``Allocation.errors`` (see the module docstring for the reading of
    art. 42 and the rounding rule); this function does not raise on bad data.
    """
    errors: list[SurplusError] = list(policy_validate(policy))
    warnings: list[SurplusError] = []
    surplus_ok = _check_money("surplus", surplus, errors, allow_negative=True)
    _check_money("losses_to_cover", losses_to_cover, errors, allow_negative=False)
    _check_money("reserves_to_rebuild", reserves_to_rebuild, errors, allow_negative=False)
    chosen = _coerce_basis(policy, basis, errors)
    _check_share_interest(policy, share_interest_rate, errors, warnings)
    _check_members(members, chosen, errors)

    basis_name = chosen.value if chosen is not None else str(basis)
    empty = Allocation(
        policy_id=policy.id,
        currency=currency,
        basis=basis_name,
        surplus=surplus if surplus_ok else ZERO,
        distributable=ZERO,
        funds=MappingProxyType({}),
        members=(),
        share_interest_rate=share_interest_rate,
        credited_to_capital_accounts=policy.credited_to_capital_accounts,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )
    if errors or chosen is None:
        return empty

    ordered = sorted(members, key=lambda m: m.id)
    weights = [(m.id, Fraction(_member_weight(m, chosen) or ZERO)) for m in ordered]
    weight_of = dict(weights)
    weight_total = sum(weight_of.values(), Fraction(0))
    keys = list(fund_labels(policy))

    surplus_c = to_cents(surplus)
    losses_c = to_cents(losses_to_cover)
    reserves_c = to_cents(reserves_to_rebuild)

    if surplus_c <= 0:
        lines = tuple(_line(m, weight_of[m.id], weight_total, 0, 0, policy) for m in ordered)
        return Allocation(
            policy_id=policy.id,
            currency=currency,
            basis=chosen.value,
            surplus=from_cents(surplus_c),
            distributable=ZERO,
            funds=MappingProxyType({key: from_cents(0) for key in keys}),
            members=lines,
            basis_total=_decimal(weight_total),
            share_interest_rate=share_interest_rate,
            losses_carried_forward=from_cents(losses_c - surplus_c),
            reserves_pending=from_cents(reserves_c),
            credited_to_capital_accounts=policy.credited_to_capital_accounts,
            errors=(
                error(
                    "no_surplus",
                    field="surplus",
                    surplus=from_cents(surplus_c),
                    carried=from_cents(losses_c - surplus_c),
                ),
            ),
            warnings=tuple(warnings),
        )

    # 1. prior charges, in order: losses of previous years, then used reserves.
    covered = min(losses_c, surplus_c)
    rebuilt = min(reserves_c, surplus_c - covered)
    base = surplus_c - covered - rebuilt

    # 2. the policy's funds, each rounded half-even on the distributable surplus.
    fund_cents = {rule.key: cents_half_even(base * Fraction(rule.rate)) for rule in policy.funds}
    excess = sum(fund_cents.values()) - base
    for rule in reversed(policy.funds):
        if excess <= 0:
            break
        take = min(excess, fund_cents[rule.key])
        fund_cents[rule.key] -= take
        excess -= take
    remainder = base - sum(fund_cents.values())

    # 3. interest on paid-in shares.
    rate = Fraction(share_interest_rate) if share_interest_rate else Fraction(0)
    interest = {m.id: cents_half_even(Fraction(m.paid_in_shares) * 100 * rate) for m in ordered}
    interest_total = sum(interest.values())
    if interest_total > remainder:
        return _with_errors(
            empty,
            error(
                "share_interest_exceeds_remainder",
                field="share_interest_rate",
                interest=from_cents(interest_total),
                remainder=from_cents(remainder),
            ),
        )

    # 4. the retorno, split by largest remainder.
    retorno = remainder - interest_total
    if retorno > 0 and not ordered:
        return _with_errors(empty, error("no_members", field="members"))
    if retorno > 0 and weight_total == 0:
        return _with_errors(
            empty,
            error("no_work", field="basis", basis=chosen.value, retorno=from_cents(retorno)),
        )
    parts = largest_remainder(retorno, weights)

    funds: dict[str, Decimal] = {
        LOSSES_COVERED: from_cents(covered),
        RESERVES_REBUILT: from_cents(rebuilt),
    }
    funds.update({key: from_cents(c) for key, c in fund_cents.items()})
    funds[SHARE_INTEREST] = from_cents(interest_total)
    funds[RETORNO_TOTAL] = from_cents(retorno)

    lines = tuple(
        _line(m, weight_of[m.id], weight_total, parts[m.id], interest[m.id], policy)
        for m in ordered
    )
    return Allocation(
        policy_id=policy.id,
        currency=currency,
        basis=chosen.value,
        surplus=from_cents(surplus_c),
        distributable=from_cents(base),
        funds=MappingProxyType(funds),
        members=lines,
        basis_total=_decimal(weight_total),
        share_interest_rate=share_interest_rate,
        losses_carried_forward=from_cents(losses_c - covered),
        reserves_pending=from_cents(reserves_c - rebuilt),
        credited_to_capital_accounts=policy.credited_to_capital_accounts,
        warnings=tuple(warnings),
    )


def _decimal(value: Fraction) -> Decimal:
    """A fraction whose denominator divides a power of ten (a sum of Decimals), exactly."""
    den = value.denominator
    k = 0
    while 10**k % den:
        k += 1
    scaled = abs(value.numerator) * (10**k // den)
    digits = tuple(int(d) for d in str(scaled))
    return Decimal((int(value < 0), digits, -k))


def _line(
    member: Member,
    weight: Fraction,
    weight_total: Fraction,
    retorno: int,
    interest: int,
    policy: SurplusPolicy,
) -> MemberLine:
    share = weight / weight_total if weight_total else Fraction(0)
    cash = min(retorno, cents_ceiling(retorno * Fraction(policy.retorno_cash_fraction)))
    return MemberLine(
        id=member.id,
        basis_value=_decimal(weight),
        share=(Decimal(share.numerator) / Decimal(share.denominator)).quantize(SHARE_PLACES),
        retorno=from_cents(retorno),
        share_interest=from_cents(interest),
        retorno_cash=from_cents(cash),
        retorno_capital=from_cents(retorno - cash),
    )


def _with_errors(allocation: Allocation, *errors: SurplusError) -> Allocation:
    return dataclasses.replace(allocation, errors=allocation.errors + errors)
