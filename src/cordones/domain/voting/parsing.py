"""Parsing ballot files given as text: PrefLib (.soc, .soi, .toc, .toi) and BLT.

Only strings come in (reading files is the caller's business).  Malformed input raises
:class:`ParseError` naming the line (1-based) and the problem.

PrefLib (https://www.preflib.org/format): header lines ``# KEY: value`` including
``# DATA TYPE``, ``# NUMBER ALTERNATIVES``, ``# ALTERNATIVE NAME i: name``, ``# NUMBER VOTERS``
and ``# NUMBER UNIQUE ORDERS``; then one line per distinct order, ``count: a,b,{c,d},e``, with
braces around alternatives ranked equally (.toc/.toi only).  ``soc``/``toc`` orders must rank
every alternative; ``soi``/``toi`` may stop early.

BLT (OpenSTV / ERS): ``candidates seats``; optionally a line of negative numbers naming withdrawn
candidates; ballot lines ``weight c1 c2 ... 0`` (``c1=c2`` ranks two equally); a line ``0``; the
candidate names in double quotes, one per candidate; then the title in double quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cordones.domain.common.i18n import gettext_noop
from cordones.domain.voting.ballots import Rank, RankedBallot, RankedProfile
from cordones.domain.voting.messages import Message
from cordones.domain.voting.result import TallyError

PREFLIB_TYPES = ("soc", "soi", "toc", "toi")

ERR_LINE = gettext_noop("line %(line)s: %(problem)s")
ERR_EMPTY = gettext_noop("the file is empty")
ERR_NOT_A_NUMBER = gettext_noop("%(what)s must be a whole number, not %(text)r")
ERR_NOT_POSITIVE = gettext_noop("%(what)s must be at least 1, not %(value)s")
ERR_BAD_HEADER = gettext_noop("a header line must look like '# KEY: value'")
ERR_MISSING_HEADER = gettext_noop("the header has no %(key)s")
ERR_HEADER_AFTER_BODY = gettext_noop("a header line comes after the ballots")
ERR_UNKNOWN_TYPE = gettext_noop(
    "unknown PrefLib data type %(type)r (expected soc, soi, toc or toi)"
)
ERR_TYPE_MISMATCH = gettext_noop(
    "the header says the data type is %(header)s but %(expected)s was expected"
)
ERR_NAME_INDEX = gettext_noop("alternative %(index)s is outside 1 to %(count)s")
ERR_NAME_MISSING = gettext_noop("no name is given for alternative %(index)s")
ERR_NAME_DUPLICATE = gettext_noop("the name %(name)r is used twice")
ERR_NAME_REPEATED = gettext_noop("alternative %(index)s is named twice")
ERR_ORDER_SYNTAX = gettext_noop("a ballot line must look like 'count: a,b,c'")
ERR_BAD_ITEM = gettext_noop("%(text)r is not an alternative number")
ERR_UNKNOWN_ALTERNATIVE = gettext_noop("alternative %(index)s is not in 1 to %(count)s")
ERR_REPEATED_ALTERNATIVE = gettext_noop("alternative %(index)s is ranked twice")
ERR_TIES_NOT_ALLOWED = gettext_noop("equal ranks {...} are not allowed in a %(type)s file")
ERR_INCOMPLETE = gettext_noop("a %(type)s order must rank all %(count)s alternatives")
ERR_EMPTY_ORDER = gettext_noop("a %(type)s order cannot be empty")
ERR_BRACES = gettext_noop("unbalanced braces")
ERR_VOTERS_MISMATCH = gettext_noop(
    "the header says %(header)s voters but the ballots add up to %(actual)s"
)
ERR_UNIQUE_MISMATCH = gettext_noop(
    "the header says %(header)s unique orders but there are %(actual)s"
)
ERR_NO_BALLOTS = gettext_noop("the file has no ballots")
ERR_BLT_HEADER = gettext_noop("the first line must be 'number-of-candidates number-of-seats'")
ERR_BLT_WITHDRAWN = gettext_noop("withdrawn candidate %(index)s is not in 1 to %(count)s")
ERR_BLT_UNTERMINATED = gettext_noop("a ballot line must end with 0")
ERR_BLT_TOKEN = gettext_noop("%(text)r is not a candidate number")
ERR_BLT_NO_END = gettext_noop("the ballots are not followed by a line with 0")
ERR_BLT_NAMES = gettext_noop("%(count)s candidate names were expected, found %(found)s")
ERR_BLT_QUOTE = gettext_noop("a name must be in double quotes")
ERR_BLT_TRAILING = gettext_noop("unexpected text after the title")
ERR_BLT_SEATS = gettext_noop("there are %(seats)s seats but only %(count)s candidates")


class ParseError(ValueError):
    """Malformed ballot file: ``line`` (1-based, 0 when not about one line) and the problem."""

    def __init__(self, line: int, problem: str, **params: object) -> None:
        self.line = line
        self.problem = Message.of(problem, **params)
        self.message = (
            Message.of(ERR_LINE, line=line, problem=self.problem) if line else self.problem
        )
        super().__init__(self.message.render())


@dataclass(frozen=True)
class ParsedElection:
    profile: RankedProfile
    seats: int | None  # BLT files say how many seats; PrefLib files do not
    data_type: str  # soc, soi, toc, toi or blt


def _int(text: str, line: int, what: str) -> int:
    text = text.strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ParseError(line, ERR_NOT_A_NUMBER, what=what, text=text)
    return int(text)


# ---- PrefLib -----------------------------------------------------------------------------------

_HEADER = re.compile(r"#\s*([^:]+?)\s*:\s?(.*)$")
_NAME_KEY = re.compile(r"ALTERNATIVE NAME (\d+)$")


def parse_preflib(text: str, data_type: str | None = None) -> ParsedElection:
    """Parse a PrefLib .soc/.soi/.toc/.toi file.  ``data_type`` (e.g. from the file extension)
    must agree with the header's ``DATA TYPE`` when both are given."""
    if data_type is not None and data_type.lower() not in PREFLIB_TYPES:
        raise ParseError(0, ERR_UNKNOWN_TYPE, type=data_type)
    expected = data_type.lower() if data_type else None
    header: dict[str, tuple[int, str]] = {}
    names: dict[int, str] = {}
    name_lines: dict[int, int] = {}
    body: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if body:
                raise ParseError(number, ERR_HEADER_AFTER_BODY)
            match = _HEADER.match(line)
            if not match:
                raise ParseError(number, ERR_BAD_HEADER)
            key, value = match.group(1).upper(), match.group(2).strip()
            name_match = _NAME_KEY.match(key)
            if name_match:
                index = int(name_match.group(1))
                if index in names:
                    raise ParseError(number, ERR_NAME_REPEATED, index=index)
                names[index] = value
                name_lines[index] = number
            else:
                header[key] = (number, value)
            continue
        body.append((number, line))
    if not header and not body:
        raise ParseError(0, ERR_EMPTY)

    if "DATA TYPE" in header:
        type_line, declared = header["DATA TYPE"]
        declared = declared.lower()
        if declared not in PREFLIB_TYPES:
            raise ParseError(type_line, ERR_UNKNOWN_TYPE, type=declared)
        if expected and declared != expected:
            raise ParseError(type_line, ERR_TYPE_MISMATCH, header=declared, expected=expected)
        kind = declared
    elif expected:
        kind = expected
    else:
        raise ParseError(0, ERR_MISSING_HEADER, key="DATA TYPE")

    if "NUMBER ALTERNATIVES" not in header:
        raise ParseError(0, ERR_MISSING_HEADER, key="NUMBER ALTERNATIVES")
    count_line, count_text = header["NUMBER ALTERNATIVES"]
    count = _int(count_text, count_line, "NUMBER ALTERNATIVES")
    if count < 1:
        raise ParseError(count_line, ERR_NOT_POSITIVE, what="NUMBER ALTERNATIVES", value=count)
    for index, line_no in name_lines.items():
        if not 1 <= index <= count:
            raise ParseError(line_no, ERR_NAME_INDEX, index=index, count=count)
    for index in range(1, count + 1):
        if index not in names:
            raise ParseError(0, ERR_NAME_MISSING, index=index)
    seen_names: dict[str, int] = {}
    for index in range(1, count + 1):
        name = names[index]
        if name in seen_names:
            raise ParseError(name_lines[index], ERR_NAME_DUPLICATE, name=name)
        seen_names[name] = index
    candidates = tuple(names[i] for i in range(1, count + 1))

    ties_allowed = kind in ("toc", "toi")
    complete = kind in ("soc", "toc")
    ballots: list[RankedBallot] = []
    for number, line in body:
        if ":" not in line:
            raise ParseError(number, ERR_ORDER_SYNTAX)
        count_text, order_text = line.split(":", 1)
        weight = _int(count_text, number, "the ballot count")
        if weight < 1:
            raise ParseError(number, ERR_NOT_POSITIVE, what="the ballot count", value=weight)
        ranking = _preflib_order(order_text, number, count, candidates, ties_allowed, kind)
        if complete and sum(1 if isinstance(r, str) else len(r) for r in ranking) != count:
            raise ParseError(number, ERR_INCOMPLETE, type=kind, count=count)
        if not ranking and complete:
            raise ParseError(number, ERR_EMPTY_ORDER, type=kind)
        try:
            ballots.append(RankedBallot(ranking, weight))
        except TallyError as error:  # pragma: no cover - the checks above come first
            raise ParseError(number, str(error)) from error
    if not ballots:
        raise ParseError(0, ERR_NO_BALLOTS)
    total = sum(b.count for b in ballots)
    if "NUMBER VOTERS" in header:
        line_no, value = header["NUMBER VOTERS"]
        declared_voters = _int(value, line_no, "NUMBER VOTERS")
        if declared_voters != total:
            raise ParseError(line_no, ERR_VOTERS_MISMATCH, header=declared_voters, actual=total)
    if "NUMBER UNIQUE ORDERS" in header:
        line_no, value = header["NUMBER UNIQUE ORDERS"]
        declared_unique = _int(value, line_no, "NUMBER UNIQUE ORDERS")
        if declared_unique != len(ballots):
            raise ParseError(
                line_no, ERR_UNIQUE_MISMATCH, header=declared_unique, actual=len(ballots)
            )
    title = header.get("TITLE", (0, ""))[1]
    return ParsedElection(RankedProfile(candidates, tuple(ballots), title=title), None, kind)


