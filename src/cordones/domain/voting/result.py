"""What a count returns: rounds with structured data, ties as data, and the winners."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from cordones.domain.voting.messages import Message, Number


class TallyError(ValueError):
    """The input cannot be counted by this method (wrong ballots, bad options).

    Outcomes, ties and lots are never errors: they are data on :class:`TallyResult`.
    """

    def __init__(self, message: str | Message) -> None:
        self.message = message if isinstance(message, Message) else Message(message)
        super().__init__(self.message.render())


class Outcome(enum.Enum):
    """The outcome of a motion, a consent or a consensus decision."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    PENDING = "pending"


class TieResolution(enum.Enum):
    HISTORY = "history"  # decided by an earlier round's votes
    LOT = "lot"  # decided by lot, with the seed on the result
    CHAIR = "chair"  # decided by the chair's casting vote
    PENDING = "pending"  # not decided: a lot is needed and no seed was given
    AWAITING_CHAIR = "awaiting_chair"  # not decided: the chair must decide


class TiePurpose(enum.Enum):
    EXCLUSION = "exclusion"
    SURPLUS = "surplus"  # order of surplus transfers
    SEAT = "seat"
    ORDER = "order"  # order of election among candidates elected together
    MOTION = "motion"


@dataclass(frozen=True)
class TieBreak:
    """A tie met during a count and how it was decided."""

    candidates: tuple[str, ...]
    purpose: TiePurpose
    resolution: TieResolution
    chosen: tuple[str, ...] = ()  # the candidate(s) excluded / transferred first / seated
    decided_by_round: int | None = None  # the earlier round used (HISTORY)


@dataclass(frozen=True)
class Transfer:
    """Ballot papers moved from one candidate to another (``target=None``: non-transferable)."""

    source: str
    target: str | None
    papers: int
    votes: Number
    transfer_value: Number | None = None


@dataclass(frozen=True)
class Round:
    """One round (or stage) of a count, with everything a teller reads out."""

    number: int
    action: Message
    counts: tuple[tuple[str, Number], ...] = ()  # votes held at the end of the round
    elected: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    exhausted: Number = 0  # non-transferable / exhausted, cumulative
    loss: Number = 0  # lost to rounding, cumulative
    quota: Number | None = None
    keep_values: tuple[tuple[str, Number], ...] = ()  # Meek
    pairwise: tuple[tuple[str, str, Number], ...] = ()  # Schulze: (a, b, value)
    ties: tuple[TieBreak, ...] = ()
    notes: tuple[Message, ...] = ()

    def count_of(self, candidate: str) -> Number:
        for name, value in self.counts:
            if name == candidate:
                return value
        raise KeyError(candidate)


@dataclass(frozen=True)
class TallyResult:
    """The result of a count.

    ``winners`` are in election order.  Ties are data: ``ties`` lists every tie met and how it
    was decided; ``tied`` names the candidates of ties decided by lot or still undecided;
    ``tie_broken_by_lot`` and ``lot_seed`` say whether a lot was drawn and with which seed;
    ``lot_required`` says the count stopped because a lot was needed and no seed was given.
    """

    method: str
    method_name: str  # msgid
    candidates: tuple[str, ...]
    seats: int
    winners: tuple[str, ...]
    rounds: tuple[Round, ...]
    rule: Message | None = None
    ranking: tuple[tuple[str, ...], ...] = ()  # full order where the method gives one
    tied: tuple[str, ...] = ()
    ties: tuple[TieBreak, ...] = ()
    tie_broken_by_lot: bool = False
    lot_seed: int | None = None
    lot_required: bool = False
    outcome: Outcome | None = None  # motions, consent, consensus
    valid_ballots: int = 0
    invalid_ballots: int = 0
    quota: Number | None = None
    title: str = ""
    notes: tuple[Message, ...] = field(default=())

    @property
    def complete(self) -> bool:
        """False when the count stopped for a lot, a chair's decision or more rounds."""
        return not self.lot_required and self.outcome is not Outcome.PENDING
