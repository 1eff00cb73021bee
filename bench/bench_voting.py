"""Benchmark of the voting engine beside pref_voting, on the same input in the same run.

    .venv/bin/python bench/bench_voting.py [--repeat N] [--voters N] [--seed N]

(a) Scottish STV on Dublin North 2002 (43,942 ballots, 19,299 distinct, 12 candidates, 4 seats)
    against pref_voting's ``stv_scottish``;
(b) Schulze on random complete rankings (100,000 voters over 20 candidates by default, seeded)
    against pref_voting's ``beat_path``;
(c) Meek STV on Dublin North 2002 against pref_voting's ``stv_meek``, which runs in a child
    process stopped after ``--meek-timeout`` seconds (reported as "did not finish in N s").

Each side is timed twice: building its profile from plain Python lists, and counting.  The best
of ``--repeat`` runs is reported.  The winners of both sides are compared.  Times are never
asserted in tests: this script only prints them, and under `make bench` (``BENCH_DOCS`` set)
writes them as the table of docs/benchmarks.md's voting section.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from bench.report import machine_line, write_section  # noqa: E402
from cordones.domain.voting import RankedBallot, RankedProfile, parse_preflib, tally  # noqa: E402

T = TypeVar("T")

#: The markdown rows of the table, in the order measured, and whether both sides agreed.
TABLE: list[str] = []
AGREEMENT: list[str] = []


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    best = float("inf")
    value: T
    for _ in range(repeat):
        start = time.perf_counter()
        value = run()
        best = min(best, time.perf_counter() - start)
    return best, value


def preflib_dir() -> Path:
    return ROOT / "tests" / "data" / "preflib"


def speed_up(ours: float, theirs: float) -> str:
    ratio = theirs / ours
    return f"{ratio:.1f}x" if ratio >= 1 else f"{ratio:.3f}x"


def row(label: str, ours: float, theirs: float, table_label: str) -> str:
    """One printed line; the same figures become a row of the docs table."""
    shown = speed_up(ours, theirs)
    TABLE.append(f"| {table_label} | {ours:.3f} s | {theirs:.3f} s | {shown.replace('x', '×')} |")
    return f"  {label:<28} {ours:>9.3f} s {theirs:>9.3f} s {shown:>9}"


def header() -> str:
    return f"  {'':<28} {'cordones':>11} {'pref_voting':>11} {'speed-up':>9}"


def bench_stv(repeat: int) -> tuple[list[tuple[tuple[str, ...], int]], tuple[str, ...]]:
    from pref_voting.profiles_with_ties import ProfileWithTies
    from pref_voting.proportional_methods import stv_scottish

    text = (preflib_dir() / "dublin-north-2002.soi").read_text(encoding="utf-8")
    parse_time, parsed = best_of(repeat, lambda: parse_preflib(text, "soi"))
    profile = parsed.profile
    # the shared input: plain tuples of names (the .soi file has strict rankings only)
    plain = [(tuple(str(c) for c in b.ranking), b.count) for b in profile.ballots]
    names = profile.candidates
    index = {name: i for i, name in enumerate(names)}

    ours_build, ours_profile = best_of(
        repeat,
        lambda: RankedProfile(names, tuple(RankedBallot(r, c) for r, c in plain)),
    )
    ours_count, ours_result = best_of(repeat, lambda: tally("stv", ours_profile, seats=4))

    def pv_build() -> ProfileWithTies:
        return ProfileWithTies(
            [{index[c]: i + 1 for i, c in enumerate(r)} for r, _ in plain],
            rcounts=[c for _, c in plain],
            candidates=list(range(len(names))),
        )

    pv_build_time, pv_profile = best_of(repeat, pv_build)
    pv_count, pv_winners = best_of(
        repeat, lambda: stv_scottish(pv_profile, num_seats=4, rng=random.Random(0))
    )
    agree = set(ours_result.winners) == {names[i] for i in pv_winners}

    print(
        "(a) Scottish STV, Dublin North 2002: 43,942 ballots (19,299 distinct), 12 candidates,"
        " 4 seats"
    )
    print(f"  parse the .soi file (cordones): {parse_time:.3f} s")
    print(header())
    stv = "Scottish STV, Dublin North 2002 (43,942 ballots, 4 seats)"
    print(row("build profile", ours_build, pv_build_time, f"{stv}: build profile"))
    print(row("count", ours_count, pv_count, "… count"))
    both_ours, both_pv = ours_build + ours_count, pv_build_time + pv_count
    print(row("build + count", both_ours, both_pv, "… build + count"))
    print(f"  elected (cordones): {', '.join(ours_result.winners)}")
    print(f"  same winners as pref_voting: {'yes' if agree else 'NO'}")
    print()
    AGREEMENT.append(f"Scottish STV {'yes' if agree else 'NO'}")
    return plain, names


def _pv_meek(
    plain: list[tuple[tuple[str, ...], int]], names: tuple[str, ...], seats: int, out: object
) -> None:
    """In the child process: build pref_voting's profile and time its ``stv_meek``."""
    from pref_voting.profiles_with_ties import ProfileWithTies
    from pref_voting.proportional_methods import stv_meek

    index = {name: i for i, name in enumerate(names)}
    profile = ProfileWithTies(
        [{index[c]: i + 1 for i, c in enumerate(r)} for r, _ in plain],
        rcounts=[c for _, c in plain],
        candidates=list(range(len(names))),
    )
    start = time.perf_counter()
    winners = stv_meek(profile, num_seats=seats)
    elapsed = time.perf_counter() - start
    out.put((elapsed, sorted(names[i] for i in winners)))  # type: ignore[attr-defined]


