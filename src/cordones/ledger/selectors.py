"""Reads of the books. Reports are computed by the domain from per-group sums made by the
database (one row per account, kind of entry and section), so the number of queries and the
Python work do not grow with the number of journal lines."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import BigIntegerField, Case, F, Func, QuerySet, Sum, Value, When
from django.db.models.functions import Cast

from cordones.domain.bounds import EARLIEST_DAY, LATEST_DAY, parse_int
from cordones.domain.common.money import from_cents
from cordones.domain.ledger import (
    BalanceSheet,
    Chart,
    IncomeStatement,
    Posting,
    Transaction,
    TransactionKind,
    TrialBalance,
    balance_sheet,
    income_statement,
    results_by_section,
    trial_balance,
)
from cordones.ledger.models import FiscalYear, JournalEntry, JournalLine, Period
from cordones.ledger.services import fiscal_bounds, workplace_chart
from cordones.workplaces.models import Workplace


class Round(Func):
    function = "ROUND"
    arity = 1


def _cents(expression: F) -> Cast:
    # exact on both databases: SQLite keeps decimals as floats, so each amount is rounded to
    # whole cents before it is added (sums of integers are exact)
    return Cast(Round(expression * 100), BigIntegerField())


def ledger_summary(
    workplace: Workplace, start: date | None = None, end: date | None = None
) -> tuple[Transaction, ...]:
    """The lines from ``start`` to ``end`` summed by kind of entry, section and account, as
    domain transactions (one per kind and section; debits and credits apart). Each group is
    the sum of balanced entries, so it balances too; every report of the domain gives the
    same result on this summary as on the entries themselves."""
    lines = JournalLine.objects.filter(entry__workplace=workplace)
    if start is not None:
        lines = lines.filter(entry__date__gte=start)
    if end is not None:
        lines = lines.filter(entry__date__lte=end)
    rows = (
        lines.values("entry__kind", "entry__section", "account__code")
        .annotate(
            debits=Sum(
                Case(When(amount__gt=0, then=_cents(F("amount"))), default=Value(0)),
                output_field=BigIntegerField(),
            ),
            credits=Sum(
                Case(When(amount__lt=0, then=_cents(F("amount"))), default=Value(0)),
                output_field=BigIntegerField(),
            ),
        )
        .order_by("entry__kind", "entry__section", "account__code")
    )
    groups: dict[tuple[str, str], list[Posting]] = defaultdict(list)
    for row in rows:
        key = (row["entry__kind"], row["entry__section"])
        for cents in (row["debits"], row["credits"]):
            if cents:
                groups[key].append(Posting(row["account__code"], from_cents(int(cents))))
    day = end or start or date.today()
    return tuple(
        Transaction(
            date=day,
            narration="summary",
            postings=tuple(postings),
            section=section or None,
            kind=TransactionKind(kind),
        )
        for (kind, section), postings in sorted(groups.items())
    )


@dataclass(frozen=True)
class Reports:
    chart: Chart
    start: date
    end: date
    trial: TrialBalance
    income: IncomeStatement
    balance: BalanceSheet
    sections: list[tuple[str, Decimal]]


def reports_get(workplace: Workplace, start: date, end: date) -> Reports:
    """Trial balance and income statement of the period; balance sheet at ``end`` (every
    entry up to then); results by section of the period."""
    chart = workplace_chart(workplace)
    period = ledger_summary(workplace, start, end)
    to_date = ledger_summary(workplace, None, end)
    by_section = results_by_section(chart, period)
    return Reports(
        chart=chart,
        start=start,
        end=end,
        trial=trial_balance(chart, period),
        income=income_statement(chart, period),
        balance=balance_sheet(chart, to_date),
        sections=sorted(((k or "", v) for k, v in by_section.items()), key=lambda kv: kv[0]),
    )


def fiscal_year_list(workplace: Workplace) -> QuerySet[FiscalYear]:
    return FiscalYear.objects.filter(workplace=workplace).order_by("-start")


def fiscal_year_for(workplace: Workplace, day: date) -> FiscalYear | None:
    start, _end = fiscal_bounds(workplace, day)
    return FiscalYear.objects.filter(workplace=workplace, start=start).first()


def fiscal_year_get(workplace: Workplace, label: str | None, today: date) -> FiscalYear | None:
    """The fiscal year whose end is in year ``label``, or the one containing today, or the
    latest one."""
    years = fiscal_year_list(workplace)
    year = parse_int(label, EARLIEST_DAY.year, LATEST_DAY.year) if label else None
    if year is not None:
        return years.filter(end__year=year).first()
    return fiscal_year_for(workplace, today) or years.first()


def period_list(year: FiscalYear) -> QuerySet[Period]:
    return Period.objects.filter(fiscal_year=year).order_by("start")


def journal_count(workplace: Workplace, *, start: date | None, end: date | None) -> int:
    entries = JournalEntry.objects.filter(workplace=workplace)
    if start is not None:
        entries = entries.filter(date__gte=start)
    if end is not None:
        entries = entries.filter(date__lte=end)
    return entries.count()


def journal_page(
    workplace: Workplace, *, start: date | None, end: date | None, page: int, per_page: int = 50
) -> tuple[list[JournalEntry], int]:
    """One page of entries (newest first) with their lines: three queries at most."""
    entries = JournalEntry.objects.filter(workplace=workplace)
    if start is not None:
        entries = entries.filter(date__gte=start)
    if end is not None:
        entries = entries.filter(date__lte=end)
    total = entries.count()
    chosen = list(
        entries.order_by("-number")[(page - 1) * per_page : page * per_page].prefetch_related(
            "lines__account"
        )
    )
    return chosen, total


def entry_get(workplace: Workplace, number: int) -> JournalEntry:
    return (
        JournalEntry.objects.select_related("reverses", "posted_by")
        .prefetch_related("lines__account")
        .get(workplace=workplace, number=number)
    )


def reversal_of(entry: JournalEntry) -> JournalEntry | None:
    return JournalEntry.objects.filter(reverses=entry).first()


def journal_transactions(
    workplace: Workplace, start: date | None = None, end: date | None = None
) -> list[Transaction]:
    """Every entry (with its lines) from ``start`` to ``end`` as domain transactions, in
    order; two queries, streamed."""
    entries = JournalEntry.objects.filter(workplace=workplace)
    if start is not None:
        entries = entries.filter(date__gte=start)
    if end is not None:
        entries = entries.filter(date__lte=end)
    heads = {
        pk: (day, narration, kind, section, ref, number, reverses)
        for pk, day, narration, kind, section, ref, number, reverses in entries.values_list(
            "pk", "date", "narration", "kind", "section", "ref", "number", "reverses__number"
        ).iterator(chunk_size=5000)
    }
    lines: dict[int, list[Posting]] = defaultdict(list)
    query = JournalLine.objects.filter(entry__in=entries).order_by("entry_id", "line_no")
    for entry_id, code, amount, memo in query.values_list(
        "entry_id", "account__code", "amount", "memo"
    ).iterator(chunk_size=5000):
        lines[entry_id].append(Posting(code, Decimal(amount).quantize(Decimal("0.01")), memo))
    out = []
    for pk in sorted(heads, key=lambda k: (heads[k][0], heads[k][5])):
        day, narration, kind, section, ref, number, reverses = heads[pk]
        out.append(
            Transaction(
                date=day,
                narration=f"{narration} [{ref}]" if ref else narration,
                postings=tuple(lines[pk]),
                section=section or None,
                ref=f"#{number}",
                kind=TransactionKind(kind),
                reverses=f"#{reverses}" if reverses else None,
            )
        )
    return out
