"""Reads of production. Monthly series are summed by the database (one query each)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import TruncMonth

from cordones.domain.production import (
    BeforeAfter,
    MonthPoint,
    before_after,
    capacity_use,
    output_per_hour,
)
from cordones.members.models import Member
from cordones.production.models import HoursRecord, OutputRecord, Product, SectionCapacity
from cordones.workplaces.models import Section, Workplace

ZERO = Decimal(0)


def product_list(workplace: Workplace) -> QuerySet[Product]:
    return (
        Product.objects.filter(workplace=workplace)
        .select_related("section")
        .prefetch_related("inputs")
        .order_by("code")
    )


def product_get(workplace: Workplace, product_id: int) -> Product:
    return Product.objects.select_related("section").get(workplace=workplace, pk=product_id)


def _month(value: object) -> date:
    if hasattr(value, "date") and callable(value.date):  # a datetime on some backends
        return value.date()  # type: ignore[no-any-return]
    return value  # type: ignore[return-value]


@dataclass(frozen=True)
class Productivity:
    product: Product | None
    points: tuple[MonthPoint, ...]
    comparison: BeforeAfter | None


def productivity_get(
    workplace: Workplace, product: Product | None, first: date, last: date
) -> Productivity:
    """Good output of ``product`` by month, the hours worked in the sections that made it
    that month (every section's hours when the output has no section) and their ratio."""
    outputs = OutputRecord.objects.filter(workplace=workplace, start__gte=first, start__lte=last)
    if product is not None:
        outputs = outputs.filter(product=product)
    out_rows = (
        outputs.annotate(month=TruncMonth("start"))
        .values("month", "section_id")
        .annotate(good_units=Sum(F("quantity") - F("rejects")))
        .order_by()
    )
    output_by_month: dict[date, Decimal] = defaultdict(lambda: ZERO)
    sections_by_month: dict[date, set[int | None]] = defaultdict(set)
    for row in out_rows:
        month = _month(row["month"])
        output_by_month[month] += Decimal(row["good_units"] or 0).quantize(Decimal("0.001"))
        sections_by_month[month].add(row["section_id"])
    hour_rows = (
        HoursRecord.objects.filter(workplace=workplace, start__gte=first, start__lte=last)
        .annotate(month=TruncMonth("start"))
        .values("month", "section_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    hours_by_month: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for row in hour_rows:
        month = _month(row["month"])
        made_in = sections_by_month.get(month)
        if product is None or made_in is None or None in made_in or row["section_id"] in made_in:
            hours_by_month[month] += Decimal(row["total"] or 0).quantize(Decimal("0.01"))
    points = output_per_hour(dict(output_by_month), dict(hours_by_month))
    comparison = before_after(points, workplace.recovered_on) if workplace.recovered_on else None
    return Productivity(product, points, comparison)


def default_product(workplace: Workplace) -> Product | None:
    """The product with the most output records."""
    from django.db.models import Count

    return (
        Product.objects.filter(workplace=workplace)
        .annotate(n=Count("output"))
        .order_by("-n", "code")
        .first()
    )


@dataclass(frozen=True)
class CapacityRow:
    label: str
    used: Decimal
    capacity: Decimal | None
    share: Decimal | None


def capacity_get(workplace: Workplace, month: date) -> tuple[list[CapacityRow], list[CapacityRow]]:
    """For one month: hours worked per section against its capacity, and output per product
    against its machine capacity."""
    hours = dict(
        HoursRecord.objects.filter(
            workplace=workplace, start__year=month.year, start__month=month.month
        )
        .values_list("section_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    capacities = {
        c.section_id: c.hours_per_month
        for c in SectionCapacity.objects.filter(section__workplace=workplace)
    }
    sections = [
        CapacityRow(
            s.name,
            Decimal(hours.get(s.pk) or 0),
            capacities.get(s.pk),
            capacity_use(Decimal(hours.get(s.pk) or 0), capacities.get(s.pk)),
        )
        for s in Section.objects.filter(workplace=workplace).order_by("name")
    ]
    made: dict[int, Decimal] = dict(
        OutputRecord.objects.filter(
            workplace=workplace, start__year=month.year, start__month=month.month
        )
        .values_list("product_id")
        .annotate(good_units=Sum(F("quantity") - F("rejects")))
        .order_by()
    )
    products = [
        CapacityRow(
            f"{p.code} — {p.name}",
            Decimal(made.get(p.pk) or 0),
            p.machine_capacity,
            capacity_use(Decimal(made.get(p.pk) or 0), p.machine_capacity),
        )
        for p in Product.objects.filter(workplace=workplace, active=True).order_by("code")
    ]
    return sections, products


def output_recent(workplace: Workplace, limit: int = 20) -> list[OutputRecord]:
    return list(
        OutputRecord.objects.filter(workplace=workplace)
        .select_related("product", "section")
        .order_by("-start", "-pk")[:limit]
    )


def member_hours_by_month(member: Member, first: date, last: date) -> list[tuple[date, Decimal]]:
    rows = (
        HoursRecord.objects.filter(member=member, start__gte=first, start__lte=last)
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(total=Sum("hours"))
        .order_by("month")
    )
    return [(_month(r["month"]), Decimal(r["total"] or 0)) for r in rows]


def hours_by_member(workplace: Workplace, first: date, last: date) -> dict[int, Decimal]:
    """Hours of each member from ``first`` to ``last`` (periods starting in that span)."""
    rows = (
        HoursRecord.objects.filter(
            workplace=workplace, member__isnull=False, start__gte=first, start__lte=last
        )
        .values_list("member_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    return {member_id: Decimal(total or 0) for member_id, total in rows}
