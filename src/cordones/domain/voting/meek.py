"""Single transferable vote by Meek's method.

Hill, I. D., Wichmann, B. A. and Woodall, D. R. (1987), "Algorithm 123: Single Transferable Vote
by Meek's Method", The Computer Journal 30(3), 277-281.  Every candidate has a *keep value*:
1 while hopeful, 0 once excluded, and for an elected candidate the share of each vote reaching
them that they keep.  Each ballot's value flows down its ranking: a candidate keeps
``weight x keep value`` and passes on the rest; what is left after the last preference is the
*excess*.  The quota is recomputed as (votes held by candidates) / (seats + 1), and the keep
values of elected candidates are iterated (``keep x quota / votes``) until their surpluses are
negligible.  When no candidate can be elected, the lowest hopeful is excluded.

Arithmetic and stopping rule follow the fixed-point formulation Hill later gave for the New
Zealand and Proportional Representation Foundation reference rules, which is deterministic on
any machine: values are integers in units of 10**-9; a candidate keeps ``weight x keep``
rounded up; the quota is truncated to 9 decimals plus 10**-9; a candidate is elected when their
votes reach it; new keep values are ``keep x quota`` rounded up, divided by the votes, rounded
up; the iteration of a round stops when a candidate is elected, when the total surplus is below
``omega`` (default 0.000001), or when the surplus stops decreasing.  Candidates whose votes are
within the total surplus of the lowest are treated as tied for exclusion; ties are decided by
the most recent earlier round in which they differed, then by lot.

Ballots are counted through a prefix tree of the distinct rankings: a ballot's flow depends only
on the candidates ranked so far, so ballots sharing a prefix are computed once.
"""

from __future__ import annotations

from decimal import Decimal

from cordones.domain.voting import messages as m
from cordones.domain.voting.ballots import RankedProfile
from cordones.domain.voting.messages import Message, Number
from cordones.domain.voting.prepare import strict_ballots
from cordones.domain.voting.result import Round, TallyError, TallyResult, TieBreak, TiePurpose
from cordones.domain.voting.ties import LotRequired, TieBreaker

PLACES = 9
UNIT = 10**PLACES
DEFAULT_OMEGA = Decimal("0.000001")
MAX_PASSES = 100_000  # a safety net; the surplus is a strictly decreasing integer

HOPEFUL, ELECTED, EXCLUDED = 0, 1, 2


def as_votes(units: int) -> Decimal:
    return Decimal(units).scaleb(-PLACES)


