"""Writes on retiros: schemes (as the assembly chose them), the month's sheet, posting it
to the books and recording its payment, and the price series."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cordones.core.errors import ServiceError
from cordones.domain.ledger import Posting, Transaction
from cordones.domain.production.imports import parse_decimal
from cordones.domain.retiros import Scheme, SchemeKind, Worker, retiros_compute, scheme_validate
from cordones.ledger import accounts
from cordones.ledger.services import Draft, transactions_post
from cordones.members.models import Member
from cordones.members.permissions import Access, require
from cordones.members.selectors import register_rows
from cordones.production.selectors import hours_by_member
from cordones.retiros.errors import raise_retiro_errors
from cordones.retiros.models import (
    MemberCategory,
    PriceRate,
    RetiroCategory,
    RetiroLine,
    RetiroScheme,
    RetiroSheet,
    SheetEntry,
    SheetStatus,
)
from cordones.workplaces.models import Workplace


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def as_domain(scheme: RetiroScheme) -> Scheme:
    return Scheme(
        kind=SchemeKind(scheme.kind),
        base=scheme.base,
        hourly_rate=scheme.hourly_rate,
        seniority_rate=scheme.seniority_rate or Decimal(0),
    )


def scheme_create(
    access: Access,
    workplace: Workplace,
    *,
    name: str,
    kind: str,
    valid_from: date,
    decided_by: str,
    base: Decimal | None = None,
    hourly_rate: Decimal | None = None,
    seniority_rate: Decimal | None = None,
    categories: Sequence[tuple[str, Decimal]] = (),
) -> RetiroScheme:
    """Record the scheme an assembly chose, in force from the first of ``valid_from``'s month."""
    require(access, "retiros.manage", workplace)
    try:
        chosen = SchemeKind(kind)
    except ValueError:
        raise ServiceError.single("kind", _("Choose a scheme.")) from None
    if not decided_by.strip():
        raise ServiceError.single(
            "decided_by", _("Say which assembly chose the scheme (date and minutes).")
        )
    domain = Scheme(chosen, base, hourly_rate, seniority_rate or Decimal(0))
    raise_retiro_errors(scheme_validate(domain))
    if chosen is SchemeKind.COEFFICIENT and not categories:
        raise ServiceError.single("categories", _("A coefficient scheme needs its roles."))
    for role, coefficient in categories:
        if not role.strip() or coefficient is None or coefficient <= 0:
            raise ServiceError.single(
                "categories", _("Each role needs a name and a coefficient above zero.")
            )
    try:
        with transaction.atomic():
            scheme = RetiroScheme.objects.create(
                workplace=workplace,
                name=name.strip() or SchemeKind(kind).value,
                kind=chosen.value,
                base=base,
                hourly_rate=hourly_rate,
                seniority_rate=seniority_rate or Decimal(0),
                valid_from=valid_from.replace(day=1),
                decided_by=decided_by.strip(),
            )
            RetiroCategory.objects.bulk_create(
                [
                    RetiroCategory(scheme=scheme, name=r.strip(), coefficient=c)
                    for r, c in categories
                ]
            )
    except IntegrityError:
        raise ServiceError.single(
            "valid_from", _("Another scheme starts that month, or a role name repeats.")
        ) from None
    return scheme


def member_category_set(
    access: Access, scheme: RetiroScheme, member: Member, category: RetiroCategory | None
) -> None:
    require(access, "retiros.manage", scheme.workplace)
    if member.workplace_id != scheme.workplace_id or (
        category is not None and category.scheme_id != scheme.pk
    ):
        raise ServiceError.single("category", _("That role is not in this scheme."))
    if category is None:
        MemberCategory.objects.filter(scheme=scheme, member=member).delete()
    else:
        MemberCategory.objects.update_or_create(
            scheme=scheme, member=member, defaults={"category": category}
        )


