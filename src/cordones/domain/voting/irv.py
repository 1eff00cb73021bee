"""Instant-runoff voting (single winner, whole votes).

Each round counts every ballot for its highest-ranked continuing candidate.  A candidate with more
than half of the votes still in the count (ballots not exhausted) wins.  Otherwise the candidate
with the fewest votes is excluded and their ballots pass to the next continuing preference.

Ties for exclusion are decided by the most recent earlier round in which the tied candidates had
different votes (the one with fewer is excluded), then by lot with the given seed.  When several
candidates have no votes at all while someone has votes, they are excluded together: excluding
them moves no ballot, so their order cannot change the result.
"""

from __future__ import annotations

from decimal import Decimal

from cordones.domain.voting import messages as m
from cordones.domain.voting.ballots import RankedProfile
from cordones.domain.voting.messages import Message, Number
from cordones.domain.voting.prepare import strict_ballots
from cordones.domain.voting.result import (
    Round,
    TallyError,
    TallyResult,
    TieBreak,
    TiePurpose,
    Transfer,
)
from cordones.domain.voting.ties import TieBreaker


def count_irv(profile: RankedProfile, *, seed: int | None = None) -> TallyResult:
    if not isinstance(profile, RankedProfile):
        raise TallyError("instant-runoff voting counts ranked ballots")
    sb = strict_ballots(profile)
    names = sb.names
    n = len(names)
    rankings, counts = sb.rankings, sb.counts
    tiebreaker = TieBreaker(names, seed)
    notes = tuple(sb.notes())

    piles: list[list[int]] = [[] for _ in range(n)]
    pointer = [0] * len(rankings)
    votes = [0] * n
    for b, ranking in enumerate(rankings):
        piles[ranking[0]].append(b)
        votes[ranking[0]] += counts[b]
    continuing = [True] * n
    exhausted = 0

    rounds: list[Round] = []
    history: list[tuple[int, dict[str, Number]]] = []
    action = Message(m.ACTION_FIRST_PREFERENCES)
    excluded_now: tuple[str, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    pending_ties: tuple[TieBreak, ...] = ()
    carried_notes: tuple[Message, ...] = ()
    winner: str | None = None

    while True:
        number = len(rounds) + 1
        alive = [c for c in range(n) if continuing[c]]
        total = sum(votes[c] for c in alive)
        snapshot: dict[str, Number] = {names[c]: votes[c] for c in range(n)}
        round_notes = [*carried_notes, Message.of(m.NOTE_MAJORITY_THRESHOLD, half=_half(total))]
        elected: tuple[str, ...] = ()
        if sb.valid and alive:
            leader = max(alive, key=lambda c: votes[c])
            if 2 * votes[leader] > total or len(alive) == 1:
                winner = names[leader]
                elected = (winner,)
                round_notes.append(Message.of(m.NOTE_MAJORITY_REACHED, name=winner, total=total))
        current = Round(
            number=number,
            action=action,
            counts=tuple(snapshot.items()),
            elected=elected,
            excluded=excluded_now,
            transfers=transfers,
            exhausted=exhausted,
            ties=pending_ties,
            notes=tuple(round_notes),
        )
        rounds.append(current)
        if winner is not None or not sb.valid or not alive:
            break

        # choose who is excluded at the end of this round
        lowest = min(votes[c] for c in alive)
        tied = [names[c] for c in alive if votes[c] == lowest]
        ties: tuple[TieBreak, ...] = ()
        if lowest == 0 and len(tied) > 1 and len(tied) < len(alive):
            out = tied
            carried_notes = (Message(m.NOTE_ZERO_BATCH),)
        else:
            carried_notes = ()
            decided = tiebreaker.choose_or_stop(
                tied, history, lowest=True, purpose=TiePurpose.EXCLUSION
            )
            if decided is None:
                break
            chosen, record = decided
            out = [chosen]
            ties = (record,) if record else ()
        history.append((number, snapshot))

        moved: dict[str | None, list[int]] = {}
        index = {name: i for i, name in enumerate(names)}
        for name in out:
            continuing[index[name]] = False
        for name in out:
            x = index[name]
            for b in piles[x]:
                ranking = rankings[b]
                p = pointer[b] + 1
                while p < len(ranking) and not continuing[ranking[p]]:
                    p += 1
                count = counts[b]
                if p < len(ranking):
                    target = ranking[p]
                    pointer[b] = p
                    piles[target].append(b)
                    votes[target] += count
                    key: str | None = names[target]
                else:
                    exhausted += count
                    key = None
                cell = moved.setdefault(key, [0])
                cell[0] += count
            piles[x] = []
            votes[x] = 0
        source = " + ".join(out)
        transfers = tuple(
            Transfer(source, target, papers, papers)
            for target, (papers,) in sorted(moved.items(), key=lambda kv: _order(kv[0], names))
        )
        excluded_now = tuple(out)
        pending_ties = ties
        action = Message.of(m.ACTION_EXCLUSION, names=excluded_now)

    return TallyResult(
        method="irv",
        method_name=m.METHOD_IRV,
        candidates=names,
        seats=1,
        winners=(winner,) if winner else (),
        rounds=tuple(rounds),
        rule=Message(m.RULE_IRV),
        **tiebreaker.lot_fields(),
        valid_ballots=sb.valid,
        invalid_ballots=sb.invalid,
        title=profile.title,
        notes=notes,
    )


def _half(total: int) -> Number:
    return Decimal(total) / 2


def _order(target: str | None, names: tuple[str, ...]) -> int:
    return len(names) if target is None else names.index(target)
