"""Writes on production: products and their inputs, capacity, output and hours, one by one
or imported from a file. Each checks the permission, asks the domain, and writes in one
transaction; bad input raises ServiceError and writes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.domain.production import ParsedTable, period_problem, table_parse
from cordones.domain.production.imports import MESSAGES as IMPORT_MESSAGES
from cordones.domain.production.imports import ImportProblem, problem
from cordones.domain.production.tables import HOURS_SPEC, OUTPUT_SPEC
from cordones.members.models import Member
from cordones.members.permissions import Access, require
from cordones.production.importing import ImportRejected, on_fields, parse_upload, report
from cordones.production.models import (
    HoursRecord,
    OutputRecord,
    Product,
    ProductInput,
    SectionCapacity,
)
from cordones.workplaces.models import Section, Workplace


def _section(workplace: Workplace, section: Section | None) -> Section | None:
    if section is not None and section.workplace_id != workplace.pk:
        raise ServiceError.single("section", _("That section belongs to another workplace."))
    return section


def product_save(
    access: Access, workplace: Workplace, *, product: Product | None = None, **fields: Any
) -> Product:
    """Create a product, or change one (its code stays)."""
    require(access, "production.write", workplace)
    _section(workplace, fields.get("section"))
    target = product or Product(workplace=workplace)
    if product is not None and product.workplace_id != workplace.pk:
        raise PermissionDeniedError("production.write")
    for name in ("code", "name", "unit", "sector", "section", "machine_capacity", "active"):
        if name in fields and not (product is not None and name == "code"):
            value = fields[name]
            setattr(target, name, value.strip() if isinstance(value, str) else value)
    if not target.code:
        raise ServiceError.single("code", _("Give the product a short code."))
    if target.machine_capacity is not None and target.machine_capacity < 0:
        raise ServiceError.single("machine_capacity", _("The capacity cannot be negative."))
    try:
        target.full_clean(exclude=["workplace"], validate_unique=False)
        with transaction.atomic():
            target.save()
    except ValidationError as exc:
        raise ServiceError(exc.message_dict) from None
    except IntegrityError:
        raise ServiceError.single("code", _("There is already a product with that code.")) from None
    return target


def product_input_add(
    access: Access, product: Product, *, name: str, unit: str, quantity: Decimal
) -> ProductInput:
    require(access, "production.write", product.workplace)
    if quantity is None or quantity <= 0:
        raise ServiceError.single("quantity", _("The quantity must be more than zero."))
    if not name.strip():
        raise ServiceError.single("name", _("Name the input."))
    try:
        with transaction.atomic():
            return ProductInput.objects.create(
                product=product, name=name.strip(), unit=unit, quantity=quantity
            )
    except IntegrityError:
        raise ServiceError.single("name", _("This input is already in the list.")) from None


def product_input_remove(access: Access, product: Product, input_id: int) -> None:
    require(access, "production.write", product.workplace)
    deleted, _n = ProductInput.objects.filter(product=product, pk=input_id).delete()
    if not deleted:
        raise ServiceError.single("", _("That input does not exist."))


def section_capacity_set(
    access: Access, workplace: Workplace, section: Section, hours_per_month: Decimal | None
) -> None:
    require(access, "production.write", workplace)
    _section(workplace, section)
    if hours_per_month is None:
        SectionCapacity.objects.filter(section=section).delete()
        return
    if hours_per_month < 0:
        raise ServiceError.single("hours_per_month", _("The capacity cannot be negative."))
    SectionCapacity.objects.update_or_create(
        section=section, defaults={"hours_per_month": hours_per_month}
    )


# ---- output and hours ---------------------------------------------------------------------


def _period_check(period: str, start: date) -> None:
    code = period_problem(period, start)
    if code:
        raise ServiceError.single("start", _(IMPORT_MESSAGES[code]))


def output_record(
    access: Access,
    workplace: Workplace,
    *,
    product: Product,
    period: str,
    start: date,
    quantity: Decimal,
    rejects: Decimal = Decimal(0),
    section: Section | None = None,
) -> OutputRecord:
    """Record one period's output; the same product, section and period is recorded once."""
    require(access, "production.write", workplace)
    header = ["date", "period", "product", "section", "quantity", "rejects"]
    row = [start, period, product.code, section.name if section else "", quantity, rejects]
    try:
        created = output_import_rows(access, workplace, [header, row])
    except ImportRejected as exc:
        raise on_fields(exc, {"date": "start"}) from None
    return created[0]


def hours_record(
    access: Access,
    workplace: Workplace,
    *,
    member: Member,
    period: str,
    start: date,
    hours: Decimal,
    section: Section | None = None,
) -> HoursRecord:
    require(access, "production.write", workplace)
    header = ["date", "period", "member", "section", "hours"]
    row = [start, period, member.number, section.name if section else "", hours]
    try:
        return hours_import_rows(access, workplace, [header, row])[0]
    except ImportRejected as exc:
        raise on_fields(exc, {"date": "start"}) from None


def _refused(spec_problems: list[ImportProblem], spec: Any) -> None:
    if spec_problems:
        raise report(spec, spec_problems)


def _sections(workplace: Workplace) -> dict[str, Section]:
    return {s.name.strip().lower(): s for s in Section.objects.filter(workplace=workplace)}


