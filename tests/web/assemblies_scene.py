"""Assemblies in every state, built through the lead's services, for the page tests, the
permission matrix and the browser tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from cordones.assemblies.models import Meeting, Motion
from cordones.assemblies.services import attendance, meetings, votes
from cordones.members import services as members
from cordones.members.models import Member
from cordones.members.permissions import Access
from cordones.members.selectors import access_get
from tests.conftest import Shop, make_user


def access(shop: Shop, persona: str) -> Access:
    return access_get(shop.users[persona], shop.workplace, timezone.localdate())


def general(shop: Shop) -> Any:
    return meetings.bodies_ensure(shop.workplace)[0]


def draft_meeting(
    shop: Shop, *, days_ahead: int = 30, title: str = "Asamblea ordinaria 2026"
) -> Meeting:
    secretary = access(shop, "secretary")
    meeting = meetings.meeting_create(
        secretary,
        shop.workplace,
        body=general(shop),
        title=title,
        scheduled_at=timezone.now() + timedelta(days=days_ahead),
        place="Galpón de la planta",
    )
    meetings.item_add(secretary, meeting, matter="ordinary", title="Compra de la guillotina")
    return meeting


def in_session(
    shop: Shop,
    *,
    present: tuple[str, ...] = ("member", "secretary", "council_member", "auditor"),
    results_live: bool = False,
) -> Meeting:
    """A meeting called an hour ago with due notice, opened, with these personas checked in."""
    secretary = access(shop, "secretary")
    called_for = timezone.now() - timedelta(hours=1)
    meeting = meetings.meeting_create(
        secretary,
        shop.workplace,
        body=general(shop),
        title="Asamblea extraordinaria",
        scheduled_at=called_for,
        place="Comedor",
        results_live=results_live,
    )
    meetings.item_add(secretary, meeting, matter="ordinary", title="Turno noche")
    meetings.item_add(secretary, meeting, matter="election", title="Elección de delegados")
    meetings.meeting_convene(secretary, meeting, now=called_for - timedelta(days=20))
    meeting = meetings.meeting_open(secretary, meeting)
    for persona in present:
        attendance.checkin_by_secretary(secretary, meeting, shop.members[persona])
    return meeting


def item(meeting: Meeting, position: int = 1) -> Any:
    return meeting.items.get(position=position)


def open_motion(shop: Shop, meeting: Meeting, **kwargs: Any) -> Motion:
    secretary = access(shop, "secretary")
    kwargs.setdefault("item", item(meeting))
    kwargs.setdefault("title", "Abrir un turno noche")
    motion = votes.motion_create(secretary, meeting, **kwargs)
    return votes.motion_open(secretary, motion)


def closed_motion(
    shop: Shop, meeting: Meeting, choices: dict[str, str] | None = None, **kwargs: Any
) -> Motion:
    motion = open_motion(shop, meeting, **kwargs)
    for persona, choice in (
        choices
        or {"member": "for", "secretary": "for", "council_member": "for", "auditor": "against"}
    ).items():
        votes.ballot_cast(access(shop, persona), motion, {"choice": choice})
    return votes.motion_close(access(shop, "secretary"), motion)


def add_president(shop: Shop) -> Member:
    """A fifth member who presides (minutes need the president's signature)."""
    today = timezone.localdate()
    start = today - timedelta(days=300)
    member = members.member_admit(
        shop.clerk,
        shop.workplace,
        number=5,
        full_name="President grafica",
        admitted_on=start,
        shares_subscribed=1000,
        shares_paid=1000,
    )
    members.office_assign(
        shop.clerk, member, office="president", start=start, end=today + timedelta(days=700)
    )
    user = make_user("president@grafica.test", full_name=member.full_name)
    Member.objects.filter(pk=member.pk).update(user=user)
    member.refresh_from_db()
    shop.users["president"] = user
    shop.members["president"] = member
    return member


# --- the permission matrix's assembly pages ----------------------------------------------------
# Each piece is built once per test, on first use, and kept on the shop.


def _once(shop: Shop, key: str, build: Any) -> Any:
    cache = shop.__dict__.setdefault("_scene", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def _draft(shop: Shop) -> Meeting:
    return _once(shop, "draft", lambda: draft_meeting(shop))


def _session(shop: Shop) -> Meeting:
    return _once(shop, "session", lambda: in_session(shop))


def _empty(shop: Shop) -> Meeting:
    return _once(shop, "empty", lambda: in_session(shop, present=()))


def _closed(shop: Shop) -> Motion:
    return _once(shop, "closed", lambda: closed_motion(shop, _session(shop)))


def _open(shop: Shop) -> Motion:
    return _once(
        shop, "open", lambda: open_motion(shop, _session(shop), title="Secreta", mode="secret")
    )


def _hands(shop: Shop) -> Motion:
    return _once(
        shop,
        "hands",
        lambda: open_motion(shop, _session(shop), title="A mano alzada", mode="hands"),
    )


def _unopened(shop: Shop) -> Motion:
    return _once(
        shop,
        "unopened",
        lambda: votes.motion_create(
            access(shop, "secretary"), _session(shop), item=item(_session(shop)), title="Sin abrir"
        ),
    )


def _signing(shop: Shop) -> Meeting:
    """A closed meeting whose acta is being signed: the secretary signed, two members are
    chosen (the member, who has not signed, and the auditor)."""
    from cordones.assemblies.services import minutes

    def build() -> Meeting:
        secretary = access(shop, "secretary")
        meeting = in_session(shop)
        meetings.meeting_close(secretary, meeting)
        minutes.minutes_choose_signers(
            secretary, meeting, [shop.members["member"], shop.members["auditor"]]
        )
        minutes.minutes_sign(secretary, meeting)
        return meeting

    return _once(shop, "signing", build)


def _signatures(shop: Shop) -> Any:
    from cordones.assemblies.models import MinutesSignature

    return sorted(
        MinutesSignature.objects.filter(minutes__meeting=_signing(shop)).values_list(
            "role", "member_id"
        )
    )


def _signers(shop: Shop) -> Any:
    from cordones.assemblies.models import Minutes

    return sorted(
        Minutes.objects.get(meeting=_signing(shop)).member_signers.values_list("pk", flat=True)
    )


def _paper(shop: Shop) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "role": "member",
        "member": shop.members["auditor"].pk,
        "signed_on": timezone.localdate().isoformat(),
        "scan": SimpleUploadedFile("firma.pdf", b"%PDF-1.4\n%%EOF\n"),
    }


def _petition(shop: Shop) -> Any:
    from cordones.assemblies.services import petitions

    def build() -> Any:
        add_president(shop)
        return petitions.petition_create(
            access(shop, "president"), shop.workplace, kind="agenda_item", title="Comedor"
        )

    return _once(shop, "petition", build)


def _application(shop: Shop) -> Any:
    from cordones.assemblies.services import admissions

    return _once(
        shop,
        "application",
        lambda: admissions.application_create(
            access(shop, "secretary"), shop.workplace, full_name="Rosa Díaz"
        ),
    )


def _decision(shop: Shop) -> Any:
    return _closed(shop).decision


def _count(model_name: str, **filters: Any) -> Any:
    from django.apps import apps

    model = apps.get_model("assemblies", model_name)
    return lambda shop: model.objects.filter(**filters).count()


ASSEMBLY_PAGES = [
    ("assemblies", [], "assembly.view", "get"),
    ("bodies", [], "assembly.view", "get"),
    ("meeting_create", [], "assembly.manage", "get"),
    ("meeting_detail", [lambda s: _draft(s).pk], "assembly.view", "get"),
    ("meeting_edit", [lambda s: _draft(s).pk], "assembly.manage", "get"),
    ("item_add", [lambda s: _draft(s).pk], "assembly.manage", "get"),
    (
        "document_attach",
        [lambda s: _draft(s).pk, lambda s: item(_draft(s)).pk],
        "assembly.manage",
        "get",
    ),
    ("meeting_ics", [lambda s: _draft(s).pk], "assembly.view", "get"),
    ("meeting_attendance", [lambda s: _session(s).pk], "assembly.manage", "get"),
    ("meeting_door", [lambda s: _session(s).pk], "assembly.manage", "get"),
    ("meeting_qr", [lambda s: _session(s).pk], "assembly.manage", "get"),
    ("meeting_quorum", [lambda s: _session(s).pk], "assembly.view", "get"),
    (
        "meeting_checkin",
        [lambda s: _session(s).pk, lambda s: _session(s).checkin_code],
        "assembly.vote",
        "get",
    ),
    ("meeting_live", [lambda s: _session(s).pk], "assembly.view", "get"),
    ("meeting_live_status", [lambda s: _session(s).pk], "assembly.view", "get"),
    ("meeting_chair", [lambda s: _session(s).pk], "assembly.manage", "get"),
    ("motion_create", [lambda s: _session(s).pk], "assembly.manage", "get"),
    ("motion_tellers", [lambda s: _hands(s).pk], "assembly.manage", "get"),
    ("motion_result", [lambda s: _closed(s).pk], "assembly.view", "get"),
    ("meeting_minutes", [lambda s: _session(s).pk], "assembly.view", "get"),
    ("minute_book", [], "assembly.view", "get"),
    ("petitions", [], "assembly.view", "get"),
    ("petition_create", [], "assembly.vote", "get"),
    ("applications", [], "application.manage", "get"),
    ("application_create", [], "application.manage", "get"),
    ("decisions", [], "assembly.view", "get"),
    ("decision_detail", [lambda s: _decision(s).pk], "assembly.view", "get"),
    ("inbox", [], "assembly.view", "get"),
    # the confirmation steps of irreversible actions, and the voter's receipt
    ("meeting_convene", [lambda s: _draft(s).pk], "assembly.manage", "get"),
    ("meeting_close", [lambda s: _session(s).pk], "assembly.manage", "get"),
    ("motion_close", [lambda s: _open(s).pk], "assembly.manage", "get"),
    ("ballot_receipt", [lambda s: _open(s).pk], "assembly.vote", "get"),
    ("minutes_sign", [lambda s: _session(s).pk], "assembly.vote", "get"),
    ("minutes_reopen", [lambda s: _session(s).pk], "assembly.manage", "get"),
    # writes
    ("meeting_create", [], "assembly.manage", "post"),
    ("item_add", [lambda s: _draft(s).pk], "assembly.manage", "post"),
    ("meeting_convene", [lambda s: _draft(s).pk], "assembly.manage", "post"),
    ("meeting_attendance", [lambda s: _empty(s).pk], "assembly.manage", "post"),
    (
        "meeting_checkin",
        [lambda s: _empty(s).pk, lambda s: _empty(s).checkin_code],
        "assembly.vote",
        "post",
    ),
    ("motion_create", [lambda s: _session(s).pk], "assembly.manage", "post"),
    ("motion_open", [lambda s: _unopened(s).pk], "assembly.manage", "post"),
    ("ballot_cast", [lambda s: _open(s).pk], "assembly.vote", "post"),
    ("motion_close", [lambda s: _open(s).pk], "assembly.manage", "post"),
    ("motion_tellers", [lambda s: _hands(s).pk], "assembly.manage", "post"),
    ("minutes_edit", [lambda s: _session(s).pk], "assembly.manage", "post"),
    ("minutes_paper", [lambda s: _signing(s).pk], "assembly.manage", "post"),
    ("minutes_replace", [lambda s: _signing(s).pk], "assembly.manage", "post"),
    ("minutes_reopen", [lambda s: _signing(s).pk], "assembly.manage", "post"),
    ("petition_create", [], "assembly.vote", "post"),
    ("petition_sign", [lambda s: _petition(s).pk], "assembly.vote", "post"),
    ("application_create", [], "application.manage", "post"),
    ("application_agenda", [lambda s: _application(s).pk], "application.manage", "post"),
    ("decision_assign", [lambda s: _decision(s).pk], "decision.manage", "post"),
    ("inbox", [], "assembly.view", "post"),
]

ASSEMBLY_POST_DATA = {
    "meeting_create": lambda s: {
        "body": general(s).pk,
        "kind": "ordinary",
        "title": "Asamblea anual",
        "day": (timezone.localdate() + timedelta(days=40)).isoformat(),
        "at": "18:00",
        "place": "Galpón",
    },
    "item_add": {"matter": "ordinary", "title": "Vacaciones de invierno"},
    "meeting_convene": {},
    "meeting_attendance": lambda s: {"member": s.members["member"].pk},
    "meeting_checkin": {},
    "motion_create": lambda s: {
        "item": item(_session(s)).pk,
        "title": "Comprar tinta",
        "method": "majority",
        "seats": 1,
    },
    "motion_open": {},
    "ballot_cast": {"choice": "for", "confirmed": "1"},
    "minutes_paper": _paper,
    "minutes_replace": lambda s: {
        "replaced": s.members["member"].pk,
        "by": s.members["council_member"].pk,
    },
    "minutes_reopen": {},
    "motion_close": {},
    "motion_tellers": {"for": 3, "against": 1, "abstain": 0, "replace": "on"},
    "minutes_edit": {"narrative": "Se debatió el turno noche."},
    "petition_create": {
        "kind": "extraordinary",
        "matter": "other",
        "title": "Asamblea por los retiros",
    },
    "petition_sign": {},
    "application_create": {"full_name": "Luis Pérez", "shares_subscribed": "100"},
    "application_agenda": lambda s: {f"a{_application(s).pk}-meeting": _draft(s).pk},
    "decision_assign": lambda s: {"responsible": s.members["member"].pk, "due_on": "2099-01-01"},
    "inbox": {"convocation": "on"},
}


def _status(model_name: str, key: Any) -> Any:
    from django.apps import apps

    model = apps.get_model("assemblies", model_name)
    return lambda shop: (
        model.objects.filter(pk=key(shop).pk).values_list("status", flat=True).first()
    )


ASSEMBLY_CHANGES = {
    "meeting_create": _count("Meeting"),
    "item_add": _count("AgendaItem"),
    "meeting_convene": _status("Meeting", _draft),
    "meeting_attendance": _count("Attendance"),
    "meeting_checkin": _count("Attendance"),
    "motion_create": _count("Motion"),
    "motion_open": _status("Motion", _unopened),
    "ballot_cast": _count("VoteCast"),
    "minutes_paper": _signatures,
    "minutes_replace": _signers,
    "minutes_reopen": _signatures,
    "motion_close": _status("Motion", _open),
    "motion_tellers": _count("Ballot"),
    "minutes_edit": lambda s: list(
        __import__("cordones.assemblies.models", fromlist=["Minutes"]).Minutes.objects.values_list(
            "narrative", flat=True
        )
    ),
    "petition_create": _count("Petition"),
    "petition_sign": _count("PetitionSignature"),
    "application_create": _count("AdmissionApplication"),
    "application_agenda": _count("AgendaItem"),
    "decision_assign": lambda s: list(
        __import__(
            "cordones.assemblies.models", fromlist=["Decision"]
        ).Decision.objects.values_list("responsible_id", flat=True)
    ),
    "inbox": _count("NoticePreference"),
}

# Pages whose allowed POST answers with something other than a redirect.
ASSEMBLY_POST_OK: dict[str, int] = {}
