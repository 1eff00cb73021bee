"""Words and numbers read like the rest of the app (issue 9 pt 10): the share as a
readable percentage, one name for the concentration index, and the reports saying what
the trial balance and the balance sheet each cover."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from cordones.ledger import services as ledger
from cordones.ledger.models import FiscalYear
from cordones.surplus import services as surplus
from tests.web.economy_support import build_economy

pytestmark = pytest.mark.django_db


def url(shop, name, *args):
    return reverse(name, args=[shop.workplace.slug, *args])


def render(template: str, **context) -> str:
    return Template("{% load cordones_format %}" + template).render(Context(context))


def test_percent_filter_keeps_small_shares_readable():
    with translation.override("es"):
        assert render("{{ v|percent }}", v=Decimal("0.005182")) == "0,52\u00a0%"
        assert render("{{ v|percent }}", v=Decimal("0.25")) == "25,00\u00a0%"
    with translation.override("en"):
        assert render("{{ v|percent }}", v=Decimal("0.005182")) == "0.52\u00a0%"


def test_member_statement_shows_the_share_as_a_percentage(client, shop):
    econ = build_economy(shop, months=12)
    year = ledger.year_close(
        econ.council, FiscalYear.objects.get(workplace=shop.workplace, end=econ.year_end)
    )
    proposal = surplus.surplus_proposal_create(econ.council, year, basis="hours")
    surplus.surplus_proposal_submit(econ.council, proposal)
    client.force_login(shop.users["member"])
    body = client.get(url(shop, "economy_proposal", proposal.pk)).content.decode()
    statement = body[body.index('id="my-statement"') :]
    share = re.search(r"<dd>([^<]*%)</dd>", statement).group(1)
    assert re.fullmatch(r"\d+,\d\d\xa0%", share), share  # e.g. "25,00 %", no raw fraction


def test_concentration_index_has_one_name_per_language(client, shop):
    build_economy(shop, months=12)
    client.force_login(shop.users["secretary"])
    body = client.get(url(shop, "economy_concentration")).content.decode()
    assert "IHH" in body and ">HHI<" not in body and "(HHI," not in body
    client.cookies["cordones_language"] = "en"
    User = shop.users["secretary"].__class__
    User.objects.filter(pk=shop.users["secretary"].pk).update(preferred_language="en")
    body = client.get(url(shop, "economy_concentration")).content.decode()
    assert "HHI" in body and "IHH" not in body


def test_reports_say_what_the_trial_balance_and_balance_sheet_cover(client, shop):
    econ = build_economy(shop, months=12)
    client.force_login(shop.users["auditor"])
    body = client.get(url(shop, "economy_reports") + f"?year={econ.year_end.year}").content.decode()
    assert "Solo los asientos de este ejercicio" in body
    assert "todos los asientos desde que empezaron los libros" in body


def test_count_sheet_speaks_spanish_numbers_and_plurals():
    from django.utils.formats import get_format
    from django.utils.translation import ngettext

    from cordones.domain.voting import RankedBallot, RankedProfile, render_count_sheet, tally
    from cordones.domain.voting.messages import number_style

    profile = RankedProfile(
        ("Ana", "Beto", "Carla", "Dora"),
        (
            RankedBallot(("Ana", "Beto"), 9),
            RankedBallot(("Ana", "Carla"), 2),
            RankedBallot(("Beto", "Carla"), 3),
            RankedBallot(("Carla",), 4),
            RankedBallot(("Dora", "Beto"), 1),
        ),
    )
    result = tally("stv", profile, seats=2, seed=1)
    with translation.override("es"), number_style(get_format("DECIMAL_SEPARATOR"), ngettext):
        sheet = render_count_sheet(result, translation.gettext)
    assert re.search(r"\b1 boleta de ", sheet), sheet
    assert not re.search(r"\b1 boletas ", sheet)
    assert re.search(r"\d,\d{5}", sheet) and not re.search(r"\d\.\d{5}", sheet)
