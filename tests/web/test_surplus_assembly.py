"""The surplus proposal through the ordinary assembly: a secret vote by statute; the
distribution is posted only when the motion is adopted, and nothing is posted otherwise."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cordones.assemblies.services import attendance, meetings, votes
from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.ledger import services as ledger
from cordones.ledger.models import FiscalYear, JournalEntry
from cordones.members.selectors import access_get
from cordones.surplus import services as surplus
from cordones.surplus.agenda import proposal_agenda_item, surplus_proposal_to_agenda
from tests.web.economy_support import build_economy, council_access

pytestmark = pytest.mark.django_db


def access(shop, persona):
    return access_get(shop.users[persona], shop.workplace, timezone.localdate())


def submitted_proposal(shop):
    econ = build_economy(shop, months=12)
    council = council_access(shop)
    year = FiscalYear.objects.get(workplace=shop.workplace, end=econ.year_end)
    closed = ledger.year_close(council, year)
    return surplus.surplus_proposal_submit(
        council, surplus.surplus_proposal_create(council, closed, basis="hours")
    )


def assembly_with(shop, proposal):
    sec = access(shop, "secretary")
    general, _c = meetings.bodies_ensure(shop.workplace)
    meeting = meetings.meeting_create(
        sec,
        shop.workplace,
        body=general,
        title="Asamblea ordinaria",
        scheduled_at=timezone.now() + timedelta(days=20),
        place="Planta",
    )
    motion = surplus_proposal_to_agenda(sec, proposal, meeting)
    meetings.meeting_convene(sec, meeting)
    for persona in ("member", "secretary", "council_member", "auditor"):
        attendance.checkin_by_secretary(sec, meeting, shop.members[persona])
    now = meeting.scheduled_at + timedelta(minutes=1)
    meetings.meeting_open(sec, meeting, now=now)
    votes.motion_open(sec, motion, now=now)
    return motion


@pytest.mark.parametrize("choice,status", [("for", "posted"), ("against", "rejected")])
def test_the_assembly_decides_the_distribution(shop, choice, status):
    proposal = submitted_proposal(shop)
    motion = assembly_with(shop, proposal)
    assert motion.mode == "secret" and motion.item.matter == "surplus_distribution"
    assert proposal_agenda_item(proposal) == motion.item
    entries = JournalEntry.objects.filter(workplace=shop.workplace).count()
    for persona in ("member", "secretary", "council_member", "auditor"):
        votes.ballot_cast(access(shop, persona), motion, {"choice": choice})
    votes.motion_close(access(shop, "secretary"), motion)
    proposal.refresh_from_db()
    assert proposal.status == status
    assert str(motion.pk) in proposal.decision_reference
    posted = JournalEntry.objects.filter(workplace=shop.workplace).count() - entries
    assert posted == (1 if status == "posted" else 0)


def test_a_draft_cannot_go_on_the_agenda(shop):
    econ = build_economy(shop, months=12)
    council = council_access(shop)
    closed = ledger.year_close(
        council, FiscalYear.objects.get(workplace=shop.workplace, end=econ.year_end)
    )
    draft = surplus.surplus_proposal_create(council, closed, basis="hours")
    general, _c = meetings.bodies_ensure(shop.workplace)
    sec = access(shop, "secretary")
    meeting = meetings.meeting_create(
        sec,
        shop.workplace,
        body=general,
        title="x",
        scheduled_at=timezone.now() + timedelta(days=20),
        place="x",
    )
    with pytest.raises(ServiceError):
        surplus_proposal_to_agenda(sec, draft, meeting)
    assert not meeting.items.exists()


def test_only_the_secretary_or_president_put_it_on_the_agenda(shop):
    proposal = submitted_proposal(shop)
    general, _c = meetings.bodies_ensure(shop.workplace)
    sec = access(shop, "secretary")
    meeting = meetings.meeting_create(
        sec,
        shop.workplace,
        body=general,
        title="x",
        scheduled_at=timezone.now() + timedelta(days=20),
        place="x",
    )
    with pytest.raises(PermissionDeniedError):
        surplus_proposal_to_agenda(access(shop, "auditor"), proposal, meeting)
    assert not meeting.items.exists() and proposal_agenda_item(proposal) is None
