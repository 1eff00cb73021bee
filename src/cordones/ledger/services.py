"""Writes on the books. Every entry is checked by the domain (balanced, known accounts,
exact to the cent, in an open period) before anything is written; a batch is all-or-nothing.
Posted entries are never changed: corrections are reversals."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cordones.books.services import journal_chain
from cordones.core.errors import ServiceError
from cordones.domain.bounds import LEDGER_AMOUNT, day_in_range
from cordones.domain.ledger import (
    Chart,
    Posting,
    Transaction,
    TransactionKind,
    chart_for_policy,
    transaction_reverse,
    validate_transaction,
)
from cordones.domain.ledger import year_close as domain_year_close
from cordones.domain.ledger.charts import CHART_AR
from cordones.domain.ledger.transactions import Period as DomainPeriod
from cordones.ledger.errors import raise_ledger_errors
from cordones.ledger.models import (
    EntryKind,
    FiscalYear,
    JournalEntry,
    JournalLine,
    LedgerAccount,
    Period,
)
from cordones.members.permissions import Access, require
from cordones.workplaces.models import Workplace

# ---- chart of accounts -------------------------------------------------------------------


def profile_chart(workplace: Workplace) -> Chart:
    """The seeded chart of the workplace's statute profile (Argentina's by default)."""
    return chart_for_policy(workplace.statute_profile) or CHART_AR


def chart_seed(workplace: Workplace) -> int:
    """Create the profile's accounts the workplace does not have yet; return how many."""
    chart = profile_chart(workplace)
    have = set(LedgerAccount.objects.filter(workplace=workplace).values_list("code", flat=True))
    missing = [
        LedgerAccount(workplace=workplace, code=a.code, name=a.name, type=a.type.value)
        for a in chart.accounts
        if a.code not in have
    ]
    LedgerAccount.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def account_add(
    access: Access, workplace: Workplace, *, code: str, name: str, type: str
) -> LedgerAccount:
    """An account of the workplace's own (an accountant extends the seeded chart)."""
    require(access, "ledger.post", workplace)
    from cordones.domain.ledger.accounts import CODE_RE, AccountType

    code, name = code.strip(), name.strip()
    if not CODE_RE.match(code):
        raise ServiceError.single(
            "code", _("Use digits and letters separated by dots, such as 5.7 or 1.1.05.")
        )
    if not name:
        raise ServiceError.single("name", _("Give the account a name."))
    try:
        AccountType(type)
    except ValueError:
        raise ServiceError.single("type", _("Choose the kind of account.")) from None
    try:
        with transaction.atomic():
            chart_seed(workplace)
            return LedgerAccount.objects.create(
                workplace=workplace, code=code, name=name, type=type
            )
    except IntegrityError:
        raise ServiceError.single(
            "code", _("There is already an account with that code.")
        ) from None


# ---- fiscal years and periods --------------------------------------------------------------


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def fiscal_bounds(workplace: Workplace, day: date) -> tuple[date, date]:
    """The first and last day of the fiscal year containing ``day``."""
    end_month = workplace.fiscal_year_end_month
    end_year = day.year if day.month <= end_month else day.year + 1
    end = _month_end(date(end_year, end_month, 1))
    start = (end.replace(day=1) - timedelta(days=1)).replace(day=1)
    for _month in range(10):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, end


def fiscal_year_ensure(workplace: Workplace, day: date) -> FiscalYear:
    """The fiscal year containing ``day``, created with its twelve monthly periods if new."""
    start, end = fiscal_bounds(workplace, day)
    year, created = FiscalYear.objects.get_or_create(
        workplace=workplace, start=start, defaults={"end": end}
    )
    if created:
        months = []
        cursor = start
        while cursor <= end:
            months.append(
                Period(workplace=workplace, fiscal_year=year, start=cursor, end=_month_end(cursor))
            )
            cursor = _month_end(cursor) + timedelta(days=1)
        Period.objects.bulk_create(months)
    return year


def _domain_periods(workplace: Workplace, days: Sequence[date]) -> list[DomainPeriod]:
    """The periods of every fiscal year the days fall in (each year created if new)."""
    years = {fiscal_bounds(workplace, day): day for day in set(days)}
    ids = [fiscal_year_ensure(workplace, day).pk for day in years.values()]
    return [
        DomainPeriod(p.start, p.end, p.closed_at is not None)
        for p in Period.objects.filter(fiscal_year_id__in=ids)
    ]