def _preflib_order(
    text: str, line: int, count: int, candidates: tuple[str, ...], ties_allowed: bool, kind: str
) -> tuple[Rank, ...]:
    text = text.strip()
    if not text:
        return ()
    ranking: list[Rank] = []
    seen: set[int] = set()

    def alternative(item: str) -> str:
        item = item.strip()
        if not re.fullmatch(r"\d+", item):
            raise ParseError(line, ERR_BAD_ITEM, text=item)
        index = int(item)
        if not 1 <= index <= count:
            raise ParseError(line, ERR_UNKNOWN_ALTERNATIVE, index=index, count=count)
        if index in seen:
            raise ParseError(line, ERR_REPEATED_ALTERNATIVE, index=index)
        seen.add(index)
        return candidates[index - 1]

    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "{":
            if not ties_allowed:
                raise ParseError(line, ERR_TIES_NOT_ALLOWED, type=kind)
            if depth:
                raise ParseError(line, ERR_BRACES)
            depth = 1
        elif char == "}":
            if not depth:
                raise ParseError(line, ERR_BRACES)
            depth = 0
        elif char == "," and not depth:
            items.append("".join(current))
            current = []
            continue
        current.append(char)
    if depth:
        raise ParseError(line, ERR_BRACES)
    items.append("".join(current))
    for item in items:
        item = item.strip()
        if item.startswith("{"):
            if not item.endswith("}"):
                raise ParseError(line, ERR_ORDER_SYNTAX)
            members = [alternative(x) for x in item[1:-1].split(",")]
            ranking.append(frozenset(members) if len(members) > 1 else members[0])
        elif "}" in item or "{" in item:
            raise ParseError(line, ERR_ORDER_SYNTAX)
        else:
            ranking.append(alternative(item))
    return tuple(ranking)


