"""Minutes (actas): generated from the record, narrated by the secretary, signed by the
president, the secretary and the members the assembly chose; then entered, numbered and
hash-chained, in the minute book, where they never change.

The life of an acta before the book (ADR 0012):

- writing: the meeting has not closed; the narrative can be written, signers chosen;
- draft: the meeting closed; narrative, signers and attendance may still be corrected;
- signing: the first signature froze the record (`Minutes.snapshot`, its hash); every
  signature is over that hash; attendance, narrative and signers no longer change. A chosen
  member who has not signed can be replaced, a signature given on paper recorded, any
  signature withdrawn; withdrawing the last one (or reopening) thaws the draft;
- in the book: the snapshot and its signatures entered the book; nothing changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
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
from cordones.assemblies.services._common import absolute, member_of, signing_started_message
from cordones.assemblies.services.books import book_enter_acta
from cordones.assemblies.tallying import count_sheet
from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.domain.assemblies import minute_book
from cordones.members.models import Member
from cordones.members.permissions import Access, Role, require
from cordones.members.selectors import member_state_get


def _minutes(meeting: Meeting) -> Minutes:
    minutes, _c = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


MAX_SCAN_BYTES = 10 * 1024 * 1024
# What a scanned page may be, told by its first bytes (not by its name).
SCAN_TYPES = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


def _not_frozen(minutes: Minutes) -> None:
    if minutes.book_entry_id is not None:
        raise ServiceError.single(
            "", _("These minutes are in the minute book and can no longer change.")
        )
    if minutes.snapshot is not None:
        raise ServiceError.single("", signing_started_message())


def minutes_update(access: Access, meeting: Meeting, *, narrative: str) -> Minutes:
    require(access, "assembly.manage", meeting.workplace)
    minutes = _minutes(meeting)
    _not_frozen(minutes)
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
    _not_frozen(minutes)
    minutes.member_signers.set(members)
    return minutes


def minutes_replace_signer(
    access: Access, meeting: Meeting, *, replaced: Member, by: Member
) -> Minutes:
    """A chosen member who has not signed (who left the cooperative, or cannot be reached) is
    replaced by another member who was present. The signers are not part of the signed
    content, so this is allowed while signing."""
    require(access, "assembly.manage", meeting.workplace)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=_minutes(meeting).pk)
        if minutes.book_entry_id is not None:
            raise ServiceError.single("", _("These minutes are already in the minute book."))
        chosen = set(minutes.member_signers.values_list("pk", flat=True))
        if replaced.pk not in chosen:
            raise ServiceError.single("replaced", _("That member is not one of the signers."))
        if minutes.signatures.filter(member=replaced, role=SignerRole.MEMBER).exists():
            raise ServiceError.single(
                "replaced", _("That member has already signed: withdraw the signature first.")
            )
        if by.pk in chosen:
            raise ServiceError.single("by", _("That member is already one of the signers."))
        if not Attendance.objects.filter(meeting=meeting, member=by).exists():
            raise ServiceError.single("by", _("The signers must be members who were present."))
        if not member_state_get(by).is_member_on(timezone.localdate()):
            raise ServiceError.single("by", _("That person is no longer a member."))
        minutes.member_signers.remove(replaced)
        minutes.member_signers.add(by)
    return minutes


def minutes_content(meeting: Meeting) -> dict[str, Any]:
    """The acta as data, with its signatures so far: what the book keeps and the PDF prints
    (Spanish, the language of the legal books). Once signing started, the frozen snapshot."""
    minutes = _minutes(meeting)
    record = minutes.snapshot if minutes.snapshot is not None else _minutes_record(meeting)
    return {**record, **_signature_part(minutes)}


def _signature_part(minutes: Minutes) -> dict[str, Any]:
    signatures = list(minutes.signatures.select_related("member").order_by("signed_at", "id"))
    with translation.override("es"):
        rows = [
            [
                s.role,
                s.member.number,
                s.member.full_name,
                formats.date_format(s.paper_signed_on, "SHORT_DATE_FORMAT")
                if s.on_paper and s.paper_signed_on
                else formats.date_format(timezone.localtime(s.signed_at), "SHORT_DATETIME_FORMAT"),
            ]
            for s in signatures
        ]
    return {
        "content_hash": minutes.snapshot_hash,
        "signatures": rows,
        "signed_on_paper": [[s.role, s.member.number] for s in signatures if s.on_paper],
    }


def _minutes_record(meeting: Meeting) -> dict[str, Any]:
    """What the signers sign: the record of the meeting (attendance, agenda, motions and
    results, narrative), read now from the database (never from a caller's stale copy).
    Frozen into `Minutes.snapshot` by the first signature."""
    meeting = Meeting.objects.select_related("body", "workplace").get(pk=meeting.pk)
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


def _freeze(minutes: Minutes, now: Any = None) -> None:
    """Signing starts: keep the record as it is now, and its hash. Only a draft whose
    member signers are chosen can start, so that it can always be completed."""
    meeting = minutes.meeting
    if meeting.status != MeetingStatus.CLOSED:
        raise ServiceError.single("", _("Minutes are signed after the meeting closes."))
    rules = assembly_rules_get(meeting.body, meeting.scheduled_at.date())
    if minutes.member_signers.count() != rules.minutes_member_signers:
        raise ServiceError.single(
            "",
            _(
                "Choose the members who sign with the president and the secretary before "
                "anyone signs."
            ),
        )
    snapshot = _minutes_record(meeting)
    minutes.snapshot = snapshot
    minutes.snapshot_hash = minute_book.content_hash(snapshot)
    minutes.frozen_at = now or timezone.now()
    minutes.save(update_fields=["snapshot", "snapshot_hash", "frozen_at"])


def _thaw(minutes: Minutes) -> None:
    minutes.snapshot = None
    minutes.snapshot_hash = ""
    minutes.frozen_at = None
    minutes.save(update_fields=["snapshot", "snapshot_hash", "frozen_at"])


def _locked(meeting: Meeting) -> Minutes:
    minutes = Minutes.objects.select_for_update().get(pk=_minutes(meeting).pk)
    if minutes.book_entry_id is not None:
        raise ServiceError.single("", _("These minutes are already in the minute book."))
    return minutes


def minutes_hash_to_sign(meeting: Meeting) -> str:
    """The hash a signer is shown before signing: the frozen one, or the one the first
    signature will freeze."""
    minutes = _minutes(meeting)
    if minutes.snapshot is not None:
        return minutes.snapshot_hash
    return minute_book.content_hash(_minutes_record(meeting))


def minutes_sign(access: Access, meeting: Meeting, *, content_hash: str | None = None) -> Minutes:
    """Sign in the app. The first signature freezes the record; every signature is over the
    frozen hash. `content_hash`, when given, is the hash the signer was shown: if the acta
    changed since, the signature is refused."""
    require(access, "assembly.vote", meeting.workplace)
    meeting.refresh_from_db(fields=["status"])
    if meeting.status != MeetingStatus.CLOSED:
        raise ServiceError.single("", _("Minutes are signed after the meeting closes."))
    member = member_of(access)
    with transaction.atomic():
        minutes = _locked(meeting)
        roles = _roles_to_sign(access, minutes, member)
        if not roles:
            raise ServiceError.single("", _("You are not one of the signers of these minutes."))
        if minutes.snapshot is None:
            _freeze(minutes)
        if content_hash is not None and content_hash != minutes.snapshot_hash:
            raise ServiceError.single(
                "", _("The acta changed since you read it: read it again before signing.")
            )
        for role in roles:
            # signing again over the frozen hash renews a signature given before the
            # freeze existed (it had no hash); over the same hash it changes nothing
            MinutesSignature.objects.update_or_create(
                minutes=minutes,
                member=member,
                role=role,
                defaults={"content_hash": minutes.snapshot_hash, "recorded_by_id": access.user_id},
            )
        if _complete(minutes):
            _enter_book(minutes)
    return minutes


def _scan_kind(scan: UploadedFile) -> str | None:
    head = scan.read(16)
    scan.seek(0)
    return next((kind for magic, kind in SCAN_TYPES.items() if head.startswith(magic)), None)


def minutes_record_paper_signature(
    access: Access,
    meeting: Meeting,
    *,
    role: str,
    member: Member,
    signed_on: date,
    scan: UploadedFile,
    today: date | None = None,
) -> MinutesSignature:
    """A signature given on paper (the printed acta, signed by hand), recorded by the
    secretary with who signed, when, and the scanned page. Like one given in the app it
    is over the frozen hash (printed on the page), and the first one freezes the record."""
    require(access, "assembly.manage", meeting.workplace)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if role not in SignerRole.values:
        errors["role"] = [_("Choose whose signature this is.")]
    if member.workplace_id != meeting.workplace_id:
        errors["member"] = [_("That person is not in the register.")]
    if signed_on > today:
        errors["signed_on"] = [_("A signature cannot be dated in the future.")]
    elif meeting.closed_at and signed_on < timezone.localdate(meeting.closed_at):
        errors["signed_on"] = [_("The minutes cannot be signed before the meeting closed.")]
    if scan.size is None or scan.size > MAX_SCAN_BYTES:
        errors["scan"] = [_("The scanned page must be at most 10 MB.")]
    elif _scan_kind(scan) is None:
        errors["scan"] = [_("The scanned page must be a PDF, PNG or JPEG file.")]
    if errors:
        raise ServiceError(errors)
    meeting.refresh_from_db(fields=["status"])
    if meeting.status != MeetingStatus.CLOSED:
        raise ServiceError.single("", _("Minutes are signed after the meeting closes."))
    with transaction.atomic():
        minutes = _locked(meeting)
        if role == SignerRole.MEMBER and not minutes.member_signers.filter(pk=member.pk).exists():
            raise ServiceError.single(
                "member", _("That member is not one of the signers chosen by the assembly.")
            )
        if (
            minutes.signatures.filter(role=role)
            .filter(Q(member=member) | Q(role__in=[SignerRole.PRESIDENT, SignerRole.SECRETARY]))
            .exists()
        ):
            raise ServiceError.single("role", _("This signature is already recorded."))
        if minutes.snapshot is None:
            _freeze(minutes)
        signature = MinutesSignature.objects.create(
            minutes=minutes,
            member=member,
            role=role,
            content_hash=minutes.snapshot_hash,
            on_paper=True,
            paper_signed_on=signed_on,
            scan=scan,
            recorded_by_id=access.user_id,
        )
        if _complete(minutes):
            _enter_book(minutes)
    return signature


def minutes_withdraw_signature(access: Access, meeting: Meeting, signature_id: int) -> Minutes:
    """Withdraw one signature (the secretary, or the signer their own) while the acta is
    not in the book. When none is left the record thaws: the draft can change again."""
    require(access, "assembly.vote", meeting.workplace)
    with transaction.atomic():
        minutes = _locked(meeting)
        signature = minutes.signatures.filter(pk=signature_id).first()
        if signature is None:
            raise ServiceError.single("", _("That signature is not on these minutes."))
        own = access.member_id is not None and signature.member_id == access.member_id
        # the workplace was checked by require, first: here only which rule applies
        if not own and not access.can("assembly.manage"):
            raise PermissionDeniedError("assembly.manage")
        signature.delete()
        if not minutes.signatures.exists():
            _thaw(minutes)
    return minutes


def minutes_reopen(access: Access, meeting: Meeting) -> Minutes:
    """Reopen the draft: every signature is withdrawn and the record thaws, so that the
    narrative, the signers or the attendance can be corrected. Not once in the book."""
    require(access, "assembly.manage", meeting.workplace)
    with transaction.atomic():
        minutes = _locked(meeting)
        if minutes.snapshot is None:
            raise ServiceError.single("", _("The draft is already open."))
        minutes.signatures.all().delete()
        _thaw(minutes)
    return minutes


def _complete(minutes: Minutes) -> bool:
    signed = set(
        minutes.signatures.filter(content_hash=minutes.snapshot_hash).values_list(
            "role", "member_id"
        )
    )
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
    # the frozen snapshot, as signed, with its signatures: never a new reading of the record
    assert minutes.snapshot is not None and minutes.snapshot_hash
    if minute_book.content_hash(minutes.snapshot) != minutes.snapshot_hash:
        raise ServiceError.single("", _("The frozen acta no longer matches its hash."))
    content = {**minutes.snapshot, **_signature_part(minutes)}
    # into the body's own book, with its attendance page (assemblies/services/books.py)
    entry = book_enter_acta(minutes.meeting, content)
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
