"""Demo economy for a workplace: products, capacity and inputs; monthly output, hours, sales
and retiros from January three years back to last month; the books (sales, purchases,
services, retiros and their payment); the fiscal years before this one closed, and their
surplus distributed as the April ordinary assembly approved it. Metalúrgica La Unión also
keeps the former firm's output and hours from before its recovery.

Everything goes through the same services the pages and imports use (bulk where they are
bulk), so the domain checks every row; all figures come from a seeded generator, so two
builds are the same. Prices follow an approximation of Argentina's monthly inflation.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from cordones.cli.demo_network import DemoWorkplace
from cordones.domain.common.money import CENT
from cordones.domain.ledger import Posting, Transaction
from cordones.domain.production import month_starts
from cordones.ledger import accounts
from cordones.ledger import services as ledger
from cordones.ledger.models import FiscalYear
from cordones.members.permissions import Access, Role
from cordones.members.selectors import register_rows
from cordones.production import services as production
from cordones.production.models import Product
from cordones.retiros import services as retiros
from cordones.sales import services as sales
from cordones.surplus import services as surplus
from cordones.workplaces.models import Section, Workplace

# Approximate monthly consumer-price inflation in Argentina (INDEC, % on the previous
# month), rounded; months not listed take 2 %. Demo data, not a reference series.
INFLATION = {
    2023: (6.0, 6.6, 7.7, 8.4, 7.8, 6.0, 6.3, 12.4, 12.7, 8.3, 12.8, 25.5),
    2024: (20.6, 13.2, 11.0, 8.8, 4.2, 4.6, 4.0, 4.2, 3.5, 2.7, 2.4, 2.7),
    2025: (2.2, 2.4, 3.7, 2.8, 1.5, 1.6, 1.9, 1.9, 2.1, 2.3, 2.5, 2.8),
}

# per sector: (code, name, unit, units per worker-hour, price of a unit in January 2023)
PRODUCTS = {
    "metalwork": (
        ("MT-BRIDA", "Bridas de acero", "unit", "0.9", "5200"),
        ("MT-VALV", "Válvulas esclusas", "unit", "0.12", "41000"),
        ("MT-MATR", "Matrices a pedido", "unit", "0.01", "520000"),
    ),
    "printing": (
        ("GR-LIB", "Libros (tirada)", "unit", "3.5", "1900"),
        ("GR-REV", "Revistas", "unit", "8", "650"),
        ("GR-FOL", "Folletería", "unit", "40", "90"),
    ),
    "textile": (
        ("TX-GUARD", "Guardapolvos", "unit", "0.8", "7800"),
        ("TX-AMBO", "Ambos sanitarios", "unit", "0.6", "11500"),
    ),
    "food": (
        ("AL-PAN", "Pan", "kg", "14", "480"),
        ("AL-FIDEO", "Fideos secos", "kg", "20", "360"),
        ("AL-GALL", "Galletitas", "kg", "9", "900"),
    ),
    "hospitality": (
        ("HT-NOCHE", "Habitación (noche)", "night", "0.16", "38000"),
        ("HT-MENU", "Menú del restaurante", "meal", "0.9", "5400"),
    ),
    "ceramics": (
        ("CE-PISO", "Porcellanato", "m2", "0.9", "6900"),
        ("CE-REV", "Revestimiento", "m2", "1.2", "4800"),
    ),
    "health": (
        ("SA-CONS", "Consultas", "service", "0.55", "9000"),
        ("SA-INT", "Días de internación", "night", "0.05", "98000"),
    ),
    "transport": (("TR-VIAJE", "Viajes de carga", "trip", "0.11", "64000"),),
}
CUSTOMERS = (
    ("Distribuidora del Plata S.A.", True),
    ("Municipalidad", False),
    ("Cooperativa de Consumo Los Andes", False),
    ("Mayorista Central", True),
    ("Red de comedores del barrio", False),
    ("Comercios minoristas varios", False),
    ("Cooperativa de Trabajo Vecina", False),
)
INPUTS = {
    "kg": (("Harina", "kg", "0.75"), ("Envases", "unit", "1")),
    "unit": (("Materia prima principal", "kg", "1.8"), ("Embalaje", "unit", "1")),
    "m2": (("Arcilla", "kg", "19"), ("Esmalte", "kg", "0.6")),
}
ROLES = (
    ("Ayudante", "1.000"),
    ("Medio oficial", "1.150"),
    ("Oficial", "1.300"),
    ("Oficial especializado", "1.450"),
)
SCHEME_BY_SLUG = {"metalurgica-la-union": "coefficient", "textil-18-de-diciembre": "hours"}


def _money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_EVEN)


def price_index(months: list[date]) -> dict[date, Decimal]:
    """Cumulative price level, 1 in the first month."""
    index = {}
    level = Decimal(1)
    for position, month in enumerate(months):
        if position:
            rates = INFLATION.get(month.year)
            rate = Decimal(str(rates[month.month - 1])) if rates else Decimal(2)
            level *= 1 + rate / 100
        index[month] = level
    return index


def build_economy(workplace: Workplace, spec: DemoWorkplace, today: date) -> None:
    rng = random.Random(f"1972-economy-{spec.slug}")
    council = Access(
        workplace.pk, None, None, frozenset({Role.MEMBER, Role.COUNCIL, Role.TREASURER})
    )
    sections = list(Section.objects.filter(workplace=workplace).order_by("pk"))
    lines = [s for s in sections if s.kind in ("line", "department")] or sections
    first = date(today.year - 3, 1, 1)
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    months = month_starts(first, last_month)
    index = price_index(months)
    ledger.chart_seed(workplace)

    # products, capacity, inputs
    products: list[tuple[Product, Decimal, Decimal]] = []
    for position, (code, name, unit, per_hour_text, price_text) in enumerate(PRODUCTS[spec.sector]):
        main_section = lines[position % len(lines)]
        product = production.product_save(
            council,
            workplace,
            code=code,
            name=name,
            unit=unit,
            sector=spec.sector,
            section=main_section,
        )
        for input_name, input_unit, per_unit in INPUTS.get(unit, ()):
            production.product_input_add(
                council, product, name=input_name, unit=input_unit, quantity=Decimal(per_unit)
            )
        products.append((product, Decimal(per_hour_text), Decimal(price_text)))

    rows = register_rows(workplace)
    members = {r.member.pk: r.member for r in rows}
    section_of = {r.member.pk: r.member.section_id for r in rows}

    def active(month: date) -> list[int]:
        end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return [
            r.member.pk
            for r in rows
            if r.state.admitted_on is not None
            and r.state.admitted_on <= end
            and (r.state.departed_on is None or r.state.departed_on > month)
        ]

    for section in sections:
        people = sum(1 for m in members.values() if m.section_id == section.pk)
        production.section_capacity_set(
            council, workplace, section, Decimal(max(people, 1) * 176 * 11 // 10)
        )

    # hours: every member, every month
    hours_rows: list[list[object]] = [["date", "period", "member", "hours"]]
    hours_by_month_section: dict[tuple[date, int | None], Decimal] = defaultdict(Decimal)
    for month in months:
        for member_id in active(month):
            worked = Decimal(rng.choice((144, 152, 160, 168, 168, 176, 176, 184)))
            hours_rows.append([month, "month", members[member_id].number, worked])
            hours_by_month_section[(month, section_of[member_id])] += worked
    production.hours_import_rows(council, workplace, hours_rows)

    # output: each product made in its section, productivity slowly rising
    output_rows: list[list[object]] = [
        ["date", "period", "product", "section", "quantity", "rejects"]
    ]
    good: dict[tuple[date, int], Decimal] = {}
    share = Decimal(1) / len(products)
    for step, month in enumerate(months):
        total_hours = sum(v for (m, _s), v in hours_by_month_section.items() if m == month)
        for product, per_hour, _price in products:
            trend = Decimal("1") + Decimal(step) / 400
            noise = Decimal(str(rng.uniform(0.9, 1.1)))
            quantity = (total_hours * share * per_hour * trend * noise).quantize(Decimal("1"))
            rejects = (quantity * Decimal(str(rng.uniform(0.01, 0.04)))).quantize(Decimal("1"))
            for machine in (product,):
                machine.machine_capacity = machine.machine_capacity or (
                    quantity * Decimal("1.4")
                ).quantize(Decimal("1"))
            output_rows.append(
                [
                    month,
                    "month",
                    product.code,
                    product.section.name if product.section else "",
                    quantity,
                    rejects,
                ]
            )
            good[(month, product.pk)] = quantity - rejects
    production.output_import_rows(council, workplace, output_rows)
    for product, _per_hour, _price in products:
        production.product_save(
            council, workplace, product=product, machine_capacity=product.machine_capacity
        )

    # customers and sales: one large customer whose weight falls over the years
    customers = [
        sales.customer_save(council, workplace, name=name, former_owner_customer=former)
        for name, former in CUSTOMERS[: 4 + len(spec.sections) % 3 + 1]
    ]
    sale_rows: list[list[object]] = [
        ["date", "customer", "product", "quantity", "unit price", "invoice"]
    ]
    revenue: dict[date, Decimal] = defaultdict(Decimal)
    invoice = 0
    for step, month in enumerate(months):
        weights = [Decimal(6) - Decimal(step) / 12] + [
            Decimal(str(rng.uniform(0.8, 2.2))) for _ in customers[1:]
        ]
        total_weight = sum(weights)
        for product, _per_hour, base_price in products:
            price = _money(base_price * index[month])
            sold = good[(month, product.pk)] * Decimal("0.97")
            for customer, weight in zip(customers, weights, strict=True):
                quantity = (sold * weight / total_weight).quantize(Decimal("1"))
                if quantity <= 0:
                    continue
                invoice += 1
                day = month + timedelta(days=rng.randint(3, 26))
                sale_rows.append(
                    [day, customer.name, product.code, quantity, price, f"A-{invoice:06d}"]
                )
                revenue[month] += _money(quantity * price)
    sales.sales_import_rows(council, workplace, sale_rows)

    # the books: collections, purchases, services and taxes
    drafts = []
    for position, month in enumerate(months):
        income = revenue[month]
        end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        materials = _money(income * Decimal(str(rng.uniform(0.22, 0.27))))
        services = _money(income * Decimal("0.05"))
        taxes = _money(income * Decimal("0.03"))
        section_name = lines[0].name
        entries = [
            (
                end,
                "Compra de materias primas e insumos",
                accounts.MATERIALS,
                accounts.PAYABLES,
                materials,
            ),
            (end, "Servicios: luz, gas y agua", accounts.UTILITIES, accounts.BANK, services),
            (end, "Impuestos y tasas del mes", accounts.TAXES, accounts.BANK, taxes),
        ]
        if position:
            previous = months[position - 1]
            entries.append(
                (
                    month + timedelta(days=9),
                    "Cobranzas de clientes",
                    accounts.BANK,
                    accounts.RECEIVABLES,
                    revenue[previous],
                )
            )
        for day, narration, debit, credit, amount in entries:
            if amount > 0:
                drafts.append(
                    ledger.Draft(
                        Transaction(
                            date=day,
                            narration=narration,
                            postings=(Posting(debit, amount), Posting(credit, -amount)),
                            section=section_name if debit == accounts.MATERIALS else None,
                        ),
                        "demo",
                    )
                )
        if position:
            paid = _money(revenue[months[position - 1]] * Decimal("0.24"))
            drafts.append(
                ledger.Draft(
                    Transaction(
                        date=month + timedelta(days=14),
                        narration="Pago a proveedores",
                        postings=(Posting(accounts.PAYABLES, paid), Posting(accounts.BANK, -paid)),
                    ),
                    "demo",
                )
            )
    ledger.transactions_post(workplace, drafts, posted_by_id=None)

    # retiros: the scheme the assembly chose; each month shares what the month allows
    kind = SCHEME_BY_SLUG.get(spec.slug, "egalitarian")
    scheme = retiros.scheme_create(
        council,
        workplace,
        name={"coefficient": "Coeficientes por categoría", "hours": "Por horas trabajadas"}.get(
            kind, "Retiro igualitario"
        ),
        kind=kind,
        valid_from=first,
        decided_by=f"Asamblea ordinaria del {first.year - 1}-04-30, acta n.º {first.year - 2000}",
        base=Decimal("150000.00") if kind != "hours" else None,
        hourly_rate=Decimal("900.00") if kind == "hours" else None,
        seniority_rate=Decimal("0.01") if kind == "coefficient" else Decimal(0),
        categories=[(name, Decimal(c)) for name, c in ROLES] if kind == "coefficient" else (),
    )
    if kind == "coefficient":
        categories = list(scheme.categories.all())
        for member in members.values():
            retiros.member_category_set(council, scheme, member, rng.choice(categories))
    for month in months:
        pool = _money(revenue[month] * Decimal(str(rng.uniform(0.50, 0.56))))
        sheet = retiros.sheet_prepare(council, workplace, month, pool=pool)
        sheet = retiros.sheet_post(council, sheet)
        payday = (month + timedelta(days=35)).replace(day=5)
        if payday < today:
            retiros.sheet_pay(council, sheet, on=payday)
    retiros.price_rates_set(
        council,
        workplace,
        "\n".join(
            f"{m.year}-{m.month:02d} {INFLATION[m.year][m.month - 1] if m.year in INFLATION else 2}"
            for m in months
        ),
        source="INDEC (aproximado, datos de demostración)",
    )

    # close every fiscal year before this one; the April assembly approves the distribution
    for year_end in range(first.year, today.year):
        year = FiscalYear.objects.get(workplace=workplace, end__year=year_end)
        year = ledger.year_close(council, year)
        if year.surplus is None or year.surplus <= 0:
            continue
        proposal = surplus.surplus_proposal_create(
            council, year, basis="retiros" if kind == "coefficient" else "hours"
        )
        proposal = surplus.surplus_proposal_submit(council, proposal)
        assembly_day = date(year_end + 1, 4, 30)
        # the latest April's proposal is voted in the demo's ordinary assembly (demo_assemblies)
        latest_april = today.year if today > date(today.year, 4, 30) else today.year - 1
        if assembly_day < today and assembly_day.year != latest_april:
            surplus.surplus_proposal_decide(
                proposal,
                True,
                f"Asamblea ordinaria del {assembly_day.isoformat()}, votación secreta, punto 3",
                on=assembly_day,
            )

    if spec.slug == "metalurgica-la-union" and workplace.recovered_on:
        _before_the_recovery(council, workplace, products[0][0], rng)


def _before_the_recovery(
    council: Access, workplace: Workplace, product: Product, rng: random.Random
) -> None:
    """The former firm's monthly output and hours of one product, from two years before the
    recovery to two years after it (rebuilt from the old books)."""
    recovered = workplace.recovered_on
    assert recovered is not None
    start = date(recovered.year - 2, 1, 1)
    months = month_starts(start, date(recovered.year + 2, 12, 1))
    output_rows: list[list[object]] = [
        ["date", "period", "product", "section", "quantity", "rejects"]
    ]
    for month in months:
        before = month < recovered.replace(day=1)
        hours = Decimal(9000 if before else 6200) + Decimal(rng.randint(-400, 400))
        per_hour = (
            Decimal("0.55") if before else Decimal("0.78") + Decimal(months.index(month)) / 600
        )
        if before and month >= date(recovered.year - 1, 6, 1):
            per_hour = Decimal("0.35")  # the last months of the owners: machines idle, lay-offs
            hours = Decimal(5200) + Decimal(rng.randint(-300, 300))
        quantity = (hours * per_hour).quantize(Decimal("1"))
        output_rows.append(
            [month, "month", product.code, "", quantity, (quantity / 50).quantize(Decimal("1"))]
        )
        production.workforce_hours_record(
            council, workplace, section=None, period="month", start=month, hours=hours
        )
    production.output_import_rows(council, workplace, output_rows)