def member_categories_set(
    access: Access, scheme: RetiroScheme, assignments: Mapping[int, int | None]
) -> int:
    """Give members their roles under a coefficient scheme (``None`` takes a role away):
    every pair is checked first, then the changed ones are written in one transaction, all
    or none. Errors are keyed ``member-<id>``. Returns how many members changed."""
    require(access, "retiros.manage", scheme.workplace)
    if scheme.kind != SchemeKind.COEFFICIENT.value:
        raise ServiceError.single("", _("Only a coefficient scheme has roles."))
    members = Member.objects.filter(workplace_id=scheme.workplace_id, pk__in=list(assignments))
    found = {m.pk: m for m in members}
    categories = {c.pk: c for c in scheme.categories.all()}
    errors: list[tuple[str, str]] = []
    for member_id, category_id in assignments.items():
        if member_id not in found:
            errors.append((f"member-{member_id}", _("That member is not in the register.")))
        elif category_id is not None and category_id not in categories:
            errors.append((f"member-{member_id}", _("That role is not in this scheme.")))
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        # one save at a time per scheme: the second reads what the first wrote
        RetiroScheme.objects.select_for_update().filter(pk=scheme.pk).first()
        current = dict(
            MemberCategory.objects.filter(scheme=scheme).values_list("member_id", "category_id")
        )
        changed = [
            (member_id, category_id)
            for member_id, category_id in assignments.items()
            if current.get(member_id) != category_id
        ]
        for member_id, category_id in changed:
            member_category_set(
                access,
                scheme,
                found[member_id],
                None if category_id is None else categories[category_id],
            )
    return len(changed)


def scheme_in_force(workplace: Workplace, month: date) -> RetiroScheme | None:
    return (
        RetiroScheme.objects.filter(workplace=workplace, valid_from__lte=month.replace(day=1))
        .order_by("-valid_from")
        .first()
    )


def sheet_prepare(
    access: Access, workplace: Workplace, month: date, *, pool: Decimal | None = None
) -> RetiroSheet:
    """Compute (or recompute) the month's draft sheet: every member at some point of the
    month, under the scheme in force, with the hours recorded for the month."""
    require(access, "retiros.manage", workplace)
    month = month.replace(day=1)
    last = month_end(month)
    scheme = scheme_in_force(workplace, month)
    if scheme is None:
        raise ServiceError.single("month", _("No retiro scheme is in force that month."))
    existing = RetiroSheet.objects.filter(workplace=workplace, month=month).first()
    if existing is not None and existing.status != SheetStatus.DRAFT:
        raise ServiceError.single("month", _("That month's sheet is already posted."))
    rows = [
        r
        for r in register_rows(workplace)
        if r.state.admitted_on is not None
        and r.state.admitted_on <= last
        and (r.state.departed_on is None or r.state.departed_on > month)
    ]
    hours = hours_by_member(workplace, month, last)
    coefficients = {
        member_id: coefficient
        for member_id, coefficient in MemberCategory.objects.filter(scheme=scheme).values_list(
            "member_id", "category__coefficient"
        )
    }
    kind = SchemeKind(scheme.kind)
    workers = [
        Worker(
            id=str(r.member.pk),
            admitted_on=r.state.admitted_on,
            hours=hours.get(r.member.pk, Decimal(0)),
            coefficient=coefficients.get(r.member.pk),
        )
        for r in rows
        if kind is not SchemeKind.HOURS or hours.get(r.member.pk)
    ]
    result = retiros_compute(as_domain(scheme), workers, month, pool)
    names = {str(r.member.pk): f"{r.member.number} {r.member.full_name}" for r in rows}
    raise_retiro_errors(result.errors, names)
    members = {str(r.member.pk): r.member for r in rows}
    with transaction.atomic():
        if existing is not None:
            existing.lines.all().delete()
            existing.delete()
        sheet = RetiroSheet.objects.create(
            workplace=workplace,
            scheme=scheme,
            month=month,
            pool=pool,
            total=result.total,
            created_by_id=access.user_id,
        )
        RetiroLine.objects.bulk_create(
            [
                RetiroLine(
                    sheet=sheet,
                    member=members[line.id],
                    section=_section_name(members[line.id]),
                    hours=hours.get(members[line.id].pk, Decimal(0)),
                    coefficient=coefficients.get(members[line.id].pk),
                    weight=line.weight,
                    seniority_years=line.seniority_years,
                    amount=line.amount,
                )
                for line in result.lines
            ]
        )
    return sheet


def _section_name(member: Member) -> str:
    section = member.section
    return section.name if section is not None else ""