def _output_save(access: Access, workplace: Workplace, parsed: ParsedTable) -> list[OutputRecord]:
    products = {p.code.lower(): p for p in Product.objects.filter(workplace=workplace)}
    sections = _sections(workplace)
    problems: list[ImportProblem] = []
    records: list[OutputRecord] = []
    rows = []
    for row in parsed.rows:
        v = row.values
        product = products.get(str(v["product"]).lower())
        if product is None:
            problems.append(problem(row.row, "product", "unknown_product", value=v["product"]))
        section = sections.get(str(v["section"]).strip().lower()) if v["section"] else None
        if v["section"] and section is None:
            problems.append(problem(row.row, "section", "unknown_section", value=v["section"]))
        if product is None or (v["section"] and section is None):
            continue
        records.append(
            OutputRecord(
                workplace=workplace,
                product=product,
                section=section,
                period=str(v["period"]),
                start=v["date"],  # type: ignore[misc]
                quantity=v["quantity"],  # type: ignore[misc]
                rejects=v["rejects"],  # type: ignore[misc]
                recorded_by_id=access.user_id,
            )
        )
        rows.append(row)
    problems.extend(_already_recorded(workplace, rows, records, "product_id"))
    _refused(problems, OUTPUT_SPEC)
    with transaction.atomic():
        return OutputRecord.objects.bulk_create(records, batch_size=2000)


def _already_recorded(
    workplace: Workplace, rows: list[Any], records: list[Any], who: str
) -> list[ImportProblem]:
    """Rows whose (who, section, period, start) is already in the books: one query for the
    whole import's date range."""
    if not records:
        return []
    model = type(records[0])
    days = [r.start for r in records]
    existing = set(
        model.objects.filter(
            workplace=workplace, start__gte=min(days), start__lte=max(days)
        ).values_list(who, "section_id", "period", "start")
    )
    return [
        problem(row.row, "", "already_recorded")
        for row, record in zip(rows, records, strict=True)
        if (getattr(record, who), record.section_id, record.period, record.start) in existing
    ]


def _hours_save(access: Access, workplace: Workplace, parsed: ParsedTable) -> list[HoursRecord]:
    members = {m.number: m for m in Member.objects.filter(workplace=workplace)}
    sections = _sections(workplace)
    problems: list[ImportProblem] = []
    records: list[HoursRecord] = []
    rows = []
    for row in parsed.rows:
        v = row.values
        member = members.get(v["member"])  # type: ignore[call-overload]
        if member is None:
            problems.append(problem(row.row, "member", "unknown_member", value=v["member"]))
        section = sections.get(str(v["section"]).strip().lower()) if v["section"] else None
        if v["section"] and section is None:
            problems.append(problem(row.row, "section", "unknown_section", value=v["section"]))
        if member is None or (v["section"] and section is None):
            continue
        if section is None:
            section = member.section
        records.append(
            HoursRecord(
                workplace=workplace,
                member=member,
                section=section,
                period=str(v["period"]),
                start=v["date"],  # type: ignore[misc]
                hours=v["hours"],  # type: ignore[misc]
                recorded_by_id=access.user_id,
            )
        )
        rows.append(row)
    problems.extend(_already_recorded(workplace, rows, records, "member_id"))
    _refused(problems, HOURS_SPEC)
    with transaction.atomic():
        return HoursRecord.objects.bulk_create(records, batch_size=2000)


def output_import(
    access: Access, workplace: Workplace, *, filename: str, data: bytes
) -> list[OutputRecord]:
    require(access, "production.write", workplace)
    return _output_save(access, workplace, parse_upload(OUTPUT_SPEC, filename, data))


def output_import_rows(
    access: Access, workplace: Workplace, rows: Sequence[Sequence[object]]
) -> list[OutputRecord]:
    """The same checks as a file import, for rows already in memory (header first)."""
    require(access, "production.write", workplace)
    parsed = table_parse(OUTPUT_SPEC, rows)
    _refused(list(parsed.problems), OUTPUT_SPEC)
    return _output_save(access, workplace, parsed)


def hours_import(
    access: Access, workplace: Workplace, *, filename: str, data: bytes
) -> list[HoursRecord]:
    require(access, "production.write", workplace)
    return _hours_save(access, workplace, parse_upload(HOURS_SPEC, filename, data))


def hours_import_rows(
    access: Access, workplace: Workplace, rows: Sequence[Sequence[object]]
) -> list[HoursRecord]:
    require(access, "production.write", workplace)
    parsed = table_parse(HOURS_SPEC, rows)
    _refused(list(parsed.problems), HOURS_SPEC)
    return _hours_save(access, workplace, parsed)


def workforce_hours_record(
    access: Access,
    workplace: Workplace,
    *,
    section: Section | None,
    period: str,
    start: date,
    hours: Decimal,
) -> HoursRecord:
    """Hours of people who are not members (hired workers, or the former firm's staff in
    records from before the recovery)."""
    require(access, "production.write", workplace)
    _section(workplace, section)
    _period_check(period, start)
    if hours < 0:
        raise ServiceError.single("hours", _("The hours cannot be negative."))
    return HoursRecord.objects.create(
        workplace=workplace,
        section=section,
        period=period,
        start=start,
        hours=hours,
        recorded_by_id=access.user_id,
    )
