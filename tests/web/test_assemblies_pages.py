"""The assembly pages, as the secretary and the members use them: calling a meeting,
attendance and the door's code, the live page and its ballots, the chair's controls and the
result with its count sheet. Each action works through its form; bad input shows the
service's translated message and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cordones.assemblies.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Document,
    Meeting,
    MeetingStatus,
    Motion,
    MotionStatus,
    VoteCast,
)
from cordones.assemblies.services import votes
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


# --- meetings -----------------------------------------------------------------------------------


def test_the_list_shows_upcoming_and_past_meetings_and_creates_the_bodies(client, shop):
    draft = scene.draft_meeting(shop)
    response = login(client, shop, "member").get(url(shop, "assemblies"))
    assert response.status_code == 200
    assert draft.title in text(response)
    assert url(shop, "meeting_create") not in text(response)  # members do not call meetings
    bodies = login(client, shop, "member").get(url(shop, "bodies"), **ES)
    assert bodies.status_code == 200
    assert "Asamblea general" in text(bodies)


def test_the_secretary_calls_a_meeting(client, shop):
    login(client, shop, "secretary")
    body = scene.general(shop)
    day = (timezone.localdate() + timedelta(days=40)).isoformat()
    response = client.post(
        url(shop, "meeting_create"),
        {
            "body": body.pk,
            "kind": "ordinary",
            "title": "Asamblea anual",
            "day": day,
            "at": "18:30",
            "place": "Galpón",
        },
    )
    meeting = Meeting.objects.get(title="Asamblea anual")
    assert response.status_code == 302 and response["Location"] == url(
        shop, "meeting_detail", meeting.pk
    )
    assert timezone.localtime(meeting.scheduled_at).strftime("%H:%M") == "18:30"


def test_a_meeting_with_no_place_is_refused_with_the_services_message(client, shop):
    login(client, shop, "secretary")
    day = (timezone.localdate() + timedelta(days=40)).isoformat()
    response = client.post(
        url(shop, "meeting_create"),
        {
            "body": scene.general(shop).pk,
            "kind": "ordinary",
            "title": "Sin lugar",
            "day": day,
            "at": "18:00",
        },
        **ES,
    )
    assert response.status_code == 200
    assert es("Say where the meeting is held, or give the online link.") in text(response)
    assert not Meeting.objects.exists()


def test_agenda_items_documents_and_calendar_file(client, shop, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = scene.draft_meeting(shop)
    login(client, shop, "secretary")
    response = client.post(
        url(shop, "item_add", meeting.pk),
        {"matter": "surplus_distribution", "title": "Excedente 2025"},
    )
    assert response.status_code == 302
    assert meeting.items.count() == 2
    detail = text(client.get(url(shop, "meeting_detail", meeting.pk), **ES))
    assert "Excedente 2025" in detail
    assert es("Distribution of the surplus") in detail  # the matter's label, not its code

    # a matter that is not on the list changes nothing
    response = client.post(
        url(shop, "item_add", meeting.pk), {"matter": "bribery", "title": "X"}, **ES
    )
    assert response.status_code == 200 and 'role="alert"' in text(response)
    assert meeting.items.count() == 2

    item = scene.item(meeting)
    upload = SimpleUploadedFile("balance.pdf", b"%PDF-1.4 balance", content_type="application/pdf")
    response = client.post(
        url(shop, "document_attach", meeting.pk, item.pk), {"title": "Balance", "file": upload}
    )
    assert response.status_code == 302
    document = Document.objects.get()
    download = login(client, shop, "member").get(
        url(shop, "document_download", meeting.pk, document.pk)
    )
    assert (
        download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 balance"
    )

    login(client, shop, "secretary")
    response = client.post(
        url(shop, "document_attach", meeting.pk, item.pk), {"title": "Sin archivo"}, **ES
    )
    assert response.status_code == 200 and Document.objects.count() == 1

    ics = login(client, shop, "member").get(url(shop, "meeting_ics", meeting.pk))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content and b"Excedente 2025" in ics.content


def test_convening_too_late_shows_the_notice_period_and_changes_nothing(client, shop):
    meeting = scene.draft_meeting(shop, days_ahead=5)
    login(client, shop, "secretary")
    response = client.post(url(shop, "meeting_convene", meeting.pk), **ES)
    assert response.status_code == 302
    page = text(client.get(response["Location"], **ES))
    notice = es(
        "The statute asks for %(days)s days of notice: convene by %(deadline)s or move the date."
    )
    assert notice.split("%(deadline)s")[0] % {"days": 15} in page
    assert es("Change date, place or title") in page
    assert 'class="msg error"' in page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT and meeting.convened_at is None


def test_convening_in_time_notifies_and_moving_the_date_then_is_refused(client, shop, mailoutbox):
    meeting = scene.draft_meeting(shop, days_ahead=30)
    login(client, shop, "secretary")
    client.post(url(shop, "meeting_convene", meeting.pk))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    local = timezone.localtime(meeting.scheduled_at)
    response = client.post(
        url(shop, "meeting_edit", meeting.pk),
        {
            "title": meeting.title,
            "day": (local.date() + timedelta(days=1)).isoformat(),
            "at": "18:00",
            "place": "x",
        },
        **ES,
    )
    assert response.status_code == 200
    assert es("A convened meeting keeps its date; call a new one.") in text(response)
    assert Meeting.objects.get(pk=meeting.pk).scheduled_at == meeting.scheduled_at


# --- attendance ---------------------------------------------------------------------------------


def test_the_secretary_searches_and_checks_members_in_one_by_one(client, shop):
    meeting = scene.in_session(shop, present=())
    login(client, shop, "secretary")
    page = client.get(url(shop, "meeting_attendance", meeting.pk), {"q": "audit"})
    assert "Auditor grafica" in text(page) and "Member grafica" not in text(page)
    target = url(shop, "meeting_attendance", meeting.pk) + "?q=audit"
    auditor = shop.members["auditor"]
    response = client.post(target, {"member": auditor.pk})
    # without JavaScript: back to the same search, at the person's row
    assert response.status_code == 302 and response["Location"] == f"{target}#member-{auditor.pk}"
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    # checking in twice is still one presence
    client.post(target, {"member": shop.members["auditor"].pk})
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    client.post(target, {"member": shop.members["auditor"].pk, "action": "out"})
    assert Attendance.objects.filter(meeting=meeting).count() == 0


def test_with_htmx_checking_in_swaps_only_that_row(client, shop):
    meeting = scene.in_session(shop, present=())
    login(client, shop, "secretary")
    page = text(client.get(url(shop, "meeting_attendance", meeting.pk), **ES))
    auditor = shop.members["auditor"]
    row = f'id="member-{auditor.pk}"'
    assert row in page and f'hx-target="#member-{auditor.pk}"' in page
    with translation.override("es"):
        label = gettext("Check in %(name)s") % {"name": auditor.full_name}
    assert label.startswith("Acreditar a") and f">{label}</button>" in page
    target = url(shop, "meeting_attendance", meeting.pk)
    swapped = client.post(target, {"member": auditor.pk}, HTTP_HX_REQUEST="true", **ES)
    assert swapped.status_code == 200
    fragment = text(swapped)
    assert fragment.lstrip().startswith("<tr") and row in fragment and "<html" not in fragment
    assert 'name="action" value="out"' in fragment  # the row now offers to undo
    assert Attendance.objects.filter(meeting=meeting, member=auditor).count() == 1
    # a refusal is shown in the row, and nothing changes
    sec = scene.access(shop, "secretary")
    from cordones.assemblies.services import meetings as meeting_services

    meeting_services.meeting_close(sec, meeting)
    refused = text(
        client.post(target, {"member": shop.members["member"].pk}, HTTP_HX_REQUEST="true", **ES)
    )
    assert 'role="alert"' in refused and f'id="member-{shop.members["member"].pk}"' in refused
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_someone_from_another_workplace_cannot_be_checked_in(client, shop, other_shop):
    meeting = scene.in_session(shop, present=())
    login(client, shop, "secretary")
    client.post(
        url(shop, "meeting_attendance", meeting.pk), {"member": other_shop.members["member"].pk}
    )
    assert not Attendance.objects.exists()


def test_the_door_shows_a_qr_code_of_the_check_in_link(client, shop):
    meeting = scene.in_session(shop, present=())
    login(client, shop, "secretary")
    svg = client.get(url(shop, "meeting_qr", meeting.pk))
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content and b"xmlns" in svg.content
    door = text(client.get(url(shop, "meeting_door", meeting.pk)))
    assert url(shop, "meeting_checkin", meeting.pk, meeting.checkin_code) in door
    assert url(shop, "meeting_qr", meeting.pk) in door
    quorum = client.get(url(shop, "meeting_quorum", meeting.pk))
    assert quorum.status_code == 200 and b"<dl" in quorum.content


def test_a_member_checks_in_with_the_door_code(client, shop):
    meeting = scene.in_session(shop, present=())
    login(client, shop, "member")
    link = url(shop, "meeting_checkin", meeting.pk, meeting.checkin_code)
    page = client.get(link)
    assert page.status_code == 200 and b'type="submit"' in page.content
    assert not Attendance.objects.exists()  # opening the link alone records nothing
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == url(
        shop, "meeting_live", meeting.pk
    )
    attendance = Attendance.objects.get()
    assert attendance.member == shop.members["member"] and attendance.by_self


def test_a_wrong_door_code_checks_nobody_in(client, shop):
    meeting = scene.in_session(shop, present=())
    login(client, shop, "member")
    link = url(shop, "meeting_checkin", meeting.pk, "not-the-code")
    assert client.get(link).status_code == 404
    response = client.post(link, **ES)
    assert response.status_code == 400
    assert es("This check-in code is not valid for this meeting.") in text(response)
    assert not Attendance.objects.exists()


# --- the live page ------------------------------------------------------------------------------


def test_the_live_page_offers_three_big_buttons_and_polls_without_inline_script(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.open_motion(shop, meeting)
    page = text(login(client, shop, "member").get(url(shop, "meeting_live", meeting.pk)))
    cast = url(shop, "ballot_cast", motion.pk)
    assert f'action="{cast}"' in page
    for value in ("for", "against", "abstain"):
        assert f'name="choice" value="{value}"' in page
    assert 'hx-trigger="every 3s"' in page and "/static/django_htmx/htmx-2.min.js" in page
    assert "<script>" not in page and "style=" not in page  # strict CSP
    assert 'http-equiv="refresh"' not in page  # a ballot is waiting: never reload under the voter
    assert "Turno noche" in page  # the item under discussion


def test_a_member_chooses_confirms_and_keeps_the_receipt_of_a_secret_ballot(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.open_motion(shop, meeting, mode="secret")
    login(client, shop, "member")
    cast = url(shop, "ballot_cast", motion.pk)
    # choose: the answer asks to confirm, and nothing is cast yet
    asked = client.post(cast, {"choice": "for"}, **ES)
    assert asked.status_code == 200
    page = text(asked)
    assert 'name="confirmed" value="1"' in page and 'name="choice" value="for"' in page
    assert f'action="{cast}"' in page and "<script>" not in page
    assert not VoteCast.objects.filter(motion=motion).exists() and not Ballot.objects.exists()
    # confirm: cast, then redirected to the receipt page (POST/redirect/GET)
    done = client.post(cast, {"choice": "for", "confirmed": "1"})
    receipt_url = url(shop, "ballot_receipt", motion.pk)
    assert done.status_code == 302 and done["Location"] == receipt_url
    ballot = Ballot.objects.get(motion=motion)
    assert ballot.voter is None
    assert ballot.receipt not in done["Location"]
    # the receipt is on the voter's device (a signed cookie), shown again on every reload
    for _reload in range(2):
        shown = client.get(receipt_url)
        assert shown.status_code == 200 and shown["Cache-Control"] == "no-store"
        assert ballot.receipt in text(shown)
    download = client.get(url(shop, "ballot_receipt_text", motion.pk))
    assert download["Content-Type"].startswith("text/plain")
    assert "attachment" in download["Content-Disposition"]
    assert ballot.receipt in download.content.decode()
    # the cookie is signed: a forged one shows nothing
    cookie = client.cookies[f"cordones_vote_{motion.pk}"]
    client.cookies[f"cordones_vote_{motion.pk}"] = cookie.value.replace(ballot.receipt, "0" * 10)
    client.cookies[f"cordones_vote_{motion.pk}"]["path"] = cookie["path"]
    assert "0000000000" not in text(client.get(receipt_url))
    # after voting the live page may reload by itself again, and shows no ballot
    page = text(client.get(url(shop, "meeting_live", meeting.pk)))
    assert 'name="choice"' not in page and 'http-equiv="refresh"' in page
    # a second cast is refused, and still one ballot
    again = client.post(cast, {"choice": "against", "confirmed": "1"}, **ES)
    assert again.status_code == 302
    shown = text(client.get(again["Location"], **ES))
    assert es("You have already voted. A secret ballot cannot be changed.") in shown
    assert (
        VoteCast.objects.filter(motion=motion).count() == 1
        and Ballot.objects.filter(motion=motion).count() == 1
    )


def test_the_receipt_is_shown_only_to_the_account_that_voted(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.open_motion(shop, meeting, mode="secret")
    login(client, shop, "member")
    client.post(url(shop, "ballot_cast", motion.pk), {"choice": "for", "confirmed": "1"})
    receipt = Ballot.objects.get(motion=motion).receipt
    # another member logs in on the same browser: the cookie is there, the receipt is not shown
    client.force_login(shop.users["auditor"])
    assert receipt not in text(client.get(url(shop, "ballot_receipt", motion.pk)))
    assert client.get(url(shop, "ballot_receipt_text", motion.pk)).status_code == 404


def confirm_and_cast(client, shop, motion, choice):
    """Choose on the ballot form, then press the confirmation page's button: post back
    exactly the hidden fields it carries."""
    import html
    import re

    asked = client.post(url(shop, "ballot_cast", motion.pk), choice)
    assert asked.status_code == 200, asked.status_code
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text(asked)
    ):
        if name != "csrfmiddlewaretoken":
            fields.setdefault(name, []).append(html.unescape(value))
    assert fields.get("confirmed") == ["1"]
    done = client.post(url(shop, "ballot_cast", motion.pk), fields)
    assert done.status_code == 302
    return done


def test_an_invalid_ballot_is_refused_and_records_nothing(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.open_motion(shop, meeting)
    login(client, shop, "member")
    response = client.post(url(shop, "ballot_cast", motion.pk), {"choice": "maybe"}, **ES)
    assert response.status_code == 302
    assert es("That is not a valid ballot for this vote.") in text(
        client.get(response["Location"], **ES)
    )
    assert not VoteCast.objects.exists() and not Ballot.objects.exists()


def test_a_member_not_checked_in_is_told_why_they_cannot_vote(client, shop):
    meeting = scene.in_session(shop, present=("secretary", "council_member", "auditor"))
    motion = scene.open_motion(shop, meeting)
    login(client, shop, "member")
    page = text(client.get(url(shop, "meeting_live", meeting.pk), **ES))
    assert 'name="choice"' not in page
    assert (
        es(
            "You are not checked in: scan the code at the door or ask the secretary. "
            "Only members present can vote."
        )
        in page
    )
    client.post(url(shop, "ballot_cast", motion.pk), {"choice": "for", "confirmed": "1"})
    assert not VoteCast.objects.exists()


def test_ranked_approval_score_and_consent_ballots_work_without_javascript(client, shop):
    meeting = scene.in_session(shop)
    election = scene.item(meeting, 2)
    stv = scene.open_motion(
        shop,
        meeting,
        item=election,
        title="Delegados",
        method="stv",
        candidates=["Ana", "Luis", "Rosa"],
        seats=1,
    )
    approval = scene.open_motion(
        shop,
        meeting,
        item=election,
        title="Horario",
        method="approval",
        candidates=["Mañana", "Tarde", "Noche"],
        seats=1,
    )
    score = scene.open_motion(
        shop,
        meeting,
        item=election,
        title="Logo",
        method="score",
        candidates=["Rojo", "Azul"],
        seats=1,
    )
    consent = scene.open_motion(shop, meeting, title="Reglamento", method="consent")
    login(client, shop, "member")
    page = text(client.get(url(shop, "meeting_live", meeting.pk)))
    assert 'name="rank_1"' in page and 'name="rank_3"' in page
    assert 'name="approved"' in page and 'name="score_1"' in page and 'name="response"' in page

    # each through its confirmation page, which carries the ballot back unchanged
    confirm_and_cast(client, shop, stv, {"rank_1": "Rosa", "rank_2": "Ana", "rank_3": ""})
    confirm_and_cast(client, shop, approval, {"approved": ["Mañana", "Noche"]})
    confirm_and_cast(client, shop, score, {"score_0": "4", "score_1": "2"})
    confirm_and_cast(client, shop, consent, {"response": "stand_aside"})
    assert Ballot.objects.get(motion=stv).content == {"ranking": ["Rosa", "Ana"]}
    assert Ballot.objects.get(motion=approval).content == {"approved": ["Mañana", "Noche"]}
    assert Ballot.objects.get(motion=score).content == {"scores": {"Rojo": 4, "Azul": 2}}
    assert Ballot.objects.get(motion=consent).content == {"response": "stand_aside"}

    # the same candidate twice is not a ballot
    login(client, shop, "secretary")
    client.post(url(shop, "ballot_cast", stv.pk), {"rank_1": "Ana", "rank_2": "Ana"})
    assert Ballot.objects.filter(motion=stv).count() == 1


def test_the_status_fragment_asks_htmx_to_reload_when_a_vote_opens(client, shop):
    meeting = scene.in_session(shop)
    login(client, shop, "member")
    page = client.get(url(shop, "meeting_live", meeting.pk))
    signature = page.context["signature"]
    status_url = url(shop, "meeting_live_status", meeting.pk) + f"?v={signature}"
    same = client.get(status_url, HTTP_HX_REQUEST="true")
    assert same.status_code == 200 and "HX-Refresh" not in same
    scene.open_motion(shop, meeting)
    changed = client.get(status_url, HTTP_HX_REQUEST="true", **ES)
    assert changed["HX-Refresh"] == "true"
    assert b"0 de 4" in changed.content


def test_results_stay_hidden_until_close_unless_the_body_shows_them(client, shop):
    hidden = scene.in_session(shop)
    motion = scene.open_motion(shop, hidden)
    votes.ballot_cast(scene.access(shop, "auditor"), motion, {"choice": "against"})
    login(client, shop, "member")
    assert b'class="sheet"' not in client.get(url(shop, "meeting_live", hidden.pk)).content
    assert b'class="sheet"' not in client.get(url(shop, "motion_result", motion.pk)).content
    shown = scene.in_session(shop, results_live=True)
    live_motion = scene.open_motion(shop, shown)
    votes.ballot_cast(scene.access(shop, "auditor"), live_motion, {"choice": "against"})
    assert b'class="sheet"' in client.get(url(shop, "meeting_live", shown.pk)).content


# --- the chair ----------------------------------------------------------------------------------


def test_the_chair_creates_opens_and_closes_a_vote(client, shop):
    meeting = scene.in_session(shop)
    login(client, shop, "secretary")
    chair = text(client.get(url(shop, "meeting_chair", meeting.pk)))
    assert url(shop, "motion_create", meeting.pk) in chair
    response = client.post(
        url(shop, "motion_create", meeting.pk),
        {
            "item": scene.item(meeting).pk,
            "title": "Comprar tinta",
            "method": "majority",
            "seats": 1,
        },
    )
    assert response.status_code == 302
    motion = Motion.objects.get(title="Comprar tinta")
    assert motion.mode == "open" and motion.options["threshold"] == "simple"
    client.post(url(shop, "motion_open", motion.pk))
    motion.refresh_from_db()
    assert motion.status == MotionStatus.OPEN
    for persona in ("member", "secretary", "council_member"):
        votes.ballot_cast(scene.access(shop, persona), motion, {"choice": "for"})
    response = client.post(url(shop, "motion_close", motion.pk))
    assert response["Location"] == url(shop, "motion_result", motion.pk)
    motion.refresh_from_db()
    assert motion.status == MotionStatus.CLOSED and motion.adopted


def test_an_open_ballot_for_a_secret_matter_is_refused(client, shop):
    meeting = scene.in_session(shop)
    login(client, shop, "secretary")
    response = client.post(
        url(shop, "motion_create", meeting.pk),
        {
            "item": scene.item(meeting, 2).pk,
            "title": "Delegados",
            "method": "stv",
            "mode": "open",
            "candidates": "Ana\nLuis\nRosa",
            "seats": 1,
        },
        **ES,
    )
    assert response.status_code == 200
    assert es("The statute requires a secret ballot for this matter.") in text(response)
    assert not Motion.objects.exists()
    # and by default the election is secret
    client.post(
        url(shop, "motion_create", meeting.pk),
        {
            "item": scene.item(meeting, 2).pk,
            "title": "Delegados",
            "method": "stv",
            "candidates": "Ana\nLuis\nRosa",
            "seats": 1,
        },
    )
    assert Motion.objects.get().mode == "secret"


def test_a_tie_asks_for_the_chairs_vote(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.open_motion(shop, meeting, options={"tie": "chair"})
    for persona, choice in (
        ("member", "for"),
        ("secretary", "for"),
        ("council_member", "against"),
        ("auditor", "against"),
    ):
        votes.ballot_cast(scene.access(shop, persona), motion, {"choice": choice})
    login(client, shop, "secretary")
    asked = text(client.get(url(shop, "motion_close", motion.pk), **ES))
    assert f'name="m{motion.pk}-chair_vote"' in asked  # the confirmation takes the chair's vote
    response = client.post(url(shop, "motion_close", motion.pk), **ES)
    assert response.status_code == 200  # asked again, the message on the field
    chair = text(response)
    assert es("The vote is tied: the chair must cast the deciding vote.") in chair
    assert f'name="m{motion.pk}-chair_vote"' in chair
    assert Motion.objects.get(pk=motion.pk).status == MotionStatus.OPEN
    client.post(url(shop, "motion_close", motion.pk), {f"m{motion.pk}-chair_vote": "for"})
    motion.refresh_from_db()
    assert (
        motion.status == MotionStatus.CLOSED
        and motion.adopted
        and motion.result["chair_vote"] == "for"
    )


def test_tellers_enter_a_show_of_hands_and_paper_ballots(client, shop):
    meeting = scene.in_session(shop)
    hands = scene.open_motion(shop, meeting, mode="hands")
    login(client, shop, "secretary")
    response = client.post(
        url(shop, "motion_tellers", hands.pk),
        {"for": 3, "against": 1, "abstain": 0, "replace": "on"},
    )
    assert response.status_code == 302
    assert sum(Ballot.objects.filter(motion=hands).values_list("count", flat=True)) == 4
    # more votes than members on the roll changes nothing
    response = client.post(
        url(shop, "motion_tellers", hands.pk),
        {"for": 9, "against": 1, "abstain": 0, "replace": "on"},
        **ES,
    )
    assert response.status_code == 200
    assert es("More votes than members on the roll: check the count.") in text(response)
    assert sum(Ballot.objects.filter(motion=hands).values_list("count", flat=True)) == 4

    paper = scene.open_motion(
        shop,
        meeting,
        item=scene.item(meeting, 2),
        title="Delegados",
        method="irv",
        mode="paper",
        candidates=["Ana", "Luis"],
    )
    response = client.post(
        url(shop, "motion_tellers", paper.pk), {"ballots": "2: Ana > Luis\nLuis\n", "replace": "on"}
    )
    assert response.status_code == 302
    assert sorted(Ballot.objects.filter(motion=paper).values_list("count", flat=True)) == [1, 2]
    response = client.post(
        url(shop, "motion_tellers", paper.pk), {"ballots": "Ana > Pedro", "replace": "on"}, **ES
    )
    assert response.status_code == 200 and "Pedro" in text(response)
    assert Ballot.objects.filter(motion=paper).count() == 2


def test_consent_goes_round_by_round(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.open_motion(shop, meeting, method="consent")
    votes.ballot_cast(scene.access(shop, "member"), motion, {"response": "object"})
    login(client, shop, "secretary")
    client.post(url(shop, "motion_next_round", motion.pk))
    motion.refresh_from_db()
    assert motion.round == 2
    page = text(login(client, shop, "member").get(url(shop, "meeting_live", meeting.pk)))
    assert 'name="response"' in page  # everyone answers again


def test_current_item_adjourn_reopen_and_close(client, shop):
    meeting = scene.in_session(shop)
    login(client, shop, "secretary")
    client.post(url(shop, "meeting_current_item", meeting.pk), {"item": scene.item(meeting, 2).pk})
    assert Meeting.objects.get(pk=meeting.pk).current_item == scene.item(meeting, 2)
    other = AgendaItem.objects.exclude(meeting=meeting).first()
    assert other is None
    scene.open_motion(shop, meeting)
    response = client.post(url(shop, "meeting_adjourn", meeting.pk), **ES)
    assert es("Close the open votes first.") in text(client.get(response["Location"], **ES))
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.IN_SESSION
    Motion.objects.filter(meeting=meeting).delete()
    client.post(url(shop, "meeting_adjourn", meeting.pk))
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.ADJOURNED
    client.post(url(shop, "meeting_open", meeting.pk))
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.IN_SESSION
    client.post(url(shop, "meeting_close", meeting.pk))
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CLOSED


# --- results ------------------------------------------------------------------------------------


def test_the_result_page_prints_the_rule_the_count_sheet_and_the_roll_call(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.closed_motion(shop, meeting)
    login(client, shop, "member")
    page = text(client.get(url(shop, "motion_result", motion.pk), **ES))
    assert '<pre class="sheet"' in page
    assert "Ronda 1" in page
    assert "Member grafica" in page and "Auditor grafica" in page  # open vote: roll call
    assert url(shop, "decision_detail", motion.decision.pk) in page


def test_a_member_finds_their_receipt_in_the_published_ballots(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.open_motion(shop, meeting, mode="secret")
    receipts = {}
    for persona, choice in (
        ("member", "for"),
        ("secretary", "for"),
        ("council_member", "for"),
        ("auditor", "abstain"),
    ):
        receipts[persona] = votes.ballot_cast(
            scene.access(shop, persona), motion, {"choice": choice}
        ).receipt
    votes.motion_close(scene.access(shop, "secretary"), motion)
    login(client, shop, "member")
    result = url(shop, "motion_result", motion.pk)
    form = text(client.get(result))
    assert '<form method="post" class="search"' in form  # never a GET: no receipt in a URL
    page = text(client.post(result, {"receipt": receipts["member"].lower()}))
    assert 'class="found"' in page and receipts["member"] in page
    assert "Member grafica" not in page  # secret: no names with ballots
    missing = text(client.post(result, {"receipt": "NOPE"}))
    assert 'class="found"' not in missing and "NOPE" in missing
    # a receipt in the query string is not read
    assert 'class="found"' not in text(client.get(result, {"receipt": receipts["member"]}))
