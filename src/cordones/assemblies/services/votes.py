"""Motions and votes. One member, one vote: the VoteCast unique constraint makes a double
submit or two concurrent casts a single vote; closing is one transaction."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cordones.assemblies import effects
from cordones.assemblies.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotMode,
    Decision,
    Meeting,
    MeetingStatus,
    Motion,
    MotionStatus,
    NoticeKind,
    RollEntry,
    VoteCast,
)
from cordones.assemblies.notices import notify
from cordones.assemblies.selectors import assembly_rules_get, conflicted_member_ids, quorum_get
from cordones.assemblies.services._common import absolute
from cordones.assemblies.tallying import (
    CANDIDATE_METHODS,
    DELIBERATION,
    METHOD_CHOICES,
    motion_tally,
    result_summary,
    validate_content,
)
from cordones.core.errors import ServiceError
from cordones.domain.assemblies.rules import (
    ballot_must_be_secret,
    excludes_conflicted,
    majority_for,
)
from cordones.domain.voting import TallyError
from cordones.members.models import Member
from cordones.members.permissions import Access, require

THRESHOLDS = {"1/2": "simple", "2/3": "two_thirds", "3/4": "three_quarters"}


def motion_create(
    access: Access,
    meeting: Meeting,
    *,
    title: str,
    item: AgendaItem | None = None,
    minutes_signers: bool = False,
    text: str = "",
    method: str = "majority",
    mode: str | None = None,
    candidates: list[str] | None = None,
    seats: int = 1,
    options: dict[str, Any] | None = None,
) -> Motion:
    require(access, "assembly.manage", meeting.workplace)
    if item is None and not minutes_signers:
        raise ServiceError.single(
            "item",
            _("A motion must belong to an item on the agenda: nothing outside it can be decided."),
        )
    if item is not None and item.meeting_id != meeting.pk:
        raise ServiceError.single("item", _("That item is on another meeting's agenda."))
    if meeting.status in (MeetingStatus.CLOSED,):
        raise ServiceError.single("", _("The meeting is closed."))
    if method not in METHOD_CHOICES:
        raise ServiceError.single("method", _("Choose a decision method from the list."))
    if not title.strip():
        raise ServiceError.single("title", _("Give the motion a title."))
    rules = assembly_rules_get(meeting.body, meeting.scheduled_at.date())
    matter = item.matter if item is not None else "ordinary"
    secret_required = ballot_must_be_secret(matter, rules)
    if mode is None:
        mode = BallotMode.SECRET if secret_required else BallotMode.OPEN
    if mode not in BallotMode.values:
        raise ServiceError.single("mode", _("Choose a kind of ballot from the list."))
    if secret_required and mode not in (BallotMode.SECRET, BallotMode.PAPER):
        raise ServiceError.single(
            "mode", _("The statute requires a secret ballot for this matter.")
        )
    names = [c.strip() for c in (candidates or []) if c.strip()]
    if method in CANDIDATE_METHODS:
        if len(names) < 2 or len(set(names)) != len(names):
            raise ServiceError.single(
                "candidates", _("List at least two different candidates or options, one per line.")
            )
        if not 1 <= seats < len(names) + (1 if method == "approval" else 0):
            raise ServiceError.single("seats", _("There must be fewer seats than candidates."))
    else:
        names, seats = [], 1
    chosen = dict(options or {})
    if method == "majority":
        fraction = str(majority_for(matter, rules))
        chosen.setdefault("threshold", THRESHOLDS.get(fraction, "simple"))
        chosen.setdefault("base", "present")
        chosen.setdefault(
            "abstentions", "absent" if rules.abstentions_count_as_absent else "present"
        )
        chosen.setdefault("tie", "fails")
    return Motion.objects.create(
        workplace=meeting.workplace,
        meeting=meeting,
        item=item,
        is_minutes_signers=minutes_signers,
        title=title.strip(),
        text=text.strip(),
        method=method,
        mode=mode,
        candidates=names,
        seats=seats,
        options=chosen,
    )


def motion_open(access: Access, motion: Motion, *, now: datetime | None = None) -> Motion:
    """Open the vote: freeze the electoral roll (members present; the conflicted excluded
    where the statute says) and draw the lottery seed."""
    require(access, "assembly.manage", motion.workplace)
    now = now or timezone.now()
    meeting = Meeting.objects.select_related("body", "workplace").get(pk=motion.meeting_id)
    if meeting.status != MeetingStatus.IN_SESSION:
        raise ServiceError.single("", _("Votes open only while the meeting is in session."))
    if not quorum_get(meeting, now).reached:
        raise ServiceError.single("", _("There is no quorum: the vote cannot open."))
    rules = assembly_rules_get(meeting.body, meeting.scheduled_at.date())
    matter = motion.item.matter if motion.item else "ordinary"
    conflicted = (
        conflicted_member_ids(meeting.workplace, timezone.localdate(now))
        if excludes_conflicted(matter, rules)
        else set()
    )
    with transaction.atomic():
        updated = Motion.objects.filter(pk=motion.pk, status=MotionStatus.DRAFT).update(
            status=MotionStatus.OPEN, opened_at=now, seed=str(secrets.randbelow(10**9))
        )
        if not updated:
            raise ServiceError.single("", _("This vote has already been opened."))
        present = list(
            Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True)
        )
        RollEntry.objects.bulk_create(
            RollEntry(
                motion=motion, member_id=m, excluded_reason="conflicted" if m in conflicted else ""
            )
            for m in present
        )
        Motion.objects.filter(pk=motion.pk).update(present_at_open=len(present))
        motion.refresh_from_db()
        if motion.mode in (BallotMode.OPEN, BallotMode.SECRET):
            voters = Member.objects.filter(
                pk__in=[m for m in present if m not in conflicted]
            ).select_related("user")
            notify(
                voters,
                NoticeKind.VOTE_OPEN,
                {"title": motion.title},
                absolute("meeting_live", meeting.workplace.slug, meeting.pk),
            )
    return motion


def ballot_cast(access: Access, motion: Motion, content: dict[str, Any]) -> Ballot:
    """Cast the acting member's ballot. Returns the ballot (its receipt for secret votes)."""
    require(access, "assembly.vote", motion.workplace)
    return ballot_cast_on_roll(access.member_id, motion, content)