# ---- BLT ---------------------------------------------------------------------------------------


def _strip_comment(line: str) -> str:
    """Drop a ``#`` comment that is not inside double quotes."""
    inside = False
    for i, char in enumerate(line):
        if char == '"':
            inside = not inside
        elif char == "#" and not inside:
            return line[:i]
    return line


def parse_blt(text: str) -> ParsedElection:
    lines = [
        (number, _strip_comment(raw).strip())
        for number, raw in enumerate(text.splitlines(), start=1)
    ]
    lines = [(number, line) for number, line in lines if line]
    if not lines:
        raise ParseError(0, ERR_EMPTY)
    position = 0
    number, line = lines[position]
    parts = line.split()
    if len(parts) != 2:
        raise ParseError(number, ERR_BLT_HEADER)
    count = _int(parts[0], number, "the number of candidates")
    seats = _int(parts[1], number, "the number of seats")
    if count < 1:
        raise ParseError(number, ERR_NOT_POSITIVE, what="the number of candidates", value=count)
    if seats < 1:
        raise ParseError(number, ERR_NOT_POSITIVE, what="the number of seats", value=seats)
    if seats > count:
        raise ParseError(number, ERR_BLT_SEATS, seats=seats, count=count)
    position += 1

    withdrawn: set[int] = set()
    if position < len(lines) and lines[position][1].startswith("-"):
        number, line = lines[position]
        for token in line.split():
            value = _int(token, number, "a withdrawn candidate")
            if not -count <= value <= -1:
                raise ParseError(number, ERR_BLT_WITHDRAWN, index=-value, count=count)
            withdrawn.add(-value)
        position += 1

    raw_ballots: list[tuple[int, tuple[tuple[int, ...], ...], int]] = []
    ended = False
    while position < len(lines):
        number, line = lines[position]
        position += 1
        if line.startswith('"'):
            raise ParseError(number, ERR_BLT_NO_END)
        tokens = line.split()
        if tokens == ["0"]:
            ended = True
            break
        weight = _int(tokens[0], number, "the ballot weight")
        if weight < 1:
            raise ParseError(number, ERR_NOT_POSITIVE, what="the ballot weight", value=weight)
        if tokens[-1] != "0" or len(tokens) < 2:
            raise ParseError(number, ERR_BLT_UNTERMINATED)
        ranks: list[tuple[int, ...]] = []
        seen: set[int] = set()
        for token in tokens[1:-1]:
            group = []
            for item in token.split("="):
                if not re.fullmatch(r"\d+", item):
                    raise ParseError(number, ERR_BLT_TOKEN, text=token)
                index = int(item)
                if not 1 <= index <= count:
                    raise ParseError(number, ERR_UNKNOWN_ALTERNATIVE, index=index, count=count)
                if index in seen:
                    raise ParseError(number, ERR_REPEATED_ALTERNATIVE, index=index)
                seen.add(index)
                group.append(index)
            ranks.append(tuple(group))
        raw_ballots.append((number, tuple(ranks), weight))
    if not ended:
        raise ParseError(lines[-1][0], ERR_BLT_NO_END)

    strings: list[tuple[int, str]] = []
    for number, line in lines[position:]:
        rest = line
        while rest:
            if not rest.startswith('"'):
                raise ParseError(number, ERR_BLT_QUOTE)
            end = rest.find('"', 1)
            if end < 0:
                raise ParseError(number, ERR_BLT_QUOTE)
            strings.append((number, rest[1:end]))
            rest = rest[end + 1 :].strip()
    if len(strings) < count:
        last = strings[-1][0] if strings else lines[-1][0]
        raise ParseError(last, ERR_BLT_NAMES, count=count, found=len(strings))
    if len(strings) > count + 1:
        raise ParseError(strings[count + 1][0], ERR_BLT_TRAILING)
    names = [name for _, name in strings[:count]]
    seen_names: set[str] = set()
    for number, name in strings[:count]:
        if not name:
            raise ParseError(number, ERR_BLT_QUOTE)
        if name in seen_names:
            raise ParseError(number, ERR_NAME_DUPLICATE, name=name)
        seen_names.add(name)
    title = strings[count][1] if len(strings) > count else ""

    ballots = []
    for number, groups, weight in raw_ballots:
        ranking: tuple[Rank, ...] = tuple(
            names[g[0] - 1] if len(g) == 1 else frozenset(names[i - 1] for i in g) for g in groups
        )
        try:
            ballots.append(RankedBallot(ranking, weight))
        except TallyError as error:  # pragma: no cover - checked above
            raise ParseError(number, str(error)) from error
    profile = RankedProfile(
        tuple(names),
        tuple(ballots),
        withdrawn=frozenset(names[i - 1] for i in withdrawn),
        title=title,
    )
    return ParsedElection(profile, seats, "blt")


def parse_ballot_file(text: str, extension: str) -> ParsedElection:
    """Parse by file extension: ``.blt`` or one of the PrefLib types."""
    kind = extension.lower().lstrip(".")
    if kind == "blt":
        return parse_blt(text)
    return parse_preflib(text, kind)
