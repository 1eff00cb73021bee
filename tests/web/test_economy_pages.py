"""The economy's pages: who sees what, exports an accountant can check (bean-check, CSV,
XLSX), receipts, and report pages whose query count does not grow with the data."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import realization
from django.urls import reverse
from openpyxl import load_workbook

from cordones.domain.ledger import beancount_account_name
from cordones.ledger import selectors as ledger_selectors
from cordones.ledger import services as ledger
from cordones.ledger.models import FiscalYear, JournalEntry
from cordones.surplus import services as surplus
from tests.web.economy_support import build_economy

pytestmark = pytest.mark.django_db


@pytest.fixture
def econ(shop):
    return build_economy(shop, months=12)


def url(shop, name, *args):
    return reverse(name, args=[shop.workplace.slug, *args])


PAGES = [
    "economy",
    "economy_mine",
    "economy_production",
    "economy_concentration",
    "economy_trends",
    "economy_sales",
    "economy_retiros",
    "economy_journal",
    "economy_accounts",
    "economy_reports",
    "economy_periods",
    "economy_proposals",
    "economy_import",
    "economy_product_new",
    "economy_output_new",
    "economy_hours_new",
    "economy_capacity",
    "economy_customer_new",
    "economy_scheme_new",
    "economy_sheet_new",
    "economy_entry_new",
]


@pytest.mark.parametrize("name", PAGES)
def test_council_pages_render_with_data(client, shop, econ, name):
    client.force_login(shop.users["secretary"])
    response = client.get(url(shop, name))
    assert response.status_code == 200
    assert b'<html lang="es">' in response.content
    assert b"style=" not in response.content  # the CSP forbids inline styles


def test_charts_come_with_their_tables(client, shop, econ):
    client.force_login(shop.users["member"])
    for name, chart_ids in [
        ("economy_production", [b"chart-output", b"chart-per-hour"]),
        ("economy_trends", [b"chart-prices", b"chart-ratio"]),
        ("economy_concentration", [b"chart-concentration"]),
    ]:
        body = client.get(url(shop, name)).content
        for chart_id in chart_ids:
            assert b'<svg xmlns="http://www.w3.org/2000/svg"' in body and chart_id in body
        assert b"<table" in body and b"<caption" in body


def test_members_see_aggregates_and_their_own_lines_only(client, shop, econ):
    client.force_login(shop.users["member"])
    body = client.get(url(shop, "economy_concentration")).content.decode()
    assert "Municipalidad" not in body  # names of customers are for the council and síndico
    mine = client.get(url(shop, "economy_mine")).content.decode()
    month = econ.months[0]
    own = url(shop, "economy_receipt", month.year, month.month, 1)
    assert own in mine
    assert client.get(own)["Content-Type"] == "application/pdf"
    assert client.get(url(shop, "economy_receipt", month.year, month.month, 2)).status_code == 403
    assert client.get(url(shop, "economy_sheet", month.year, month.month)).status_code == 403
    client.force_login(shop.users["auditor"])
    pdf = client.get(url(shop, "economy_receipt", month.year, month.month, 2))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    body = client.get(url(shop, "economy_concentration")).content.decode()
    assert "Editorial Sur" in body


def test_a_member_sees_the_proposal_and_their_statement_not_the_others(client, shop, econ):
    year = ledger.year_close(
        econ.council, FiscalYear.objects.get(workplace=shop.workplace, end=econ.year_end)
    )
    proposal = surplus.surplus_proposal_create(econ.council, year, basis="hours")
    client.force_login(shop.users["member"])
    assert client.get(url(shop, "economy_proposal", proposal.pk)).status_code == 404  # a draft
    surplus.surplus_proposal_submit(econ.council, proposal)
    body = client.get(url(shop, "economy_proposal", proposal.pk)).content.decode()
    assert 'id="my-statement"' in body
    assert "Secretary grafica" not in body
    client.force_login(shop.users["auditor"])
    assert (
        "Secretary grafica"
        in client.get(url(shop, "economy_proposal", proposal.pk)).content.decode()
    )


def beancount_balances(text, names, currency):
    entries, errors, _options = loader.load_string(text)
    assert errors == [], [e.message for e in errors]
    root = realization.realize(entries)
    out = {}
    for code, name in names.items():
        account = realization.get(root, name)
        units = account.balance.get_currency_units(currency) if account is not None else None
        out[code] = units.number if units else D(0)
    return out


def test_beancount_export_passes_bean_check_and_equals_the_trial_balance(
    client, shop, econ, tmp_path
):
    wp = shop.workplace
    year = ledger.year_close(econ.council, FiscalYear.objects.get(workplace=wp, end=econ.year_end))
    proposal = surplus.surplus_proposal_submit(
        econ.council, surplus.surplus_proposal_create(econ.council, year, basis="retiros")
    )
    surplus.surplus_proposal_decide(
        proposal, True, "Asamblea, acta 9", on=econ.after + timedelta(days=3)
    )
    entry = JournalEntry.objects.filter(workplace=wp, kind="regular").first()
    ledger.entry_reverse(econ.council, entry, on=econ.after + timedelta(days=5))
    client.force_login(shop.users["auditor"])
    response = client.get(url(shop, "economy_beancount") + "?year=all")
    assert response.status_code == 200
    text = response.content.decode()
    path = tmp_path / "books.beancount"
    path.write_text(text)
    bean_check = Path(sys.executable).with_name("bean-check")
    result = subprocess.run([str(bean_check), str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr
    chart = ledger.workplace_chart(wp)
    names = {a.code: beancount_account_name(a) for a in chart.accounts}
    from_beancount = beancount_balances(text, names, wp.currency)
    trial = ledger_selectors.reports_get(wp, econ.months[0], econ.after + timedelta(days=400)).trial
    assert trial.balanced
    for code in names:
        assert from_beancount[code] == trial.balances().get(code, D(0)), code
    assert "#closing" in text and "#distribution" in text and "#reversal" in text


def test_every_report_downloads_as_csv_and_xlsx(client, shop, econ):
    client.force_login(shop.users["auditor"])
    year = f"?year={econ.year_end.year}"
    csv_body = client.get(
        url(shop, "economy_report_export", "trial-balance", "csv") + year
    ).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_body), delimiter=";"))  # Spanish: ";" (ADR 0014)
    total = rows[-1]
    assert total[2] == total[3]  # debits equal credits
    for report in ("trial-balance", "income-statement", "balance-sheet", "sections"):
        for fmt in ("csv", "xlsx"):
            response = client.get(url(shop, "economy_report_export", report, fmt) + year)
            assert response.status_code == 200, (report, fmt)
            if fmt == "xlsx":
                book = load_workbook(io.BytesIO(response.content))
                assert book.active.max_row > 3
    income = client.get(
        url(shop, "economy_report_export", "income-statement", "csv") + year
    ).content.decode("utf-8-sig")
    assert "242400,00" in income
    month = econ.months[0]
    sheet = client.get(url(shop, "economy_sheet_export", month.year, month.month, "xlsx"))
    assert load_workbook(io.BytesIO(sheet.content)).active.max_row == 2 + 4
    client.force_login(shop.users["member"])
    assert (
        client.get(url(shop, "economy_report_export", "trial-balance", "csv") + year).status_code
        == 403
    )


def test_an_import_report_names_rows_and_columns_and_saves_nothing(client, shop, econ):
    from cordones.production.models import OutputRecord

    client.force_login(shop.users["council_member"])
    before = OutputRecord.objects.count()
    upload = io.BytesIO(b"fecha,producto,cantidad\n2025-06-02,LIB,12\n2025-06-03,XX,1\n")
    upload.name = "salida.csv"
    response = client.post(url(shop, "economy_import"), {"kind": "output", "file": upload})
    body = response.content.decode()
    assert response.status_code == 200 and 'id="import-report"' in body and "XX" in body
    assert OutputRecord.objects.count() == before
    upload = io.BytesIO(b"fecha,producto,cantidad\n2025-06-02,LIB,12\n")
    upload.name = "salida.csv"
    response = client.post(url(shop, "economy_import"), {"kind": "output", "file": upload})
    assert response.status_code == 302 and OutputRecord.objects.count() == before + 1


def test_entry_form_posts_a_balanced_entry_and_refuses_an_unbalanced_one(client, shop, econ):
    client.force_login(shop.users["council_member"])
    before = JournalEntry.objects.count()
    data = {
        "on": econ.after.isoformat(),
        "narration": "Compra de tinta",
        "account_1": "5.1",
        "debit_1": "100",
        "account_2": "1.1.02",
        "credit_2": "90",
    }
    response = client.post(url(shop, "economy_entry_new"), data)
    assert response.status_code == 200 and b'role="alert"' in response.content
    assert JournalEntry.objects.count() == before
    data["credit_2"] = "100"
    response = client.post(url(shop, "economy_entry_new"), data)
    assert response.status_code == 302
    assert JournalEntry.objects.count() == before + 1


REPORT_PAGES = [
    "economy_reports",
    "economy_journal",
    "economy_trends",
    "economy_concentration",
    "economy_production",
    "economy_retiros",
]


@pytest.mark.parametrize("name", REPORT_PAGES)
def test_report_pages_use_a_fixed_number_of_queries(client, shop, name, django_assert_num_queries):
    """The same page costs the same queries with one month of data and with twelve."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = build_economy(shop, months=1)
    client.force_login(shop.users["secretary"])
    year = f"?year={small.year_end.year}"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(shop, name) + year).status_code == 200
    from cordones.production import services as production
    from cordones.retiros import services as retiros
    from cordones.sales import services as sales
    from tests.web.economy_support import add_months

    rows = [["date", "customer", "product", "quantity", "unit price"]]
    hours = [["date", "period", "member", "hours"]]
    for month in small.months[1:]:
        rows += [[month.replace(day=d), "Kiosco", "REV", 1, 10] for d in range(1, 28)]
        hours += [[month, "month", n, 100] for n in range(1, 5)]
    sales.sales_import_rows(small.council, shop.workplace, rows)
    production.hours_import_rows(small.council, shop.workplace, hours)
    for month in small.months[1:]:
        retiros.sheet_post(
            small.council, retiros.sheet_prepare(small.council, shop.workplace, month)
        )
    assert add_months(small.months[0], 12) == small.after
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url(shop, name) + year).status_code == 200