def ballot_cast_on_roll(member_id: int | None, motion: Motion, content: dict[str, Any]) -> Ballot:
    """Cast a ballot for a member. The electoral roll frozen when the vote opened is the
    authority (Ley 20.337: those present and entitled then); the check that the member is
    on it, and that the vote is still open, is part of the statement that marks the vote."""
    if motion.mode not in (BallotMode.OPEN, BallotMode.SECRET):
        raise ServiceError.single("", _("This vote is counted by the tellers, not cast here."))
    clean = validate_content(motion, content)
    if clean is None:
        raise ServiceError.single("", _("That is not a valid ballot for this vote."))
    secret = motion.mode == BallotMode.SECRET
    try:
        with transaction.atomic():
            if not _mark_voted(motion, member_id):
                raise ServiceError.single("", _refusal(motion))
            return Ballot.objects.create(
                motion=motion,
                voter_id=None if secret else member_id,
                content=clean,
                round=motion.round,
            )
    except IntegrityError:
        pass
    if secret:
        raise ServiceError.single(
            "", _("You have already voted. A secret ballot cannot be changed.")
        )
    # an open ballot may be changed while the vote is open: still one ballot
    with transaction.atomic():
        ballot = Ballot.objects.get(motion=motion, voter_id=member_id, round=motion.round)
        if not _change_open_ballot(motion, ballot, clean):
            raise ServiceError.single("", _refusal(motion))
        ballot.content = clean
        return ballot


NOT_ON_ROLL = gettext_lazy(
    "You are not on the roll of this vote (check in first, or you are excluded from it)."
)


def _refusal(motion: Motion) -> str:
    if not Motion.objects.filter(pk=motion.pk, status=MotionStatus.OPEN).exists():
        return _("This vote is not open.")
    return str(NOT_ON_ROLL)


def _motion_still_open() -> str:
    """SQL: the motion is open. On PostgreSQL the row is share-locked, so closing (which
    locks it for update) waits for casts in flight and casts after it see it closed; SQLite
    runs one writing transaction at a time (IMMEDIATE), which gives the same order."""
    table = Motion._meta.db_table
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    return f"EXISTS (SELECT 1 FROM {table} WHERE id = %s AND status = 'open'{lock})"


def _mark_voted(motion: Motion, member_id: int | None) -> bool:
    """Record that the member voted, only if the vote is open and they are on its roll: one
    statement on the hot path. A second cast violates VoteCast's unique constraint."""
    table, roll = VoteCast._meta.db_table, RollEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (motion_id, member_id, round) SELECT %s, %s, %s "
            f"WHERE EXISTS (SELECT 1 FROM {roll} WHERE motion_id = %s AND member_id = %s "
            f"AND excluded_reason = '') AND {_motion_still_open()}",
            [motion.pk, member_id, motion.round, motion.pk, member_id, motion.pk],
        )
        return cursor.rowcount == 1


def _change_open_ballot(motion: Motion, ballot: Ballot, content: dict[str, Any]) -> bool:
    """Replace an open ballot's content, only while the vote is open (same lock as a cast)."""
    meta = Ballot._meta
    content_sql = meta.get_field("content").get_db_prep_value(content, connection)
    pk_sql = meta.pk.get_db_prep_value(ballot.pk, connection)  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {meta.db_table} SET content = %s WHERE id = %s AND {_motion_still_open()}",
            [content_sql, pk_sql, motion.pk],
        )
        return cursor.rowcount == 1


