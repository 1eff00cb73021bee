"""Small helpers shared by the counting methods."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cordones.domain.voting.messages import Number
from cordones.domain.voting.result import TieBreak, TiePurpose, TieResolution
from cordones.domain.voting.ties import LotRequired, TieBreaker


def groups_by_value(
    values: Mapping[str, Number], order: Sequence[str], *, descending: bool = True
) -> list[tuple[str, ...]]:
    """Candidates grouped by equal value, best group first; ballot-paper order inside a group."""
    distinct = sorted(set(values.values()), reverse=descending)
    return [tuple(c for c in order if c in values and values[c] == v) for v in distinct]


def fill_seats(
    groups: Sequence[Sequence[str]], seats: int, tiebreaker: TieBreaker
) -> tuple[tuple[str, ...], tuple[str, ...], TieBreak | None]:
    """Take ``seats`` candidates from ordered tied groups, drawing lots within a straddling group.

    Returns ``(winners, tied, tie)``: ``tied`` is the straddling group (if any) and ``tie`` the
    record of how its seats were given, ``PENDING`` if a lot was needed and no seed given.
    """
    winners: list[str] = []
    for group in groups:
        remaining = seats - len(winners)
        if remaining <= 0:
            break
        if len(group) <= remaining:
            winners.extend(group)
            continue
        pool = list(group)
        drawn: list[str] = []
        try:
            for _ in range(remaining):
                chosen = tiebreaker.lot(pool, TiePurpose.SEAT)
                pool.remove(chosen)
                drawn.append(chosen)
        except LotRequired:
            record = tiebreaker.pending(group, TiePurpose.SEAT)
            return tuple(winners), tuple(record.candidates), record
        record = TieBreak(tuple(group), TiePurpose.SEAT, TieResolution.LOT, tuple(drawn))
        tiebreaker.records.append(record)
        winners.extend(drawn)
        return tuple(winners), tuple(group), record
    return tuple(winners), (), None
