"""Calling and running meetings: bodies, convocation with notice and agenda, sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cordones.assemblies import ics
from cordones.assemblies.models import (
    AgendaItem,
    Body,
    BodyKind,
    Document,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    NoticeKind,
    new_checkin_code,
)
from cordones.assemblies.notices import notify
from cordones.assemblies.selectors import assembly_rules_get, body_member_ids, opens_from
from cordones.assemblies.services._common import absolute
from cordones.core.errors import ServiceError
from cordones.domain.assemblies.rules import Matter, notice_deadline, notice_is_sufficient
from cordones.members.models import Member
from cordones.members.permissions import Access, require
from cordones.workplaces.models import Workplace

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def bodies_ensure(workplace: Workplace) -> list[Body]:
    """Every workplace has a general assembly and a council. Their names are stored, so they
    are written in the site's language (Spanish first), not in whatever language the caller
    happens to run in (the demo command runs in English)."""
    with translation.override(settings.LANGUAGE_CODE):
        general, _c = Body.objects.get_or_create(
            workplace=workplace,
            kind=BodyKind.GENERAL_ASSEMBLY,
            defaults={"name": str(_("General assembly"))},
        )
        council, _c = Body.objects.get_or_create(
            workplace=workplace, kind=BodyKind.COUNCIL, defaults={"name": str(_("Council"))}
        )
    return [general, council]


def meeting_create(
    access: Access,
    workplace: Workplace,
    *,
    body: Body,
    title: str,
    scheduled_at: datetime,
    kind: str = MeetingKind.ORDINARY,
    place: str = "",
    online_url: str = "",
    results_live: bool = False,
) -> Meeting:
    require(access, "assembly.manage", workplace)
    if body.workplace_id != workplace.pk:
        raise ServiceError.single("body", _("That body belongs to another workplace."))
    if not place.strip() and not online_url.strip():
        raise ServiceError.single(
            "place", _("Say where the meeting is held, or give the online link.")
        )
    if not title.strip():
        raise ServiceError.single("title", _("Give the meeting a title."))
    return Meeting.objects.create(
        workplace=workplace,
        body=body,
        kind=kind,
        title=title.strip(),
        scheduled_at=scheduled_at,
        place=place.strip(),
        online_url=online_url.strip(),
        results_live=results_live,
        created_by_id=access.user_id,
    )


def _editable(meeting: Meeting) -> None:
    meeting.refresh_from_db(fields=["status"])  # the caller's copy may be stale
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.CONVENED):
        raise ServiceError.single("", _("The agenda cannot change once the meeting is in session."))


def item_add(
    access: Access,
    meeting: Meeting,
    *,
    matter: str,
    title: str,
    description: str = "",
    source: str = "",
) -> AgendaItem:
    require(access, "assembly.manage", meeting.workplace)
    _editable(meeting)
    if matter not in {m.value for m in Matter}:
        raise ServiceError.single("matter", _("Choose a kind of matter from the list."))
    if not title.strip():
        raise ServiceError.single("title", _("Give the agenda item a title."))
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        last = meeting.items.aggregate(m=Max("position"))["m"] or 0
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=last + 1,
            matter=matter,
            title=title.strip(),
            description=description.strip(),
            source=source,
        )
        if meeting.status == MeetingStatus.CONVENED:
            # members were told the agenda: tell them it changed
            _notify_convocation(meeting, changed=True)
    return item


def document_attach(
    access: Access, item: AgendaItem, *, title: str, file: UploadedFile
) -> Document:
    require(access, "assembly.manage", item.meeting.workplace)
    if file.size and file.size > MAX_DOCUMENT_BYTES:
        raise ServiceError.single("file", _("The file is larger than 10 MB."))
    if not title.strip():
        raise ServiceError.single("title", _("Give the document a title."))
    return Document.objects.create(item=item, title=title.strip(), file=file)


def meeting_convene(access: Access, meeting: Meeting, *, now: datetime | None = None) -> Meeting:
    """Send the convocation. The statute's notice period is checked: an ordinary assembly
    convened too late is refused (the secretary must move the date)."""
    require(access, "assembly.manage", meeting.workplace)
    now = now or timezone.now()
    if meeting.status != MeetingStatus.DRAFT:
        raise ServiceError.single("", _("This meeting has already been convened."))
    if not meeting.items.exists():
        raise ServiceError.single(
            "", _("Add the agenda before convening: nothing outside it can be decided.")
        )
    rules = assembly_rules_get(meeting.body, meeting.scheduled_at.date())
    held_on = timezone.localdate(meeting.scheduled_at)
    if not notice_is_sufficient(timezone.localdate(now), held_on, rules.notice_days):
        raise ServiceError.single(
            "scheduled_at",
            _(
                "The statute asks for %(days)s days of notice: "
                "convene by %(deadline)s or move the date."
            )
            % {
                "days": rules.notice_days,
                "deadline": formats.date_format(
                    notice_deadline(held_on, rules.notice_days), "SHORT_DATE_FORMAT"
                ),
            },
        )
    with transaction.atomic():
        updated = Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.DRAFT).update(
            status=MeetingStatus.CONVENED, convened_at=now
        )
        if not updated:
            raise ServiceError.single("", _("This meeting has already been convened."))
        meeting.refresh_from_db()
        _notify_convocation(meeting)
    return meeting


def _notify_convocation(meeting: Meeting, changed: bool = False) -> None:
    people = Member.objects.filter(
        pk__in=body_member_ids(meeting.body, timezone.localdate())
    ).select_related("user")
    when = formats.date_format(timezone.localtime(meeting.scheduled_at), "DATETIME_FORMAT")
    notify(
        people,
        NoticeKind.CONVOCATION,
        {"body": meeting.body.name, "title": meeting.title, "when": when},
        absolute("meeting_detail", meeting.workplace.slug, meeting.pk),
        attachment=("convocatoria.ics", ics.meeting_ics(meeting), "text/calendar"),
        convocation_of=meeting,
    )


def meeting_open(access: Access, meeting: Meeting, *, now: datetime | None = None) -> Meeting:
    """Open the session: the number of members on the roll is frozen for the quorum, and
    the door's check-in code changes (a code copied from an earlier session is dead)."""
    require(access, "assembly.manage", meeting.workplace)
    now = now or timezone.now()
    with transaction.atomic():
        fresh = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if fresh.status not in (MeetingStatus.CONVENED, MeetingStatus.ADJOURNED):
            raise ServiceError.single("", _("Only a convened or adjourned meeting can be opened."))
        if now < opens_from(fresh):
            raise ServiceError.single(
                "",
                _(
                    "This meeting was called for %(when)s and cannot open earlier: the members "
                    "were told that time and the quorum counts from it. To meet earlier, "
                    "call a new meeting."
                )
                % {
                    "when": formats.date_format(
                        timezone.localtime(opens_from(fresh)), "DATETIME_FORMAT"
                    )
                },
            )
        fresh.status = MeetingStatus.IN_SESSION
        fresh.checkin_code = new_checkin_code()
        if fresh.opened_at is None:
            fresh.opened_at = now
            fresh.members_on_roll = len(body_member_ids(fresh.body, timezone.localdate(now)))
        if fresh.current_item_id is None:
            fresh.current_item = fresh.items.order_by("position").first()
        fresh.save(
            update_fields=[
                "status",
                "opened_at",
                "members_on_roll",
                "current_item",
                "checkin_code",
            ]
        )
        Minutes.objects.get_or_create(meeting=fresh)
    return fresh


