"""User-facing text of the voting engine, kept as translatable message ids.

Every sentence the engine shows to people is an English *msgid* with ``%(name)s`` placeholders,
wrapped in :func:`gettext_noop` so that ``xgettext``/``django-admin makemessages`` (which both know
the ``gettext_noop`` keyword) extract it.  Nothing here translates: rendering takes a
``gettext``-like callable (``str -> str``) from the caller, by default the identity, so that the
Django layer can pass ``django.utils.translation.gettext`` later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Union

from cordones.domain.common.i18n import Gettext, gettext_noop, identity

#: The numbers the engine reports: whole votes, fixed-point votes, exact fractions.
Number = Union[int, Decimal, Fraction]  # noqa: UP007 - a runtime alias


Ngettext = Callable[[str, str, int], str]


@dataclass(frozen=True)
class Plural:
    """A sentence with a singular and a plural form, chosen by the parameter ``count``."""

    singular: str
    plural: str
    count: str


def ngettext(singular: str, plural: str, count: str) -> Plural:
    """Mark a singular/plural pair for extraction (``xgettext`` knows the ``ngettext``
    keyword); ``count`` names the parameter whose value chooses the form."""
    return Plural(singular, plural, count)


@dataclass(frozen=True)
class NumberStyle:
    """How the reader writes numbers and plurals: the caller's locale (the Django layer
    passes its decimal separator and ``ngettext``); by default "." and English plurals."""

    decimal_point: str = "."
    ngettext: Ngettext | None = None


_DEFAULT_STYLE = NumberStyle()
_style: ContextVar[NumberStyle | None] = ContextVar("voting_number_style", default=None)


def _current_style() -> NumberStyle:
    return _style.get() or _DEFAULT_STYLE


@contextmanager
def number_style(decimal_point: str = ".", ngettext: Ngettext | None = None) -> Iterator[None]:
    """Render numbers and plurals in a locale's way inside the block."""
    token = _style.set(NumberStyle(decimal_point, ngettext))
    try:
        yield
    finally:
        _style.reset(token)


@dataclass(frozen=True)
class Message:
    """A message id with its parameters, rendered late so that it can be translated.

    Parameter values may be strings (candidate names are never translated), numbers, or other
    :class:`Message` objects, which are rendered with the same ``gettext``.
    """

    msgid: str | Plural
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, msgid: str | Plural, **params: object) -> Message:
        return cls(msgid, tuple(sorted(params.items())))

    def render(self, gettext: Gettext = identity) -> str:
        values = {key: render_value(value, gettext) for key, value in self.params}
        if isinstance(self.msgid, Plural):
            value = dict(self.params)[self.msgid.count]
            count = value if isinstance(value, int) else int(str(value))
            plural = _current_style().ngettext
            if plural is not None:
                return plural(self.msgid.singular, self.msgid.plural, count) % values
            return gettext(self.msgid.singular if count == 1 else self.msgid.plural) % values
        return gettext(self.msgid) % values


def render_value(value: object, gettext: Gettext = identity) -> str:
    if isinstance(value, Message):
        return value.render(gettext)
    if isinstance(value, bool):
        return gettext(YES) if value else gettext(NO)
    if isinstance(value, int | Decimal | Fraction):
        return format_number(value)
    if isinstance(value, tuple | list):
        return ", ".join(render_value(v, gettext) for v in value)
    return str(value)


def format_number(value: Number, places: int = 4) -> str:
    """Plain digits, no thousands separator and no exponent, so that a teller can read it;
    the decimal separator is the reader's (see :func:`number_style`)."""
    if isinstance(value, bool):  # pragma: no cover - bool is an int, never a count
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        quantum = Decimal(1).scaleb(-places)
        approx = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum)
        return "≈" + format(approx, "f").replace(".", _current_style().decimal_point)
    return format(value, "f").replace(".", _current_style().decimal_point)


YES = gettext_noop("yes")
NO = gettext_noop("no")

