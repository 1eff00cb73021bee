"""Minutes (actas): generated from the record, narrated by the secretary, signed by the
president, the secretary and the members the assembly chose; then entered, numbered and
hash-chained, in the minute book, where they never change."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cordones.assemblies.models import (
    Attendance,
    Meeting,
    MeetingStatus,
    MinuteBookEntry,
    Minutes,
    MinutesSignature,
    Motion,
    MotionStatus,
    NoticeKind,
    SignerRole,
)
from cordones.assemblies.notices import notify
from cordones.assemblies.selectors import assembly_rules_get, open_ballots_roll_call, quorum_get
from cordones.assemblies.services._common import absolute, member_of
from cordones.assemblies.tallying import count_sheet
from cordones.core.errors import ServiceError
from cordones.domain.assemblies import minute_book
from cordones.members.models import Member
from cordones.members.permissions import Access, Role, require
from cordones.workplaces.models import Workplace


def _minutes(meeting: Meeting) -> Minutes:
    minutes, _c = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


def minutes_update(access: Access, meeting: Meeting, *, narrative: str) -> Minutes:
    require(access, "assembly.manage", meeting.workplace)
    minutes = _minutes(meeting)
    if minutes.book_entry_id is not None:
        raise ServiceError.single(
            "", _("These minutes are in the minute book and can no longer change.")
        )
    if minutes.signatures.exists():
        raise ServiceError.single("", _("Signing has started: the text can no longer change."))
    minutes.narrative = narrative.strip()
    minutes.save(update_fields=["narrative"])
    return minutes


def minutes_choose_signers(access: Access, meeting: Meeting, members: list[Member]) -> Minutes:
    """Record the members the assembly chose to sign the minutes with the president and
    the secretary (the statute says how many)."""
    require(access, "assembly.manage", meeting.workplace)
    minutes = _minutes(meeting)
    rules = assembly_rules_get(meeting.body, meeting.scheduled_at.date())
    present = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    if len(members) != rules.minutes_member_signers or len({m.pk for m in members}) != len(members):
        raise ServiceError.single(
            "members",
            _("Choose exactly %(n)s different members to sign.")
            % {"n": rules.minutes_member_signers},
        )
    if any(m.pk not in present for m in members):
        raise ServiceError.single("members", _("The signers must be members who were present."))
    if minutes.signatures.exists():
        raise ServiceError.single("", _("Signing has started: the text can no longer change."))
    minutes.member_signers.set(members)
    return minutes


def minutes_content(meeting: Meeting) -> dict[str, Any]:
    """The acta as data: what the book keeps and the PDF prints (Spanish, the language of
    the legal books)."""
    minutes = _minutes(meeting)
    with translation.override("es"):
        quorum = quorum_get(meeting, meeting.opened_at or timezone.now())
        present = list(
            Attendance.objects.filter(meeting=meeting)
            .select_related("member")
            .order_by("member__number")
        )
        motions = []
        for motion in (
            Motion.objects.filter(meeting=meeting, status=MotionStatus.CLOSED)
            .select_related("item")
            .order_by("id")
        ):
            entry: dict[str, Any] = {
                "item": motion.item.position if motion.item else None,
                "title": motion.title,
                "text": motion.text,
                "method": motion.method,
                "mode": motion.mode,
                "adopted": motion.adopted,
                "result": motion.result,
                "count_sheet": count_sheet(motion),
            }
            if motion.mode == "open":
                entry["roll_call"] = [
                    [b.voter.number, b.voter.full_name, b.content]
                    for b in open_ballots_roll_call(motion)
                    if b.voter
                ]
            motions.append(entry)
        return {
            "workplace": meeting.workplace.legal_name,
            "body": meeting.body.name,
            "meeting": meeting.pk,
            "kind": meeting.kind,
            "title": meeting.title,
            "scheduled_at": timezone.localtime(meeting.scheduled_at).isoformat(),
            "place": meeting.place or meeting.online_url,
            "opened_at": timezone.localtime(meeting.opened_at).isoformat()
            if meeting.opened_at
            else None,
            "closed_at": timezone.localtime(meeting.closed_at).isoformat()
            if meeting.closed_at
            else None,
            "members_on_roll": meeting.members_on_roll,
            "present": [[a.member.number, a.member.full_name] for a in present],
            "quorum": {
                "needed": quorum.needed,
                "present": quorum.present,
                "call": quorum.call.value,
            },
            "agenda": [[i.position, i.matter, i.title] for i in meeting.items.order_by("position")],
            "motions": motions,
            "narrative": minutes.narrative,
            "signatures": [
                [
                    s.role,
                    s.member.number,
                    s.member.full_name,
                    formats.date_format(timezone.localtime(s.signed_at), "SHORT_DATETIME_FORMAT"),
                ]
                for s in minutes.signatures.select_related("member").order_by("signed_at", "id")
            ],
        }


def _roles_to_sign(access: Access, minutes: Minutes, member: Member) -> list[str]:
    roles: list[str] = []
    if Role.PRESIDENT in access.roles:
        roles.append(SignerRole.PRESIDENT)
    if Role.SECRETARY in access.roles:
        roles.append(SignerRole.SECRETARY)
    if minutes.member_signers.filter(pk=member.pk).exists():
        roles.append(SignerRole.MEMBER)
    return roles


def minutes_sign(access: Access, meeting: Meeting) -> Minutes:
    require(access, "assembly.vote", meeting.workplace)
    meeting.refresh_from_db(fields=["status"])
    if meeting.status != MeetingStatus.CLOSED:
        raise ServiceError.single("", _("Minutes are signed after the meeting closes."))
    member = member_of(access)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=_minutes(meeting).pk)
        if minutes.book_entry_id is not None:
            raise ServiceError.single("", _("These minutes are already in the minute book."))
        roles = _roles_to_sign(access, minutes, member)
        if not roles:
            raise ServiceError.single("", _("You are not one of the signers of these minutes."))
        for role in roles:
            MinutesSignature.objects.get_or_create(minutes=minutes, member=member, role=role)
        if _complete(minutes):
            _enter_book(minutes)
    return minutes


def _complete(minutes: Minutes) -> bool:
    signed = set(minutes.signatures.values_list("role", "member_id"))
    roles = {r for r, _m in signed}
    members_needed = set(minutes.member_signers.values_list("pk", flat=True))
    members_signed = {m for r, m in signed if r == SignerRole.MEMBER}
    return (
        SignerRole.PRESIDENT in roles
        and SignerRole.SECRETARY in roles
        and bool(members_needed)
        and members_needed <= members_signed
    )


def _enter_book(minutes: Minutes) -> MinuteBookEntry:
    workplace = minutes.meeting.workplace
    # one number at a time per workplace
    Workplace.objects.select_for_update().filter(pk=workplace.pk).first()
    last = MinuteBookEntry.objects.filter(workplace=workplace).order_by("-number").first()
    number = (last.number if last else 0) + 1
    previous = last.hash if last else minute_book.GENESIS
    content = minutes_content(minutes.meeting)
    content["number"] = number
    entry = MinuteBookEntry.objects.create(
        workplace=workplace,
        number=number,
        content=content,
        previous_hash=previous,
        hash=minute_book.entry_hash(number, content, previous),
    )
    Minutes.objects.filter(pk=minutes.pk).update(book_entry=entry)
    people = Member.objects.filter(
        pk__in=Attendance.objects.filter(meeting=minutes.meeting).values("member_id")
    ).select_related("user")
    notify(
        people,
        NoticeKind.MINUTES_READY,
        {"title": minutes.meeting.title, "state": "in the minute book"},
        absolute("meeting_minutes", workplace.slug, minutes.meeting.pk),
    )
    return entry
