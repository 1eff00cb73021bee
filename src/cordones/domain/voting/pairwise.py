"""Pairwise preference counts: ``d[a][b]`` = ballots ranking ``a`` strictly above ``b``.

A ballot ranks every candidate it lists above every candidate it leaves out; candidates it
leaves out, or ranks equally, are not compared.

:func:`pairwise_matrix` is the fast path used by the methods; :func:`pairwise_matrix_reference`
is the obvious double loop, kept to check it.  The fast path packs, for every candidate, the
rank it gets on each distinct strict ballot into one byte of a big integer ("lanes"), so that
one big-integer subtraction compares a pair of candidates on all ballots at once:

    lane of (P_b + 127) - P_a  =  127 + rank_b - rank_a,  whose top bit is set  <=>  a above b

Counting the top bits (``int.bit_count``) gives how many distinct ballots rank ``a`` above
``b``; ballot counts are handled one binary digit at a time.  Everything stays exact integer
arithmetic in the standard library.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Rankings as tuples of groups of candidate indices, best first (groups of one when strict).
IndexedRanking = tuple[tuple[int, ...], ...]

_MAX_FAST_CANDIDATES = 126  # ranks 0..126 fit 8-bit lanes with the +127 offset


def pairwise_matrix_reference(
    n: int, rankings: Sequence[IndexedRanking], counts: Sequence[int]
) -> list[list[int]]:
    d = [[0] * n for _ in range(n)]
    for ranking, count in zip(rankings, counts, strict=True):
        position = [len(ranking)] * n
        for level, group in enumerate(ranking):
            for c in group:
                position[c] = level
        for a in range(n):
            pa = position[a]
            row = d[a]
            for b in range(n):
                if pa < position[b]:
                    row[b] += count
    return d


def pairwise_matrix(
    n: int,
    strict: Sequence[Sequence[int]],
    strict_counts: Sequence[int],
    weak: Sequence[IndexedRanking] = (),
    weak_counts: Sequence[int] = (),
) -> list[list[int]]:
    """Pairwise counts for strict rankings (sequences of candidate indices, best first,
    possibly truncated) and weak ones (tuples of groups)."""
    d = pairwise_matrix_reference(n, weak, weak_counts) if weak else [[0] * n for _ in range(n)]
    if not strict:
        return d
    if n > _MAX_FAST_CANDIDATES:
        as_groups = [tuple((c,) for c in ranking) for ranking in strict]
        extra = pairwise_matrix_reference(n, as_groups, strict_counts)
        return [
            [x + y for x, y in zip(r1, r2, strict=True)] for r1, r2 in zip(d, extra, strict=True)
        ]
    _add_strict_lanes(d, n, strict, strict_counts)
    return d


def _add_strict_lanes(
    d: list[list[int]], n: int, rankings: Sequence[Sequence[int]], counts: Sequence[int]
) -> None:
    size = len(rankings)
    pad = 255  # no candidate
    # rows[i*n + k] = candidate at rank k on ballot i (or pad): one C-level slice per ballot
    rows = bytearray([pad]) * (size * n)
    for i, ranking in enumerate(rankings):
        start = i * n
        rows[start : start + len(ranking)] = ranking
    columns = [bytes(rows[k::n]) for k in range(n)]  # candidate at rank k, over all ballots
    ones = int.from_bytes(b"\x01" * size, "little")
    # P[c]: lane i = rank of c on ballot i, or n when unranked
    ranks = []
    for c in range(n):
        table = bytes(1 if x == c else 0 for x in range(256))
        acc = 0
        for k, column in enumerate(columns):
            if c in column:
                acc += (n - k) * int.from_bytes(column.translate(table), "little")
        ranks.append(n * ones - acc)
    offset = 127 * ones
    top_bits = []  # per binary digit of the counts: top bit of the lanes whose count has it
    for digit in range(max(counts).bit_length()):
        plane = bytes(0x80 if (count >> digit) & 1 else 0 for count in counts)
        top_bits.append((digit, int.from_bytes(plane, "little")))
    for a in range(n):
        pa = ranks[a]
        row = d[a]
        for b in range(n):
            if a == b:
                continue
            lanes = ranks[b] + offset - pa
            total = 0
            for digit, mask in top_bits:
                total += (lanes & mask).bit_count() << digit
            row[b] += total