# ---- method names
METHOD_MAJORITY = gettext_noop("Majority vote on a motion")
METHOD_CONSENT = gettext_noop("Consent (objection rounds)")
METHOD_CONSENSUS = gettext_noop("Consensus with blocks and a fallback vote")
METHOD_APPROVAL = gettext_noop("Approval voting")
METHOD_SCORE = gettext_noop("Score voting")
METHOD_PLURALITY = gettext_noop("Plurality (first past the post)")
METHOD_IRV = gettext_noop("Instant-runoff voting")
METHOD_STV = gettext_noop("Single transferable vote, Scottish rules (SSI 2007/42)")
METHOD_MEEK = gettext_noop("Single transferable vote, Meek's method")
METHOD_SCHULZE = gettext_noop("Schulze method (beatpath)")

# ---- count sheet frame
SHEET_TITLE = gettext_noop("Count sheet: %(method)s")
SHEET_ELECTION = gettext_noop("Election: %(title)s")
SHEET_RULE = gettext_noop("Rule applied: %(rule)s")
SHEET_CANDIDATES = gettext_noop("Candidates: %(count)s")
SHEET_SEATS = gettext_noop("Seats to fill: %(seats)s")
SHEET_VALID = gettext_noop("Valid ballots: %(count)s")
SHEET_INVALID = gettext_noop("Invalid or blank ballots: %(count)s")
SHEET_QUOTA = gettext_noop("Quota: %(quota)s")
SHEET_ROUND = gettext_noop("Round %(number)s: %(action)s")
SHEET_STAGE = gettext_noop("Stage %(number)s: %(action)s")
SHEET_COL_CANDIDATE = gettext_noop("Candidate")
SHEET_COL_CHANGE = gettext_noop("Change in votes")
SHEET_COL_VOTES = gettext_noop("Votes")
SHEET_NON_TRANSFERABLE = gettext_noop("Non-transferable")
SHEET_EXHAUSTED = gettext_noop("Exhausted ballots")
SHEET_LOSS = gettext_noop("Lost to rounding")
SHEET_ELECTED = gettext_noop("Elected: %(names)s")
SHEET_EXCLUDED = gettext_noop("Excluded: %(names)s")
SHEET_TRANSFER = ngettext(
    "%(papers)s ballot paper from %(source)s to %(target)s, worth %(votes)s votes",
    "%(papers)s ballot papers from %(source)s to %(target)s, worth %(votes)s votes",
    "papers",
)
SHEET_TRANSFER_VALUE = ngettext(
    "%(papers)s ballot paper from %(source)s to %(target)s at transfer value %(value)s, "
    "worth %(votes)s votes",
    "%(papers)s ballot papers from %(source)s to %(target)s at transfer value %(value)s, "
    "worth %(votes)s votes",
    "papers",
)
SHEET_TRANSFERS = gettext_noop("Transfers:")
SHEET_KEEP_VALUES = gettext_noop("Keep values:")
SHEET_KEEP_VALUE = gettext_noop("%(name)s keeps %(value)s of each vote reaching them")
SHEET_PAIRWISE_HEADER = gettext_noop("Row candidate over column candidate:")
SHEET_LEGEND = gettext_noop("%(number)s = %(name)s")
SHEET_RESULT = gettext_noop("Result")
SHEET_WINNERS = gettext_noop("Elected, in order: %(names)s")
SHEET_NO_WINNER = gettext_noop("Nobody is elected.")
SHEET_RANKING = gettext_noop("Final ranking: %(ranking)s")
SHEET_OUTCOME = gettext_noop("Outcome: %(outcome)s")
SHEET_LOT_USED = gettext_noop("A tie was decided by lot, with seed %(seed)s.")
SHEET_LOT_REQUIRED = gettext_noop(
    "The count stopped: a tie between %(names)s must be decided by lot. "
    "Draw a seed publicly and count again with it."
)
SHEET_TIED = gettext_noop("Tied: %(names)s")
SHEET_TIE_HISTORY = gettext_noop(
    "Tie between %(names)s for %(purpose)s, decided by the votes in round %(round)s: %(chosen)s"
)
SHEET_TIE_LOT = gettext_noop("Tie between %(names)s for %(purpose)s, decided by lot: %(chosen)s")
SHEET_TIE_CHAIR = gettext_noop("Tie, decided by the chair: %(chosen)s")
SHEET_TIE_PENDING = gettext_noop(
    "Tie between %(names)s for %(purpose)s: not decided; it needs %(how)s"
)
SHEET_TIE_HOW_LOT = gettext_noop("a lot")
SHEET_TIE_HOW_CHAIR = gettext_noop("the chair's decision")
SHEET_GROUP_TIED = gettext_noop("%(names)s (tied)")

