from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from cordones.accounts.models import User
from cordones.assemblies.models import Body
from cordones.members.models import Member, RegisterEntry
from cordones.members.selectors import dashboard_get, register_rows
from cordones.workplaces.models import Section, Workplace

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (Workplace, Section, Member, RegisterEntry, User))


def test_demo_is_realistic_and_running_it_twice_adds_nothing(capsys):
    call_command("demo")
    first = counts()
    output = capsys.readouterr().out
    assert "secretaria@metalurgica-la-union.demo" in output and "cordones-demo" in output
    workplaces = Workplace.objects.all()
    # The demo is seeded: the same network every time.
    assert len(workplaces) == 8
    assert len({w.sector for w in workplaces}) == 8
    assert Member.objects.count() == 302
    metal = Workplace.objects.get(slug="metalurgica-la-union")
    assert Member.objects.filter(workplace=metal).count() == 80
    today = timezone.localdate()
    board = dashboard_get(metal, today)
    offices = {o.office.value for o in board.officers}
    assert offices == {
        "president",
        "secretary",
        "treasurer",
        "council_member",
        "auditor",
        "substitute_auditor",
    }
    rows = register_rows(metal)
    assert any(r.state.departed_on for r in rows)  # history includes departures
    assert RegisterEntry.objects.filter(workplace=metal, kind="correction").exists()
    # the statutory bodies are named in the site's language, though the command runs in English
    names = set(
        Body.objects.filter(kind__in=["general_assembly", "council"]).values_list("name", flat=True)
    )
    assert names == {"Asamblea general", "Consejo de Administración"}
    call_command("demo")
    assert counts() == first


def test_demo_logins_work(client):
    call_command("demo")
    user = User.objects.get(email="secretaria@grafica-patricios.demo")
    assert user.check_password("cordones-demo")
    client.force_login(user)
    assert client.get("/w/grafica-patricios/").status_code == 200


def test_statutory_bodies_are_named_in_the_sites_language_whatever_the_callers():
    from django.utils import translation

    from cordones.assemblies.services.meetings import bodies_ensure
    from tests.conftest import build_shop

    shop = build_shop("ceramica", "30-50001091-2")
    Body.objects.filter(workplace=shop.workplace).delete()
    with translation.override("en"):  # e.g. a command or an operator working in English
        bodies_ensure(shop.workplace)
    names = set(Body.objects.filter(workplace=shop.workplace).values_list("name", flat=True))
    assert names == {"Asamblea general", "Consejo de Administración"}
