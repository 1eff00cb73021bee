"""Check-in: by the secretary from a searchable list, or by the member with the QR code
shown at the door."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cordones.assemblies.models import Attendance, Meeting, MeetingStatus
from cordones.assemblies.selectors import body_member_ids, meeting_record_frozen
from cordones.assemblies.services._common import member_of, signing_started_message
from cordones.core.errors import ServiceError
from cordones.members.models import Member
from cordones.members.permissions import Access, require

OPEN_FOR_CHECKIN = (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION, MeetingStatus.ADJOURNED)


def _check_in(
    meeting: Meeting, member: Member, *, by_self: bool, user_id: int | None
) -> Attendance:
    if meeting.status not in OPEN_FOR_CHECKIN:
        raise ServiceError.single("", _("Check-in is not open for this meeting."))
    if member.workplace_id != meeting.workplace_id or member.pk not in body_member_ids(
        meeting.body, timezone.localdate()
    ):
        raise ServiceError.single("", _("This person is not a member of the body that meets."))
    existing = Attendance.objects.filter(meeting=meeting, member=member).first()
    if existing is not None:
        return existing  # checking in twice is still one presence
    try:
        with transaction.atomic():
            return Attendance.objects.create(
                meeting=meeting, member=member, by_self=by_self, recorded_by_id=user_id
            )
    except IntegrityError:
        return Attendance.objects.get(meeting=meeting, member=member)


def checkin_by_secretary(access: Access, meeting: Meeting, member: Member) -> Attendance:
    require(access, "assembly.manage", meeting.workplace)
    return _check_in(meeting, member, by_self=False, user_id=access.user_id)


def checkin_by_code(access: Access, meeting: Meeting, code: str) -> Attendance:
    """The member scanned the code shown at the door."""
    require(access, "assembly.vote", meeting.workplace)
    if code != meeting.checkin_code:
        raise ServiceError.single("", _("This check-in code is not valid for this meeting."))
    member = member_of(access)
    return _check_in(meeting, member, by_self=True, user_id=access.user_id)


def checkout(access: Access, meeting: Meeting, member: Member) -> None:
    """Undo a check-in (a correction). Not once the acta's signing started: the attendance
    is part of what was signed."""
    require(access, "assembly.manage", meeting.workplace)
    if meeting_record_frozen(meeting):
        raise ServiceError.single("", signing_started_message())
    Attendance.objects.filter(meeting=meeting, member=member).delete()
