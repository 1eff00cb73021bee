"""Decision methods for assemblies and councils: pure functions of immutable ballots.

``tally(method_id, profile, **options)`` counts a profile with one of :data:`METHODS` and returns
a :class:`TallyResult` with the winners (or the outcome of a motion), every round as data, ties
as data, and :func:`render_count_sheet` turns it into text a teller can read aloud.

No Django, no I/O, no clock; randomness only through an explicit ``seed``.
"""

from cordones.domain.voting.ballots import (
    ApprovalBallot,
    ApprovalProfile,
    Choice,
    DeliberationProfile,
    MotionBallot,
    MotionProfile,
    RankedBallot,
    RankedProfile,
    Response,
    ResponseBallot,
    ScoreBallot,
    ScoreProfile,
)
from cordones.domain.voting.countsheet import render_count_sheet
from cordones.domain.voting.majority import (
    LEY_20337_SIMPLE,
    LEY_20337_TWO_THIRDS,
    Abstentions,
    Base,
    MajorityRule,
    Threshold,
    TieRule,
)
from cordones.domain.voting.messages import Message
from cordones.domain.voting.parsing import (
    ParsedElection,
    ParseError,
    parse_ballot_file,
    parse_blt,
    parse_preflib,
)
from cordones.domain.voting.registry import METHODS, Method, tally
from cordones.domain.voting.result import (
    Outcome,
    Round,
    TallyError,
    TallyResult,
    TieBreak,
    TiePurpose,
    TieResolution,
    Transfer,
)

__all__ = [
    "LEY_20337_SIMPLE",
    "LEY_20337_TWO_THIRDS",
    "METHODS",
    "Abstentions",
    "ApprovalBallot",
    "ApprovalProfile",
    "Base",
    "Choice",
    "DeliberationProfile",
    "MajorityRule",
    "Message",
    "Method",
    "MotionBallot",
    "MotionProfile",
    "Outcome",
    "ParseError",
    "ParsedElection",
    "RankedBallot",
    "RankedProfile",
    "Response",
    "ResponseBallot",
    "Round",
    "ScoreBallot",
    "ScoreProfile",
    "TallyError",
    "TallyResult",
    "Threshold",
    "TieBreak",
    "TiePurpose",
    "TieResolution",
    "TieRule",
    "Transfer",
    "parse_ballot_file",
    "parse_blt",
    "parse_preflib",
    "render_count_sheet",
    "tally",
]