def _sheet_transactions(sheet: RetiroSheet, on: date) -> list[Transaction]:
    by_section: dict[str, Decimal] = defaultdict(Decimal)
    for section, amount in sheet.lines.values_list("section", "amount"):
        by_section[section] += amount
    label = sheet.month.strftime("%Y-%m")
    out = []
    for section in sorted(by_section):
        amount = by_section[section]
        if not amount:
            continue
        out.append(
            Transaction(
                date=on,
                narration=_("Retiros of %(month)s") % {"month": label}
                + (f" — {section}" if section else ""),
                postings=(
                    Posting(accounts.RETIROS_EXPENSE, amount),
                    Posting(accounts.RETIROS_PAYABLE, -amount),
                ),
                section=section or None,
                ref=f"retiros-{label}",
            )
        )
    return out


def sheet_post(access: Access, sheet: RetiroSheet, *, on: date | None = None) -> RetiroSheet:
    """Post the sheet to the books (retiros as costs, owed to the members), one entry per
    section; the lines cannot change after this."""
    require(access, "retiros.manage", sheet.workplace)
    on = on or month_end(sheet.month)
    with transaction.atomic():
        fresh = RetiroSheet.objects.select_for_update().get(pk=sheet.pk)
        if fresh.status != SheetStatus.DRAFT:
            raise ServiceError.single("", _("This sheet is already posted."))
        entries = transactions_post(
            fresh.workplace,
            [Draft(t, "retiros") for t in _sheet_transactions(fresh, on)],
            posted_by_id=access.user_id,
        )
        SheetEntry.objects.bulk_create([SheetEntry(sheet=fresh, entry=e) for e in entries])
        RetiroSheet.objects.filter(pk=fresh.pk).update(status=SheetStatus.POSTED, posted_on=on)
        fresh.refresh_from_db()
        return fresh


def sheet_pay(access: Access, sheet: RetiroSheet, *, on: date) -> RetiroSheet:
    """Record that the sheet was paid from the bank account."""
    require(access, "retiros.manage", sheet.workplace)
    with transaction.atomic():
        fresh = RetiroSheet.objects.select_for_update().get(pk=sheet.pk)
        if fresh.status != SheetStatus.POSTED:
            raise ServiceError.single("", _("Only a posted, unpaid sheet can be paid."))
        label = fresh.month.strftime("%Y-%m")
        payment = Transaction(
            date=on,
            narration=_("Payment of the retiros of %(month)s") % {"month": label},
            postings=(
                Posting(accounts.RETIROS_PAYABLE, fresh.total),
                Posting(accounts.BANK, -fresh.total),
            ),
            ref=f"retiros-{label}-paid",
        )
        entry = transactions_post(
            fresh.workplace, [Draft(payment, "retiros")], posted_by_id=access.user_id
        )[0]
        RetiroSheet.objects.filter(pk=fresh.pk).update(
            status=SheetStatus.PAID, paid_on=on, payment_entry=entry
        )
        fresh.refresh_from_db()
        return fresh


def price_rates_set(access: Access, workplace: Workplace, text: str, source: str = "") -> int:
    """Record monthly inflation rates from lines such as ``2025-03 3.7`` (month, percent);
    a month already entered is replaced. All lines or none."""
    require(access, "retiros.manage", workplace)
    parsed: dict[date, Decimal] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = line.replace(";", " ").replace("\t", " ").split()
        month = None
        if len(parts) == 2 and len(parts[0]) == 7 and parts[0][4] == "-":
            try:
                month = date(int(parts[0][:4]), int(parts[0][5:7]), 1)
            except ValueError:
                month = None
        rate = parse_decimal(parts[1].rstrip("%")) if len(parts) == 2 else None
        if month is None or rate is None or not Decimal(-100) < rate < Decimal(1000):
            raise ServiceError.single(
                "rates",
                _("Line %(line)s: write the month and the percent, such as 2025-03 3.7.")
                % {"line": number},
            )
        parsed[month] = rate.quantize(Decimal("0.01"))
    if not parsed:
        raise ServiceError.single("rates", _("Enter at least one month."))
    with transaction.atomic():
        for month, rate in parsed.items():
            PriceRate.objects.update_or_create(
                workplace=workplace, month=month, defaults={"rate": rate, "source": source[:120]}
            )
    return len(parsed)
