"""Money: the cent, and exact rounding to it.

Amounts are handled internally as integer cents and exact fractions, so that no intermediate
result depends on a decimal context's precision.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

CENT = Decimal("0.01")


def is_cents(amount: Decimal) -> bool:
    """Whether a finite ``amount`` is exact to the cent (``1.500`` is, ``1.505`` is not)."""
    return (Fraction(amount) * 100).denominator == 1


def to_cents(amount: Decimal) -> int:
    """A finite amount exact to the cent, as integer cents."""
    cents = Fraction(amount) * 100
    if cents.denominator != 1:
        raise ValueError(f"{amount} is not exact to the cent")
    return cents.numerator


def from_cents(cents: int) -> Decimal:
    """Integer cents as a ``Decimal`` with exactly two decimals (``1234`` -> ``12.34``)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return Decimal(f"{sign}{whole}.{part:02d}")


def cents_half_even(value: Fraction) -> int:
    """``value`` (in cents) rounded to a whole cent, ties to even (ROUND_HALF_EVEN)."""
    return round(value)


def cents_ceiling(value: Fraction) -> int:
    return math.ceil(value)


def largest_remainder(total: int, weights: Sequence[tuple[str, Fraction]]) -> dict[str, int]:
    """Split ``total`` cents in proportion to ``weights`` so that the parts add up exactly.

    Each key first gets the floor of its exact quota; the cents left over go one each to the
    keys with the largest fractional remainders; ties go to the smaller key (string order), so
    the split does not depend on the order of ``weights``. Every part is within one cent of
    its exact quota, and a zero weight gets zero. Weights must be non-negative with a
    positive sum (or ``total`` must be zero).
    """
    weight_sum = sum((w for _, w in weights), Fraction(0))
    if total == 0:
        return {key: 0 for key, _ in weights}
    if weight_sum <= 0:
        raise ValueError("weights must have a positive sum")
    quotas = [(key, Fraction(total) * w / weight_sum) for key, w in weights]
    parts = {key: math.floor(q) for key, q in quotas}
    left = total - sum(parts.values())
    order = sorted(quotas, key=lambda kq: (-(kq[1] - math.floor(kq[1])), kq[0]))
    for key, _ in order[:left]:
        parts[key] += 1
    return parts
