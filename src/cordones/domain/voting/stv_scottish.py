"""Single transferable vote under the Scottish Local Government Elections Order 2007
(SSI 2007/42), schedule 1, rules 45 to 52.

* Rule 45: first preferences; the valid ballots are those with a first preference.
* Rule 46: quota = floor(valid / (seats + 1)) + 1.
* Rule 47: a candidate whose votes reach the quota is deemed elected.
* Rule 48: a surplus is transferred by moving *all* the ballot papers of the elected candidate
  (a weighted inclusive Gregory method): each paper with a next available preference for a
  continuing candidate goes to that candidate at transfer value
  ``surplus x value of the paper when received / total votes of the candidate``, calculated to
  five decimal places with the remainder ignored.  The share of the surplus on papers without a
  next preference is non-transferable.  (There is no "last parcel" rule in SSI 2007/42: that is
  the Irish Dáil rule.)
* Rule 49: with several surpluses, the largest is transferred first; equal surpluses are ordered
  by the most recent preceding stage at which the candidates had unequal votes (highest first),
  then by lot.
* Rule 50: when no surplus remains to transfer, the candidate with the fewest votes is excluded
  and each of their papers passes at its current value (1 or the value at which it was received).
* Rule 51: a tie for exclusion is decided by the most recent preceding stage at which the tied
  candidates had unequal votes (lowest excluded), then by lot.
* Rule 52: when the continuing candidates are as many as the vacancies left, they are deemed
  elected and no further transfer is made.

All arithmetic is exact: votes are integers in units of 0.00001.  After a surplus transfer the
elected candidate keeps exactly the quota; what the truncation of transfer values leaves over is
reported as "lost to rounding", so that every stage balances to the number of valid ballots.
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

PLACES = 5
UNIT = 10**PLACES

CONTINUING, ELECTED, EXCLUDED = 0, 1, 2


def as_votes(units: int) -> Decimal:
    """Integer units of 0.00001 vote as a Decimal with five places."""
    return Decimal(units).scaleb(-PLACES)


def count_stv(profile: RankedProfile, *, seats: int = 1, seed: int | None = None) -> TallyResult:
    if not isinstance(profile, RankedProfile):
        raise TallyError("the single transferable vote counts ranked ballots")
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise TallyError("the number of seats must be a whole number of at least 1")
    sb = strict_ballots(profile)
    names = sb.names
    n = len(names)
    rankings, counts = sb.rankings, sb.counts
    tiebreaker = TieBreaker(names, seed)
    quota_votes = sb.valid // (seats + 1) + 1
    quota = quota_votes * UNIT
    notes = [
        *sb.notes(),
        Message.of(m.NOTE_QUOTA_RULE, valid=sb.valid, seats=seats),
        Message(m.NOTE_TRANSFER_RULE),
    ]

    # parcels[c]: (ranking index, position of c on it, value when received in units, papers)
    parcels: list[list[tuple[int, int, int, int]]] = [[] for _ in range(n)]
    votes = [0] * n
    for b, ranking in enumerate(rankings):
        parcels[ranking[0]].append((b, 0, UNIT, counts[b]))
        votes[ranking[0]] += UNIT * counts[b]
    state = [CONTINUING] * n
    elected: list[int] = []
    pending: list[int] = []  # elected candidates whose surplus is still to transfer
    exhausted = 0
    loss = 0
    stages: list[Round] = []
    history: list[tuple[int, dict[str, Number]]] = []

    def snapshot() -> dict[str, Number]:
        return {names[c]: votes[c] for c in range(n)}

    def record(
        action: Message,
        *,
        transfers: tuple[Transfer, ...] = (),
        excluded: tuple[str, ...] = (),
        ties: tuple[TieBreak, ...] = (),
        stage_notes: tuple[Message, ...] = (),
    ) -> None:
        """Close a stage: deem elected whoever reached the quota (rule 47), then record it."""
        newly = [c for c in range(n) if state[c] == CONTINUING and votes[c] >= quota]
        newly.sort(key=lambda c: (-votes[c], c))
        for c in newly:
            state[c] = ELECTED
            elected.append(c)
            if votes[c] > quota:
                pending.append(c)
        number = len(stages) + 1
        stages.append(
            Round(
                number=number,
                action=action,
                counts=tuple((names[c], as_votes(votes[c])) for c in range(n)),
                elected=tuple(names[c] for c in newly),
                excluded=excluded,
                transfers=transfers,
                exhausted=as_votes(exhausted),
                loss=as_votes(loss),
                quota=quota_votes,
                ties=ties,
                notes=stage_notes,
            )
        )
        history.append((number, snapshot()))

    def next_preference(b: int, position: int) -> int:
        ranking = rankings[b]
        p = position + 1
        while p < len(ranking) and state[ranking[p]] != CONTINUING:
            p += 1
        return p if p < len(ranking) else -1

    def transfer_summary(
        source: int, moved: dict[tuple[int, int], list[int]]
    ) -> tuple[Transfer, ...]:
        out = []
        for (target, value), (papers, total) in sorted(
            moved.items(), key=lambda kv: (kv[0][0] if kv[0][0] >= 0 else n, -kv[0][1])
        ):
            out.append(
                Transfer(
                    names[source],
                    names[target] if target >= 0 else None,
                    papers,
                    as_votes(total),
                    as_votes(value),
                )
            )
        return tuple(out)

    if not sb.valid:
        stages.append(
            Round(
                1,
                Message(m.ACTION_FIRST_PREFERENCES),
                counts=tuple((name, as_votes(0)) for name in names),
                quota=quota_votes,
            )
        )
    else:
        record(Message(m.ACTION_FIRST_PREFERENCES))
    while sb.valid:
        vacancies = seats - len(elected)
        if vacancies <= 0:
            break
        alive = [c for c in range(n) if state[c] == CONTINUING]
        if len(alive) <= vacancies:  # rule 52
            alive.sort(key=lambda c: (-votes[c], c))
            for c in alive:
                state[c] = ELECTED
                elected.append(c)
            stages.append(
                Round(
                    number=len(stages) + 1,
                    action=Message(m.ACTION_LAST_VACANCIES),
                    counts=stages[-1].counts,
                    elected=tuple(names[c] for c in alive),
                    exhausted=as_votes(exhausted),
                    loss=as_votes(loss),
                    quota=quota_votes,
                )
            )
            break
        earlier = history[:-1]
        if pending:  # rules 48 and 49
            largest = max(votes[c] for c in pending)
            tied = [names[c] for c in pending if votes[c] == largest]
            decided = tiebreaker.choose_or_stop(
                tied, earlier, lowest=False, purpose=TiePurpose.SURPLUS
            )
            if decided is None:
                break
            chosen, tie = decided
            x = names.index(chosen)
            pending.remove(x)
            total = votes[x]
            surplus = total - quota
            moved: dict[tuple[int, int], list[int]] = {}
            transferred = 0
            for b, position, value, papers in parcels[x]:
                tv = surplus * value // total  # rule 48(3): five places, remainder ignored
                p = next_preference(b, position)
                amount = tv * papers
                transferred += amount
                if p >= 0:
                    target = rankings[b][p]
                    parcels[target].append((b, p, tv, papers))
                    votes[target] += amount
                else:
                    target = -1
                    exhausted += amount
                cell = moved.setdefault((target, tv), [0, 0])
                cell[0] += papers
                cell[1] += amount
            loss += surplus - transferred
            votes[x] = quota
            parcels[x] = []
            record(
                Message.of(m.ACTION_SURPLUS, name=chosen, surplus=as_votes(surplus)),
                transfers=transfer_summary(x, moved),
                ties=(tie,) if tie else (),
            )
            continue
        # rules 50 and 51
        lowest = min(votes[c] for c in alive)
        tied = [names[c] for c in alive if votes[c] == lowest]
        decided = tiebreaker.choose_or_stop(
            tied, earlier, lowest=True, purpose=TiePurpose.EXCLUSION
        )
        if decided is None:
            break
        chosen, tie = decided
        y = names.index(chosen)
        state[y] = EXCLUDED
        moved = {}
        for b, position, value, papers in parcels[y]:
            p = next_preference(b, position)
            amount = value * papers
            if p >= 0:
                target = rankings[b][p]
                parcels[target].append((b, p, value, papers))
                votes[target] += amount
            else:
                target = -1
                exhausted += amount
            cell = moved.setdefault((target, value), [0, 0])
            cell[0] += papers
            cell[1] += amount
        votes[y] = 0
        parcels[y] = []
        record(
            Message.of(m.ACTION_EXCLUSION, names=(chosen,)),
            transfers=transfer_summary(y, moved),
            excluded=(chosen,),
            ties=(tie,) if tie else (),
        )

    if not tiebreaker.lot_pending and sb.valid and len(elected) < seats:
        notes.append(Message.of(m.NOTE_SEATS_UNFILLED, elected=len(elected), seats=seats))
    return TallyResult(
        method="stv",
        method_name=m.METHOD_STV,
        candidates=names,
        seats=seats,
        winners=tuple(names[c] for c in elected),
        rounds=tuple(stages),
        rule=Message(m.RULE_STV),
        **tiebreaker.lot_fields(),
        valid_ballots=sb.valid,
        invalid_ballots=sb.invalid,
        quota=quota_votes,
        title=profile.title,
        notes=tuple(notes),
    )
