"""Customer concentration: the share of sales of the top 1, 3 and 5 customers and the
Herfindahl-Hirschman index (HHI), the sum of the squared shares, on a 0-10,000 scale
(10,000: a single customer; below 1,500 is usually read as unconcentrated, above 2,500 as
highly concentrated).

Exact: shares are computed as fractions and only rounded for display (4 decimals for
shares, 2 for the HHI, half-even). Customers whose net sales in the period are zero or
negative (returns) do not count. Ties in the ranking go to the smaller customer id, so the
result does not depend on the order of the input.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import TypeVar

from cordones.domain.common.money import CENT

SHARE_PLACES = Decimal("0.0001")
HHI_PLACES = Decimal("0.01")


def _decimal(value: Fraction, places: Decimal) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        places, rounding=ROUND_HALF_EVEN
    )


def line_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """A sale's amount: quantity times unit price, to the cent (half-even)."""
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Concentration:
    total: Decimal
    customers: int
    top1: Decimal  # share of sales (0-1) of the largest customer
    top3: Decimal
    top5: Decimal
    hhi: Decimal  # 0-10,000
    ranking: tuple[tuple[str, Decimal, Decimal], ...]  # (customer, amount, share), largest first

    @property
    def level(self) -> str:
        """``low`` (HHI < 1,500), ``moderate`` (to 2,500) or ``high``; ``none`` without sales."""
        if not self.customers:
            return "none"
        if self.hhi < 1500:
            return "low"
        if self.hhi <= 2500:
            return "moderate"
        return "high"


def concentration(amounts: Mapping[str, Decimal]) -> Concentration:
    positive = {k: v for k, v in amounts.items() if v > 0}
    total = sum(positive.values(), Decimal(0))
    if not positive:
        zero = Decimal(0).quantize(SHARE_PLACES)
        return Concentration(Decimal(0), 0, zero, zero, zero, Decimal(0).quantize(HHI_PLACES), ())
    ranked = sorted(positive.items(), key=lambda kv: (-kv[1], kv[0]))
    exact_total = Fraction(total)
    shares = [(k, v, Fraction(v) / exact_total) for k, v in ranked]

    def top(n: int) -> Decimal:
        return _decimal(sum((s for _, _, s in shares[:n]), Fraction(0)), SHARE_PLACES)

    hhi = sum((s * s for _, _, s in shares), Fraction(0)) * 10_000
    return Concentration(
        total=total,
        customers=len(shares),
        top1=top(1),
        top3=top(3),
        top5=top(5),
        hhi=_decimal(hhi, HHI_PLACES),
        ranking=tuple((k, v, _decimal(s, SHARE_PLACES)) for k, v, s in shares),
    )


P = TypeVar("P", bound=Hashable)


def concentration_by_period(amounts: Mapping[tuple[P, str], Decimal]) -> dict[P, Concentration]:
    """The concentration of each period, from amounts keyed by ``(period, customer)``."""
    grouped: dict[P, dict[str, Decimal]] = {}
    for (period, customer), amount in amounts.items():
        bucket = grouped.setdefault(period, {})
        bucket[customer] = bucket.get(customer, Decimal(0)) + amount
    return {period: concentration(grouped[period]) for period in sorted(grouped)}  # type: ignore[type-var]
