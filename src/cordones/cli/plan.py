"""``cordones plan SCENARIO.json [--format text|json]``: solve a planning scenario.

Reads a scenario (products, workplaces, techniques, needs, stocks; see docs/planning.md and
docs/examples/plan-schoolbooks.json), solves it with the planning engine and prints the plan
with its explanation. Needs no database.

Exit status: 0 a plan was found; 1 the scenario is infeasible (its commitments cannot all be
met) or the solver failed; 2 the command line or the scenario is malformed (a message per
problem on stderr, naming the field, and nothing on stdout).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

from cordones.domain.planning import (
    LIMITS,
    Plan,
    PlanningError,
    gettext_noop,
    plan_solve,
    scenario_from_dict,
)

Gettext = Callable[[str], str]
EXIT_OK, EXIT_INFEASIBLE, EXIT_INPUT = 0, 1, 2
MAX_BYTES = 512 * 1024 * 1024

TEXT: Mapping[str, str] = {
    "description": gettext_noop(
        "Solve a planning scenario: which techniques to run and what to deliver to each need."
    ),
    "input_help": gettext_noop("JSON scenario file ('-' reads stdin)"),
    "format_help": gettext_noop("output format (default: text)"),
    "method_help": gettext_noop("HiGHS method (default: chosen by size)"),
    "cannot_read": gettext_noop("cannot read %(path)s: %(reason)s"),
    "too_big": gettext_noop("the file is larger than %(max)s bytes"),
    "invalid_json": gettext_noop("invalid JSON at line %(line)s, column %(column)s: %(reason)s"),
    "duplicate_key": gettext_noop("the key %(key)s appears twice in one JSON object"),
    "not_finite": gettext_noop("%(value)s is not a finite number"),
    "error_line": gettext_noop("error: %(path)s: %(message)s"),
    "title": gettext_noop("Plan (%(method)s)"),
    "objective": gettext_noop("Weighted fulfilment (Σ priority × delivered): %(value)s"),
    "min_ratio": gettext_noop("Least-served need receives %(percent)s %% of what it asked"),
    "runs": gettext_noop("Technique runs"),
    "deliveries": gettext_noop("Deliveries"),
    "capacities": gettext_noop("Capacities (used / available, shadow price per hour)"),
    "explanation": gettext_noop("Why"),
    "labour": gettext_noop("Labour content (hours per unit, direct and indirect)"),
    "not_made": gettext_noop("not made here"),
}


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(TEXT["duplicate_key"] % {"key": json.dumps(key)})
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(TEXT["not_finite"] % {"value": name})


def _num(value: float) -> str:
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def plan_to_json(plan: Plan, gettext: Gettext) -> dict[str, Any]:
    return {
        "objective": plan.objective,
        "stage1_objective": plan.stage1_objective,
        "min_ratio": plan.min_ratio,
        "method": plan.method,
        "techniques": dict(plan.runs),
        "deliveries": dict(plan.deliveries),
        "shadow_prices": {
            "products": dict(plan.product_prices),
            "capacities": {c.id: c.shadow_price for c in plan.capacities},
        },
        "capacities": {
            c.id: {"used": c.used, "available": c.available, "binding": c in plan.binding}
            for c in plan.capacities
        },
        "unmet": [n.id for n in plan.unmet],
        "labour_content": dict(plan.labour_content),
        "explanation": [m.render(gettext) for m in plan.explanation],
        "residuals": {k: v if math.isfinite(v) else None for k, v in plan.residuals.items()},
    }


def plan_to_text(plan: Plan, gettext: Gettext) -> str:
    _ = gettext
    lines = [_(TEXT["title"]) % {"method": plan.method}, ""]
    lines.append(_(TEXT["objective"]) % {"value": _num(plan.objective)})
    if plan.min_ratio is not None:
        lines.append(_(TEXT["min_ratio"]) % {"percent": _num(100 * plan.min_ratio)})

    def table(title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        width = max(len(name) for name, _value in rows)
        lines.extend(["", title])
        lines.extend(f"  {name.ljust(width)}  {value}" for name, value in rows)

    table(_(TEXT["runs"]), [(k, _num(v)) for k, v in plan.runs.items() if v > 0])
    needs = {n.id: n for n in plan.scenario.needs}
    table(
        _(TEXT["deliveries"]),
        [
            (k, f"{_num(v)} / {_num(needs[k].quantity)}  {needs[k].community}")
            for k, v in plan.deliveries.items()
        ],
    )
    table(
        _(TEXT["capacities"]),
        [
            (
                c.id,
                f"{_num(c.used)} / {_num(c.available)}  {_num(c.shadow_price)}",
            )
            for c in plan.capacities
        ],
    )
    if plan.explanation:
        lines.extend(["", _(TEXT["explanation"])])
        lines.extend(f"  - {m.render(_)}" for m in plan.explanation)
    if plan.labour_content:
        units = {p.id: p.unit for p in plan.scenario.products}
        table(
            _(TEXT["labour"]),
            [
                (k, _(TEXT["not_made"]) if v is None else f"{_num(v)} h / {units[k]}")
                for k, v in plan.labour_content.items()
            ],
        )
    return "\n".join(lines) + "\n"


def _parser(gettext: Gettext) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cordones plan", description=gettext(TEXT["description"]))
    parser.add_argument("scenario", metavar="SCENARIO.json", help=gettext(TEXT["input_help"]))
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=gettext(TEXT["format_help"])
    )
    parser.add_argument(
        "--method",
        choices=("auto", "simplex", "ipm", "pdlp"),
        default="auto",
        help=gettext(TEXT["method_help"]),
    )
    return parser


def _read_text(path: str) -> str:
    if path == "-":
        text = sys.stdin.read(MAX_BYTES + 1)
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_BYTES + 1)
    if len(text) > MAX_BYTES:
        raise ValueError(TEXT["too_big"] % {"max": MAX_BYTES})
    return text


def _fail(problems: list[tuple[str, str]], gettext: Gettext, code: int) -> int:
    for path, message in problems:
        print(
            gettext(TEXT["error_line"]) % {"path": path or "SCENARIO", "message": message},
            file=sys.stderr,
        )
    return code


def _quiet_solver_banner() -> None:
    """HiGHS prints its banner on the process's stdout (C level) when the first solver is
    made; make that one with stdout pointed at /dev/null so JSON output stays clean."""
    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def main(argv: list[str], gettext: Gettext | None = None) -> int:
    _ = gettext or (lambda msgid: msgid)
    try:
        args = _parser(_).parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message on stderr
        return int(exc.code or 0)
    try:
        text = _read_text(args.scenario)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        message = _(TEXT["cannot_read"]) % {"path": args.scenario, "reason": reason}
        return _fail([("SCENARIO", message)], _, EXIT_INPUT)
    try:
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        message = _(TEXT["invalid_json"]) % {
            "line": exc.lineno,
            "column": exc.colno,
            "reason": exc.msg,
        }
        return _fail([("SCENARIO", message)], _, EXIT_INPUT)
    except (ValueError, RecursionError) as exc:
        return _fail([("SCENARIO", str(exc))], _, EXIT_INPUT)
    try:
        scenario = scenario_from_dict(data)
    except PlanningError as exc:
        return _fail([(p.path, p.render(_)) for p in exc.problems], _, EXIT_INPUT)
    _quiet_solver_banner()
    try:
        plan = plan_solve(scenario, method=args.method)
    except PlanningError as exc:
        return _fail([(p.path, p.render(_)) for p in exc.problems], _, EXIT_INFEASIBLE)
    if args.format == "json":
        sys.stdout.write(json.dumps(plan_to_json(plan, _), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(plan_to_text(plan, _))
    return EXIT_OK


__all__ = ["LIMITS", "main", "plan_to_json", "plan_to_text"]

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