def period_close(access: Access, period: Period) -> Period:
    """Close a month: nothing more can be posted with a date in it. Months close in order."""
    require(access, "ledger.close", period.workplace)
    with transaction.atomic():
        fresh = Period.objects.select_for_update().get(pk=period.pk)
        if fresh.closed_at is not None:
            raise ServiceError.single("", _("That month is already closed."))
        if Period.objects.filter(
            workplace=fresh.workplace, start__lt=fresh.start, closed_at__isnull=True
        ).exists():
            raise ServiceError.single("", _("Close the earlier months first."))
        Period.objects.filter(pk=fresh.pk).update(closed_at=timezone.now())
        fresh.refresh_from_db()
        return fresh


# ---- posting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A transaction to post, with where it comes from."""

    transaction: Transaction
    source: str = ""
    reverses_id: int | None = None


def workplace_chart(workplace: Workplace) -> Chart:
    """The workplace's chart as the domain sees it: its accounts in the database (seeded
    from the profile), with the profile's result and fund accounts."""
    from cordones.domain.ledger import Account, AccountType

    base = profile_chart(workplace)
    rows = list(
        LedgerAccount.objects.filter(workplace=workplace).values_list("code", "name", "type")
    )
    if not rows:
        chart_seed(workplace)
        rows = [(a.code, a.name, a.type.value) for a in base.accounts]
    accounts = tuple(Account(code, name, AccountType(kind)) for code, name, kind in sorted(rows))
    return Chart(
        profile=base.profile,
        name=base.name,
        accounts=accounts,
        result_account=base.result_account,
        fund_accounts=base.fund_accounts,
    )


def transactions_post(
    workplace: Workplace,
    drafts: Sequence[Draft],
    *,
    posted_by_id: int | None,
    check_periods: bool = True,
) -> list[JournalEntry]:
    """Post a batch: every transaction is validated first and nothing is written if any is
    wrong. For other services of the economy (sales, retiros, the surplus), which have checked
    their own permission; the whole batch goes in with two bulk inserts."""
    if not drafts:
        return []
    chart = workplace_chart(workplace)
    periods = (
        _domain_periods(workplace, [d.transaction.date for d in drafts]) if check_periods else None
    )
    problems = []
    for draft in drafts:
        problems.extend(validate_transaction(draft.transaction, chart, periods))
    raise_ledger_errors(problems)
    ids = dict(LedgerAccount.objects.filter(workplace=workplace).values_list("code", "id"))
    with transaction.atomic():
        Workplace.objects.select_for_update().filter(pk=workplace.pk).first()
        last = JournalEntry.objects.filter(workplace=workplace).aggregate(m=Max("number"))["m"] or 0
        entries = [
            JournalEntry(
                workplace=workplace,
                number=last + position,
                date=d.transaction.date,
                narration=d.transaction.narration[:300],
                kind=d.transaction.kind.value,
                section=d.transaction.section or "",
                ref=(d.transaction.ref or "")[:80],
                source=d.source,
                reverses_id=d.reverses_id,
                posted_by_id=posted_by_id,
            )
            for position, d in enumerate(drafts, start=1)
        ]
        JournalEntry.objects.bulk_create(entries)
        if any(e.pk is None for e in entries):  # pragma: no cover - old SQLite without RETURNING
            by_number = dict(
                JournalEntry.objects.filter(workplace=workplace, number__gt=last).values_list(
                    "number", "id"
                )
            )
            for e in entries:
                e.pk = e.id = by_number[e.number]
        JournalLine.objects.bulk_create(
            [
                JournalLine(
                    entry_id=entry.pk,
                    line_no=number,
                    account_id=ids[p.account],
                    amount=p.amount,
                    memo=p.memo[:200],
                )
                for entry, d in zip(entries, drafts, strict=True)
                for number, p in enumerate(d.transaction.postings, start=1)
            ],
            batch_size=2000,
        )
        journal_chain(workplace, [e.number for e in entries])
    return entries


