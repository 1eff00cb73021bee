"""``cordones count FILE --method M``: count a ballot file and print the count sheet.

Reads PrefLib (.soc, .soi, .toc, .toi) and BLT (.blt) files.  No database, no Django: tellers
can run it on any machine.

Exit status: 0 counted; 1 the file is missing or malformed, or cannot be counted this way;
2 bad command line; 3 the count stopped because a tie must be decided by lot (count again with
``--seed``, drawn publicly).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from cordones.domain.voting import (
    ParseError,
    TallyError,
    TallyResult,
    parse_ballot_file,
    render_count_sheet,
    tally,
)
from cordones.domain.voting.messages import Number

METHOD_CHOICES = ("irv", "stv", "meek", "schulze", "approval", "plurality")
EXTENSIONS = (".soc", ".soi", ".toc", ".toi", ".blt")

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_LOT = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cordones count",
        description="Count a ballot file (PrefLib .soc/.soi/.toc/.toi or .blt) and print the "
        "round-by-round count sheet.",
    )
    parser.add_argument("file", help="the ballot file")
    parser.add_argument(
        "--method",
        required=True,
        choices=METHOD_CHOICES,
        help="irv: instant runoff; stv: single transferable vote, Scottish rules (SSI 2007/42); "
        "meek: STV by Meek's method; schulze: Schulze beatpath; approval: every ranked "
        "candidate counts as approved; plurality: first preferences",
    )
    parser.add_argument(
        "--seats",
        type=int,
        default=None,
        help="seats to fill (default: the .blt header, otherwise 1)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed for any lot needed to break a tie (draw it publicly)",
    )
    return parser


def _fail(message: str) -> int:
    print(f"cordones count: {message}", file=sys.stderr)
    return EXIT_INPUT


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help or a usage error, already printed by argparse
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else EXIT_USAGE

    path = Path(args.file)
    extension = path.suffix.lower()
    if extension not in EXTENSIONS:
        return _fail(
            f"{path}: unknown file type {extension or '(none)'!r}; "
            f"expected one of {', '.join(EXTENSIONS)}"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _fail(f"{path}: no such file")
    except OSError as error:
        return _fail(f"{path}: cannot read the file: {error.strerror or error}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        print(f"cordones count: {path}: not UTF-8; read as Latin-1", file=sys.stderr)

    try:
        parsed = parse_ballot_file(text, extension)
    except ParseError as error:
        return _fail(f"{path}: {error}")

    seats = args.seats if args.seats is not None else (parsed.seats or 1)
    if seats < 1:
        print("cordones count: --seats must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    options: dict[str, object] = {"seed": args.seed}
    if args.method == "irv":
        if seats != 1:
            print(
                "cordones count: irv elects one candidate; use stv or meek for more seats",
                file=sys.stderr,
            )
            return EXIT_USAGE
    else:
        options["seats"] = seats
    try:
        result = tally(args.method, parsed.profile, **options)
    except TallyError as error:
        return _fail(f"{path}: {error}")

    if args.format == "json":
        json.dump(result_as_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_count_sheet(result))
    if result.lot_required:
        print(
            f"cordones count: a tie between {', '.join(result.tied)} must be decided by lot; "
            "count again with --seed N (draw N publicly)",
            file=sys.stderr,
        )
        return EXIT_LOT
    return EXIT_OK


def _number(value: Number | None) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return str(value)
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def result_as_json(result: TallyResult) -> dict[str, object]:
    """The result as JSON-ready data; exact numbers are strings (``"123.45678"``, ``"7/3"``)."""

    def tie(t: object) -> dict[str, object]:
        return {
            "candidates": list(t.candidates),  # type: ignore[attr-defined]
            "purpose": t.purpose.value,  # type: ignore[attr-defined]
            "resolution": t.resolution.value,  # type: ignore[attr-defined]
            "chosen": list(t.chosen),  # type: ignore[attr-defined]
            "decided_by_round": t.decided_by_round,  # type: ignore[attr-defined]
        }

    rounds = []
    for r in result.rounds:
        rounds.append(
            {
                "number": r.number,
                "action": r.action.render(),
                "counts": {name: _number(value) for name, value in r.counts},
                "elected": list(r.elected),
                "excluded": list(r.excluded),
                "transfers": [
                    {
                        "from": t.source,
                        "to": t.target,
                        "papers": t.papers,
                        "votes": _number(t.votes),
                        "transfer_value": _number(t.transfer_value),
                    }
                    for t in r.transfers
                ],
                "exhausted": _number(r.exhausted),
                "loss": _number(r.loss),
                "quota": _number(r.quota),
                "keep_values": {name: _number(v) for name, v in r.keep_values},
                "pairwise": [[a, b, _number(v)] for a, b, v in r.pairwise],
                "ties": [tie(t) for t in r.ties],
                "notes": [note.render() for note in r.notes],
            }
        )
    return {
        "method": result.method,
        "method_name": result.method_name,
        "title": result.title,
        "rule": result.rule.render() if result.rule else None,
        "seats": result.seats,
        "candidates": list(result.candidates),
        "winners": list(result.winners),
        "ranking": [list(group) for group in result.ranking],
        "tied": list(result.tied),
        "ties": [tie(t) for t in result.ties],
        "tie_broken_by_lot": result.tie_broken_by_lot,
        "lot_seed": result.lot_seed,
        "lot_required": result.lot_required,
        "complete": result.complete,
        "valid_ballots": result.valid_ballots,
        "invalid_ballots": result.invalid_ballots,
        "quota": _number(result.quota),
        "notes": [note.render() for note in result.notes],
        "rounds": rounds,
    }