TIE_PURPOSE_EXCLUSION = gettext_noop("exclusion")
TIE_PURPOSE_SURPLUS = gettext_noop("the order of surplus transfers")
TIE_PURPOSE_SEAT = gettext_noop("a seat")
TIE_PURPOSE_ORDER = gettext_noop("the order of election")
TIE_PURPOSE_MOTION = gettext_noop("the decision on the motion")

OUTCOME_ADOPTED = gettext_noop("adopted")
OUTCOME_REJECTED = gettext_noop("rejected")
OUTCOME_PENDING = gettext_noop("not decided yet")

# ---- round actions
ACTION_FIRST_PREFERENCES = gettext_noop("first preferences")
ACTION_EXCLUSION = gettext_noop("exclusion of %(names)s and transfer of their ballot papers")
ACTION_SURPLUS = gettext_noop("transfer of the surplus of %(name)s (%(surplus)s votes)")
ACTION_LAST_VACANCIES = gettext_noop(
    "the continuing candidates are as many as the vacancies left and are deemed elected"
)
ACTION_COUNT = gettext_noop("count of the votes")
ACTION_APPROVALS = gettext_noop("count of approvals")
ACTION_SCORES = gettext_noop("count of scores")
ACTION_PAIRWISE = gettext_noop("pairwise comparisons")
ACTION_PATHS = gettext_noop("strongest paths")
ACTION_MEEK_ROUND = gettext_noop("iteration of keep values (%(iterations)s passes)")
ACTION_OBJECTION_ROUND = gettext_noop("round of objections")
ACTION_CONSENSUS_ROUND = gettext_noop("round of consensus")
ACTION_FALLBACK_VOTE = gettext_noop("fallback vote")

