"""The convocation email carries what a member needs to attend (issue 9 pt 11): date,
place, agenda and the statute's notice rule, in the reader's language, with the .ics
attached and a link built from the configured SITE_URL; invitations use SITE_URL too."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cordones.accounts.models import User
from cordones.assemblies.services import meetings
from cordones.members.models import Member
from tests.web.assemblies_scene import access

pytestmark = pytest.mark.django_db


@pytest.fixture
def convened(shop, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://coop.example/app/"
    general, _council = meetings.bodies_ensure(shop.workplace)
    sec = access(shop, "secretary")
    meeting = meetings.meeting_create(
        sec,
        shop.workplace,
        body=general,
        title="Asamblea ordinaria 2026",
        scheduled_at=timezone.now() + timedelta(days=20),
        place="Comedor de planta",
    )
    meetings.item_add(
        sec, meeting, matter="ordinary", title="Compra de una guillotina", description="Dos ofertas"
    )
    meetings.item_add(sec, meeting, matter="annual_report", title="Memoria y balance")
    User.objects.filter(pk=shop.users["member"].pk).update(preferred_language="pt-br")
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_convene(sec, meeting)
    return meeting


def body_for(email: str) -> str:
    return next(m for m in mail.outbox if m.to == [email]).body


def test_convocation_email_has_agenda_date_place_and_notice_rule(shop, convened):
    body = body_for("secretary@grafica.test")
    assert "Comedor de planta" in body
    assert "1. Compra de una guillotina" in body and "Dos ofertas" in body
    assert "2. Memoria y balance" in body
    when = timezone.localtime(convened.scheduled_at)
    assert f"{when.day} de " in body and str(when.year) in body  # a Spanish date
    assert "15 días de anticipación" in body  # the statute's notice rule
    link = f"https://coop.example/app/w/{shop.workplace.slug}/assemblies/{convened.pk}/"
    assert link in body
    attachment = next(m for m in mail.outbox if m.to == ["secretary@grafica.test"]).attachments
    assert attachment[0][2] == "text/calendar" and "BEGIN:VEVENT" in attachment[0][1]


def test_convocation_email_speaks_the_readers_language(convened):
    body = body_for("member@grafica.test")
    assert "Ordem do dia:" in body and "15 dias de antecedência" in body
    assert "Data e hora:" in body
    assert "Orden del día" not in body


def test_invitation_link_uses_site_url_not_the_requests_host(
    client, shop, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://coop.example"
    Member.objects.filter(pk=shop.members["member"].pk).update(user=None)  # not yet invited
    client.force_login(shop.users["secretary"])
    url = reverse("member_invite", args=[shop.workplace.slug, shop.members["member"].number])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "nueva@grafica.test"})
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "https://coop.example/invitation/" in body
    assert "testserver" not in body
