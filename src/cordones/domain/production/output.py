"""Output, hours and productivity by month.

Output and hours are recorded per day, week or month. A record belongs to the month in
which its period starts (a week that starts on 30 March counts in March). Output per hour
uses good units: quantity minus rejects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum

ZERO = Decimal(0)
RATIO_PLACES = Decimal("0.0001")


class PeriodKind(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def period_problem(kind: PeriodKind | str, start: date) -> str | None:
    """The code of what is wrong with a period's start, or ``None``: a week starts on a
    Monday, a month on its first day."""
    try:
        chosen = PeriodKind(kind)
    except ValueError:
        return "unknown_period"
    if chosen is PeriodKind.WEEK and start.weekday() != 0:
        return "week_not_monday"
    if chosen is PeriodKind.MONTH and start.day != 1:
        return "month_not_first"
    return None


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_starts(first: date, last: date) -> list[date]:
    """Every first-of-month from ``first``'s month to ``last``'s month, both included."""
    out = []
    current = month_start(first)
    while current <= last:
        out.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return out


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator <= 0:
        return None
    return (numerator / denominator).quantize(RATIO_PLACES, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class MonthPoint:
    month: date
    output: Decimal  # good units (quantity - rejects)
    hours: Decimal
    per_hour: Decimal | None  # None when no hours were recorded


def output_per_hour(
    output_by_month: Mapping[date, Decimal], hours_by_month: Mapping[date, Decimal]
) -> tuple[MonthPoint, ...]:
    """One point per month that has output or hours, in order."""
    months = sorted(set(output_by_month) | set(hours_by_month))
    points = []
    for month in months:
        output = output_by_month.get(month, ZERO)
        hours = hours_by_month.get(month, ZERO)
        points.append(MonthPoint(month, output, hours, _ratio(output, hours)))
    return tuple(points)


@dataclass(frozen=True)
class BeforeAfter:
    """Monthly averages before and from the recovery date (the month of the recovery counts
    as after)."""

    months_before: int
    months_after: int
    output_before: Decimal | None
    output_after: Decimal | None
    per_hour_before: Decimal | None
    per_hour_after: Decimal | None

    @property
    def comparable(self) -> bool:
        return bool(self.months_before and self.months_after)


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, ZERO) / len(values)).quantize(RATIO_PLACES, rounding=ROUND_HALF_EVEN)


def before_after(points: Iterable[MonthPoint], recovered_on: date) -> BeforeAfter:
    cut = month_start(recovered_on)
    before = [p for p in points if p.month < cut]
    after = [p for p in points if p.month >= cut]

    def per_hour(group: list[MonthPoint]) -> Decimal | None:
        hours = sum((p.hours for p in group), ZERO)
        return _ratio(sum((p.output for p in group), ZERO), hours)

    return BeforeAfter(
        months_before=len(before),
        months_after=len(after),
        output_before=_mean([p.output for p in before]),
        output_after=_mean([p.output for p in after]),
        per_hour_before=per_hour(before),
        per_hour_after=per_hour(after),
    )


def capacity_use(used: Decimal, capacity: Decimal | None) -> Decimal | None:
    """The share of a capacity used (1 = full); ``None`` without a capacity."""
    if capacity is None:
        return None
    return _ratio(used, capacity)


def inputs_required(per_unit: Mapping[str, Decimal], quantity: Decimal) -> dict[str, Decimal]:
    """What a bill of materials needs for ``quantity`` units of the product."""
    return {name: amount * quantity for name, amount in per_unit.items()}