def _money(value: object, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except ArithmeticError:
        raise ServiceError.single(field, _("Enter an amount such as 1500.00.")) from None
    if not amount.is_finite():
        raise ServiceError.single(field, _("Enter an amount such as 1500.00."))
    if not LEDGER_AMOUNT.fits(abs(amount)):
        raise ServiceError.single(
            field,
            _("Enter an amount with at most two decimals, up to %(limit)s.")
            % {"limit": LEDGER_AMOUNT.maximum},
        )
    return amount


def entry_post(
    access: Access,
    workplace: Workplace,
    *,
    on: date,
    narration: str,
    lines: Sequence[tuple[str, object, object, str]],
    section: str = "",
    ref: str = "",
) -> JournalEntry:
    """Post one entry typed by the treasurer: ``lines`` are ``(account code, debit, credit,
    memo)`` with one of debit and credit filled in."""
    require(access, "ledger.post", workplace)
    if not narration.strip():
        raise ServiceError.single("narration", _("Describe the entry."))
    if not day_in_range(on):
        raise ServiceError.single("on", _("That date is out of range."))
    postings = []
    for number, (code, debit, credit, memo) in enumerate(lines, start=1):
        has_debit = debit not in (None, "")
        has_credit = credit not in (None, "")
        if not code and not has_debit and not has_credit:
            continue
        if has_debit == has_credit:
            raise ServiceError.single(
                "", _("Line %(line)s: enter either a debit or a credit.") % {"line": number}
            )
        amount = _money(debit, "lines") if has_debit else -_money(credit, "lines")
        postings.append(Posting(str(code).strip(), amount, memo or ""))
    tx = Transaction(
        date=on,
        narration=narration.strip(),
        postings=tuple(postings),
        section=section.strip() or None,
        ref=ref.strip() or None,
    )
    return transactions_post(workplace, [Draft(tx, "ledger")], posted_by_id=access.user_id)[0]


def entry_as_transaction(entry: JournalEntry) -> Transaction:
    return Transaction(
        date=entry.date,
        narration=entry.narration,
        postings=tuple(
            Posting(line.account.code, line.amount, line.memo)
            for line in entry.lines.select_related("account").order_by("line_no")
        ),
        section=entry.section or None,
        ref=entry.ref or f"#{entry.number}",
        kind=TransactionKind(entry.kind),
    )


def entry_reverse(access: Access, entry: JournalEntry, *, on: date) -> JournalEntry:
    """Post the reversal of ``entry`` dated ``on`` (the original stays, as posted)."""
    require(access, "ledger.post", entry.workplace)
    if entry.kind in (EntryKind.CLOSING, EntryKind.DISTRIBUTION):
        raise ServiceError.single("", _("Year-close and surplus entries are not reversed by hand."))
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise ServiceError.single("", _("This entry has already been reversed."))
    reversal = transaction_reverse(
        entry_as_transaction(entry),
        on,
        narration=_("Reversal of entry %(number)s: %(narration)s")
        % {"number": entry.number, "narration": entry.narration},
        ref=f"reversal-{entry.number}",
    )
    try:
        with transaction.atomic():
            return transactions_post(
                entry.workplace,
                [Draft(reversal, "ledger", reverses_id=entry.pk)],
                posted_by_id=access.user_id,
            )[0]
    except IntegrityError:
        raise ServiceError.single("", _("This entry has already been reversed.")) from None


# ---- year close ---------------------------------------------------------------------------------


def year_close(access: Access, year: FiscalYear) -> FiscalYear:
    """Close the fiscal year: post the closing entries (income and expenses, retiros
    included, to the year's result), close every month and record the result."""
    require(access, "ledger.close", year.workplace)
    from cordones.ledger.selectors import ledger_summary

    workplace = year.workplace
    with transaction.atomic():
        fresh = FiscalYear.objects.select_for_update().get(pk=year.pk)
        if fresh.closed_at is not None:
            raise ServiceError.single("", _("This fiscal year is already closed."))
        earlier = FiscalYear.objects.filter(
            workplace=workplace, start__lt=fresh.start, closed_at__isnull=True
        )
        if (
            earlier.exists()
            and JournalEntry.objects.filter(workplace=workplace, date__lt=fresh.start).exists()
        ):
            raise ServiceError.single("", _("Close the earlier fiscal years first."))
        chart = workplace_chart(workplace)
        summary = ledger_summary(workplace, fresh.start, fresh.end)
        result = domain_year_close(
            chart,
            summary,
            fresh.end,
            income_narration=_("Year close: income accounts to the year's result"),
            expenses_narration=_("Year close: expense accounts to the year's result"),
        )
        raise_ledger_errors(result.errors)
        transactions_post(
            workplace,
            [Draft(t, "ledger.close") for t in result.transactions],
            posted_by_id=access.user_id,
            check_periods=False,
        )
        now = timezone.now()
        Period.objects.filter(fiscal_year=fresh, closed_at__isnull=True).update(closed_at=now)
        FiscalYear.objects.filter(pk=fresh.pk).update(
            closed_at=now, closed_by_id=access.user_id, surplus=result.surplus
        )
        fresh.refresh_from_db()
        return fresh
