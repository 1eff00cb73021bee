"""From stored ballots to the domain's profiles and back: the one place a motion is counted."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.formats import get_format
from django.utils.translation import gettext, ngettext

from cordones.assemblies.models import Ballot, Motion, RollEntry
from cordones.domain.bounds import parse_int
from cordones.domain.voting import (
    Abstentions,
    ApprovalBallot,
    ApprovalProfile,
    Base,
    Choice,
    DeliberationProfile,
    MajorityRule,
    MotionBallot,
    MotionProfile,
    RankedBallot,
    RankedProfile,
    Response,
    ResponseBallot,
    ScoreBallot,
    ScoreProfile,
    TallyResult,
    Threshold,
    TieRule,
    render_count_sheet,
    tally,
)
from cordones.domain.voting.messages import number_style

RANKED = {"irv", "stv", "meek", "schulze", "plurality"}
CANDIDATE_METHODS = RANKED | {"approval", "score"}
DELIBERATION = {"consent", "consensus"}
METHOD_CHOICES = [
    "majority",
    "consent",
    "consensus",
    "approval",
    "score",
    "plurality",
    "irv",
    "stv",
    "meek",
    "schulze",
]


def majority_rule(options: dict[str, Any]) -> MajorityRule:
    return MajorityRule(
        base=Base(options.get("base", "present")),
        threshold=Threshold(options.get("threshold", "simple")),
        abstentions=Abstentions(options.get("abstentions", "absent")),
        tie=TieRule(options.get("tie", "fails")),
    )


def validate_content(motion: Motion, content: dict[str, Any]) -> dict[str, Any] | None:
    """The normalised ballot, or None when it is not a valid ballot for this motion."""
    candidates = set(motion.candidates)
    try:
        if motion.method == "majority":
            return {"choice": Choice(content["choice"]).value}
        if motion.method in DELIBERATION:
            return {"response": Response(content["response"]).value}
        if motion.method == "approval":
            approved = sorted(set(content["approved"]))
            return {"approved": approved} if set(approved) <= candidates else None
        if motion.method == "score":
            low, high = (
                int(motion.options.get("min_score", 0)),
                int(motion.options.get("max_score", 5)),
            )
            # whole numbers in range only: 1e400, Infinity, NaN, 3.7 and "²" are no score
            parsed = {str(c): parse_int(s, low, high) for c, s in content["scores"].items()}
            scores = {c: s for c, s in parsed.items() if s is not None}
            if len(scores) != len(parsed) or not set(scores) <= candidates:
                return None
            return {"scores": scores}
        ranking = [str(c) for c in content["ranking"]]
        if len(set(ranking)) != len(ranking) or not set(ranking) <= candidates:
            return None
        return {"ranking": ranking}
    except (KeyError, ValueError, TypeError, AttributeError, OverflowError):
        return None


def _grouped(ballots: list[Ballot], key: str) -> Counter[Any]:
    counts: Counter[Any] = Counter()
    for ballot in ballots:
        value = ballot.content[key]
        if isinstance(value, list):
            value = tuple(value)
        elif isinstance(value, dict):
            value = tuple(sorted(value.items()))
        counts[value] += ballot.count
    return counts


def motion_profile(motion: Motion) -> object:
    ballots = list(Ballot.objects.filter(motion=motion).order_by("receipt"))
    title = motion.title
    if motion.method == "majority":
        counts = _grouped(ballots, "choice")
        present = RollEntry.objects.filter(motion=motion, excluded_reason="").count()
        voters = sum(counts.values())
        return MotionProfile(
            tuple(MotionBallot(Choice(c), n) for c, n in sorted(counts.items())),
            present=max(present, voters),
            members=max(motion.meeting.members_on_roll, present, voters) or None,
            title=title,
        )
    if motion.method in DELIBERATION:
        rounds = []
        for number in range(1, motion.round + 1):
            counts = _grouped([b for b in ballots if b.round == number], "response")
            rounds.append(tuple(ResponseBallot(Response(r), n) for r, n in sorted(counts.items())))
        return DeliberationProfile(tuple(rounds), title=title)
    candidates = tuple(motion.candidates)
    if motion.method == "approval":
        counts = _grouped(ballots, "approved")
        return ApprovalProfile(
            candidates,
            tuple(ApprovalBallot(frozenset(a), n) for a, n in counts.items()),
            title=title,
        )
    if motion.method == "score":
        counts = _grouped(ballots, "scores")
        return ScoreProfile(
            candidates,
            tuple(ScoreBallot(tuple(s), n) for s, n in counts.items()),
            min_score=int(motion.options.get("min_score", 0)),
            max_score=int(motion.options.get("max_score", 5)),
            title=title,
        )
    counts = _grouped(ballots, "ranking")
    return RankedProfile(
        candidates, tuple(RankedBallot(tuple(r), n) for r, n in counts.items()), title=title
    )


def motion_tally(motion: Motion, chair_vote: str | None = None) -> TallyResult:
    profile = motion_profile(motion)
    options: dict[str, Any] = {}
    seed = int(motion.seed) if motion.seed else None
    if motion.method == "majority":
        options = {"rule": majority_rule(motion.options), "seed": seed}
        if chair_vote:
            options["chair_vote"] = Choice(chair_vote)
    elif motion.method == "consensus":
        options = {
            k: motion.options[k]
            for k in ("fallback_after", "fallback_threshold")
            if k in motion.options
        }
        if "fallback_threshold" in options:
            options["fallback_threshold"] = Threshold(options["fallback_threshold"])
    elif motion.method == "consent":
        options = {}
    else:
        options = {"seed": seed}
        if motion.method != "irv":
            options["seats"] = motion.seats
    return tally(motion.method, profile, **options)


def result_summary(result: TallyResult) -> dict[str, Any]:
    return {
        "winners": list(result.winners),
        "outcome": result.outcome.value if result.outcome else None,
        "tied": list(result.tied),
        "lot_seed": result.lot_seed,
        "complete": result.complete,
        "valid": result.valid_ballots,
    }


def count_sheet(motion: Motion) -> str:
    """The round-by-round count in the reader's language (recounted from the ballots)."""
    return sheet_text(motion_tally(motion, (motion.result or {}).get("chair_vote")))


def sheet_text(result: TallyResult) -> str:
    """A count sheet in the reader's language, decimal separator and plurals."""
    with number_style(str(get_format("DECIMAL_SEPARATOR")), ngettext):
        return render_count_sheet(result, gettext)
