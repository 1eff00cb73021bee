"""Bodies, meetings (assemblies), agenda, attendance, motions and votes, minutes, decisions.

Secret ballots: who voted (`VoteCast`) and what was voted (`Ballot`) live in two tables
with no column linking them: ballots have random ids, no voter, no timestamp, and when the
vote closes they are rewritten in receipt order. That hides the link from the pages and the
API, not from whoever holds the database: both rows are written by one transaction, so row
ids (SQLite), transaction ids and dead tuples (PostgreSQL) and backups still join them. ADR 7
states this threat model and the encrypted design that will close it.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.domain.assemblies.rules import Matter
from cordones.domain.bounds import STATUTE_INT_RANGES
from cordones.members.models import Member
from cordones.workplaces.models import Section, Workplace


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("General assembly")
    COUNCIL = "council", _("Council")
    SECTION = "section", _("Section assembly")
    COMMISSION = "commission", _("Commission")


class Body(models.Model):
    """A body that meets and decides. Its rules come from the statute profile unless
    overridden here."""

    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=150)
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("section")
    )
    commission_members = models.ManyToManyField(
        Member, blank=True, related_name="commissions", verbose_name=_("members")
    )
    # ranges: domain.bounds.STATUTE_INT_RANGES (ADR 0011)
    notice_days = models.PositiveSmallIntegerField(
        _("days of notice"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(STATUTE_INT_RANGES["notice_days"].maximum)],
    )
    quorum_fraction = models.CharField(_("quorum (fraction of members)"), max_length=10, blank=True)
    second_call_minutes = models.PositiveSmallIntegerField(
        _("minutes until second call"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(STATUTE_INT_RANGES["second_call_minutes"].maximum)],
    )
    simple_majority = models.CharField(_("simple majority"), max_length=10, blank=True)
    qualified_majority = models.CharField(_("qualified majority"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["workplace", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "name"], name="body_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def rule_overrides(self) -> dict[str, Any]:
        return {
            "notice_days": self.notice_days,
            "quorum_fraction": self.quorum_fraction or None,
            "second_call_minutes": self.second_call_minutes,
            "simple_majority": self.simple_majority or None,
            "qualified_majority": self.qualified_majority or None,
        }


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONVENED = "convened", _("Convened")
    IN_SESSION = "in_session", _("In session")
    ADJOURNED = "adjourned", _("Adjourned (cuarto intermedio)")
    CLOSED = "closed", _("Closed")


def _checkin_code() -> str:
    return secrets.token_urlsafe(16)


def new_checkin_code() -> str:
    """A fresh code for the door: drawn when each session opens, and again at the close so
    that the last one stops working."""
    return _checkin_code()


class Meeting(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="meetings")
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.ORDINARY
    )
    title = models.CharField(_("title"), max_length=200)
    scheduled_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    convened_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    members_on_roll = models.PositiveIntegerField(default=0)  # frozen when the session opens
    current_item = models.ForeignKey(
        "AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    results_live = models.BooleanField(_("show results before the vote closes"), default=False)
    checkin_code = models.CharField(max_length=40, default=_checkin_code, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-scheduled_at"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    matter = models.CharField(
        _("matter"), max_length=30, choices=[(m.value, m.value) for m in Matter]
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(max_length=80, blank=True)  # e.g. "petition:4", "surplus:2"

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Document(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="assemblies/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class PetitionKind(models.TextChoices):
    EXTRAORDINARY = "extraordinary", _("Call an extraordinary assembly")
    AGENDA_ITEM = "agenda_item", _("Add an item to the agenda")


class Petition(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="petitions")
    kind = models.CharField(_("kind"), max_length=20, choices=PetitionKind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    matter = models.CharField(
        _("matter"),
        max_length=30,
        default=Matter.OTHER,
        choices=[(m.value, m.value) for m in Matter],
    )
    created_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    members_at_start = models.PositiveIntegerField()
    reached_at = models.DateTimeField(null=True, blank=True)
    due_by = models.DateField(null=True, blank=True)
    fulfilled_by = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class PetitionSignature(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "member"], name="petition_one_signature")
        ]


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    checked_in_at = models.DateTimeField(auto_now_add=True)
    by_self = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]


class BallotMode(models.TextChoices):
    OPEN = "open", _("Open (named)")
    SECRET = "secret", _("Secret")
    SHOW_OF_HANDS = "hands", _("Show of hands (entered by the secretary)")
    PAPER = "paper", _("Paper ballots (entered by tellers)")


class MotionStatus(models.TextChoices):
    DRAFT = "draft", _("Not yet open")
    OPEN = "open", _("Voting")
    CLOSED = "closed", _("Closed")


class Motion(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="motions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    # Nothing outside the agenda is decided; only the choice of minute signers has no item.
    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="motions"
    )
    is_minutes_signers = models.BooleanField(default=False)
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("text of the motion"), blank=True)
    method = models.CharField(_("decision method"), max_length=20, default="majority")
    mode = models.CharField(
        _("ballot"), max_length=10, choices=BallotMode.choices, default=BallotMode.OPEN
    )
    candidates = models.JSONField(default=list, blank=True)
    seats = models.PositiveSmallIntegerField(default=1)
    options = models.JSONField(default=dict, blank=True)  # majority rule, fallback rounds…
    status = models.CharField(
        max_length=10, choices=MotionStatus.choices, default=MotionStatus.DRAFT
    )
    round = models.PositiveSmallIntegerField(default=1)  # consent / consensus rounds
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    present_at_open = models.PositiveIntegerField(default=0)
    seed = models.CharField(max_length=40, blank=True)  # lottery seed, drawn when the vote opens
    result = models.JSONField(null=True, blank=True)
    adopted = models.BooleanField(null=True)

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(item__isnull=False) | models.Q(is_minutes_signers=True),
                name="motion_on_the_agenda",
            )
        ]

    def __str__(self) -> str:
        return self.title


class RollEntry(models.Model):
    """The electoral roll, frozen when the vote opens."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    excluded_reason = models.CharField(max_length=30, blank=True)  # e.g. "conflicted"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "member"], name="roll_once")]


