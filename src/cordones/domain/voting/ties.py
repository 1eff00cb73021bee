"""Deciding ties: first by earlier rounds, then by lot with an explicit seed.

The lot is ``random.Random(seed)``: the same seed always draws the same lots in the same count,
so anyone can re-run a count and check it.  Without a seed, a needed lot stops the count and the
result says so (:class:`LotRequired` is caught by each method and turned into data).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypedDict

from cordones.domain.voting.messages import Number
from cordones.domain.voting.result import TieBreak, TiePurpose, TieResolution


class LotRequired(Exception):
    """A tie needs a lot and no seed was given (internal: methods turn it into a result)."""

    def __init__(self, tied: tuple[str, ...], purpose: TiePurpose) -> None:
        super().__init__(f"lot required between {', '.join(tied)}")
        self.tied = tied
        self.purpose = purpose


class LotFields(TypedDict):
    """The fields of a :class:`TallyResult` that say how its ties were decided."""

    tied: tuple[str, ...]
    ties: tuple[TieBreak, ...]
    tie_broken_by_lot: bool
    lot_seed: int | None
    lot_required: bool


class TieBreaker:
    """Breaks ties for one count, keeping every decision as a :class:`TieBreak` record.

    ``order`` is the canonical candidate order (the order on the ballot paper); lots draw from
    the tied candidates listed in that order.
    """

    def __init__(self, order: Sequence[str], seed: int | None) -> None:
        self._position = {name: i for i, name in enumerate(order)}
        self.seed = seed
        self._rng = random.Random(seed) if seed is not None else None
        self.lot_used = False
        self.lot_tied: list[str] = []
        self.records: list[TieBreak] = []
        #: The candidates of the tie the count stopped at for want of a seed, if it did.
        self.lot_pending: tuple[str, ...] = ()

    def _sorted(self, tied: Sequence[str]) -> tuple[str, ...]:
        return tuple(sorted(tied, key=self._position.__getitem__))

    def by_history(
        self,
        tied: Sequence[str],
        history: Sequence[tuple[int, dict[str, Number]]],
        *,
        lowest: bool,
    ) -> tuple[list[str], int | None]:
        """Narrow ``tied`` using earlier rounds, most recent first.

        ``history`` holds ``(round_number, counts)`` pairs, oldest first, *excluding* the round
        in which the tie occurs.  At each earlier round where the tied candidates differ, keep
        those with the lowest (or highest) votes; stop when one is left.
        """
        remaining = list(tied)
        decided_by: int | None = None
        for number, counts in reversed(history):
            values = [counts.get(c, 0) for c in remaining]
            extreme = min(values) if lowest else max(values)
            narrowed = [c for c, v in zip(remaining, values, strict=True) if v == extreme]
            if len(narrowed) < len(remaining):
                remaining = narrowed
                decided_by = number
                if len(remaining) == 1:
                    break
        return remaining, decided_by

    def lot(self, tied: Sequence[str], purpose: TiePurpose) -> str:
        ordered = self._sorted(tied)
        if self._rng is None:
            raise LotRequired(ordered, purpose)
        chosen = self._rng.choice(ordered)
        self.lot_used = True
        for name in ordered:
            if name not in self.lot_tied:
                self.lot_tied.append(name)
        return chosen

    def choose(
        self,
        tied: Sequence[str],
        history: Sequence[tuple[int, dict[str, Number]]],
        *,
        lowest: bool,
        purpose: TiePurpose,
    ) -> tuple[str, TieBreak | None]:
        """One candidate out of ``tied``: by earlier rounds, then by lot.  Records the tie."""
        if len(tied) == 1:
            return tied[0], None
        ordered = self._sorted(tied)
        remaining, decided_by = self.by_history(ordered, history, lowest=lowest)
        if len(remaining) == 1:
            record = TieBreak(ordered, purpose, TieResolution.HISTORY, (remaining[0],), decided_by)
        else:
            chosen = self.lot(remaining, purpose)
            record = TieBreak(ordered, purpose, TieResolution.LOT, (chosen,), decided_by)
        self.records.append(record)
        return record.chosen[0], record

    def choose_or_stop(
        self,
        tied: Sequence[str],
        history: Sequence[tuple[int, dict[str, Number]]],
        *,
        lowest: bool,
        purpose: TiePurpose,
    ) -> tuple[str, TieBreak | None] | None:
        """:meth:`choose`, or ``None`` when that needs a lot and there is no seed: the tie is
        then recorded as pending (:attr:`lot_pending`) and the count must stop."""
        try:
            return self.choose(tied, history, lowest=lowest, purpose=purpose)
        except LotRequired as lot:
            self.pending(lot.tied, lot.purpose)
            return None

    def lot_fields(self) -> LotFields:
        """The result's tie fields: the tie the count stopped at (:attr:`lot_pending`), or
        else every candidate a lot was drawn between."""
        return LotFields(
            tied=self.lot_pending or tuple(self.lot_tied),
            ties=tuple(self.records),
            tie_broken_by_lot=self.lot_used,
            lot_seed=self.seed if self.lot_used else None,
            lot_required=bool(self.lot_pending),
        )

    def pending(self, tied: Sequence[str], purpose: TiePurpose) -> TieBreak:
        record = TieBreak(self._sorted(tied), purpose, TieResolution.PENDING)
        self.records.append(record)
        self.lot_pending = record.candidates
        return record
