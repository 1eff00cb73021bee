"""Assembly day, the rules a secretary meets at the door and at the chair: a session does not
open before the time it was called for (and says so), every refusal says its own reason, the
door's code lives only as long as a session, and a secret vote's count is never shown while
it is open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cordones.assemblies.models import Attendance, Meeting, MeetingStatus
from cordones.assemblies.selectors import live_results_shown
from cordones.assemblies.services import attendance, meetings, votes
from cordones.core.errors import ServiceError
from tests.web import assemblies_scene as scene

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Services speak the active language; these tests read their English messages (pages
    are read in Spanish, through the translations)."""
    with translation.override("en"):
        yield


def es(msgid: str) -> str:
    with translation.override("es"):
        return translation.gettext(msgid)


ES = {"HTTP_ACCEPT_LANGUAGE": "es"}


def url(shop, name, *args):
    return reverse(name, args=[shop.workplace.slug, *args])


def messages_of(exc: ServiceError) -> list[str]:
    return [str(m) for ms in exc.errors.values() for m in ms]


def convened(shop, *, hours_ahead: float) -> Meeting:
    sec = scene.access(shop, "secretary")
    called_for = timezone.now() + timedelta(hours=hours_ahead)
    meeting = meetings.meeting_create(
        sec,
        shop.workplace,
        body=scene.general(shop),
        title="Asamblea",
        scheduled_at=called_for,
        place="Comedor",
    )
    meetings.item_add(sec, meeting, matter="ordinary", title="Turno noche")
    meetings.meeting_convene(sec, meeting, now=called_for - timedelta(days=20))
    meeting.refresh_from_db()
    return meeting


def test_a_session_does_not_open_before_the_time_called_and_says_why(shop):
    meeting = convened(shop, hours_ahead=3)
    sec = scene.access(shop, "secretary")
    with pytest.raises(ServiceError) as refused:
        meetings.meeting_open(sec, meeting)
    [message] = messages_of(refused.value)
    assert "cannot open earlier" in message and "call a new meeting" in message
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED and meeting.opened_at is None
    # at the time called it opens
    opened = meetings.meeting_open(sec, meeting, now=meeting.scheduled_at)
    assert opened.status == MeetingStatus.IN_SESSION


def test_the_meeting_page_states_the_rule_and_the_refusal_is_shown(client, shop):
    meeting = convened(shop, hours_ahead=3)
    client.force_login(shop.users["secretary"])
    page = client.get(url(shop, "meeting_detail", meeting.pk), **ES).content.decode()
    with translation.override("es"):
        rule = gettext("The session can be opened from the time it was called for:")
    assert rule in page
    answer = client.post(url(shop, "meeting_open", meeting.pk), **ES)
    shown = client.get(answer["Location"], **ES).content.decode()
    assert "no puede abrirse antes" in shown  # the service's own reason, in Spanish
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CONVENED


def test_rescheduling_a_meeting_that_met_has_its_own_message(shop):
    meeting = scene.in_session(shop)
    sec = scene.access(shop, "secretary")
    before = Meeting.objects.get(pk=meeting.pk).scheduled_at
    with pytest.raises(ServiceError) as refused:
        meetings.meeting_update(sec, meeting, scheduled_at=before + timedelta(days=1), title="Otra")
    [message] = messages_of(refused.value)
    assert "already met" in message and "agenda" not in message
    after = Meeting.objects.get(pk=meeting.pk)
    assert after.scheduled_at == before and after.title == "Asamblea extraordinaria"


