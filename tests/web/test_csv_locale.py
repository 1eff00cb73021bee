"""CSV downloads open right in the reader's spreadsheet (issue 9 pt 10, ADR 0014): a UTF-8
byte-order mark always; ";" and a decimal comma in Spanish and Portuguese; "," and a point
in English; office and reason codes written as their names."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cordones.members import services as members
from cordones.web.csv_locale import localize_csv

pytestmark = pytest.mark.django_db


def rows(response, delimiter):
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM: accents read as UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))


def test_localize_changes_only_decimal_cells():
    text = 'n,name,amount,date,formula\r\n1,"Pérez, Ana",1234.50,2026-01-05,\'=1.5\r\n'
    spanish = localize_csv(text, "es")
    parsed = list(csv.reader(io.StringIO(spanish.lstrip("\ufeff")), delimiter=";"))
    assert parsed[1] == ["1", "Pérez, Ana", "1234,50", "2026-01-05", "'=1.5"]
    english = localize_csv(text, "en")
    assert english == "\ufeff" + text


def test_register_csv_in_spanish_has_semicolons_decimal_commas_and_office_names(client, shop):
    today = timezone.localdate()
    members.member_depart(
        shop.clerk, shop.members["member"], on=today - timedelta(days=1), reason="resignation"
    )
    client.force_login(shop.users["secretary"])
    table = rows(client.get(reverse("register_csv", args=[shop.workplace.slug])), ";")
    header, first, second = table[0], table[1], table[2]
    assert header[0] == "Número de asociado/a"
    assert first[4] == "1000,00"  # shares subscribed, decimal comma
    assert first[7] == "Renuncia"  # the reason's name, not "resignation"
    assert second[-1] == "Secretario/a"  # not "secretary"
    assert not any(
        cell in {"secretary", "council_member", "resignation"} for r in table for cell in r
    )


def test_register_csv_in_english_keeps_commas_and_points(client, shop):
    client.cookies["cordones_language"] = "en"
    client.force_login(shop.users["secretary"])
    table = rows(client.get(reverse("register_csv", args=[shop.workplace.slug])), ",")
    assert table[1][4] == "1000.00"
    assert table[2][-1] == "Secretary"


def test_portuguese_reader_gets_semicolons(client, shop):
    client.cookies["cordones_language"] = "pt-br"
    client.force_login(shop.users["secretary"])
    table = rows(client.get(reverse("register_csv", args=[shop.workplace.slug])), ";")
    assert table[1][4] == "1000,00"
