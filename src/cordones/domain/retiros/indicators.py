"""Indicators around retiros: the pay ratio (highest to lowest retiro of a month) and the
retiros against a price index the workplace enters (monthly inflation rates, in percent)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

RATIO_PLACES = Decimal("0.01")
INDEX_PLACES = Decimal("0.01")


def _decimal(value: Fraction, places: Decimal) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        places, rounding=ROUND_HALF_EVEN
    )


def pay_ratio(amounts: Iterable[Decimal]) -> Decimal | None:
    """Highest over lowest of the positive amounts (2 decimals); ``None`` without any."""
    positive = [a for a in amounts if a > 0]
    if not positive:
        return None
    return _decimal(Fraction(max(positive)) / Fraction(min(positive)), RATIO_PLACES)


@dataclass(frozen=True)
class PricePoint:
    """One month: the average retiro, both as an index (first month = 100), the price index
    (first month = 100) and the average retiro in money of the first month (real terms)."""

    month: date
    average: Decimal
    retiro_index: Decimal
    price_index: Decimal
    real: Decimal
    rate_known: bool  # false when no rate was entered for the month (taken as 0 %)


def retiros_against_prices(
    averages: Mapping[date, Decimal], monthly_rates: Mapping[date, Decimal]
) -> tuple[PricePoint, ...]:
    """For the months with retiros, in order. The first month is the base (its own rate is
    not applied); each later month multiplies the price index by ``1 + rate / 100``."""
    months = sorted(m for m, v in averages.items() if v > 0)
    if not months:
        return ()
    base = Fraction(averages[months[0]])
    index = Fraction(1)
    out = []
    previous: date | None = None
    for month in months:
        known = True
        if previous is not None:
            # every month from the previous point to this one
            cursor = previous
            while cursor < month:
                cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
                rate = monthly_rates.get(cursor)
                if rate is None:
                    known = False
                else:
                    index *= 1 + Fraction(rate) / 100
        value = Fraction(averages[month])
        out.append(
            PricePoint(
                month=month,
                average=averages[month],
                retiro_index=_decimal(value / base * 100, INDEX_PLACES),
                price_index=_decimal(index * 100, INDEX_PLACES),
                real=_decimal(value / index, RATIO_PLACES),
                rate_known=known,
            )
        )
        previous = month
    return tuple(out)