class _Tree:
    """The distinct rankings as a prefix tree, flattened in pre-order.

    ``candidate[i]`` is the candidate at node ``i``, ``parent[i]`` its parent (node 0 is the
    root), ``through[i]`` the number of ballots whose ranking starts with the path to ``i``, and
    ``end[i]`` the index just after the subtree of ``i`` (to skip it when no weight reaches it).
    """

    def __init__(self, rankings: tuple[tuple[int, ...], ...], counts: tuple[int, ...]) -> None:
        children: list[dict[int, int]] = [{}]
        node_candidate = [-1]
        node_through = [0]
        for ranking, count in zip(rankings, counts, strict=True):
            node = 0
            node_through[0] += count
            for c in ranking:
                child = children[node].get(c)
                if child is None:
                    child = len(node_candidate)
                    children[node][c] = child
                    children.append({})
                    node_candidate.append(c)
                    node_through.append(0)
                node_through[child] += count
                node = child
        # pre-order flattening
        order: list[int] = []
        parent_of: dict[int, int] = {0: -1}
        stack = [0]
        while stack:
            node = stack.pop()
            order.append(node)
            for child in reversed(list(children[node].values())):
                parent_of[child] = node
                stack.append(child)
        new_index = {old: i for i, old in enumerate(order)}
        size = len(order)
        self.candidate = [node_candidate[old] for old in order]
        self.through = [node_through[old] for old in order]
        self.parent = [new_index[parent_of[old]] if parent_of[old] >= 0 else -1 for old in order]
        end = list(range(1, size + 1))
        for i in range(size - 1, 0, -1):
            p = self.parent[i]
            if end[i] > end[p]:
                end[p] = end[i]
        self.end = end
        self.size = size

    def distribute(self, keep: list[int], n: int) -> list[int]:
        """Votes of each candidate (in units) for the given keep values (in units)."""
        votes = [0] * n
        candidate, through, parent, end = self.candidate, self.through, self.parent, self.end
        outgoing = [0] * self.size
        outgoing[0] = UNIT
        i = 1
        size = self.size
        while i < size:
            weight = outgoing[parent[i]]
            c = candidate[i]
            k = keep[c]
            if k == UNIT:
                kept, rest = weight, 0
            elif k == 0:
                kept, rest = 0, weight
            else:
                kept = -(-weight * k // UNIT)  # rounded up
                rest = weight - kept
            if kept:
                votes[c] += kept * through[i]
            if rest:
                outgoing[i] = rest
                i += 1
            else:
                i = end[i]
        return votes


def count_meek(
    profile: RankedProfile,
    *,
    seats: int = 1,
    seed: int | None = None,
    omega: Decimal | str = DEFAULT_OMEGA,
) -> TallyResult:
    if not isinstance(profile, RankedProfile):
        raise TallyError("the single transferable vote counts ranked ballots")
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise TallyError("the number of seats must be a whole number of at least 1")
    omega = Decimal(omega)
    if not omega > 0:
        raise TallyError("the tolerance omega must be positive")
    omega_units = int((omega * UNIT).to_integral_value(rounding="ROUND_CEILING"))
    sb = strict_ballots(profile)
    names = sb.names
    n = len(names)
    tree = _Tree(sb.rankings, sb.counts)
    total = sb.valid * UNIT
    tiebreaker = TieBreaker(names, seed)
    notes = [*sb.notes(), Message(m.NOTE_MEEK_QUOTA)]

    keep = [UNIT] * n
    state = [HOPEFUL] * n
    elected: list[int] = []
    rounds: list[Round] = []
    history: list[tuple[int, dict[str, Number]]] = []
    votes = tree.distribute(keep, n)
    quota = sum(votes) // (seats + 1) + 1

    def record(
        action: Message,
        *,
        elected_now: tuple[int, ...] = (),
        excluded_now: tuple[int, ...] = (),
        ties: tuple[TieBreak, ...] = (),
        round_notes: tuple[Message, ...] = (),
    ) -> None:
        number = len(rounds) + 1
        rounds.append(
            Round(
                number=number,
                action=action,
                counts=tuple((names[c], as_votes(votes[c])) for c in range(n)),
                elected=tuple(names[c] for c in elected_now),
                excluded=tuple(names[c] for c in excluded_now),
                exhausted=as_votes(total - sum(votes)),
                quota=as_votes(quota),
                keep_values=tuple(
                    (names[c], as_votes(keep[c])) for c in range(n) if state[c] == ELECTED
                ),
                ties=ties,
                notes=round_notes,
            )
        )
        history.append((number, {names[c]: votes[c] for c in range(n)}))

    passes = 0
    pending_notes: tuple[Message, ...] = ()
    try:
        while sb.valid:
            hopeful = [c for c in range(n) if state[c] == HOPEFUL]
            if len(elected) >= seats or len(elected) + len(hopeful) <= seats:
                break
            passes = 0
            pending_notes = ()
            last_surplus: int | None = None
            newly: list[int] = []
            status = ""
            surplus = 0
            while passes < MAX_PASSES:
                passes += 1
                votes = tree.distribute(keep, n)
                quota = sum(votes) // (seats + 1) + 1
                reached = [c for c in hopeful if votes[c] >= quota]
                if reached:
                    vacancies = seats - len(elected)
                    reached.sort(key=lambda c: (-votes[c], c))
                    if len(reached) > vacancies:
                        reached = _most_votes(reached, vacancies, votes, names, history, tiebreaker)
                    for c in reached:
                        state[c] = ELECTED
                        elected.append(c)
                    newly = reached
                surplus = max(0, sum(votes[c] - quota for c in elected))
                if newly:
                    status = "elected"
                    break
                if surplus < omega_units:
                    status = "omega"
                    break
                if last_surplus is not None and surplus >= last_surplus:
                    status = "stable"
                    break
                for c in elected:
                    if votes[c] > 0:
                        scaled = -(-keep[c] * quota // UNIT)
                        keep[c] = min(UNIT, -(-scaled * UNIT // votes[c]))
                last_surplus = surplus
            action = Message.of(m.ACTION_MEEK_ROUND, iterations=passes)
            round_notes = [
                Message.of(m.NOTE_SURPLUS_TOTAL, surplus=as_votes(surplus)),
                Message.of(m.NOTE_MEEK_EXCESS, excess=as_votes(total - sum(votes))),
            ]
            if status == "elected":
                round_notes.append(Message(m.NOTE_MEEK_STATUS_ELECTED))
                record(action, elected_now=tuple(newly), round_notes=tuple(round_notes))
                continue
            round_notes.append(
                Message.of(
                    m.NOTE_MEEK_STATUS_OMEGA if status == "omega" else m.NOTE_MEEK_STATUS_STABLE,
                    surplus=as_votes(surplus),
                    omega=omega,
                )
            )
            lowest = min(votes[c] for c in hopeful)
            tied = [names[c] for c in hopeful if votes[c] <= lowest + surplus]
            if len(tied) > 1 and surplus:
                round_notes.append(Message(m.NOTE_TIED_WITHIN_SURPLUS))
            pending_notes = tuple(round_notes)
            chosen, tie = tiebreaker.choose(
                tied, history, lowest=True, purpose=TiePurpose.EXCLUSION
            )
            x = names.index(chosen)
            state[x] = EXCLUDED
            keep[x] = 0
            record(
                action,
                excluded_now=(x,),
                ties=(tie,) if tie else (),
                round_notes=tuple(round_notes),
            )

    except LotRequired as lot:
        tiebreaker.pending(lot.tied, lot.purpose)
        record(Message.of(m.ACTION_MEEK_ROUND, iterations=passes), round_notes=pending_notes)

    if not sb.valid:
        rounds.append(
            Round(
                1,
                Message(m.ACTION_FIRST_PREFERENCES),
                counts=tuple((name, as_votes(0)) for name in names),
            )
        )
    elif not tiebreaker.lot_pending and len(elected) < seats:
        rest = [c for c in range(n) if state[c] == HOPEFUL]
        votes = tree.distribute(keep, n)
        quota = sum(votes) // (seats + 1) + 1
        rest.sort(key=lambda c: (-votes[c], c))
        for c in rest:
            state[c] = ELECTED
            elected.append(c)
        record(Message(m.ACTION_LAST_VACANCIES), elected_now=tuple(rest))
        if len(elected) < seats:
            notes.append(Message.of(m.NOTE_SEATS_UNFILLED, elected=len(elected), seats=seats))
    return TallyResult(
        method="meek",
        method_name=m.METHOD_MEEK,
        candidates=names,
        seats=seats,
        winners=tuple(names[c] for c in elected),
        rounds=tuple(rounds),
        rule=Message.of(m.RULE_MEEK, omega=omega),
        **tiebreaker.lot_fields(),
        valid_ballots=sb.valid,
        invalid_ballots=sb.invalid,
        quota=rounds[-1].quota if rounds else None,
        title=profile.title,
        notes=tuple(notes),
    )


def _most_votes(
    reached: list[int],
    vacancies: int,
    votes: list[int],
    names: tuple[str, ...],
    history: list[tuple[int, dict[str, Number]]],
    tiebreaker: TieBreaker,
) -> list[int]:
    """More candidates reached the quota than there are vacancies (possible only with exact
    ties at the quota): take the ones with the most votes, ties by earlier rounds, then lot."""
    chosen: list[int] = []
    pool = list(reached)
    while len(chosen) < vacancies:
        best = max(votes[c] for c in pool)
        tied = [names[c] for c in pool if votes[c] == best]
        name, _ = tiebreaker.choose(tied, history, lowest=False, purpose=TiePurpose.SEAT)
        c = names.index(name)
        chosen.append(c)
        pool.remove(c)
    return chosen
