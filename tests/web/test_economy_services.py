"""The economy's services on both databases: good input is written once and posted to the
books; bad input gets a translated message, row and column, and changes nothing."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import override
from openpyxl import Workbook

from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.ledger import selectors as ledger_selectors
from cordones.ledger import services as ledger
from cordones.ledger.models import FiscalYear, JournalEntry, JournalLine, PostedEntryError
from cordones.production import services as production
from cordones.production.importing import ImportRejected
from cordones.production.models import HoursRecord, OutputRecord
from cordones.retiros import selectors as retiros_selectors
from cordones.retiros import services as retiros
from cordones.retiros.models import RetiroSheet
from cordones.sales import selectors as sales_selectors
from cordones.sales import services as sales
from cordones.sales.models import Sale
from cordones.surplus import services as surplus
from cordones.surplus.models import SurplusProposal
from tests.web.economy_support import add_months, build_economy, council_access

YEAR = 2025  # for tests that need no members: any year

pytestmark = pytest.mark.django_db


def books(workplace):
    return (
        JournalEntry.objects.filter(workplace=workplace).count(),
        JournalLine.objects.filter(entry__workplace=workplace).count(),
    )


def counts(workplace):
    return (
        *books(workplace),
        OutputRecord.objects.filter(workplace=workplace).count(),
        HoursRecord.objects.filter(workplace=workplace).count(),
        Sale.objects.filter(workplace=workplace).count(),
    )


def xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_sales_are_posted_and_concentration_follows(shop):
    build_economy(shop, months=2)
    wp = shop.workplace
    assert Sale.objects.filter(workplace=wp).count() == 6
    sale = Sale.objects.filter(workplace=wp, customer__name="Kiosco").first()
    assert sale.amount == D("10200.00")
    lines = {line.account.code: line.amount for line in sale.entry.lines.select_related("account")}
    assert lines == {"1.1.03": D("10200.00"), "4.1": D("-10200.00")}
    # the two months may straddle a calendar year (the fixture counts back from today); each
    # month's sales are 60,000 + 30,000 + 10,200, so every year shows the same shares
    years = sales_selectors.concentration_by_year(wp)
    assert len(years) in (1, 2)
    assert sum(year.concentration.total for year in years) == D("200400.00")
    for year in years:
        assert year.concentration.top1 == D("0.5988")
        assert year.former_owner_share == D("0.5988")
        assert year.concentration.customers == 3


def test_an_import_with_any_bad_row_saves_nothing_and_names_row_and_column(shop):
    council = council_access(shop)
    build_economy(shop, months=1)
    before = counts(shop.workplace)
    data = (
        b"fecha;producto;cantidad;rechazos\n"
        b"2025-06-02;LIB;100;2\n"
        b"2025-06-03;NOPE;100;0\n"
        b"2025-06-04;LIB;ten;0\n"
        b"2025-06-05;LIB;5;9\n"
    )
    with override("es"), pytest.raises(ImportRejected) as exc:
        production.output_import(council, shop.workplace, filename="salida.csv", data=data)
    report = {(line.row, line.column) for line in exc.value.lines}
    assert report == {(4, "quantity"), (5, "rejects")}  # the unknown product comes after
    assert all(line.message and line.message.isprintable() for line in exc.value.lines)
    assert counts(shop.workplace) == before
    with pytest.raises(ImportRejected) as exc:
        production.output_import(
            council,
            shop.workplace,
            filename="x.csv",
            data=b"fecha;producto;cantidad\n2025-06-03;NOPE;1\n",
        )
    assert [(line.row, line.column) for line in exc.value.lines] == [(2, "product")]
    assert counts(shop.workplace) == before


def test_xlsx_sales_import_posts_every_sale_or_none(shop):
    council = council_access(shop)
    build_economy(shop, months=1)
    before = counts(shop.workplace)
    good = [
        ["Fecha", "Cliente", "Producto", "Cantidad", "Precio unitario", "Factura"],
        [date(2025, 7, 1), "Kiosco", "REV", 10, 25.5, "B-1"],
        [date(2025, 7, 2), "Municipalidad", "LIB", 3, "1.234,50", "B-2"],
    ]
    created = sales.sales_import(council, shop.workplace, filename="ventas.xlsx", data=xlsx(good))
    assert [s.amount for s in created] == [D("255.00"), D("3703.50")]
    assert books(shop.workplace) == (before[0] + 2, before[1] + 4)
    after_good = counts(shop.workplace)
    bad = [
        *good[:1],
        [date(2025, 7, 3), "Kiosco", "REV", 1, 10],
        [date(2025, 7, 3), "Nadie", "REV", 1, 10],
    ]
    with pytest.raises(ImportRejected) as exc:
        sales.sales_import(council, shop.workplace, filename="ventas.xlsx", data=xlsx(bad))
    assert [(line.row, line.column) for line in exc.value.lines] == [(3, "customer")]
    assert counts(shop.workplace) == after_good
    with pytest.raises(ImportRejected):
        sales.sales_import(council, shop.workplace, filename="ventas.xlsx", data=b"not a workbook")
    assert counts(shop.workplace) == after_good


def test_the_same_period_is_not_recorded_twice(shop):
    council = council_access(shop)
    econ = build_economy(shop, months=1)
    before = counts(shop.workplace)
    with pytest.raises(ImportRejected) as exc:
        production.hours_import_rows(
            council,
            shop.workplace,
            [["date", "period", "member", "hours"], [econ.months[0], "month", 1, 8]],
        )
    assert exc.value.lines[0].row == 2
    assert counts(shop.workplace) == before


def test_only_the_council_writes_production_and_sales(shop):
    build_economy(shop, months=1)
    before = counts(shop.workplace)
    from cordones.members.permissions import Access, Role

    plain = Access(shop.workplace.pk, None, None, frozenset({Role.MEMBER}))
    with pytest.raises(PermissionDeniedError):
        production.output_import_rows(
            plain, shop.workplace, [["date", "product", "quantity"], [date(2025, 2, 2), "LIB", 1]]
        )
    with pytest.raises(PermissionDeniedError):
        sales.customer_save(plain, shop.workplace, name="X")
    auditor = Access(shop.workplace.pk, None, None, frozenset({Role.MEMBER, Role.AUDITOR}))
    with pytest.raises(PermissionDeniedError):
        ledger.entry_post(
            auditor,
            shop.workplace,
            on=date(2025, 2, 2),
            narration="x",
            lines=[("5.1", "1", None, ""), ("1.1.02", None, "1", "")],
        )
    assert counts(shop.workplace) == before


def test_unbalanced_entry_is_refused_and_nothing_is_written(shop):
    council = council_access(shop)
    before = books(shop.workplace)
    with override("en"), pytest.raises(ServiceError) as exc:
        ledger.entry_post(
            council,
            shop.workplace,
            on=date(YEAR, 3, 1),
            narration="Compra",
            lines=[("5.1", "100.00", None, ""), ("1.1.02", None, "90.00", "")],
        )
    assert "does not balance" in str(exc.value)
    with pytest.raises(ServiceError):
        ledger.entry_post(
            council,
            shop.workplace,
            on=date(YEAR, 3, 1),
            narration="x",
            lines=[("9.9", "1", None, ""), ("1.1.02", None, "1", "")],
        )
    assert books(shop.workplace) == before


def test_posted_entries_are_immutable_in_the_database(shop):
    council = council_access(shop)
    entry = ledger.entry_post(
        council,
        shop.workplace,
        on=date(YEAR, 3, 1),
        narration="Compra",
        lines=[("5.1", "100.00", None, ""), ("1.1.02", None, "100.00", "")],
    )
    with pytest.raises(PostedEntryError):
        entry.save()
    with pytest.raises(PostedEntryError):
        entry.delete()
    for sql in (
        f"UPDATE ledger_journalline SET amount = 1 WHERE entry_id = {entry.pk}",
        f"DELETE FROM ledger_journalline WHERE entry_id = {entry.pk}",
        f"UPDATE ledger_journalentry SET narration = 'x' WHERE id = {entry.pk}",
        f"DELETE FROM ledger_journalentry WHERE id = {entry.pk}",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    entry.refresh_from_db()
    assert entry.narration == "Compra" and entry.lines.count() == 2


def test_corrections_are_reversals_and_only_once(shop):
    council = council_access(shop)
    entry = ledger.entry_post(
        council,
        shop.workplace,
        on=date(YEAR, 3, 1),
        narration="Compra",
        lines=[("5.1", "100.00", None, ""), ("1.1.02", None, "100.00", "")],
    )
    reversal = ledger.entry_reverse(council, entry, on=date(YEAR, 3, 2))
    assert reversal.reverses_id == entry.pk and reversal.kind == "reversal"
    assert sorted(reversal.lines.values_list("amount", flat=True)) == [D("-100.00"), D("100.00")]
    before = books(shop.workplace)
    with pytest.raises(ServiceError):
        ledger.entry_reverse(council, entry, on=date(YEAR, 3, 3))
    assert books(shop.workplace) == before
    balances = ledger_selectors.reports_get(
        shop.workplace, date(YEAR, 1, 1), date(YEAR, 12, 31)
    ).trial.balances()
    assert balances.get("5.1", D(0)) == 0


def test_a_closed_month_takes_no_entries(shop):
    council = council_access(shop)
    year = ledger.fiscal_year_ensure(shop.workplace, date(YEAR, 1, 15))
    january = year.periods.order_by("start").first()
    with pytest.raises(ServiceError):
        ledger.period_close(council, year.periods.order_by("start")[1])  # February before January
    ledger.period_close(council, january)
    before = books(shop.workplace)
    with override("en"), pytest.raises(ServiceError) as exc:
        ledger.entry_post(
            council,
            shop.workplace,
            on=date(YEAR, 1, 20),
            narration="Tarde",
            lines=[("5.1", "1.00", None, ""), ("1.1.02", None, "1.00", "")],
        )
    assert "closed period" in str(exc.value)
    assert books(shop.workplace) == before


def test_retiros_sheet_posts_per_section_and_pays(shop):
    econ = build_economy(shop, months=1)
    council = council_access(shop)
    sheet = RetiroSheet.objects.get(workplace=shop.workplace, month=econ.months[0])
    assert sheet.status == "posted" and sheet.total == D("80000.00")
    assert sheet.entries.count() == 1
    with pytest.raises(ServiceError):
        retiros.sheet_prepare(council, shop.workplace, econ.months[0])  # already posted
    before = books(shop.workplace)
    retiros.sheet_pay(council, sheet, on=econ.months[1].replace(day=5))
    assert books(shop.workplace) == (before[0] + 1, before[1] + 2)
    figures = retiros_selectors.month_figures(shop.workplace)
    assert figures[0].ratio == D("1.00") and figures[0].members == 4


def test_hours_scheme_with_a_pool_shares_it_exactly(shop):
    council = council_access(shop)
    econ = build_economy(shop, months=1)
    february = econ.months[1]
    retiros.scheme_create(
        council,
        shop.workplace,
        name="Horas",
        kind="hours",
        valid_from=february,
        decided_by="Asamblea extraordinaria 2025-01-20",
        hourly_rate=D("500.00"),
    )
    production.hours_import_rows(
        council,
        shop.workplace,
        [
            ["date", "period", "member", "hours"],
            *[[february, "month", n, D(100 * n)] for n in range(1, 5)],
        ],
    )
    sheet = retiros.sheet_prepare(council, shop.workplace, february, pool=D("1000.01"))
    amounts = [line.amount for line in retiros_selectors.sheet_lines(sheet)]
    assert sum(amounts) == D("1000.01")
    assert (
        amounts == [D("100.00"), D("200.00"), D("300.00"), D("400.01")]
        or sorted(amounts) == amounts
    )


def test_year_close_and_surplus_distribution_only_when_approved(shop):
    econ = build_economy(shop, months=12)
    council = council_access(shop)
    wp = shop.workplace
    year = FiscalYear.objects.get(workplace=wp, end=econ.year_end)
    reports = ledger_selectors.reports_get(wp, year.start, year.end)
    # sales 12 x (60,000 + 30,000 + 10,200); retiros 12 x 4 x 20,000
    assert reports.income.total_income == D("1202400.00")
    assert reports.income.total_expenses == D("960000.00")
    closed = ledger.year_close(council, year)
    assert closed.surplus == D("242400.00") and closed.closed
    assert not year.periods.filter(closed_at__isnull=True).exists()
    after_close = ledger_selectors.reports_get(wp, year.start, year.end)
    assert after_close.income.result == D("242400.00")  # closing entries are excluded
    assert after_close.balance.unclosed_result == 0
    with pytest.raises(ServiceError):
        ledger.year_close(council, year)

    proposal = surplus.surplus_proposal_create(council, closed, basis="hours")
    assert D(proposal.funds["legal_reserve"]) == D("12120.00")
    assert sum(D(v) for v in proposal.funds.values()) == D("242400.00")
    assert sum(line.retorno for line in proposal.lines.all()) == D(proposal.funds["retorno_total"])
    before = books(wp)
    with pytest.raises(ServiceError):  # a draft cannot be decided
        surplus.surplus_proposal_decide(proposal, True, "Asamblea ordinaria 2026-04-30")
    proposal = surplus.surplus_proposal_submit(council, proposal)
    assert books(wp) == before  # submitting posts nothing

    rejected = surplus.surplus_proposal_decide(
        proposal, False, "Asamblea ordinaria 2026-04-30, acta 41"
    )
    assert rejected.status == "rejected" and books(wp) == before

    second = surplus.surplus_proposal_submit(
        council, surplus.surplus_proposal_create(council, closed, basis="equal")
    )
    approved = surplus.surplus_proposal_decide(
        second, True, "Asamblea ordinaria, acta 42", on=econ.after + timedelta(days=40)
    )
    assert approved.status == "posted" and approved.entry is not None
    assert books(wp)[0] == before[0] + 1
    next_year = (econ.after, add_months(econ.after, 12) - timedelta(days=1))
    balances = ledger_selectors.reports_get(wp, *next_year).trial.balances()
    assert balances["3.5"] == D("242400.00")  # the result account is debited by the surplus
    assert balances["2.1.03"] == -D(approved.funds["retorno_total"])
    with pytest.raises(ServiceError):
        surplus.surplus_proposal_decide(approved, True, "again")
    assert SurplusProposal.objects.filter(workplace=wp, status="posted").count() == 1


def test_an_approval_the_books_refuse_stays_approved_to_post_later(shop):
    econ = build_economy(shop, months=12)
    council = council_access(shop)
    year = ledger.year_close(
        council, FiscalYear.objects.get(workplace=shop.workplace, end=econ.year_end)
    )
    proposal = surplus.surplus_proposal_submit(
        council, surplus.surplus_proposal_create(council, year, basis="retiros")
    )
    before = books(shop.workplace)
    decided = surplus.surplus_proposal_decide(
        proposal, True, "Asamblea 2026-04-30", on=econ.year_end
    )
    assert decided.status == "approved" and decided.posting_error  # that month is closed
    assert books(shop.workplace) == before
    posted = surplus.surplus_proposal_post(council, decided, on=timezone.localdate())
    assert posted.status == "posted"


def test_a_year_with_a_loss_cannot_be_distributed(shop):
    council = council_access(shop)
    ledger.entry_post(
        council,
        shop.workplace,
        on=date(YEAR, 3, 1),
        narration="Luz",
        lines=[("5.3", "500.00", None, ""), ("1.1.02", None, "500.00", "")],
    )
    year = ledger.year_close(
        council, FiscalYear.objects.get(workplace=shop.workplace, end=date(YEAR, 12, 31))
    )
    assert year.surplus == D("-500.00")
    with pytest.raises(ServiceError):
        surplus.surplus_proposal_create(council, year, basis="hours")
    assert not SurplusProposal.objects.exists()
