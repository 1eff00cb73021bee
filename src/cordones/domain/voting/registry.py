"""The one registry of decision methods: ``tally(method_id, profile, **options)``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from cordones.domain.voting import messages as m
from cordones.domain.voting.ballots import (
    ApprovalProfile,
    DeliberationProfile,
    MotionProfile,
    RankedProfile,
    ScoreProfile,
)
from cordones.domain.voting.irv import count_irv
from cordones.domain.voting.majority import count_consensus, count_consent, count_majority
from cordones.domain.voting.meek import count_meek
from cordones.domain.voting.result import TallyError, TallyResult
from cordones.domain.voting.schulze import count_schulze
from cordones.domain.voting.simple import count_approval, count_plurality, count_score
from cordones.domain.voting.stv_scottish import count_stv


@dataclass(frozen=True)
class Method:
    id: str
    name: str  # msgid
    profile_types: tuple[type, ...]
    count: Callable[..., TallyResult]
    options: frozenset[str]
    multi_seat: bool = False


def _method(
    id_: str,
    name: str,
    types: tuple[type, ...],
    count: Callable[..., TallyResult],
    options: tuple[str, ...],
    multi_seat: bool = False,
) -> Method:
    return Method(id_, name, types, count, frozenset(options), multi_seat)


METHODS: Mapping[str, Method] = MappingProxyType(
    {
        method.id: method
        for method in (
            _method(
                "majority",
                m.METHOD_MAJORITY,
                (MotionProfile,),
                count_majority,
                ("rule", "chair_vote", "seed"),
            ),
            _method(
                "consent", m.METHOD_CONSENT, (DeliberationProfile,), count_consent, ("max_rounds",)
            ),
            _method(
                "consensus",
                m.METHOD_CONSENSUS,
                (DeliberationProfile,),
                count_consensus,
                ("fallback_after", "fallback_threshold", "max_stand_asides"),
            ),
            _method(
                "plurality",
                m.METHOD_PLURALITY,
                (RankedProfile,),
                count_plurality,
                ("seats", "seed"),
                multi_seat=True,
            ),
            _method(
                "approval",
                m.METHOD_APPROVAL,
                (ApprovalProfile, RankedProfile),
                count_approval,
                ("seats", "seed"),
                multi_seat=True,
            ),
            _method(
                "score",
                m.METHOD_SCORE,
                (ScoreProfile,),
                count_score,
                ("seats", "aggregate", "blank", "seed"),
                multi_seat=True,
            ),
            _method("irv", m.METHOD_IRV, (RankedProfile,), count_irv, ("seed",)),
            _method(
                "stv", m.METHOD_STV, (RankedProfile,), count_stv, ("seats", "seed"), multi_seat=True
            ),
            _method(
                "meek",
                m.METHOD_MEEK,
                (RankedProfile,),
                count_meek,
                ("seats", "seed", "omega"),
                multi_seat=True,
            ),
            _method(
                "schulze",
                m.METHOD_SCHULZE,
                (RankedProfile,),
                count_schulze,
                ("seats", "strength", "seed"),
                multi_seat=True,
            ),
        )
    }
)


def tally(method_id: str, profile: object, **options: object) -> TallyResult:
    """Count ``profile`` with the method ``method_id`` (a key of :data:`METHODS`).

    Raises :class:`TallyError` for an unknown method, a profile of the wrong kind or an option
    the method does not take.  Ties, lots and pending decisions are data on the result.
    """
    method = METHODS.get(method_id)
    if method is None:
        raise TallyError(f"unknown method {method_id!r}; known: {', '.join(sorted(METHODS))}")
    if not isinstance(profile, method.profile_types):
        kinds = " or ".join(t.__name__ for t in method.profile_types)
        raise TallyError(f"method {method_id!r} counts a {kinds}, not a {type(profile).__name__}")
    unknown = set(options) - method.options
    if unknown:
        raise TallyError(
            f"method {method_id!r} takes no option {', '.join(sorted(unknown))}; "
            f"it takes: {', '.join(sorted(method.options)) or 'none'}"
        )
    return method.count(profile, **options)