def bench_meek(
    repeat: int, plain: list[tuple[tuple[str, ...], int]], names: tuple[str, ...], timeout: float
) -> None:
    seats = 4
    profile = RankedProfile(names, tuple(RankedBallot(r, c) for r, c in plain))
    ours, result = best_of(repeat, lambda: tally("meek", profile, seats=seats))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_pv_meek, args=(plain, names, seats, queue))
    child.start()
    child.join(timeout)
    print("(c) Meek STV, Dublin North 2002, 4 seats (count only; pref_voting once, in a child)")
    print(header())
    label = "Meek STV, Dublin North 2002 (4 seats): count"
    if child.is_alive():
        child.terminate()
        child.join()
        print(f"  {'count':<28} {ours:>9.3f} s  did not finish in {timeout:.0f} s")
        TABLE.append(f"| {label} | {ours:.3f} s | did not finish in {timeout:.0f} s | — |")
    else:
        theirs, their_winners = queue.get()
        print(row("count", ours, theirs, label))
        agree = sorted(result.winners) == their_winners
        print(f"  same winners as pref_voting: {'yes' if agree else 'NO'}")
        AGREEMENT.append(f"Meek STV {'yes' if agree else 'NO'}")
    print(f"  elected (cordones): {', '.join(result.winners)}")
    print()


def bench_schulze(repeat: int, voters: int, seed: int, candidates: int = 20) -> None:
    from pref_voting.margin_based_methods import beat_path
    from pref_voting.profiles import Profile

    rng = random.Random(seed)
    names = tuple(f"C{i:02d}" for i in range(candidates))
    orders: list[list[int]] = []
    for _ in range(voters):
        order = list(range(candidates))
        rng.shuffle(order)
        orders.append(order)
    named = [tuple(names[i] for i in order) for order in orders]

    ours_build, ours_profile = best_of(
        repeat, lambda: RankedProfile(names, tuple(RankedBallot(r) for r in named))
    )
    ours_count, ours_result = best_of(repeat, lambda: tally("schulze", ours_profile, seed=seed))
    pv_build_time, pv_profile = best_of(repeat, lambda: Profile(orders))
    pv_count, pv_winners = best_of(repeat, lambda: beat_path(pv_profile))
    agree = set(ours_result.ranking[0]) == {names[i] for i in pv_winners}

    print(
        f"(b) Schulze: {voters:,} random complete rankings over {candidates} candidates "
        f"(seed {seed})"
    )
    print(header())
    schulze = f"Schulze, {voters:,} random rankings × {candidates} candidates"
    print(row("build profile", ours_build, pv_build_time, f"{schulze}: build profile"))
    print(row("count", ours_count, pv_count, "… count"))
    both_ours, both_pv = ours_build + ours_count, pv_build_time + pv_count
    print(row("build + count", both_ours, both_pv, "… build + count"))
    print("  (pref_voting counts the pairwise margins while building its Profile, with numpy;")
    print("   cordones counts them in tally(), so compare build + count.)")
    print(f"  Schulze winners (cordones): {', '.join(ours_result.ranking[0])}")
    print(f"  same winners as pref_voting: {'yes' if agree else 'NO'}")
    AGREEMENT.append(f"Schulze {'yes' if agree else 'NO'}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--voters", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--meek-timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    import pref_voting

    version = getattr(pref_voting, "__version__", "?")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"pref_voting {version}, best of {args.repeat}"
    )
    print()
    plain, names = bench_stv(args.repeat)
    bench_schulze(args.repeat, args.voters, args.seed)
    bench_meek(args.repeat, plain, names, args.meek_timeout)
    write_section(
        "voting",
        f"""{machine_line()} pref_voting {version}; best of {args.repeat}, the same input for
both in the same run (pref_voting's Meek: once, stopped after {args.meek_timeout:.0f} s).

| | cordones | pref_voting | speed-up |
|---|---|---|---|
"""
        + "\n".join(TABLE)
        + """

For Schulze, compare build + count: pref_voting counts the pairwise margins with numpy while
building its `Profile`, so its `beat_path` only runs Floyd–Warshall. Same winners on both
sides: """
        + ", ".join(AGREEMENT)
        + ".",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