def tellers_record(
    access: Access,
    motion: Motion,
    ballots: list[tuple[dict[str, Any], int]],
    *,
    replace: bool = True,
) -> int:
    """Totals from a show of hands, or paper ballots entered by tellers: each entry is a
    ballot content and how many ballots said it. A show of hands replaces the totals."""
    require(access, "assembly.manage", motion.workplace)
    if motion.status != MotionStatus.OPEN:
        raise ServiceError.single("", _("This vote is not open."))
    if motion.mode not in (BallotMode.SHOW_OF_HANDS, BallotMode.PAPER):
        raise ServiceError.single("", _("Members cast this vote themselves."))
    cleaned = []
    for content, count in ballots:
        clean = validate_content(motion, content)
        if clean is None or count < 0:
            raise ServiceError.single("", _("That is not a valid ballot for this vote."))
        if count:
            cleaned.append((clean, count))
    eligible = RollEntry.objects.filter(motion=motion, excluded_reason="").count()
    with transaction.atomic():
        if replace:
            Ballot.objects.filter(motion=motion, round=motion.round).delete()
        existing = sum(
            Ballot.objects.filter(motion=motion, round=motion.round).values_list("count", flat=True)
        )
        if existing + sum(n for _c, n in cleaned) > eligible:
            raise ServiceError.single(
                "", _("More votes than members on the roll: check the count.")
            )
        Ballot.objects.bulk_create(
            Ballot(motion=motion, content=c, count=n, round=motion.round) for c, n in cleaned
        )
    return sum(n for _c, n in cleaned)


def motion_next_round(access: Access, motion: Motion) -> Motion:
    """Consent and consensus: objections were heard, the proposal is amended, vote again."""
    require(access, "assembly.manage", motion.workplace)
    if motion.method not in DELIBERATION or motion.status != MotionStatus.OPEN:
        raise ServiceError.single("", _("Only an open consent or consensus vote has rounds."))
    Motion.objects.filter(pk=motion.pk).update(round=motion.round + 1)
    motion.refresh_from_db()
    return motion


def motion_close(
    access: Access, motion: Motion, *, chair_vote: str | None = None, now: datetime | None = None
) -> Motion:
    """Close and count, in one transaction: the result, the decision and its effects are
    written together or not at all."""
    require(access, "assembly.manage", motion.workplace)
    now = now or timezone.now()
    with transaction.atomic():
        fresh = (
            Motion.objects.select_for_update(of=("self",))
            .select_related("meeting", "item")
            .get(pk=motion.pk)
        )
        if fresh.status != MotionStatus.OPEN:
            raise ServiceError.single("", _("This vote is not open."))
        try:
            result = motion_tally(fresh, chair_vote)
        except TallyError:
            raise ServiceError.single(
                "", _("The ballots cannot be counted with this method.")
            ) from None
        if not result.complete and result.outcome is not None and fresh.method in DELIBERATION:
            raise ServiceError.single(
                "", _("No decision yet: hear the objections and start another round.")
            )
        if not result.complete and result.outcome is not None and chair_vote is None:
            raise ServiceError.single(
                "chair_vote", _("The vote is tied: the chair must cast the deciding vote.")
            )
        summary = result_summary(result)
        if chair_vote:
            summary["chair_vote"] = chair_vote
        adopted = (
            result.outcome.value == "adopted"
            if result.outcome is not None
            else bool(result.winners)
        )
        fresh.status = MotionStatus.CLOSED
        fresh.closed_at = now
        fresh.result = summary
        fresh.adopted = adopted
        fresh.save(update_fields=["status", "closed_at", "result", "adopted"])
        if fresh.mode == BallotMode.SECRET:
            _shuffle_secret_ballots(fresh)
        if adopted and fresh.item is not None:
            Decision.objects.create(
                workplace=fresh.workplace,
                motion=fresh,
                title=fresh.title,
                decided_on=timezone.localdate(now),
            )
        if fresh.item is not None:
            effects.run(fresh.item.source, adopted, fresh)
        present = Member.objects.filter(
            pk__in=Attendance.objects.filter(meeting=fresh.meeting).values("member_id")
        ).select_related("user")
        outcome = "adopted" if adopted else "rejected"
        if fresh.method not in ("majority", "consent", "consensus"):
            outcome = ", ".join(result.winners) or "—"
        notify(
            present,
            NoticeKind.RESULT,
            {"title": fresh.title, "outcome": outcome},
            absolute("motion_result", fresh.workplace.slug, fresh.pk),
        )
    return fresh


def _shuffle_secret_ballots(motion: Motion) -> None:
    """Rewrite the ballots in receipt order with new ids, so that neither ids nor storage
    order keep the order in which people voted."""
    ballots = list(
        Ballot.objects.filter(motion=motion).values("content", "count", "round", "receipt")
    )
    Ballot.objects.filter(motion=motion).delete()
    Ballot.objects.bulk_create(
        Ballot(motion=motion, **b) for b in sorted(ballots, key=lambda b: b["receipt"])
    )
