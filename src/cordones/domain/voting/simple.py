"""Plurality, approval and score voting (single round, ``seats`` highest are elected)."""

from __future__ import annotations

from fractions import Fraction

from cordones.domain.voting import messages as m
from cordones.domain.voting.ballots import (
    ApprovalProfile,
    RankedProfile,
    ScoreProfile,
    rank_members,
)
from cordones.domain.voting.common import fill_seats, groups_by_value
from cordones.domain.voting.messages import Message, Number
from cordones.domain.voting.result import Round, TallyError, TallyResult, TieResolution
from cordones.domain.voting.ties import TieBreaker


def _check_seats(seats: int) -> None:
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise TallyError("the number of seats must be a whole number of at least 1")


def _single_round_result(
    *,
    method: str,
    method_name: str,
    rule: str,
    action: str,
    candidates: tuple[str, ...],
    scores: dict[str, Number],
    seats: int,
    seed: int | None,
    valid: int,
    invalid: int,
    title: str,
    notes: tuple[Message, ...] = (),
) -> TallyResult:
    tiebreaker = TieBreaker(candidates, seed)
    groups = groups_by_value(scores, candidates)
    winners, tied, tie = fill_seats(groups, seats, tiebreaker)
    lot_required = tie is not None and tie.resolution is TieResolution.PENDING
    round_ = Round(
        number=1,
        action=Message(action),
        counts=tuple((c, scores[c]) for c in candidates),
        elected=winners,
        ties=(tie,) if tie else (),
        notes=notes,
    )
    return TallyResult(
        method=method,
        method_name=method_name,
        candidates=candidates,
        seats=seats,
        winners=winners,
        rounds=(round_,),
        rule=Message(rule),
        ranking=tuple(groups),
        tied=tied,
        ties=tuple(tiebreaker.records),
        tie_broken_by_lot=tiebreaker.lot_used,
        lot_seed=seed if tiebreaker.lot_used else None,
        lot_required=lot_required,
        valid_ballots=valid,
        invalid_ballots=invalid,
        title=title,
        notes=notes,
    )


def count_plurality(
    profile: RankedProfile, *, seats: int = 1, seed: int | None = None
) -> TallyResult:
    """Each ballot counts for its first preference; a ballot ranking several candidates first
    (or none) is invalid."""
    if not isinstance(profile, RankedProfile):
        raise TallyError("plurality counts ranked ballots")
    _check_seats(seats)
    standing = tuple(c for c in profile.candidates if c not in profile.withdrawn)
    scores: dict[str, Number] = dict.fromkeys(standing, 0)
    valid = invalid = 0
    for ranking, count in profile.aggregated():
        top: tuple[str, ...] = ()
        for rank in ranking:
            members = tuple(c for c in rank_members(rank) if c not in profile.withdrawn)
            if members:
                top = members
                break
        if len(top) == 1:
            scores[top[0]] += count
            valid += count
        else:
            invalid += count
    return _single_round_result(
        method="plurality",
        method_name=m.METHOD_PLURALITY,
        rule=m.RULE_PLURALITY,
        action=m.ACTION_FIRST_PREFERENCES,
        candidates=standing,
        scores=scores,
        seats=seats,
        seed=seed,
        valid=valid,
        invalid=invalid,
        title=profile.title,
    )


def count_approval(
    profile: ApprovalProfile | RankedProfile, *, seats: int = 1, seed: int | None = None
) -> TallyResult:
    """Each ballot gives one vote to every candidate it approves (for a ranked ballot: every
    candidate it ranks).  A ballot approving nobody is blank."""
    notes: tuple[Message, ...] = ()
    if isinstance(profile, RankedProfile):
        profile = ApprovalProfile.from_ranked(profile)
        notes = (Message(m.NOTE_APPROVAL_FROM_RANKING),)
    if not isinstance(profile, ApprovalProfile):
        raise TallyError("approval counts approval ballots (or ranked ballots)")
    _check_seats(seats)
    scores: dict[str, Number] = dict.fromkeys(profile.candidates, 0)
    valid = invalid = 0
    for ballot in profile.ballots:
        if not ballot.approved:
            invalid += ballot.count
            continue
        valid += ballot.count
        for candidate in ballot.approved:
            scores[candidate] += ballot.count
    return _single_round_result(
        method="approval",
        method_name=m.METHOD_APPROVAL,
        rule=m.RULE_APPROVAL,
        action=m.ACTION_APPROVALS,
        candidates=profile.candidates,
        scores=scores,
        seats=seats,
        seed=seed,
        valid=valid,
        invalid=invalid,
        title=profile.title,
        notes=notes,
    )


def count_score(
    profile: ScoreProfile,
    *,
    seats: int = 1,
    aggregate: str = "sum",
    blank: str = "minimum",
    seed: int | None = None,
) -> TallyResult:
    """Score voting.  ``aggregate`` is ``"sum"`` or ``"mean"``; a blank (unscored) candidate
    gets the lowest score (``blank="minimum"``) or is left out of their mean
    (``blank="ignore"``, only with ``aggregate="mean"``).  Means are exact fractions."""
    if not isinstance(profile, ScoreProfile):
        raise TallyError("score voting counts score ballots")
    _check_seats(seats)
    if aggregate not in ("sum", "mean"):
        raise TallyError("aggregate must be 'sum' or 'mean'")
    if blank not in ("minimum", "ignore"):
        raise TallyError("blank must be 'minimum' or 'ignore'")
    if blank == "ignore" and aggregate == "sum":
        raise TallyError("blank scores can only be ignored when taking the mean")
    sums: dict[str, Fraction] = {c: Fraction(0) for c in profile.candidates}
    scored: dict[str, int] = dict.fromkeys(profile.candidates, 0)
    valid = invalid = 0
    for ballot in profile.ballots:
        if not ballot.scores:
            invalid += ballot.count
            continue
        valid += ballot.count
        given = dict(ballot.scores)
        for candidate in profile.candidates:
            if candidate in given:
                value = Fraction(given[candidate])
            elif blank == "minimum":
                value = Fraction(profile.min_score)
            else:
                continue
            sums[candidate] += value * ballot.count
            scored[candidate] += ballot.count
    scores: dict[str, Number] = {}
    for candidate in profile.candidates:
        total = sums[candidate]
        if aggregate == "sum":
            scores[candidate] = total.numerator if total.denominator == 1 else total
        else:
            scores[candidate] = total / scored[candidate] if scored[candidate] else Fraction(0)
    notes = [Message(m.NOTE_SCORE_SUM if aggregate == "sum" else m.NOTE_SCORE_MEAN)]
    if blank == "minimum":
        notes.append(Message.of(m.NOTE_SCORE_BLANK_MIN, score=profile.min_score))
    else:
        notes.append(Message(m.NOTE_SCORE_BLANK_IGNORE))
    return _single_round_result(
        method="score",
        method_name=m.METHOD_SCORE,
        rule=m.RULE_SCORE,
        action=m.ACTION_SCORES,
        candidates=profile.candidates,
        scores=scores,
        seats=seats,
        seed=seed,
        valid=valid,
        invalid=invalid,
        title=profile.title,
        notes=tuple(notes),
    )