def meeting_set_current_item(access: Access, meeting: Meeting, item_id: int) -> Meeting:
    require(access, "assembly.manage", meeting.workplace)
    item = meeting.items.filter(pk=item_id).first()
    if item is None:
        raise ServiceError.single("", _("That item is not on this agenda."))
    Meeting.objects.filter(pk=meeting.pk).update(current_item=item)
    meeting.current_item = item
    return meeting


def meeting_adjourn(access: Access, meeting: Meeting) -> Meeting:
    """A cuarto intermedio: the session pauses and can be reopened."""
    require(access, "assembly.manage", meeting.workplace)
    meeting.refresh_from_db(fields=["status"])
    if meeting.status != MeetingStatus.IN_SESSION:
        raise ServiceError.single("", _("Only a meeting in session can be adjourned."))
    if meeting.motions.filter(status="open").exists():
        raise ServiceError.single("", _("Close the open votes first."))
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.ADJOURNED)
    meeting.status = MeetingStatus.ADJOURNED
    return meeting


def meeting_close(access: Access, meeting: Meeting, *, now: datetime | None = None) -> Meeting:
    require(access, "assembly.manage", meeting.workplace)
    meeting.refresh_from_db(fields=["status"])
    if meeting.status not in (MeetingStatus.IN_SESSION, MeetingStatus.ADJOURNED):
        raise ServiceError.single("", _("Only a meeting in session can be closed."))
    if meeting.motions.filter(status="open").exists():
        raise ServiceError.single("", _("Close the open votes first."))
    # the door's code expires with the meeting
    Meeting.objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.CLOSED,
        closed_at=now or timezone.now(),
        checkin_code=new_checkin_code(),
    )
    meeting.refresh_from_db()
    return meeting


def meeting_update(access: Access, meeting: Meeting, **fields: Any) -> Meeting:
    require(access, "assembly.manage", meeting.workplace)
    meeting.refresh_from_db(fields=["status"])
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.CONVENED):
        raise ServiceError.single(
            "",
            _(
                "This meeting has already met: its date, place and title are part of the "
                "record and no longer change. To meet again, call a new meeting."
            ),
        )
    if (
        meeting.status != MeetingStatus.DRAFT
        and "scheduled_at" in fields
        and fields["scheduled_at"] != meeting.scheduled_at
    ):
        raise ServiceError.single(
            "scheduled_at", _("A convened meeting keeps its date; call a new one.")
        )
    for key in ("title", "place", "online_url", "scheduled_at", "results_live"):
        if key in fields:
            setattr(meeting, key, fields[key])
    meeting.save()
    return meeting
