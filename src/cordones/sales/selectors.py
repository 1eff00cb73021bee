"""Reads of sales: customers with their totals, recent sales and how concentrated sales are
over time (one grouped query, then the domain)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear

from cordones.domain.sales import Concentration, concentration_by_period
from cordones.sales.models import Customer, Sale
from cordones.workplaces.models import Workplace


def customer_list(workplace: Workplace) -> QuerySet[Customer]:
    return (
        Customer.objects.filter(workplace=workplace)
        .annotate(total=Sum("sales__amount"), count=Count("sales"))
        .order_by("name")
    )


def customer_get(workplace: Workplace, customer_id: int) -> Customer:
    return Customer.objects.get(workplace=workplace, pk=customer_id)


def sales_recent(workplace: Workplace, limit: int = 50) -> list[Sale]:
    return list(
        Sale.objects.filter(workplace=workplace)
        .select_related("customer", "product", "section", "entry")
        .order_by("-on", "-pk")[:limit]
    )


@dataclass(frozen=True)
class YearConcentration:
    year: int
    concentration: Concentration
    former_owner_share: Decimal | None  # share of sales to the former owners' customers
    names: dict[str, str]


def concentration_by_year(workplace: Workplace) -> list[YearConcentration]:
    rows = (
        Sale.objects.filter(workplace=workplace)
        .annotate(year=ExtractYear("on"))
        .values_list("year", "customer_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    amounts = {
        (int(year), str(customer)): Decimal(total).quantize(Decimal("0.01"))
        for year, customer, total in rows
    }
    customers = {
        str(pk): (name, former)
        for pk, name, former in Customer.objects.filter(workplace=workplace).values_list(
            "pk", "name", "former_owner_customer"
        )
    }
    names = {k: v[0] for k, v in customers.items()}
    out = []
    for year, conc in concentration_by_period(amounts).items():
        former = sum(
            (amount for cid, amount, _share in conc.ranking if customers.get(cid, ("", False))[1]),
            Decimal(0),
        )
        share = (former / conc.total).quantize(Decimal("0.0001")) if conc.total else None
        out.append(YearConcentration(year, conc, share, names))
    return out


def sales_total(workplace: Workplace, first: date, last: date) -> Decimal:
    total = Sale.objects.filter(workplace=workplace, on__gte=first, on__lte=last).aggregate(
        t=Sum("amount")
    )["t"]
    return Decimal(total or 0).quantize(Decimal("0.01"))
