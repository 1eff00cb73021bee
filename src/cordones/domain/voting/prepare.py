"""Turning ranked ballots into the strict, indexed rankings the transfer methods count."""

from __future__ import annotations

from dataclasses import dataclass

from cordones.domain.voting import messages as m
from cordones.domain.voting.ballots import RankedProfile
from cordones.domain.voting.messages import Message


@dataclass(frozen=True)
class StrictBallots:
    """Distinct strict rankings over the standing candidates, as indices into ``names``.

    Withdrawn candidates are skipped.  A ballot ranking several candidates equally is used only
    up to that rank (its next preference is unclear); if its first rank is such a tie, or it
    ranks nobody, it is invalid.
    """

    names: tuple[str, ...]
    rankings: tuple[tuple[int, ...], ...]
    counts: tuple[int, ...]
    valid: int
    invalid: int
    truncated: int
    withdrawn: tuple[str, ...]

    def notes(self) -> list[Message]:
        notes = []
        if self.withdrawn:
            notes.append(Message.of(m.NOTE_WITHDRAWN, names=self.withdrawn))
        if self.truncated:
            notes.append(Message.of(m.NOTE_TRUNCATED_AT_TIE, count=self.truncated))
        if not self.valid:
            notes.append(Message(m.NOTE_NO_VALID_BALLOTS))
        return notes


def strict_ballots(profile: RankedProfile) -> StrictBallots:
    withdrawn = profile.withdrawn
    names = tuple(c for c in profile.candidates if c not in withdrawn)
    index = {name: i for i, name in enumerate(names)}
    merged: dict[tuple[int, ...], int] = {}
    valid = invalid = truncated = 0
    for ranking, count in profile.aggregated():
        indices: list[int] = []
        cut = False
        for rank in ranking:
            if isinstance(rank, str):
                if rank not in withdrawn:
                    indices.append(index[rank])
                continue
            members = [c for c in rank if c not in withdrawn]
            if len(members) == 1:
                indices.append(index[members[0]])
            elif members:
                cut = True
                break
        if not indices:
            invalid += count
            continue
        if cut:
            truncated += count
        valid += count
        key = tuple(indices)
        merged[key] = merged.get(key, 0) + count
    return StrictBallots(
        names=names,
        rankings=tuple(merged),
        counts=tuple(merged.values()),
        valid=valid,
        invalid=invalid,
        truncated=truncated,
        withdrawn=tuple(c for c in profile.candidates if c in withdrawn),
    )
