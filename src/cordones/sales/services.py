"""Writes on sales: customers, and sales one by one or imported from a file. A sale is
posted to the books at once (debit receivables, credit sales, tagged with the section);
a batch of sales is all-or-nothing, books included."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.domain.ledger import Posting, Transaction
from cordones.domain.production import ParsedTable, table_parse
from cordones.domain.production.imports import ImportProblem, problem
from cordones.domain.sales import line_amount
from cordones.domain.sales.tables import SALES_SPEC
from cordones.ledger import accounts
from cordones.ledger.services import Draft, transactions_post
from cordones.members.permissions import Access, require
from cordones.production.importing import (
    ImportRejected,
    ReportLine,
    on_fields,
    parse_upload,
    report,
)
from cordones.production.models import Product
from cordones.sales.models import Customer, Sale
from cordones.workplaces.models import Section, Workplace


def customer_save(
    access: Access,
    workplace: Workplace,
    *,
    customer: Customer | None = None,
    name: str,
    tax_id: str = "",
    former_owner_customer: bool = False,
    note: str = "",
) -> Customer:
    require(access, "sales.write", workplace)
    if customer is not None and customer.workplace_id != workplace.pk:
        raise PermissionDeniedError("sales.write")
    if not name.strip():
        raise ServiceError.single("name", _("Enter the customer's name."))
    target = customer or Customer(workplace=workplace)
    target.name = name.strip()
    target.tax_id = tax_id.strip()
    target.former_owner_customer = former_owner_customer
    target.note = note.strip()
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        raise ServiceError.single(
            "name", _("There is already a customer with that name.")
        ) from None
    return target


def _sale_transaction(sale: Sale, customer_name: str) -> Transaction:
    narration = _("Sale to %(customer)s") % {"customer": customer_name}
    if sale.invoice:
        narration += f" ({sale.invoice})"
    return Transaction(
        date=sale.on,
        narration=narration,
        postings=(
            Posting(accounts.RECEIVABLES, sale.amount),
            Posting(accounts.SALES, -sale.amount),
        ),
        section=sale.section.name if sale.section else None,
        ref=sale.invoice or None,
    )


def _save(access: Access, workplace: Workplace, parsed: ParsedTable) -> list[Sale]:
    customers = {c.name.strip().lower(): c for c in Customer.objects.filter(workplace=workplace)}
    products = {p.code.lower(): p for p in Product.objects.filter(workplace=workplace)}
    sections = {s.name.strip().lower(): s for s in Section.objects.filter(workplace=workplace)}
    problems: list[ImportProblem] = []
    sales: list[Sale] = []
    for row in parsed.rows:
        v = row.values
        customer = customers.get(str(v["customer"]).strip().lower())
        product = products.get(str(v["product"]).lower())
        section = sections.get(str(v["section"]).strip().lower()) if v["section"] else None
        if customer is None:
            problems.append(problem(row.row, "customer", "unknown_customer", value=v["customer"]))
        if product is None:
            problems.append(problem(row.row, "product", "unknown_product", value=v["product"]))
        if v["section"] and section is None:
            problems.append(problem(row.row, "section", "unknown_section", value=v["section"]))
        if customer is None or product is None or (v["section"] and section is None):
            continue
        quantity: Decimal = v["quantity"]  # type: ignore[assignment]
        price: Decimal = v["unit_price"]  # type: ignore[assignment]
        amount = line_amount(quantity, price)
        if amount <= 0:
            problems.append(problem(row.row, "unit_price", "not_positive"))
            continue
        sales.append(
            Sale(
                workplace=workplace,
                customer=customer,
                product=product,
                section=section or product.section,
                on=v["date"],  # type: ignore[misc]
                quantity=quantity,
                unit_price=price,
                amount=amount,
                invoice=str(v["invoice"] or ""),
                recorded_by_id=access.user_id,
            )
        )
    if problems:
        raise report(SALES_SPEC, problems)
    drafts = [Draft(_sale_transaction(s, s.customer.name), "sales") for s in sales]
    with transaction.atomic():
        try:
            entries = transactions_post(workplace, drafts, posted_by_id=access.user_id)
        except ServiceError as exc:  # e.g. a date in a closed month of the books
            messages = [m for ms in exc.errors.values() for m in ms]
            raise ImportRejected([ReportLine(0, "", m) for m in messages[:50]]) from None
        for sale, entry in zip(sales, entries, strict=True):
            sale.entry_id = entry.pk
        return Sale.objects.bulk_create(sales, batch_size=2000)


def sale_record(
    access: Access,
    workplace: Workplace,
    *,
    customer: Customer,
    product: Product,
    on: date,
    quantity: Decimal,
    unit_price: Decimal,
    section: Section | None = None,
    invoice: str = "",
) -> Sale:
    require(access, "sales.write", workplace)
    header = ["date", "customer", "product", "section", "quantity", "unit price", "invoice"]
    row = [
        on,
        customer.name,
        product.code,
        section.name if section else "",
        quantity,
        unit_price,
        invoice,
    ]
    try:
        return sales_import_rows(access, workplace, [header, row])[0]
    except ImportRejected as exc:
        raise on_fields(exc, {"date": "on"}) from None


def sales_import(access: Access, workplace: Workplace, *, filename: str, data: bytes) -> list[Sale]:
    require(access, "sales.write", workplace)
    return _save(access, workplace, parse_upload(SALES_SPEC, filename, data))


def sales_import_rows(
    access: Access, workplace: Workplace, rows: Sequence[Sequence[object]]
) -> list[Sale]:
    require(access, "sales.write", workplace)
    parsed = table_parse(SALES_SPEC, rows)
    if parsed.problems:
        raise report(SALES_SPEC, parsed.problems)
    return _save(access, workplace, parsed)
