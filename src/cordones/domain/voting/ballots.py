"""Ballots and profiles: immutable values, validated on construction.

A *profile* is the whole set of ballots of one decision together with the candidates (or the
attendance, for motions).  Identical ballots may be aggregated: every ballot carries a ``count``.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from cordones.domain.voting.result import TallyError

#: One rank of a ranked ballot: a candidate, or several candidates ranked equally.
Rank = str | frozenset[str]


def rank_members(rank: Rank) -> tuple[str, ...]:
    """The candidates at one rank, in a canonical order."""
    return (rank,) if isinstance(rank, str) else tuple(sorted(rank))


def _check_count(count: object) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise TallyError(f"a ballot count must be a whole number of at least 1, not {count!r}")


def _check_candidates(candidates: tuple[str, ...]) -> None:
    if not all(isinstance(c, str) and c for c in candidates):
        raise TallyError("candidates must be non-empty strings")
    if len(set(candidates)) != len(candidates):
        duplicates = sorted(c for c, n in Counter(candidates).items() if n > 1)
        raise TallyError(f"candidates appear more than once: {', '.join(duplicates)}")


# ---- ranked ballots


@dataclass(frozen=True)
class RankedBallot:
    """A ranking, best first, possibly truncated; ``frozenset`` ranks hold equal preferences.

    ``RankedBallot(("Ana", "Beto"))`` ranks Ana first and Beto second and leaves every other
    candidate unranked.  ``count`` is the number of identical ballots this one stands for.
    An empty ranking is a blank ballot.
    """

    ranking: tuple[Rank, ...]
    count: int = 1

    def __post_init__(self) -> None:
        ranking = self.ranking if type(self.ranking) is tuple else tuple(self.ranking)
        if set(map(type, ranking)) <= {str}:  # the common case: a strict ranking
            if len(set(ranking)) != len(ranking):
                repeated = next(c for c in ranking if ranking.count(c) > 1)
                raise TallyError(f"a ballot ranks {repeated} more than once")
        else:
            ranking = self._normalise(ranking)
        object.__setattr__(self, "ranking", ranking)
        _check_count(self.count)

    @staticmethod
    def _normalise(ranking: tuple[object, ...]) -> tuple[Rank, ...]:
        normal: list[Rank] = []
        seen: set[str] = set()
        for rank in ranking:
            if isinstance(rank, str):
                members: Iterable[object] = (rank,)
            elif isinstance(rank, frozenset | set):
                if not rank:
                    raise TallyError("a rank of a ballot cannot be empty")
                members = rank
            else:
                raise TallyError(f"a rank must be a candidate or a set of candidates: {rank!r}")
            for candidate in members:
                if not isinstance(candidate, str):
                    raise TallyError(f"a candidate must be a string: {candidate!r}")
                if candidate in seen:
                    raise TallyError(f"a ballot ranks {candidate} more than once")
                seen.add(candidate)
            if isinstance(rank, str):
                normal.append(rank)
            elif len(rank) == 1:
                normal.append(next(iter(rank)))
            else:
                normal.append(frozenset(rank))
        return tuple(normal)

    @property
    def is_strict(self) -> bool:
        return all(isinstance(rank, str) for rank in self.ranking)

    def ranked_candidates(self) -> tuple[str, ...]:
        return tuple(c for rank in self.ranking for c in rank_members(rank))


@dataclass(frozen=True)
class RankedProfile:
    """Ranked ballots over ``candidates`` (in ballot-paper order, which is the tie order).

    ``withdrawn`` candidates are skipped on every ballot before the count (BLT files can say
    that a candidate withdrew after the ballots were printed).
    """

    candidates: tuple[str, ...]
    ballots: tuple[RankedBallot, ...]
    withdrawn: frozenset[str] = frozenset()
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "candidates", tuple(self.candidates))
        object.__setattr__(self, "ballots", tuple(self.ballots))
        object.__setattr__(self, "withdrawn", frozenset(self.withdrawn))
        _check_candidates(self.candidates)
        known = set(self.candidates)
        unknown = self.withdrawn - known
        if unknown:
            raise TallyError(f"withdrawn candidates are not standing: {', '.join(sorted(unknown))}")
        # validate each distinct ranking once: real profiles repeat rankings a lot
        for ranking in {ballot.ranking for ballot in self.ballots}:
            if known.issuperset(ranking):  # a strict ranking of known candidates
                continue
            for rank in ranking:
                for candidate in rank_members(rank):
                    if candidate not in known:
                        raise TallyError(f"a ballot ranks an unknown candidate: {candidate}")

    @property
    def total_ballots(self) -> int:
        return sum(ballot.count for ballot in self.ballots)

    def aggregated(self) -> list[tuple[tuple[Rank, ...], int]]:
        """Distinct rankings with their total counts, in first-seen order."""
        totals: dict[tuple[Rank, ...], int] = {}
        for ballot in self.ballots:
            totals[ballot.ranking] = totals.get(ballot.ranking, 0) + ballot.count
        return list(totals.items())

    @classmethod
    def from_rankings(
        cls,
        candidates: Iterable[str],
        rankings: Iterable[Iterable[Rank] | tuple[Iterable[Rank], int]],
        **kwargs: object,
    ) -> RankedProfile:
        """Convenience: ``from_rankings("abc", [("a", "b"), (("c",), 3)])``."""
        ballots = []
        for item in rankings:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], int):
                ranking, count = item
                ballots.append(RankedBallot(tuple(ranking), count))
            else:
                ballots.append(RankedBallot(tuple(item)))
        return cls(tuple(candidates), tuple(ballots), **kwargs)  # type: ignore[arg-type]


# ---- approval and score ballots


@dataclass(frozen=True)
class ApprovalBallot:
    approved: frozenset[str]
    count: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "approved", frozenset(self.approved))
        _check_count(self.count)


@dataclass(frozen=True)
class ApprovalProfile:
    candidates: tuple[str, ...]
    ballots: tuple[ApprovalBallot, ...]
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "candidates", tuple(self.candidates))
        object.__setattr__(self, "ballots", tuple(self.ballots))
        _check_candidates(self.candidates)
        known = set(self.candidates)
        for ballot in self.ballots:
            unknown = ballot.approved - known
            if unknown:
                raise TallyError(
                    f"a ballot approves unknown candidates: {', '.join(sorted(unknown))}"
                )

    @classmethod
    def from_ranked(cls, profile: RankedProfile) -> ApprovalProfile:
        """Every candidate a ballot ranks (at any rank) counts as approved."""
        standing = tuple(c for c in profile.candidates if c not in profile.withdrawn)
        ballots = tuple(
            ApprovalBallot(frozenset(b.ranked_candidates()) - profile.withdrawn, b.count)
            for b in profile.ballots
        )
        return cls(standing, ballots, title=profile.title)


ScoreValue = int | Decimal | Fraction


@dataclass(frozen=True)
class ScoreBallot:
    """Scores given to some candidates; a candidate left out is *blank*."""

    scores: tuple[tuple[str, ScoreValue], ...]
    count: int = 1

    def __post_init__(self) -> None:
        scores = self.scores.items() if isinstance(self.scores, Mapping) else self.scores
        normal = tuple(sorted((str(c), s) for c, s in scores))
        names = [c for c, _ in normal]
        if len(set(names)) != len(names):
            raise TallyError("a score ballot scores a candidate more than once")
        for _, score in normal:
            if isinstance(score, bool) or not isinstance(score, int | Decimal | Fraction):
                raise TallyError(f"a score must be a whole or exact number, not {score!r}")
        object.__setattr__(self, "scores", normal)
        _check_count(self.count)


@dataclass(frozen=True)
class ScoreProfile:
    candidates: tuple[str, ...]
    ballots: tuple[ScoreBallot, ...]
    min_score: ScoreValue = 0
    max_score: ScoreValue = 5
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "candidates", tuple(self.candidates))
        object.__setattr__(self, "ballots", tuple(self.ballots))
        _check_candidates(self.candidates)
        if self.min_score >= self.max_score:
            raise TallyError("the lowest score must be below the highest score")
        known = set(self.candidates)
        for ballot in self.ballots:
            for candidate, score in ballot.scores:
                if candidate not in known:
                    raise TallyError(f"a ballot scores an unknown candidate: {candidate}")
                if not self.min_score <= score <= self.max_score:
                    raise TallyError(
                        f"a score of {score} is outside {self.min_score} to {self.max_score}"
                    )


# ---- motions: for / against / abstain


class Choice(enum.Enum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class MotionBallot:
    choice: Choice
    count: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.choice, Choice):
            raise TallyError(f"a motion ballot is for, against or abstain, not {self.choice!r}")
        _check_count(self.count)


@dataclass(frozen=True)
class MotionProfile:
    """The votes on one motion, with attendance.

    ``present`` is the number of voting members in the room (default: those who voted, counting
    abstentions); ``members`` is the number of voting members of the body (needed when the base
    is all members).
    """

    ballots: tuple[MotionBallot, ...]
    present: int | None = None
    members: int | None = None
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "ballots", tuple(self.ballots))
        voters = sum(b.count for b in self.ballots)
        for name in ("present", "members"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TallyError(f"{name} must be a whole number")
        if self.present is not None and self.present < voters:
            raise TallyError(f"{voters} members voted but only {self.present} are present")
        present = voters if self.present is None else self.present
        if self.members is not None and self.members < present:
            raise TallyError(f"{present} members are present but the body has {self.members}")

    def total(self, choice: Choice) -> int:
        return sum(b.count for b in self.ballots if b.choice is choice)

    @classmethod
    def from_counts(
        cls,
        votes_for: int,
        against: int,
        abstain: int = 0,
        *,
        present: int | None = None,
        members: int | None = None,
        title: str = "",
    ) -> MotionProfile:
        ballots = tuple(
            MotionBallot(choice, n)
            for choice, n in (
                (Choice.FOR, votes_for),
                (Choice.AGAINST, against),
                (Choice.ABSTAIN, abstain),
            )
            if n
        )
        return cls(ballots, present=present, members=members, title=title)


# ---- consent and consensus


class Response(enum.Enum):
    """An answer in a consent or consensus round.  In consensus, ``OBJECT`` is a block."""

    CONSENT = "consent"
    STAND_ASIDE = "stand_aside"
    OBJECT = "object"


@dataclass(frozen=True)
class ResponseBallot:
    response: Response
    count: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.response, Response):
            raise TallyError(f"a response is consent, stand aside or object: {self.response!r}")
        _check_count(self.count)


@dataclass(frozen=True)
class DeliberationProfile:
    """The responses of each successive round on one proposal (round 1 first)."""

    rounds: tuple[tuple[ResponseBallot, ...], ...]
    title: str = ""
    _totals: tuple[dict[Response, int], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        rounds = tuple(tuple(r) for r in self.rounds)
        object.__setattr__(self, "rounds", rounds)
        if not rounds:
            raise TallyError("a deliberation needs at least one round")
        totals = []
        for responses in rounds:
            total = dict.fromkeys(Response, 0)
            for ballot in responses:
                total[ballot.response] += ballot.count
            totals.append(total)
        object.__setattr__(self, "_totals", tuple(totals))

    def totals(self, round_index: int) -> dict[Response, int]:
        return dict(self._totals[round_index])

    @classmethod
    def from_counts(
        cls, rounds: Iterable[tuple[int, int, int]], title: str = ""
    ) -> DeliberationProfile:
        """Rounds given as ``(consent, stand_aside, object)`` counts."""
        built = []
        for consent, stand_aside, objection in rounds:
            built.append(
                tuple(
                    ResponseBallot(response, n)
                    for response, n in (
                        (Response.CONSENT, consent),
                        (Response.STAND_ASIDE, stand_aside),
                        (Response.OBJECT, objection),
                    )
                    if n
                )
            )
        return cls(tuple(built), title=title)