# ---- notes
NOTE_MAJORITY_REACHED = gettext_noop(
    "%(name)s has more than half of the %(total)s votes still in the count"
)
NOTE_MAJORITY_THRESHOLD = gettext_noop("Votes needed for a majority: more than %(half)s")
NOTE_ZERO_BATCH = gettext_noop(
    "Candidates with no votes are excluded together: the order among them cannot change the result"
)
NOTE_WITHDRAWN = gettext_noop("Withdrawn before the count: %(names)s")
NOTE_TRUNCATED_AT_TIE = gettext_noop(
    "%(count)s ballots give the same rank to several candidates; each is used only up to that rank"
)
NOTE_NO_VALID_BALLOTS = gettext_noop("There are no valid ballots.")
NOTE_SEATS_UNFILLED = gettext_noop(
    "Only %(elected)s of %(seats)s seats could be filled: there are not enough candidates"
)
NOTE_QUOTA_RULE = gettext_noop(
    "Quota = (valid ballots %(valid)s / (seats %(seats)s + 1), fractions ignored) + 1"
)
NOTE_TRANSFER_RULE = gettext_noop(
    "Transfer value = surplus x value of the paper when received / votes of the candidate, "
    "truncated to 5 decimal places (rule 48(3))"
)
NOTE_MEEK_QUOTA = gettext_noop(
    "Quota = votes held by candidates / (seats + 1), truncated to 9 decimals, plus 0.000000001"
)
NOTE_MEEK_STATUS_ELECTED = gettext_noop("The iteration stopped because a candidate was elected")
NOTE_MEEK_STATUS_OMEGA = gettext_noop(
    "The iteration stopped: the total surplus %(surplus)s is below the tolerance %(omega)s"
)
NOTE_MEEK_STATUS_STABLE = gettext_noop(
    "The iteration stopped: the total surplus %(surplus)s no longer decreases"
)
NOTE_MEEK_EXCESS = gettext_noop("Votes left over at the end of ballots (excess): %(excess)s")
NOTE_SURPLUS_TOTAL = gettext_noop("Total surplus of elected candidates: %(surplus)s")
NOTE_TIED_WITHIN_SURPLUS = gettext_noop(
    "Candidates within the total surplus of the lowest are treated as tied"
)
NOTE_SCHULZE_STRENGTH_WINNING = gettext_noop(
    "Strength of a link = the number of voters on the winning side (winning votes)"
)
NOTE_SCHULZE_STRENGTH_MARGIN = gettext_noop(
    "Strength of a link = the difference between the two sides (margins)"
)
NOTE_SCHULZE_UNRANKED = gettext_noop(
    "Candidates a ballot leaves unranked count as ranked equally, below all ranked ones"
)
NOTE_SCHULZE_SEATS = gettext_noop(
    "Seats are filled from the top of the Schulze ranking; this is not proportional"
)
NOTE_SCORE_SUM = gettext_noop("Candidates are ordered by the sum of their scores")
NOTE_SCORE_MEAN = gettext_noop("Candidates are ordered by the mean of their scores")
NOTE_SCORE_BLANK_MIN = gettext_noop("A candidate left blank gets the lowest score %(score)s")
NOTE_SCORE_BLANK_IGNORE = gettext_noop("A candidate left blank is not counted in their mean")
NOTE_APPROVAL_FROM_RANKING = gettext_noop("Every candidate a ballot ranks counts as approved")
NOTE_MOTION_COUNTS = gettext_noop(
    "For: %(for)s; against: %(against)s; abstentions: %(abstain)s; present: %(present)s; "
    "members: %(members)s"
)
NOTE_MOTION_BASE = gettext_noop("Base for the majority: %(base)s; votes needed: %(needed)s")
NOTE_MOTION_NO_BASE = gettext_noop("Nobody counts towards the base: the motion cannot pass")
NOTE_MOTION_TIE = gettext_noop("Exactly half of the base voted for the motion: it is a tie")
NOTE_CHAIR_DECIDES = gettext_noop("The chair must decide the tie")
NOTE_CONSENT_ROUND = gettext_noop(
    "Consent: %(consent)s; stand aside: %(stand_aside)s; objections: %(objections)s"
)
NOTE_CONSENT_REACHED = gettext_noop("No objection in this round: the proposal is adopted")
NOTE_CONSENT_OBJECTIONS_REMAIN = gettext_noop(
    "Objections remain after round %(round)s: the proposal is not adopted yet; amend it and "
    "hold another round, or withdraw it"
)
NOTE_CONSENT_MAX_ROUNDS = gettext_noop(
    "Objections remain after the last allowed round (%(round)s): the proposal is rejected"
)
NOTE_CONSENSUS_TOO_MANY_STAND_ASIDE = gettext_noop(
    "More than %(max)s stand aside: there is no consensus"
)
NOTE_CONSENSUS_REACHED = gettext_noop("No block in this round: consensus, the proposal is adopted")
NOTE_CONSENSUS_FALLBACK_DUE = gettext_noop(
    "No consensus after %(rounds)s rounds: the next round is a fallback vote needing %(rule)s"
)
NOTE_FALLBACK_RESULT = gettext_noop(
    "Fallback vote: %(agree)s in favour of %(base)s votes cast (stand-asides count as "
    "absent); %(needed)s needed"
)

# ---- the words of a majority rule
RULE_JOIN = gettext_noop("%(threshold)s; %(abstentions)s; %(tie)s")
RULE_SIMPLE_CAST = gettext_noop("More than half of the votes cast")
RULE_TWO_THIRDS_CAST = gettext_noop("Two-thirds of the votes cast")
RULE_THREE_QUARTERS_CAST = gettext_noop("Three-quarters of the votes cast")
RULE_SIMPLE_PRESENT = gettext_noop("More than half of those present")
RULE_TWO_THIRDS_PRESENT = gettext_noop("Two-thirds of those present")
RULE_THREE_QUARTERS_PRESENT = gettext_noop("Three-quarters of those present")
RULE_SIMPLE_MEMBERS = gettext_noop("More than half of all members")
RULE_TWO_THIRDS_MEMBERS = gettext_noop("Two-thirds of all members")
RULE_THREE_QUARTERS_MEMBERS = gettext_noop("Three-quarters of all members")
RULE_ABSTAIN_ABSENT = gettext_noop("abstentions count as absent")
RULE_ABSTAIN_CAST = gettext_noop("abstentions count as votes cast, so in effect against")
RULE_ABSTAIN_PRESENT = gettext_noop("abstentions count as present, so in effect against")
RULE_ABSTAIN_MEMBERS = gettext_noop("abstentions do not change the base")
RULE_TIE_FAILS = gettext_noop("a tie means the motion fails")
RULE_TIE_CHAIR = gettext_noop("a tie is decided by the chair")
RULE_TIE_LOT = gettext_noop("a tie is decided by lot")
RULE_TIE_NONE = gettext_noop("a supermajority cannot tie")

