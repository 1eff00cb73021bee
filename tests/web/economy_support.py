"""A small economy for the `shop` fixture: two products, customers, a fiscal year of hours,
output, sales and retiros, through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal as D

from django.utils import timezone

from cordones.ledger import services as ledger
from cordones.members.permissions import Access, Role
from cordones.production import services as production
from cordones.production.models import Product
from cordones.retiros import services as retiros
from cordones.sales import services as sales
from cordones.workplaces.models import Workplace
from tests.conftest import Shop


@dataclass
class Economy:
    council: Access
    products: list[Product]
    months: list[date]  # the fiscal year's twelve months (first days)

    @property
    def year_end(self) -> date:
        return add_months(self.months[0], 12) - timedelta(days=1)

    @property
    def after(self) -> date:
        """The first day after the fiscal year."""
        return add_months(self.months[0], 12)


def add_months(day: date, n: int) -> date:
    index = day.year * 12 + day.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def fiscal_months(shop: Shop) -> list[date]:
    """Twelve months starting the month after the shop's members joined (400 days ago), so a
    whole fiscal year has ended before today; the workplace's fiscal year is set to match."""
    admitted = timezone.localdate() - timedelta(days=400)
    first = add_months(admitted.replace(day=1), 1)
    months = [add_months(first, i) for i in range(12)]
    Workplace.objects.filter(pk=shop.workplace.pk).update(fiscal_year_end_month=months[-1].month)
    shop.workplace.refresh_from_db()
    return months


def council_access(shop: Shop) -> Access:
    return Access(
        shop.workplace.pk, None, None, frozenset({Role.MEMBER, Role.COUNCIL, Role.TREASURER})
    )


def build_economy(shop: Shop, months: int = 12, members_hours: int = 160) -> Economy:
    council = council_access(shop)
    year_months = fiscal_months(shop)
    workplace = shop.workplace
    ledger.chart_seed(workplace)
    products = [
        production.product_save(
            council, workplace, code="LIB", name="Libros", unit="unit", sector="printing"
        ),
        production.product_save(
            council, workplace, code="REV", name="Revistas", unit="unit", sector="printing"
        ),
    ]
    for name in ("Editorial Sur", "Municipalidad", "Kiosco"):
        sales.customer_save(
            council, workplace, name=name, former_owner_customer=name == "Editorial Sur"
        )
    hours = [["date", "period", "member", "hours"]]
    output = [["date", "period", "product", "quantity", "rejects"]]
    sale_rows = [["date", "customer", "product", "quantity", "unit price"]]
    for m, month in enumerate(year_months[:months], start=1):
        for number in range(1, 5):
            hours.append([month, "month", number, D(members_hours + number)])
        output.append([month, "month", "LIB", D(1000 + 10 * m), D(10)])
        output.append([month, "month", "REV", D(500), D(0)])
        sale_rows.append([month.replace(day=10), "Editorial Sur", "LIB", D(600), D("100.00")])
        sale_rows.append([month.replace(day=12), "Municipalidad", "LIB", D(300), D("100.00")])
        sale_rows.append([month.replace(day=15), "Kiosco", "REV", D(400), D("25.50")])
    production.hours_import_rows(council, workplace, hours)
    production.output_import_rows(council, workplace, output)
    sales.sales_import_rows(council, workplace, sale_rows)
    retiros.scheme_create(
        council,
        workplace,
        name="Igualitario",
        kind="egalitarian",
        valid_from=year_months[0],
        decided_by="Asamblea del 2024-12-15, acta 40",
        base=D("20000.00"),
    )
    for month in year_months[:months]:
        sheet = retiros.sheet_prepare(council, workplace, month)
        retiros.sheet_post(council, sheet)
    return Economy(council, products, year_months)
