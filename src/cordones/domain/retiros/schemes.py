"""A month's retiros sheet under a scheme, exact to the cent.

Schemes (chosen by the assembly):

- ``egalitarian``: every member gets the same ``base``.
- ``coefficient``: ``base × coefficient × (1 + seniority_rate × full years)``: the member's
  role coefficient (e.g. 1.0 helper, 1.3 skilled), plus a seniority percentage per full
  year in the cooperative (e.g. 0.01 = 1 % a year) applied to that amount.
- ``hours``: ``hourly_rate × hours worked that month`` (times the same seniority factor).

Without a ``pool`` each amount is rounded half-even to the cent. With a ``pool`` (what the
month's income allows to share) the pool is split in proportion to the same weights
(1 each, coefficient × seniority, or hours × seniority) by the largest-remainder method, so
the lines add up to the pool exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

from cordones.domain.common.errors import DomainError, text_params
from cordones.domain.common.i18n import gettext_noop
from cordones.domain.common.money import (
    from_cents,
    is_cents,
    largest_remainder,
    to_cents,
)

ZERO = Decimal(0)
WEIGHT_PLACES = Decimal("0.0001")


class SchemeKind(StrEnum):
    EGALITARIAN = "egalitarian"
    COEFFICIENT = "coefficient"
    HOURS = "hours"


MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "base_required": gettext_noop("This scheme needs a monthly base amount."),
        "rate_required": gettext_noop("This scheme needs an hourly rate."),
        "negative": gettext_noop("%(field)s cannot be negative."),
        "not_cents": gettext_noop("%(field)s must be exact to the cent."),
        "seniority_egalitarian": gettext_noop(
            "An egalitarian scheme pays everyone the same: it has no seniority percentage."
        ),
        "seniority_range": gettext_noop("The seniority percentage must be between 0 and 10 %."),
        "no_workers": gettext_noop("No member worked in this month."),
        "missing_coefficient": gettext_noop("Member %(member)s has no coefficient in this scheme."),
        "negative_value": gettext_noop("Member %(member)s: %(field)s cannot be negative."),
        "duplicate_worker": gettext_noop("Member %(member)s appears twice."),
        "no_weight": gettext_noop(
            "Nobody has any weight under this scheme (no hours?): the pool cannot be shared."
        ),
    }
)


@dataclass(frozen=True)
class RetiroError(DomainError):
    code: str
    field: str = ""
    member: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    MESSAGES = MESSAGES


def _error(code: str, field: str = "", member: str | None = None, **params: object) -> RetiroError:
    values = {"field": field, "member": member, **params}
    return RetiroError(
        code, field, member, text_params({k: v for k, v in values.items() if v is not None})
    )


@dataclass(frozen=True)
class Scheme:
    kind: SchemeKind
    base: Decimal | None = None  # monthly base per member (egalitarian, coefficient)
    hourly_rate: Decimal | None = None  # hours scheme
    seniority_rate: Decimal = ZERO  # per full year, a fraction (0.01 = 1 %)


@dataclass(frozen=True)
class Worker:
    """One member in the month: ``hours`` worked, role ``coefficient``, admission date."""

    id: str
    admitted_on: date | None = None
    hours: Decimal = ZERO
    coefficient: Decimal | None = None


@dataclass(frozen=True)
class RetiroLine:
    id: str
    weight: Decimal  # 1, coefficient x seniority factor, or hours x seniority factor
    seniority_years: int
    amount: Decimal


@dataclass(frozen=True)
class RetiroSheet:
    month: date
    kind: SchemeKind
    lines: tuple[RetiroLine, ...]
    total: Decimal
    pool: Decimal | None = None
    errors: tuple[RetiroError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def month_end(month: date) -> date:
    return (month.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def full_years(since: date | None, on: date) -> int:
    """Completed years from ``since`` to ``on`` (0 when unknown or in the future)."""
    if since is None or since > on:
        return 0
    years = on.year - since.year
    if (on.month, on.day) < (since.month, since.day):
        years -= 1
    return max(years, 0)


def _money_problems(field: str, value: Decimal | None) -> list[RetiroError]:
    if value is None:
        return []
    if value < 0:
        return [_error("negative", field)]
    if not is_cents(value):
        return [_error("not_cents", field)]
    return []


def scheme_validate(scheme: Scheme) -> list[RetiroError]:
    errors: list[RetiroError] = []
    if scheme.kind in (SchemeKind.EGALITARIAN, SchemeKind.COEFFICIENT) and scheme.base is None:
        errors.append(_error("base_required", "base"))
    if scheme.kind is SchemeKind.HOURS and scheme.hourly_rate is None:
        errors.append(_error("rate_required", "hourly_rate"))
    errors += _money_problems("base", scheme.base)
    errors += _money_problems("hourly_rate", scheme.hourly_rate)
    if scheme.kind is SchemeKind.EGALITARIAN and scheme.seniority_rate:
        errors.append(_error("seniority_egalitarian", "seniority_rate"))
    elif not ZERO <= scheme.seniority_rate <= Decimal("0.10"):
        errors.append(_error("seniority_range", "seniority_rate"))
    return errors


def _weight(scheme: Scheme, worker: Worker, years: int) -> Fraction:
    factor = 1 + Fraction(scheme.seniority_rate) * years
    if scheme.kind is SchemeKind.EGALITARIAN:
        return Fraction(1)
    if scheme.kind is SchemeKind.COEFFICIENT:
        return Fraction(worker.coefficient or 0) * factor
    return Fraction(worker.hours) * factor


def _round_cents(value: Fraction) -> int:
    return round(value)  # half-even, on cents


def _as_decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        WEIGHT_PLACES, rounding=ROUND_HALF_EVEN
    )


def retiros_compute(
    scheme: Scheme, workers: Sequence[Worker], month: date, pool: Decimal | None = None
) -> RetiroSheet:
    """The month's sheet; problems come back in ``errors`` (and then there are no lines)."""
    month = month.replace(day=1)
    errors = scheme_validate(scheme)
    errors += _money_problems("pool", pool)
    seen: set[str] = set()
    for worker in workers:
        if worker.id in seen:
            errors.append(_error("duplicate_worker", "", worker.id))
        seen.add(worker.id)
        if worker.hours < 0:
            errors.append(_error("negative_value", "hours", worker.id))
        if scheme.kind is SchemeKind.COEFFICIENT:
            if worker.coefficient is None:
                errors.append(_error("missing_coefficient", "coefficient", worker.id))
            elif worker.coefficient < 0:
                errors.append(_error("negative_value", "coefficient", worker.id))
    if not workers:
        errors.append(_error("no_workers"))
    if errors:
        return RetiroSheet(month, scheme.kind, (), ZERO, pool, tuple(errors))
    last_day = month_end(month)
    ordered = sorted(workers, key=lambda w: w.id)
    years = {w.id: full_years(w.admitted_on, last_day) for w in ordered}
    weights = {w.id: _weight(scheme, w, years[w.id]) for w in ordered}
    if pool is not None:
        if not any(weights.values()) and pool > 0:
            return RetiroSheet(month, scheme.kind, (), ZERO, pool, (_error("no_weight"),))
        cents = largest_remainder(to_cents(pool), list(weights.items()))
    else:
        rate = scheme.hourly_rate if scheme.kind is SchemeKind.HOURS else scheme.base
        unit = Fraction(rate or 0) * 100
        cents = {key: _round_cents(unit * weight) for key, weight in weights.items()}
    lines = tuple(
        RetiroLine(w.id, _as_decimal(weights[w.id]), years[w.id], from_cents(cents[w.id]))
        for w in ordered
    )
    return RetiroSheet(month, scheme.kind, lines, from_cents(sum(cents.values())), pool, ())