RULE_CONSENT = gettext_noop("Adopted in the first round with no objection")
RULE_CONSENT_MAX = gettext_noop(
    "Adopted in the first round with no objection; rejected if objections remain after "
    "round %(rounds)s"
)
RULE_CONSENSUS = gettext_noop(
    "Adopted in the first round with no block; after %(rounds)s rounds without consensus, "
    "a fallback vote needing %(threshold)s of the votes cast"
)
RULE_CONSENSUS_NO_FALLBACK = gettext_noop("Adopted in the first round with no block")
RULE_FRACTION_SIMPLE = gettext_noop("more than half")
RULE_FRACTION_TWO_THIRDS = gettext_noop("two-thirds")
RULE_FRACTION_THREE_QUARTERS = gettext_noop("three-quarters")

RULE_PLURALITY = gettext_noop("The candidates with the most first preferences are elected")
RULE_APPROVAL = gettext_noop("The candidates with the most approvals are elected")
RULE_SCORE = gettext_noop("The candidates with the highest scores are elected")
RULE_IRV = gettext_noop(
    "A candidate with more than half of the continuing votes wins; otherwise the candidate "
    "with the fewest votes is excluded and their ballots go to the next preference. A tie for "
    "exclusion is decided by the most recent earlier round in which the tied candidates had "
    "different votes, then by lot"
)
RULE_STV = gettext_noop(
    "Scottish Local Government Elections Order 2007, schedule 1, rules 45 to 52: Droop quota, "
    "all papers of an elected candidate transferred at a value truncated to 5 decimals, "
    "largest surplus first, exclusion of the lowest candidate; ties decided by the most "
    "recent stage at which the candidates differed, then by lot"
)
RULE_MEEK = gettext_noop(
    "Meek's method (Hill, Wichmann and Woodall, 1987): every elected candidate keeps the same "
    "share of each vote reaching them so as to hold exactly the quota; the quota is recomputed "
    "from the votes not yet exhausted; 9-decimal fixed-point arithmetic rounded up; "
    "tolerance %(omega)s"
)
RULE_SCHULZE = gettext_noop(
    "Schulze method: A beats B when the strongest path of pairwise wins from A to B is "
    "stronger than the strongest path from B to A; the winners are beaten by nobody"
)

# ---- labels
LABEL_FOR = gettext_noop("For")
LABEL_AGAINST = gettext_noop("Against")
LABEL_ABSTAIN = gettext_noop("Abstain")
LABEL_CONSENT = gettext_noop("Consent")
LABEL_STAND_ASIDE = gettext_noop("Stand aside")
LABEL_OBJECT = gettext_noop("Object / block")
SHEET_EXCESS = gettext_noop("Excess")
SHEET_BEATS = gettext_noop("Candidates beaten by each, by strongest paths:")
SHEET_COL_BEATEN = gettext_noop("Beaten")
SHEET_TRANSFER_WHOLE = ngettext(
    "%(papers)s ballot from %(source)s to %(target)s",
    "%(papers)s ballots from %(source)s to %(target)s",
    "papers",
)
SHEET_TRANSFER_NONE = ngettext(
    "%(papers)s ballot paper from %(source)s has no further preference, worth %(votes)s votes",
    "%(papers)s ballot papers from %(source)s have no further preference, worth %(votes)s votes",
    "papers",
)
SHEET_TRANSFER_NONE_WHOLE = ngettext(
    "%(papers)s ballot from %(source)s has no further preference and is exhausted",
    "%(papers)s ballots from %(source)s have no further preference and are exhausted",
    "papers",
)
