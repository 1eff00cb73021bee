"""Reads of retiros."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, QuerySet, Sum

from cordones.domain.common.money import CENT
from cordones.domain.retiros import PricePoint, retiros_against_prices
from cordones.members.models import Member
from cordones.retiros.models import (
    PriceRate,
    RetiroCategory,
    RetiroLine,
    RetiroScheme,
    RetiroSheet,
    SheetStatus,
)
from cordones.workplaces.models import Workplace


def scheme_list(workplace: Workplace) -> QuerySet[RetiroScheme]:
    return RetiroScheme.objects.filter(workplace=workplace).prefetch_related("categories")


def scheme_get(workplace: Workplace, scheme_id: int) -> RetiroScheme:
    return RetiroScheme.objects.get(workplace=workplace, pk=scheme_id)


def sheet_list(workplace: Workplace) -> QuerySet[RetiroSheet]:
    return (
        RetiroSheet.objects.filter(workplace=workplace)
        .select_related("scheme")
        .annotate(members=Count("lines"))
        .order_by("-month")
    )


def sheet_get(workplace: Workplace, month: date) -> RetiroSheet:
    return RetiroSheet.objects.select_related("scheme").get(workplace=workplace, month=month)


def sheet_lines(sheet: RetiroSheet) -> QuerySet[RetiroLine]:
    return sheet.lines.select_related("member").order_by("member__number")


def member_lines(member: Member) -> QuerySet[RetiroLine]:
    return (
        RetiroLine.objects.filter(member=member)
        .exclude(sheet__status=SheetStatus.DRAFT)
        .select_related("sheet")
        .order_by("-sheet__month")
    )


def line_get(sheet: RetiroSheet, member_number: int) -> RetiroLine:
    return sheet.lines.select_related("member", "sheet__scheme").get(member__number=member_number)


@dataclass(frozen=True)
class MonthFigures:
    month: date
    members: int
    total: Decimal
    average: Decimal
    highest: Decimal
    lowest: Decimal
    ratio: Decimal | None


def month_figures(workplace: Workplace) -> list[MonthFigures]:
    """Per posted month: members paid, total, average, highest and lowest retiro and their
    ratio. One query."""
    from cordones.domain.retiros import pay_ratio

    rows = (
        RetiroLine.objects.filter(sheet__workplace=workplace, amount__gt=0)
        .exclude(sheet__status=SheetStatus.DRAFT)
        .values("sheet__month")
        .annotate(
            n=Count("id"),
            total=Sum("amount"),
            avg=Avg("amount"),
            hi=Max("amount"),
            lo=Min("amount"),
        )
        .order_by("sheet__month")
    )
    out = []
    for r in rows:
        hi, lo = Decimal(r["hi"]).quantize(CENT), Decimal(r["lo"]).quantize(CENT)
        out.append(
            MonthFigures(
                month=r["sheet__month"],
                members=r["n"],
                total=Decimal(r["total"]).quantize(CENT),
                average=(Decimal(r["total"]) / r["n"]).quantize(CENT),
                highest=hi,
                lowest=lo,
                ratio=pay_ratio([hi, lo]),
            )
        )
    return out


def price_rates(workplace: Workplace) -> dict[date, Decimal]:
    return dict(
        PriceRate.objects.filter(workplace=workplace).values_list("month", "rate").order_by("month")
    )


def against_prices(
    workplace: Workplace, figures: list[MonthFigures], first: date | None = None
) -> tuple[PricePoint, ...]:
    averages = {f.month: f.average for f in figures if first is None or f.month >= first}
    return retiros_against_prices(averages, price_rates(workplace))


def retiros_by_member(workplace: Workplace, first: date, last: date) -> dict[int, Decimal]:
    rows = (
        RetiroLine.objects.filter(
            sheet__workplace=workplace, sheet__month__gte=first, sheet__month__lte=last
        )
        .exclude(sheet__status=SheetStatus.DRAFT)
        .values_list("member_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {member_id: Decimal(total).quantize(CENT) for member_id, total in rows}


def coefficients_at(workplace: Workplace, day: date) -> dict[int, Decimal]:
    from cordones.retiros.services import scheme_in_force

    scheme = scheme_in_force(workplace, day)
    if scheme is None:
        return {}
    return dict(scheme.assignments.values_list("member_id", "category__coefficient"))


def scheme_assignments(scheme: RetiroScheme) -> dict[int, RetiroCategory]:
    """Each member's role under a coefficient scheme, by member id."""
    return {
        a.member_id: a.category for a in scheme.assignments.select_related("category").order_by()
    }