class VoteCast(models.Model):
    """That a member voted — never what. The unique constraint is what makes a double submit
    or two concurrent casts one vote (per round, for consent and consensus)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="casts")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "member", "round"], name="one_vote_per_member"
            )
        ]


def _receipt() -> str:
    return secrets.token_hex(5).upper()


class Ballot(models.Model):
    """What was voted. `voter` is set only for open ballots; `count` > 1 only for totals
    entered from a show of hands or a paper count."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receipt = models.CharField(max_length=12, default=_receipt)
    content = models.JSONField()
    count = models.PositiveIntegerField(default=1)
    round = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "receipt"], name="ballot_unique_receipt"),
            models.UniqueConstraint(
                fields=["motion", "voter", "round"],
                condition=models.Q(voter__isnull=False),
                name="open_ballot_once",
            ),
        ]


class Minutes(models.Model):
    """The acta of a meeting: generated from the record, with the secretary's narrative.

    When signing starts the record is frozen: `snapshot` keeps the acta's content as it was
    then and `snapshot_hash` its SHA-256; every signature is over that hash, and that
    snapshot (not a new reading of the record) is what enters the minute book."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    narrative = models.TextField(_("narrative"), blank=True)
    member_signers = models.ManyToManyField(Member, blank=True, related_name="+")
    book_entry = models.OneToOneField(
        "MinuteBookEntry", on_delete=models.PROTECT, null=True, blank=True, related_name="minutes"
    )
    snapshot = models.JSONField(null=True, blank=True)
    snapshot_hash = models.CharField(max_length=64, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.meeting}"


class SignerRole(models.TextChoices):
    PRESIDENT = "president", _("President")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member chosen by the assembly")


def _scan_path(instance: MinutesSignature, filename: str) -> str:
    return f"actas/{instance.minutes.meeting.workplace_id}/{secrets.token_hex(8)}-{filename}"


class MinutesSignature(models.Model):
    """One signature, over `content_hash` (the frozen acta's hash). Given in the app, or on
    paper and recorded by the secretary with the date and the scanned page."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="signatures")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=12, choices=SignerRole.choices)
    signed_at = models.DateTimeField(auto_now_add=True)
    content_hash = models.CharField(max_length=64, blank=True)
    on_paper = models.BooleanField(default=False)
    paper_signed_on = models.DateField(null=True, blank=True)
    scan = models.FileField(upload_to=_scan_path, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["minutes", "member", "role"], name="sign_once")
        ]


class MinuteBookEntry(models.Model):
    """One entry of a book of actas, of attendance or of síndico reports (which book: see
    `domain/books/catalog.py`). Append-only (database trigger), hash-chained per book."""

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="minute_book")
    book = models.CharField(max_length=40)
    number = models.PositiveIntegerField()
    content = models.JSONField()
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workplace", "book", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["workplace", "book", "number"], name="book_unique_number_per_book"
            )
        ]

    def __str__(self) -> str:
        return f"{self.book} {self.number}"


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Decision(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="decisions")
    motion = models.OneToOneField(Motion, on_delete=models.PROTECT, related_name="decision")
    title = models.CharField(_("title"), max_length=250)
    responsible = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("responsible member"),
    )
    responsible_body = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("responsible commission"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    decided_on = models.DateField()

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.title


class DecisionNote(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("note"))
    status = models.CharField(max_length=20, choices=DecisionStatus.choices, blank=True)
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at"]


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ON_AGENDA = "on_agenda", _("On the agenda")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class AdmissionApplication(models.Model):
    workplace = models.ForeignKey(Workplace, on_delete=models.CASCADE, related_name="applications")
    full_name = models.CharField(_("full name"), max_length=200)
    national_id = models.CharField(_("national id (DNI)"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("section")
    )
    shares_subscribed = models.DecimalField(
        _("shares subscribed"), max_digits=14, decimal_places=2, default=0
    )
    statement = models.TextField(_("why they want to join"), blank=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member = models.OneToOneField(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.full_name


class NoticeKind(models.TextChoices):
    CONVOCATION = "convocation", _("Convocation")
    VOTE_OPEN = "vote_open", _("A vote opened")
    RESULT = "result", _("A result")
    MINUTES_READY = "minutes_ready", _("Minutes ready to sign or read")
    PETITION = "petition", _("A petition reached its threshold")
    TASK = "task", _("A decision assigned to you")


class Notice(models.Model):
    """An in-app notice to one member (also emailed if they want it)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    params = models.JSONField(default=dict)  # rendered in the reader's language
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["member", "read_at"])]


class NoticePreference(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notice_preferences")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    by_email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="one_preference_per_kind")
        ]
