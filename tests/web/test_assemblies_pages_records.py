"""The records an assembly leaves: minutes signed into the hash-chained minute book (with
PDFs), the register of decisions, petitions, admission applications and each member's
inbox. Each action works through its form; bad input shows the service's translated
message and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cordones.assemblies.models import (
    AdmissionApplication,
    ApplicationStatus,
    Decision,
    DecisionNote,
    DecisionStatus,
    MinuteBookEntry,
    Minutes,
    MinutesSignature,
    NoticePreference,
    Petition,
    PetitionSignature,
)
from cordones.assemblies.services import meetings, votes
from tests.web import assemblies_scene as scene

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es"}


def es(msgid: str) -> str:
    with translation.override("es"):
        return gettext(msgid)


def url(shop, name, *args):
    return reverse(name, args=[shop.workplace.slug, *args])


def login(client, shop, persona):
    client.force_login(shop.users[persona])
    return client


def text(response) -> str:
    return response.content.decode()


# --- minutes ------------------------------------------------------------------------------------


@pytest.fixture
def closed_meeting(shop):
    scene.add_president(shop)
    meeting = scene.in_session(
        shop, present=("member", "secretary", "council_member", "auditor", "president")
    )
    scene.closed_motion(
        shop,
        meeting,
        {
            "member": "for",
            "secretary": "for",
            "council_member": "for",
            "auditor": "for",
            "president": "for",
        },
    )
    return meetings.meeting_close(scene.access(shop, "secretary"), meeting)


def test_the_secretary_writes_the_narrative_and_chooses_the_signers(client, shop, closed_meeting):
    meeting = closed_meeting
    login(client, shop, "secretary")
    page = text(client.get(url(shop, "meeting_minutes", meeting.pk)))
    assert "Abrir un turno noche" in page and '<pre class="sheet">' in page
    response = client.post(
        url(shop, "minutes_edit", meeting.pk), {"narrative": "Se aprobó el turno noche."}
    )
    assert response.status_code == 302
    assert Minutes.objects.get(meeting=meeting).narrative == "Se aprobó el turno noche."

    # one signer is not the statute's two: refused, nothing saved
    response = client.post(
        url(shop, "minutes_signers", meeting.pk), {"members": [shop.members["member"].pk]}, **ES
    )
    assert response.status_code == 200
    with translation.override("es"):
        expected = gettext("Choose exactly %(n)s different members to sign.") % {"n": 2}
    assert expected in text(response)
    assert not Minutes.objects.get(meeting=meeting).member_signers.exists()

    response = client.post(
        url(shop, "minutes_signers", meeting.pk),
        {"members": [shop.members["member"].pk, shop.members["auditor"].pk]},
    )
    assert response.status_code == 302
    assert Minutes.objects.get(meeting=meeting).member_signers.count() == 2


def test_signing_enters_the_acta_in_the_book_which_verifies_and_prints(
    client, shop, closed_meeting
):
    meeting = closed_meeting
    login(client, shop, "secretary")
    client.post(
        url(shop, "minutes_signers", meeting.pk),
        {"members": [shop.members["member"].pk, shop.members["auditor"].pk]},
    )

    # someone who is not a signer gets the service's refusal
    response = login(client, shop, "council_member").post(
        url(shop, "minutes_sign", meeting.pk), **ES
    )
    assert es("You are not one of the signers of these minutes.") in text(
        client.get(response["Location"], **ES)
    )
    assert not MinutesSignature.objects.exists()

    for persona in ("secretary", "president", "member"):
        page = text(login(client, shop, persona).get(url(shop, "meeting_minutes", meeting.pk)))
        assert url(shop, "minutes_sign", meeting.pk) in page
        client.post(url(shop, "minutes_sign", meeting.pk))
    assert not MinuteBookEntry.objects.exists()  # one signer still missing
    login(client, shop, "auditor").post(url(shop, "minutes_sign", meeting.pk))
    entry = MinuteBookEntry.objects.get(book="assembly_minutes")
    assert entry.number == 1
    assert MinuteBookEntry.objects.get(book="assembly_attendance").content["acta"]["number"] == 1

    page = text(client.get(url(shop, "meeting_minutes", meeting.pk)))
    assert entry.hash in page and url(shop, "minutes_sign", meeting.pk) not in page
    book = text(client.get(url(shop, "book_detail", "assembly_minutes"), **ES))
    assert url(shop, "meeting_minutes", meeting.pk) in book
    assert 'class="msg-ok" role="status"' in book  # intact
    for name, args in (
        ("minutes_pdf", [meeting.pk]),
        ("minute_book_pdf", []),
        ("book_pdf", ["assembly_attendance"]),
    ):
        pdf = client.get(url(shop, name, *args))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")


def test_the_narrative_cannot_change_once_signing_started(client, shop, closed_meeting):
    meeting = closed_meeting
    login(client, shop, "secretary")
    client.post(url(shop, "minutes_edit", meeting.pk), {"narrative": "Primera versión."})
    client.post(
        url(shop, "minutes_signers", meeting.pk),
        {"members": [shop.members["member"].pk, shop.members["auditor"].pk]},
    )
    client.post(url(shop, "minutes_sign", meeting.pk))
    page = text(client.get(url(shop, "meeting_minutes", meeting.pk)))
    assert url(shop, "minutes_edit", meeting.pk) not in page  # the form is gone
    response = client.post(url(shop, "minutes_edit", meeting.pk), {"narrative": "Otra."}, **ES)
    assert es(
        "Signing of these minutes has started: what was signed cannot change. "
        "Withdraw the signatures (reopen the draft) first."
    ) in text(response)
    assert Minutes.objects.get(meeting=meeting).narrative == "Primera versión."


# --- decisions ----------------------------------------------------------------------------------


@pytest.fixture
def decision(shop):
    return scene.closed_motion(shop, scene.in_session(shop)).decision


def test_the_register_lists_filters_and_shows_overdue_decisions(client, shop, decision):
    Decision.objects.filter(pk=decision.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    login(client, shop, "member")
    page = client.get(url(shop, "decisions"))
    assert page.status_code == 200
    assert list(page.context["overdue"]) == [Decision.objects.get(pk=decision.pk)]
    done = client.get(url(shop, "decisions"), {"status": "done"})
    assert list(done.context["decisions"]) == []
    nonsense = client.get(url(shop, "decisions"), {"status": "nonsense"})
    assert len(nonsense.context["decisions"]) == 1


def test_the_council_assigns_a_decision(client, shop, decision):
    login(client, shop, "council_member")
    response = client.post(
        url(shop, "decision_assign", decision.pk),
        {
            "responsible": shop.members["member"].pk,
            "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.responsible == shop.members["member"]
    # the responsible member sees it in their tasks
    inbox = login(client, shop, "member").get(url(shop, "inbox"))
    assert decision in inbox.context["box"].my_tasks
    assert url(shop, "decision_detail", decision.pk) in text(inbox)


def test_a_due_date_before_the_decision_is_refused(client, shop, decision):
    login(client, shop, "council_member")
    response = client.post(
        url(shop, "decision_assign", decision.pk),
        {"responsible": shop.members["member"].pk, "due_on": "2000-01-01"},
        **ES,
    )
    assert response.status_code == 200
    assert es("The due date cannot be before the decision.") in text(response)
    decision.refresh_from_db()
    assert decision.responsible is None and decision.due_on is None


def test_the_responsible_member_adds_follow_up_and_others_may_not(client, shop, decision):
    Decision.objects.filter(pk=decision.pk).update(responsible=shop.members["member"])
    login(client, shop, "member")
    page = text(client.get(url(shop, "decision_detail", decision.pk)))
    assert (
        url(shop, "decision_note", decision.pk) in page
        and url(shop, "decision_assign", decision.pk) not in page
    )
    response = client.post(
        url(shop, "decision_note", decision.pk),
        {"text": "Pedimos tres presupuestos.", "status": "in_progress"},
    )
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.IN_PROGRESS
    empty = client.post(
        url(shop, "decision_note", decision.pk), {"text": " ", "status": "done"}, **ES
    )
    assert empty.status_code == 200 and 'role="alert"' in text(empty)
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.IN_PROGRESS
    other = login(client, shop, "auditor").post(
        url(shop, "decision_note", decision.pk), {"text": "Yo también."}
    )
    assert other.status_code == 403
    assert DecisionNote.objects.count() == 1


# --- petitions ----------------------------------------------------------------------------------


def test_members_start_and_sign_petitions_until_the_council_is_told(client, shop):
    login(client, shop, "member")
    response = client.post(
        url(shop, "petition_create"),
        {"kind": "extraordinary", "matter": "other", "title": "Asamblea por los retiros"},
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    page = client.get(url(shop, "petitions"))
    row = page.context["rows"][0]
    assert row["signed"] and row["needed"] == 1  # 10 % of 4 members, rounded up
    assert petition.signatures.count() == 1
    # the threshold was reached at the first signature: the council sees it is due
    council = login(client, shop, "secretary").get(url(shop, "petitions"))
    assert council.context["due"] and council.context["due"][0]["petition"] == petition

    again = login(client, shop, "member").post(url(shop, "petition_sign", petition.pk), **ES)
    assert es("You have already signed this petition.") in text(client.get(again["Location"], **ES))
    assert PetitionSignature.objects.count() == 1
    login(client, shop, "auditor").post(url(shop, "petition_sign", petition.pk))
    assert PetitionSignature.objects.count() == 2


def test_a_petition_without_a_subject_is_refused(client, shop):
    login(client, shop, "member")
    response = client.post(
        url(shop, "petition_create"),
        {"kind": "extraordinary", "matter": "other", "title": " "},
        **ES,
    )
    assert response.status_code == 200 and 'role="alert"' in text(response)
    assert not Petition.objects.exists()


def test_the_secretary_answers_a_due_petition_with_an_agenda_item(client, shop):
    login(client, shop, "member").post(
        url(shop, "petition_create"), {"kind": "agenda_item", "matter": "other", "title": "Comedor"}
    )
    petition = Petition.objects.get()
    meeting = scene.draft_meeting(shop)
    login(client, shop, "secretary")
    client.post(
        url(shop, "petition_fulfil", petition.pk), {f"p{petition.pk}-item": scene.item(meeting).pk}
    )
    assert Petition.objects.get().fulfilled_by == scene.item(meeting)


# --- admissions ---------------------------------------------------------------------------------


def test_an_application_goes_on_the_agenda_and_its_adoption_admits_the_person(client, shop):
    login(client, shop, "secretary")
    response = client.post(
        url(shop, "application_create"), {"full_name": "Rosa Díaz", "shares_subscribed": "500"}
    )
    assert response.status_code == 302
    application = AdmissionApplication.objects.get()
    meeting = scene.in_session(shop)
    # an in-session meeting is not offered: its agenda is locked
    page = client.get(url(shop, "applications"))
    assert meeting not in page.context["rows"][0]["agenda_form"].fields["meeting"].queryset
    draft = scene.draft_meeting(shop)
    client.post(
        url(shop, "application_agenda", application.pk), {f"a{application.pk}-meeting": draft.pk}
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ON_AGENDA and application.item.meeting == draft
    assert draft.motions.count() == 1


def test_an_application_with_no_name_is_refused(client, shop):
    login(client, shop, "secretary")
    response = client.post(
        url(shop, "application_create"), {"full_name": "", "shares_subscribed": "0"}, **ES
    )
    assert response.status_code == 200 and 'role="alert"' in text(response)
    assert not AdmissionApplication.objects.exists()


def test_members_do_not_see_applications(client, shop):
    assert login(client, shop, "member").get(url(shop, "applications")).status_code == 403


# --- inbox --------------------------------------------------------------------------------------


def test_the_inbox_shows_votes_assemblies_notices_and_saves_preferences(client, shop):
    draft = scene.draft_meeting(shop)
    meetings.meeting_convene(scene.access(shop, "secretary"), draft)
    session = scene.in_session(shop)
    motion = scene.open_motion(shop, session, mode="secret")
    login(client, shop, "member")
    inbox = client.get(url(shop, "inbox"))
    box = inbox.context["box"]
    assert motion in box.to_vote and draft in box.upcoming
    page = text(inbox)
    assert url(shop, "meeting_live", session.pk) in page
    assert draft.title in page
    # notices are links on this host (the stored ones are absolute, for email)
    assert f'href="{url(shop, "meeting_detail", draft.pk)}"' in page
    assert url(shop, "inbox") in page  # the nav leads here

    response = client.post(url(shop, "inbox"), {"convocation": "on", "result": "on"})
    assert response.status_code == 302
    prefs = dict(
        NoticePreference.objects.filter(member=shop.members["member"]).values_list(
            "kind", "by_email"
        )
    )
    assert prefs["convocation"] is True and prefs["vote_open"] is False and prefs["result"] is True

    votes.ballot_cast(scene.access(shop, "member"), motion, {"choice": "for"})
    assert motion not in client.get(url(shop, "inbox")).context["box"].to_vote
