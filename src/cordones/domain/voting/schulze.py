"""The Schulze method (beatpath).

Markus Schulze, "A new monotonic, clone-independent, reversal symmetric, and
Condorcet-consistent single-winner election method", Social Choice and Welfare 36 (2011) 267-303.

``d[a][b]`` counts the ballots ranking ``a`` above ``b`` (unranked candidates are ranked equally,
below all ranked ones).  A link ``a -> b`` exists when ``d[a][b] > d[b][a]``; its strength is
``d[a][b]`` (winning votes, Schulze's default) or ``d[a][b] - d[b][a]`` (margins).  The strength
of a path is its weakest link and ``p[a][b]`` the strongest path from ``a`` to ``b``
(Floyd-Warshall).  ``a`` beats ``b`` when ``p[a][b] > p[b][a]``; this relation is transitive,
so the candidates beaten by nobody are the winners and peeling them off repeatedly gives the
Schulze ranking, with ties as groups.  Several winners are a tie, decided by lot with the seed.
"""

from __future__ import annotations

from cordones.domain.voting import messages as m
from cordones.domain.voting.ballots import Rank, RankedProfile, rank_members
from cordones.domain.voting.common import fill_seats
from cordones.domain.voting.messages import Message
from cordones.domain.voting.pairwise import IndexedRanking, pairwise_matrix
from cordones.domain.voting.result import Round, TallyError, TallyResult, TieResolution
from cordones.domain.voting.ties import TieBreaker


def _without(ranking: tuple[Rank, ...], withdrawn: frozenset[str]) -> tuple[Rank, ...]:
    kept: list[Rank] = []
    for rank in ranking:
        members = tuple(c for c in rank_members(rank) if c not in withdrawn)
        if len(members) == 1:
            kept.append(members[0])
        elif members:
            kept.append(frozenset(members))
    return tuple(kept)


def strongest_paths(d: list[list[int]], strength: str = "winning") -> list[list[int]]:
    n = len(d)
    p = [[0] * n for _ in range(n)]
    for a in range(n):
        for b in range(n):
            if a != b and d[a][b] > d[b][a]:
                p[a][b] = d[a][b] if strength == "winning" else d[a][b] - d[b][a]
    for i in range(n):
        pi = p[i]
        for j in range(n):
            if j == i:
                continue
            pj = p[j]
            pji = pj[i]
            if not pji:
                continue
            for k in range(n):
                if k != i and k != j:
                    via = pji if pji < pi[k] else pi[k]
                    if via > pj[k]:
                        pj[k] = via
    return p


def schulze_ranking(p: list[list[int]]) -> list[list[int]]:
    """Groups of candidates, best first: each group is beaten by nobody left."""
    remaining = list(range(len(p)))
    groups = []
    while remaining:
        group = [a for a in remaining if all(p[a][b] >= p[b][a] for b in remaining if b != a)]
        if not group:  # pragma: no cover - impossible: the relation is transitive
            raise AssertionError("the Schulze relation has a cycle")
        groups.append(group)
        remaining = [c for c in remaining if c not in group]
    return groups


def count_schulze(
    profile: RankedProfile,
    *,
    seats: int = 1,
    strength: str = "winning",
    seed: int | None = None,
) -> TallyResult:
    if not isinstance(profile, RankedProfile):
        raise TallyError("the Schulze method counts ranked ballots")
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise TallyError("the number of seats must be a whole number of at least 1")
    if strength not in ("winning", "margin"):
        raise TallyError("strength must be 'winning' or 'margin'")
    withdrawn = profile.withdrawn
    names = tuple(c for c in profile.candidates if c not in withdrawn)
    index = {name: i for i, name in enumerate(names)}
    n = len(names)
    strict: list[bytes] = []
    strict_counts: list[int] = []
    weak: list[IndexedRanking] = []
    weak_counts: list[int] = []
    valid = invalid = 0
    position = index.__getitem__
    fits_bytes = n <= 255
    for ranking, count in profile.aggregated():
        if withdrawn:
            ranking = _without(ranking, withdrawn)
        if not ranking:
            invalid += count
            continue
        valid += count
        if fits_bytes and set(map(type, ranking)) <= {str}:
            strict.append(bytes(map(position, ranking)))  # type: ignore[arg-type]
            strict_counts.append(count)
        else:
            weak.append(tuple(tuple(map(position, rank_members(rank))) for rank in ranking))
            weak_counts.append(count)
    d = pairwise_matrix(n, strict, strict_counts, weak, weak_counts)
    p = strongest_paths(d, strength)
    groups = [[names[c] for c in group] for group in schulze_ranking(p)]
    tiebreaker = TieBreaker(names, seed)
    winners, tied, tie = fill_seats(groups, seats, tiebreaker)
    beats = {names[a]: sum(1 for b in range(n) if p[a][b] > p[b][a]) for a in range(n)}
    notes = [
        Message(
            m.NOTE_SCHULZE_STRENGTH_WINNING
            if strength == "winning"
            else m.NOTE_SCHULZE_STRENGTH_MARGIN
        ),
        Message(m.NOTE_SCHULZE_UNRANKED),
    ]
    if seats > 1:
        notes.append(Message(m.NOTE_SCHULZE_SEATS))
    rounds = (
        Round(
            number=1,
            action=Message(m.ACTION_PAIRWISE),
            pairwise=tuple(
                (names[a], names[b], d[a][b]) for a in range(n) for b in range(n) if a != b
            ),
        ),
        Round(
            number=2,
            action=Message(m.ACTION_PATHS),
            counts=tuple(beats.items()),
            elected=winners,
            pairwise=tuple(
                (names[a], names[b], p[a][b]) for a in range(n) for b in range(n) if a != b
            ),
            ties=(tie,) if tie else (),
        ),
    )
    return TallyResult(
        method="schulze",
        method_name=m.METHOD_SCHULZE,
        candidates=names,
        seats=seats,
        winners=winners,
        rounds=rounds,
        rule=Message(m.RULE_SCHULZE),
        ranking=tuple(tuple(g) for g in groups),
        tied=tied,
        ties=tuple(tiebreaker.records),
        tie_broken_by_lot=tiebreaker.lot_used,
        lot_seed=seed if tiebreaker.lot_used else None,
        lot_required=tie is not None and tie.resolution is TieResolution.PENDING,
        valid_ballots=valid,
        invalid_ballots=invalid,
        title=profile.title,
        notes=tuple(notes),
    )
