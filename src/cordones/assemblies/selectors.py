"""Reads for assemblies. Every function is scoped by the workplace it is given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cordones.assemblies.models import (
    AdmissionApplication,
    Attendance,
    Ballot,
    Body,
    BodyKind,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    MinuteBookEntry,
    Minutes,
    Motion,
    MotionStatus,
    Notice,
    Petition,
    RollEntry,
    VoteCast,
)
from cordones.domain.assemblies import minute_book
from cordones.domain.assemblies.rules import AssemblyRules, QuorumStatus, quorum_status
from cordones.domain.register.book import COUNCIL_OFFICES, Office
from cordones.members.models import Member
from cordones.members.selectors import register_rows
from cordones.workplaces.models import Workplace
from cordones.workplaces.selectors import statute_rules_get

# the life of an acta before the book (assemblies/services/minutes.py, ADR 0012)
WRITING, DRAFT, SIGNING, IN_BOOK = "writing", "draft", "signing", "in_book"


def assembly_rules_get(body: Body, day: date) -> AssemblyRules:
    return AssemblyRules.from_statute(
        statute_rules_get(body.workplace, day), **body.rule_overrides()
    )


def body_list(workplace: Workplace) -> QuerySet[Body]:
    return Body.objects.filter(workplace=workplace)


def body_member_ids(body: Body, day: date) -> set[int]:
    """Who belongs to the body on a day: every member for the general assembly, council
    offices for the council, the section's members, or the commission's list."""
    rows = [r for r in register_rows(body.workplace) if r.state.is_member_on(day)]
    if body.kind == BodyKind.GENERAL_ASSEMBLY:
        return {r.member.pk for r in rows}
    if body.kind == BodyKind.COUNCIL:
        return {r.member.pk for r in rows if set(r.state.offices_on(day)) & COUNCIL_OFFICES}
    if body.kind == BodyKind.SECTION:
        return {r.member.pk for r in rows if r.member.section_id == body.section_id}
    listed = set(body.commission_members.values_list("pk", flat=True))
    return {r.member.pk for r in rows if r.member.pk in listed}


def conflicted_member_ids(workplace: Workplace, day: date) -> set[int]:
    """Council members and síndicos: they do not vote on the annual report and balance."""
    conflicted = COUNCIL_OFFICES | {Office.AUDITOR, Office.SUBSTITUTE_AUDITOR}
    return {
        r.member.pk for r in register_rows(workplace) if set(r.state.offices_on(day)) & conflicted
    }


def meeting_list(workplace: Workplace) -> QuerySet[Meeting]:
    return Meeting.objects.filter(workplace=workplace).select_related("body")


def meeting_get(workplace: Workplace, pk: int) -> Meeting:
    return Meeting.objects.select_related("body", "current_item").get(workplace=workplace, pk=pk)


def quorum_get(meeting: Meeting, now: datetime | None = None) -> QuorumStatus:
    now = now or timezone.now()
    rules = assembly_rules_get(meeting.body, meeting.scheduled_at.date())
    members = meeting.members_on_roll or len(body_member_ids(meeting.body, timezone.localdate()))
    present = Attendance.objects.filter(meeting=meeting).count()
    return quorum_status(
        members=members, present=present, rules=rules, called_for=meeting.scheduled_at, now=now
    )


@dataclass(frozen=True)
class Turnout:
    eligible: int
    voted: int


def turnout_get(motion: Motion) -> Turnout:
    eligible = RollEntry.objects.filter(motion=motion, excluded_reason="").count()
    voted = VoteCast.objects.filter(motion=motion, round=motion.round).count()
    return Turnout(eligible, voted)


def live_results_shown(meeting: Meeting, motion: Motion) -> bool:
    """Whether the running count of an open vote may be shown. Never for a secret ballot:
    a count that moves one ballot at a time tells whoever watches it what the person who
    just voted chose. Open ballots are named anyway; show of hands and paper counts are
    entered in totals."""
    return meeting.results_live and motion.mode != "secret"


def member_may_vote(motion: Motion, member: Member) -> bool:
    return RollEntry.objects.filter(motion=motion, member=member, excluded_reason="").exists()


def member_has_voted(motion: Motion, member: Member) -> bool:
    return VoteCast.objects.filter(motion=motion, member=member, round=motion.round).exists()


def ballots_published(motion: Motion) -> QuerySet[Ballot]:
    """The ballot list anyone can check a receipt against (secret: no voter, by receipt)."""
    return Ballot.objects.filter(motion=motion).order_by("round", "receipt")


def open_ballots_roll_call(motion: Motion) -> QuerySet[Ballot]:
    return (
        Ballot.objects.filter(motion=motion, voter__isnull=False)
        .select_related("voter")
        .order_by("voter__number")
    )


def motions_awaiting_vote(workplace: Workplace, member: Member) -> list[Motion]:
    """Open votes the member is on the roll of and has not cast (this round)."""
    voted = set(VoteCast.objects.filter(member=member).values_list("motion_id", "round"))
    open_motions = (
        Motion.objects.filter(
            workplace=workplace,
            status=MotionStatus.OPEN,
            mode__in=["open", "secret"],
            roll__member=member,
            roll__excluded_reason="",
        )
        .select_related("meeting")
        .order_by("opened_at")
    )
    return [m for m in open_motions if (m.pk, m.round) not in voted]


@dataclass(frozen=True)
class Inbox:
    to_vote: list[Motion]
    upcoming: list[Meeting]
    my_tasks: list[Decision]
    notices: list[Notice]
    petitions: list[Petition]


def inbox_get(workplace: Workplace, member: Member, now: datetime | None = None) -> Inbox:
    now = now or timezone.now()
    return Inbox(
        to_vote=motions_awaiting_vote(workplace, member),
        upcoming=list(
            Meeting.objects.filter(workplace=workplace, scheduled_at__gte=now - timedelta(hours=12))
            .exclude(status__in=[MeetingStatus.DRAFT, MeetingStatus.CLOSED])
            .select_related("body")
            .order_by("scheduled_at")[:10]
        ),
        my_tasks=list(
            Decision.objects.filter(workplace=workplace, responsible=member)
            .exclude(status__in=[DecisionStatus.DONE, DecisionStatus.CANCELLED])
            .order_by("due_on")
        ),
        notices=list(Notice.objects.filter(member=member).order_by("-created_at")[:15]),
        petitions=list(
            Petition.objects.filter(workplace=workplace, reached_at__isnull=True)
            .annotate(
                n=Count("signatures"), mine=Count("signatures", filter=Q(signatures__member=member))
            )
            .order_by("-created_at")[:10]
        ),
    )


def decision_list(
    workplace: Workplace, *, status: str = "", overdue_on: date | None = None
) -> QuerySet[Decision]:
    qs = Decision.objects.filter(workplace=workplace).select_related(
        "responsible", "responsible_body", "motion__meeting"
    )
    if status:
        qs = qs.filter(status=status)
    if overdue_on is not None:
        qs = qs.filter(due_on__lt=overdue_on).exclude(
            status__in=[DecisionStatus.DONE, DecisionStatus.CANCELLED]
        )
    return qs


def petition_list(workplace: Workplace) -> QuerySet[Petition]:
    return (
        Petition.objects.filter(workplace=workplace)
        .annotate(n=Count("signatures"))
        .select_related("created_by")
    )


def application_list(workplace: Workplace) -> QuerySet[AdmissionApplication]:
    return AdmissionApplication.objects.filter(workplace=workplace).select_related(
        "item__meeting", "member"
    )


def book_entries(workplace: Workplace, book: str | None = None) -> QuerySet[MinuteBookEntry]:
    """The entries of one book of actas (by key, `domain/books/catalog.py`), or of all."""
    entries = MinuteBookEntry.objects.filter(workplace=workplace)
    if book is not None:
        entries = entries.filter(book=book)
    return entries.order_by("book", "number")


def book_verify(workplace: Workplace, book: str | None = None) -> list[minute_book.Problem]:
    """Re-check the chain of one book of actas, or of each (problems of all books)."""
    books: dict[str, list[minute_book.BookEntry]] = {}
    for e in book_entries(workplace, book):
        books.setdefault(e.book, []).append(
            minute_book.BookEntry(e.number, e.content, e.previous_hash, e.hash)
        )
    return [problem for entries in books.values() for problem in minute_book.verify(entries)]


def opens_from(meeting: Meeting) -> datetime:
    """The session may open from the time it was called for: the members were told that
    time, and the quorum (first and second call) counts from it."""
    return meeting.scheduled_at


def minutes_state(minutes: Minutes) -> str:
    """Where an acta is in its life: writing, draft, signing or in the book."""
    if minutes.book_entry_id is not None:
        return IN_BOOK
    if minutes.snapshot is not None:
        return SIGNING
    if minutes.meeting.status != MeetingStatus.CLOSED:
        return WRITING
    return DRAFT


def meeting_record_frozen(meeting: Meeting) -> bool:
    """Whether the meeting's record (attendance among it) is frozen by the acta's signing."""
    return (
        Minutes.objects.filter(meeting=meeting)
        .filter(Q(snapshot__isnull=False) | Q(book_entry__isnull=False))
        .exists()
    )
