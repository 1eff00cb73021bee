"""``cordones surplus INPUT.json [--format text|json]``: a what-if surplus calculator.

For councils and accountants: reads a JSON description of a year surplus, a statute policy
and the members, applies ``cordones.domain.surplus.surplus_distribute`` and prints the funds
and each member's retorno. Needs no database. Bad input exits with status 2, a message per
problem on stderr naming the field, and nothing on stdout. Money and rates are decimal
*strings* ("1234.50", "0.06"): JSON numbers with a fraction are refused because they are
floats; whole JSON numbers are accepted.

Example input::

    {"policy": "ar-20337", "currency": "ARS", "surplus": "1000000.00", "basis": "hours",
     "share_interest_rate": "0.06",
     "members": [{"id": "ana", "hours": "1600", "paid_in_shares": "5000.00"},
                 {"id": "beto", "hours": "800"}]}
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from cordones.domain.surplus import (
    PRESETS,
    Allocation,
    Basis,
    Member,
    MemberLine,
    SurplusError,
    SurplusPolicy,
    fund_labels,
    gettext_noop,
    policy_with,
    surplus_distribute,
)

Gettext = Callable[[str], str]

# Every user-facing string of this command, as English msgids (pass `gettext` to translate).
TEXT: Mapping[str, str] = {
    "description": gettext_noop(
        "What-if distribution of a cooperative's year surplus under a statute policy."
    ),
    "input_help": gettext_noop(
        "JSON file with the surplus, policy, basis and members ('-' reads stdin)"
    ),
    "format_help": gettext_noop("output format (default: text)"),
    "cannot_read": gettext_noop("cannot read %(path)s: %(reason)s"),
    "invalid_json": gettext_noop("invalid JSON at line %(line)s, column %(column)s: %(reason)s"),
    "duplicate_key": gettext_noop("the key %(key)s appears twice in one JSON object"),
    "not_object": gettext_noop("must be a JSON object"),
    "not_list": gettext_noop("must be a JSON list"),
    "unknown_field": gettext_noop("unknown field (expected one of: %(allowed)s)"),
    "missing": gettext_noop("is required"),
    "not_string": gettext_noop("must be a string"),
    "empty": gettext_noop("must not be empty"),
    "float_number": gettext_noop(
        'the JSON number %(value)s is a float; write it as a decimal string, e.g. "%(value)s"'
    ),
    "not_decimal": gettext_noop('must be a decimal string such as "1234.50", got %(value)s'),
    "unknown_policy": gettext_noop('unknown policy "%(value)s" (known: %(allowed)s)'),
    "unknown_basis": gettext_noop('unknown basis "%(value)s" (known: %(allowed)s)'),
    "unknown_fund": gettext_noop(
        'policy %(policy)s has no fund "%(value)s" (its funds: %(allowed)s)'
    ),
    "bad_currency": gettext_noop('must be a 3-letter currency code such as ARS, got "%(value)s"'),
    "error_line": gettext_noop("error: %(path)s: %(message)s"),
    # text output
    "title": gettext_noop("Surplus distribution: %(name)s (%(policy)s)"),
    "source": gettext_noop("Source: %(source)s"),
    "header": gettext_noop("Currency: %(currency)s    Basis: %(basis)s"),
    "surplus": gettext_noop("Year surplus"),
    "distributable": gettext_noop("Distributable surplus"),
    "rate_suffix": gettext_noop("(%(rate)s %%)"),
    "losses_carried": gettext_noop("Losses carried forward"),
    "reserves_pending": gettext_noop("Reserves still to rebuild"),
    "capital_note": gettext_noop(
        "The non-cash part of each retorno is credited to the member's capital account."
    ),
    "warnings": gettext_noop("Warnings:"),
    "col_member": gettext_noop("Member"),
    "col_basis": gettext_noop("%(basis)s"),
    "col_share": gettext_noop("Share"),
    "col_retorno": gettext_noop("Retorno"),
    "col_cash": gettext_noop("Cash"),
    "col_capital": gettext_noop("Capital"),
    "col_interest": gettext_noop("Share interest"),
    "col_total": gettext_noop("Total"),
    "total_row": gettext_noop("Total"),
}

TOP_FIELDS = (
    "policy",
    "currency",
    "surplus",
    "basis",
    "losses_to_cover",
    "reserves_to_rebuild",
    "share_interest_rate",
    "share_interest_cap",
    "fund_rates",
    "members",
)
MEMBER_FIELDS = ("id", "hours", "retiros", "coefficient", "paid_in_shares")
DECIMAL_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
EXIT_INPUT = 2


class _JsonFloat(str):
    """A JSON number with a fraction or exponent, kept as its text to be refused clearly."""


class _InputError(Exception):
    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(TEXT["duplicate_key"] % {"key": json.dumps(key)})
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(TEXT["not_decimal"] % {"value": name})


class _Reader:
    """Collects (path, msgid-rendered message) problems while converting the input."""

    def __init__(self, gettext: Gettext):
        self._ = gettext
        self.problems: list[tuple[str, str]] = []

    def problem(self, path: str, key: str, **params: object) -> None:
        self.problems.append((path, self._(TEXT[key]) % params))

    def decimal(self, value: object, path: str) -> Decimal | None:
        if isinstance(value, _JsonFloat):
            self.problem(path, "float_number", value=str(value))
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        if isinstance(value, str) and DECIMAL_RE.match(value.strip()):
            return Decimal(value.strip())
        self.problem(path, "not_decimal", value=json.dumps(value))
        return None

    def string(self, value: object, path: str) -> str | None:
        if not isinstance(value, str):
            self.problem(path, "not_string")
            return None
        if not value.strip():
            self.problem(path, "empty")
            return None
        return value.strip()

    def unknown_fields(self, data: Mapping[str, object], allowed: tuple[str, ...], at: str):
        for key in data:
            if key not in allowed:
                self.problem(f"{at}{key}", "unknown_field", allowed=", ".join(allowed))


def _parse(text: str, reader: _Reader) -> dict[str, Any]:
    try:
        data = json.loads(
            text,
            parse_float=_JsonFloat,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise _InputError(
            [
                (
                    "INPUT",
                    reader._(TEXT["invalid_json"])
                    % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg},
                )
            ]
        ) from None
    except ValueError as exc:
        raise _InputError([("INPUT", str(exc))]) from None
    if not isinstance(data, dict):
        raise _InputError([("INPUT", reader._(TEXT["not_object"]))])
    return data


def _read_request(data: dict[str, Any], reader: _Reader) -> dict[str, Any]:
    """Turn the parsed JSON into keyword arguments for `surplus_distribute` (or raise)."""
    reader.unknown_fields(data, TOP_FIELDS, "")
    for required in ("policy", "surplus", "basis", "members"):
        if required not in data:
            reader.problem(required, "missing")

    policy: SurplusPolicy | None = None
    if "policy" in data:
        policy_id = reader.string(data["policy"], "policy")
        if policy_id is not None:
            policy = PRESETS.get(policy_id)
            if policy is None:
                reader.problem(
                    "policy", "unknown_policy", value=policy_id, allowed=", ".join(PRESETS)
                )

    currency = None
    if "currency" in data:
        currency = reader.string(data["currency"], "currency")
        if currency is not None and not CURRENCY_RE.match(currency):
            reader.problem("currency", "bad_currency", value=currency)
            currency = None

    basis = None
    if "basis" in data:
        basis = reader.string(data["basis"], "basis")
        if basis is not None and basis not in {b.value for b in Basis}:
            reader.problem(
                "basis", "unknown_basis", value=basis, allowed=", ".join(b.value for b in Basis)
            )
            basis = None

    amounts: dict[str, Decimal | None] = {}
    for name in (
        "surplus",
        "losses_to_cover",
        "reserves_to_rebuild",
        "share_interest_rate",
        "share_interest_cap",
    ):
        if name in data:
            amounts[name] = reader.decimal(data[name], name)

    fund_rates: dict[str, Decimal] = {}
    if "fund_rates" in data:
        raw = data["fund_rates"]
        if not isinstance(raw, dict):
            reader.problem("fund_rates", "not_object")
        else:
            keys = [rule.key for rule in policy.funds] if policy else None
            for key, value in raw.items():
                if keys is not None and key not in keys:
                    reader.problem(
                        f"fund_rates.{key}",
                        "unknown_fund",
                        policy=policy.id if policy else "",
                        value=key,
                        allowed=", ".join(keys),
                    )
                    continue
                rate = reader.decimal(value, f"fund_rates.{key}")
                if rate is not None:
                    fund_rates[key] = rate

    members: list[Member] = []
    if "members" in data:
        raw_members = data["members"]
        if not isinstance(raw_members, list):
            reader.problem("members", "not_list")
        else:
            for index, raw in enumerate(raw_members):
                member = _read_member(raw, f"members[{index}]", reader)
                if member is not None:
                    members.append(member)

    if reader.problems or policy is None or basis is None:
        raise _InputError(reader.problems)
    policy = policy_with(
        policy, fund_rates=fund_rates, share_interest_cap=amounts.get("share_interest_cap")
    )
    return {
        "policy": policy,
        "surplus": amounts["surplus"],
        "basis": basis,
        "members": members,
        "losses_to_cover": amounts.get("losses_to_cover") or Decimal(0),
        "reserves_to_rebuild": amounts.get("reserves_to_rebuild") or Decimal(0),
        "share_interest_rate": amounts.get("share_interest_rate"),
        "currency": currency or policy.default_currency,
    }


def _read_member(raw: object, path: str, reader: _Reader) -> Member | None:
    if not isinstance(raw, dict):
        reader.problem(path, "not_object")
        return None
    reader.unknown_fields(raw, MEMBER_FIELDS, f"{path}.")
    member_id: str | None = None
    if "id" not in raw:
        reader.problem(f"{path}.id", "missing")
    elif isinstance(raw["id"], int) and not isinstance(raw["id"], bool):
        member_id = str(raw["id"])
    else:
        member_id = reader.string(raw["id"], f"{path}.id")
    values: dict[str, Decimal | None] = {}
    for name in ("hours", "retiros", "coefficient", "paid_in_shares"):
        if name in raw:
            values[name] = reader.decimal(raw[name], f"{path}.{name}")
    if member_id is None:
        return None
    return Member(
        id=member_id,
        hours=values.get("hours"),
        retiros=values.get("retiros"),
        coefficient=values.get("coefficient"),
        paid_in_shares=values.get("paid_in_shares") or Decimal(0),
    )


_POLICY_FIELDS = {"fund_below_minimum", "fund_above_maximum"}


def _error_path(err: SurplusError) -> str:
    if err.index is not None:
        return f"members[{err.index}].{err.field}"
    if err.code in _POLICY_FIELDS:
        return f"fund_rates.{err.field}"
    if err.code == "fund_rates_exceed_total":
        return "fund_rates"
    if err.code in {"no_members", "no_work"}:
        return "members"
    return err.field or "INPUT"


# ---------------------------------------------------------------- output


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _percent(rate: Decimal) -> str:
    text = f"{rate * 100:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def allocation_to_json(allocation: Allocation, policy: SurplusPolicy, gettext: Gettext) -> dict:
    rate = allocation.share_interest_rate
    return {
        "policy": policy.id,
        "policy_name": policy.name,
        "source": policy.source,
        "currency": allocation.currency,
        "basis": allocation.basis,
        "surplus": _money(allocation.surplus),
        "distributable": _money(allocation.distributable),
        "distributed": allocation.distributed,
        "funds": {key: _money(amount) for key, amount in allocation.funds.items()},
        "share_interest_rate": None if rate is None else f"{rate:f}",
        "losses_carried_forward": _money(allocation.losses_carried_forward),
        "reserves_pending": _money(allocation.reserves_pending),
        "credited_to_capital_accounts": allocation.credited_to_capital_accounts,
        "members": [
            {
                "id": line.id,
                "basis_value": f"{line.basis_value:f}",
                "share": f"{line.share:f}",
                "retorno": _money(line.retorno),
                "retorno_cash": _money(line.retorno_cash),
                "retorno_capital": _money(line.retorno_capital),
                "share_interest": _money(line.share_interest),
                "total": _money(line.total),
            }
            for line in allocation.members
        ],
        "notes": [e.message(gettext) for e in allocation.errors],
        "warnings": [w.message(gettext) for w in allocation.warnings],
    }


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def allocation_to_text(allocation: Allocation, policy: SurplusPolicy, gettext: Gettext) -> str:
    _ = gettext
    lines = [
        _(TEXT["title"]) % {"name": policy.name, "policy": policy.id},
        _(TEXT["source"]) % {"source": policy.source},
        _(TEXT["header"]) % {"currency": allocation.currency, "basis": allocation.basis},
        "",
    ]
    labels = fund_labels(policy)
    rates = {rule.key: rule.rate for rule in policy.funds}
    if allocation.share_interest_rate is not None:
        rates["share_interest"] = allocation.share_interest_rate
    funds = allocation.funds
    rows = [[_(TEXT["surplus"]), f"{allocation.surplus:,.2f}"]]
    for key in ("losses_covered", "reserves_rebuilt"):
        rows.append([f"  {_(labels[key])}", f"{funds.get(key, Decimal(0)):,.2f}"])
    rows.append([_(TEXT["distributable"]), f"{allocation.distributable:,.2f}"])
    for key, amount in funds.items():
        if key in ("losses_covered", "reserves_rebuilt"):
            continue
        if key == "share_interest" and not policy.share_interest_allowed:
            continue
        label = _(labels.get(key, key))
        if key in rates:
            label += " " + _(TEXT["rate_suffix"]) % {"rate": _percent(rates[key])}
        rows.append([f"  {label}", f"{amount:,.2f}"])
    if allocation.losses_carried_forward:
        rows.append([_(TEXT["losses_carried"]), f"{allocation.losses_carried_forward:,.2f}"])
    if allocation.reserves_pending:
        rows.append([_(TEXT["reserves_pending"]), f"{allocation.reserves_pending:,.2f}"])
    lines.extend(_table(rows))

    if allocation.members:
        members = allocation.members
        split = allocation.credited_to_capital_accounts
        interest = policy.share_interest_allowed

        def money_total(values: Iterable[Decimal]) -> str:
            return f"{sum(values, Decimal(0)):,.2f}"

        # (header, cell of a member line, cell of the total row)
        columns: list[tuple[str, Callable[[MemberLine], str], str]] = [
            (_(TEXT["col_member"]), lambda m: m.id, _(TEXT["total_row"])),
            (
                _(TEXT["col_basis"]) % {"basis": allocation.basis},
                lambda m: f"{m.basis_value:f}",
                f"{allocation.basis_total:f}",
            ),
            (_(TEXT["col_share"]), lambda m: f"{m.share * 100:.4f} %", ""),
            (
                _(TEXT["col_retorno"]),
                lambda m: f"{m.retorno:,.2f}",
                money_total(m.retorno for m in members),
            ),
        ]
        if split:
            columns.append(
                (
                    _(TEXT["col_cash"]),
                    lambda m: f"{m.retorno_cash:,.2f}",
                    money_total(m.retorno_cash for m in members),
                )
            )
            columns.append(
                (
                    _(TEXT["col_capital"]),
                    lambda m: f"{m.retorno_capital:,.2f}",
                    money_total(m.retorno_capital for m in members),
                )
            )
        if interest:
            columns.append(
                (
                    _(TEXT["col_interest"]),
                    lambda m: f"{m.share_interest:,.2f}",
                    money_total(m.share_interest for m in members),
                )
            )
            columns.append(
                (
                    _(TEXT["col_total"]),
                    lambda m: f"{m.total:,.2f}",
                    money_total(m.total for m in members),
                )
            )
        table = [[header for header, _cell, _total in columns]]
        table.extend([cell(m) for _header, cell, _total in columns] for m in members)
        table.append([total for _header, _cell, total in columns])
        lines.append("")
        lines.extend(_table(table))
        if split:
            lines.append("")
            lines.append(_(TEXT["capital_note"]))
    if allocation.errors:
        lines.append("")
        lines.extend(e.message(_) for e in allocation.errors)
    if allocation.warnings:
        lines.append("")
        lines.append(_(TEXT["warnings"]))
        lines.extend(f"  {w.message(_)}" for w in allocation.warnings)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- entry point


def _parser(gettext: Gettext) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cordones surplus", description=gettext(TEXT["description"])
    )
    parser.add_argument("input", metavar="INPUT.json", help=gettext(TEXT["input_help"]))
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=gettext(TEXT["format_help"])
    )
    return parser


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _fail(problems: list[tuple[str, str]], gettext: Gettext) -> int:
    for path, message in problems:
        print(gettext(TEXT["error_line"]) % {"path": path, "message": message}, file=sys.stderr)
    return EXIT_INPUT


def main(argv: list[str], gettext: Gettext | None = None) -> int:
    _ = gettext or (lambda msgid: msgid)
    try:
        args = _parser(_).parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message on stderr
        return int(exc.code or 0)
    reader = _Reader(_)
    try:
        text = _read_text(args.input)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return _fail(
            [("INPUT", _(TEXT["cannot_read"]) % {"path": args.input, "reason": reason})], _
        )
    try:
        request = _read_request(_parse(text, reader), reader)
    except _InputError as exc:
        return _fail(exc.problems, _)

    allocation = surplus_distribute(**request)
    blocking = [e for e in allocation.errors if e.code != "no_surplus"]
    if blocking:
        return _fail([(_error_path(e), e.message(_)) for e in blocking], _)

    policy = request["policy"]
    if args.format == "json":
        output = json.dumps(allocation_to_json(allocation, policy, _), indent=2, ensure_ascii=False)
        output += "\n"
    else:
        output = allocation_to_text(allocation, policy, _)
    sys.stdout.write(output)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