def test_the_door_code_changes_with_each_session_and_dies_at_the_close(shop):
    meeting = convened(shop, hours_ahead=-1)
    sec = scene.access(shop, "secretary")
    member = scene.access(shop, "member")
    before_open = meeting.checkin_code
    meeting = meetings.meeting_open(sec, meeting)
    first = meeting.checkin_code
    assert first != before_open
    with pytest.raises(ServiceError):
        attendance.checkin_by_code(member, meeting, before_open)
    assert not Attendance.objects.filter(meeting=meeting).exists()
    meetings.meeting_adjourn(sec, meeting)
    meeting = meetings.meeting_open(sec, meeting)
    second = meeting.checkin_code
    assert second != first
    with pytest.raises(ServiceError):
        attendance.checkin_by_code(member, meeting, first)
    attendance.checkin_by_code(member, meeting, second)
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    meetings.meeting_close(sec, meeting)
    meeting.refresh_from_db()
    assert meeting.checkin_code not in (before_open, first, second)
    with pytest.raises(ServiceError):
        attendance.checkin_by_code(scene.access(shop, "auditor"), meeting, second)
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_a_secret_vote_never_shows_its_count_while_open(client, shop):
    meeting = scene.in_session(shop, results_live=True)
    secret = scene.open_motion(shop, meeting, mode="secret", title="Secreta")
    named = scene.open_motion(shop, meeting, mode="open", title="Nominal")
    assert not live_results_shown(meeting, secret) and live_results_shown(meeting, named)
    votes.ballot_cast(scene.access(shop, "auditor"), secret, {"choice": "against"})
    votes.ballot_cast(scene.access(shop, "auditor"), named, {"choice": "against"})
    client.force_login(shop.users["member"])
    status = client.get(url(shop, "meeting_live_status", meeting.pk)).content.decode()
    assert status.count('<pre class="sheet">') == 1  # the open (named) vote only
    context = client.get(url(shop, "meeting_live", meeting.pk)).context
    sheets = {v["motion"].pk: v["sheet"] for v in context["votes"]}
    assert sheets[secret.pk] == "" and sheets[named.pk] != ""


@pytest.mark.parametrize("step", ["convene", "close_meeting", "close_vote"])
def test_irreversible_actions_ask_first_without_javascript(client, shop, step):
    """The button is a link to a page that says what will happen; only its form acts."""
    client.force_login(shop.users["secretary"])
    if step == "convene":
        meeting = scene.draft_meeting(shop)
        page_url, target = (
            url(shop, "meeting_detail", meeting.pk),
            url(shop, "meeting_convene", meeting.pk),
        )

        def state():
            return Meeting.objects.get(pk=meeting.pk).status
    elif step == "close_meeting":
        meeting = scene.in_session(shop)
        page_url, target = (
            url(shop, "meeting_chair", meeting.pk),
            url(shop, "meeting_close", meeting.pk),
        )

        def state():
            return Meeting.objects.get(pk=meeting.pk).status
    else:
        meeting = scene.in_session(shop)
        motion = scene.open_motion(shop, meeting)
        page_url, target = (
            url(shop, "meeting_chair", meeting.pk),
            url(shop, "motion_close", motion.pk),
        )

        def state():
            return type(motion).objects.get(pk=motion.pk).status

    page = client.get(page_url).content.decode()
    assert f'href="{target}"' in page and f'action="{target}"' not in page
    before = state()
    asked = client.get(target)
    assert asked.status_code == 200 and state() == before  # asking changes nothing
    body = asked.content.decode()
    assert f'action="{target}"' in body and "<script" not in body.split("<main", 1)[1]
    done = client.post(target)
    assert done.status_code == 302 and state() != before


def test_a_result_shows_its_numbers_as_a_chart_with_a_table(client, shop):
    meeting = scene.in_session(shop)
    motion = scene.closed_motion(shop, meeting)  # 3 for, 1 against
    election = scene.open_motion(
        shop,
        meeting,
        item=scene.item(meeting, 2),
        title="Delegados",
        method="stv",
        candidates=["Ana", "Luis", "Rosa"],
        seats=1,
    )
    for persona, ranking in (
        ("member", ["Ana", "Luis"]),
        ("secretary", ["Ana"]),
        ("council_member", ["Rosa", "Luis"]),
        ("auditor", ["Luis", "Ana"]),
    ):
        votes.ballot_cast(scene.access(shop, persona), election, {"ranking": ranking})
    votes.motion_close(scene.access(shop, "secretary"), election)
    client.force_login(shop.users["member"])
    page = client.get(url(shop, "motion_result", motion.pk), **ES).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and "<script" not in svg and "style=" not in svg
    from cordones.web.views.assemblies_votes import content_text

    with translation.override("es"):
        in_favour = content_text({"choice": "for"})
    assert f">{in_favour}</text>" in svg
    assert svg.count("<rect") == 1 + 3  # background + for, against, abstain
    assert 'stroke-dasharray="4 3"' in svg  # the votes needed, marked
    table = page[page.index('id="chart-h"') :]
    assert ">3<" in table and ">1<" in table and "75,0 %" in table
    stv = client.get(url(shop, "motion_result", election.pk), **ES).content.decode()
    chart = stv[stv.index("<svg") : stv.index("</svg>")]
    for name in ("Ana", "Luis", "Rosa"):
        assert f">{name}<" in chart
