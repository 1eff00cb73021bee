"""Parsing PrefLib and BLT text; malformed input names the line and the problem."""

from __future__ import annotations

import pytest

from cordones.domain.voting import ParseError, RankedBallot, parse_ballot_file, parse_blt
from cordones.domain.voting.parsing import parse_preflib
from tests.datafiles import PREFLIB, PREFLIB_FILES

SOI = """\
# FILE NAME: test.soi
# TITLE: A small test
# DATA TYPE: soi
# NUMBER ALTERNATIVES: 3
# ALTERNATIVE NAME 1: Ana
# ALTERNATIVE NAME 2: Beto
# ALTERNATIVE NAME 3: Carla
# NUMBER VOTERS: 6
# NUMBER UNIQUE ORDERS: 3
3: 1,2,3
2: 2
1: 3,1
"""

TOI = """\
# DATA TYPE: toi
# NUMBER ALTERNATIVES: 4
# ALTERNATIVE NAME 1: Ana
# ALTERNATIVE NAME 2: Beto
# ALTERNATIVE NAME 3: Carla
# ALTERNATIVE NAME 4: Dora
4: 1,{2,3},4
2: {1,4}
1: 3
"""

BLT = """\
4 2
-4
3 1 2 0
2 2 1=3 0
1 3 0
0
"Ana"
"Beto"
"Carla"
"Dora"
"Council 2025"
"""


def test_soi_parses_names_counts_and_title() -> None:
    parsed = parse_preflib(SOI, "soi")
    profile = parsed.profile
    assert parsed.data_type == "soi"
    assert parsed.seats is None
    assert profile.title == "A small test"
    assert profile.candidates == ("Ana", "Beto", "Carla")
    assert profile.ballots == (
        RankedBallot(("Ana", "Beto", "Carla"), 3),
        RankedBallot(("Beto",), 2),
        RankedBallot(("Carla", "Ana"), 1),
    )
    assert profile.total_ballots == 6


def test_toi_reads_equal_ranks_in_braces() -> None:
    profile = parse_preflib(TOI, "toi").profile
    assert profile.ballots[0].ranking == ("Ana", frozenset({"Beto", "Carla"}), "Dora")
    assert profile.ballots[1].ranking == (frozenset({"Ana", "Dora"}),)
    assert not profile.ballots[0].is_strict


def test_data_type_comes_from_header_when_not_given() -> None:
    assert parse_preflib(TOI).data_type == "toi"


def test_blt_parses_withdrawn_weights_equal_ranks_names_and_title() -> None:
    parsed = parse_blt(BLT)
    profile = parsed.profile
    assert parsed.seats == 2
    assert profile.candidates == ("Ana", "Beto", "Carla", "Dora")
    assert profile.withdrawn == frozenset({"Dora"})
    assert profile.title == "Council 2025"
    assert profile.ballots[0] == RankedBallot(("Ana", "Beto"), 3)
    assert profile.ballots[1].ranking == ("Beto", frozenset({"Ana", "Carla"}))
    assert profile.ballots[2] == RankedBallot(("Carla",), 1)


def test_blt_allows_comments_and_names_on_one_line() -> None:
    parsed = parse_blt('2 1  # two candidates\n1 1 2 0\n0\n"A" "B" "T"\n')
    assert parsed.profile.candidates == ("A", "B")
    assert parsed.profile.title == "T"


@pytest.mark.parametrize(
    ("text", "kind", "line", "fragment"),
    [
        (SOI.replace("3: 1,2,3", "3: 1,2,7"), "soi", 10, "alternative 7"),
        (SOI.replace("3: 1,2,3", "3: 1,2,2"), "soi", 10, "ranked twice"),
        (SOI.replace("3: 1,2,3", "x: 1,2,3"), "soi", 10, "whole number"),
        (SOI.replace("3: 1,2,3", "3 1,2,3"), "soi", 10, "count: a,b,c"),
        (SOI.replace("3: 1,2,3", "3: 1,{2,3}"), "soi", 10, "not allowed"),
        (SOI.replace("2: 2", "2: 2,"), "soi", 11, "not an alternative"),
        (SOI.replace("# NUMBER VOTERS: 6", "# NUMBER VOTERS: 7"), "soi", 8, "7 voters"),
        (SOI.replace("# NUMBER UNIQUE ORDERS: 3", "# NUMBER UNIQUE ORDERS: 4"), "soi", 9, "4"),
        (SOI.replace("# DATA TYPE: soi", "# DATA TYPE: toc"), "soi", 3, "toc"),
        (
            SOI.replace("# ALTERNATIVE NAME 3: Carla", "# ALTERNATIVE NAME 3: Ana"),
            "soi",
            7,
            "used twice",
        ),
        (SOI + "# late header\n", "soi", 13, "after the ballots"),
        (SOI.replace("1: 3,1", "0: 3,1"), "soi", 12, "at least 1"),
        (TOI.replace("4: 1,{2,3},4", "4: 1,{2,3,4"), "toi", 7, "braces"),
        (TOI.replace("# DATA TYPE: toi", "# DATA TYPE: toc"), "toc", 8, "rank all 4"),
    ],
)
def test_malformed_preflib_names_the_line(text: str, kind: str, line: int, fragment: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_preflib(text, kind)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")
    assert fragment in str(caught.value)


def test_preflib_without_names_or_header_is_rejected() -> None:
    with pytest.raises(ParseError, match="no name is given for alternative 3"):
        parse_preflib(SOI.replace("# ALTERNATIVE NAME 3: Carla\n", ""), "soi")
    with pytest.raises(ParseError, match="DATA TYPE"):
        parse_preflib("3: 1,2\n")
    with pytest.raises(ParseError, match="empty"):
        parse_preflib("\n\n", "soi")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("4\n", 1, "number-of-candidates"),
        ("2 3\n", 1, "only 2 candidates"),
        ("3 1\n-4\n", 2, "withdrawn candidate 4"),
        ("3 1\n1 1 2\n0\n", 2, "end with 0"),
        ("3 1\n1 1 5 0\n0\n", 2, "alternative 5"),
        ("3 1\n1 1 1 0\n0\n", 2, "ranked twice"),
        ("3 1\n1 1 x 0\n0\n", 2, "'x'"),
        ("3 1\n1 1 2 0\n2 2 0\n", 3, "not followed by a line with 0"),
        ('3 1\n1 1 2 0\n0\n"A"\n"B"\n', 5, "3 candidate names"),
        ('2 1\n1 1 2 0\n0\n"A"\n"A"\n"T"\n', 5, "used twice"),
        ('2 1\n1 1 2 0\n0\n"A"\n"B"\n"T"\n"extra"\n', 7, "after the title"),
        ('2 1\n1 1 2 0\n0\nA\n"B"\n"T"\n', 4, "double quotes"),
        ("2 1\n0 1 2 0\n0\n", 2, "at least 1"),
    ],
)
def test_malformed_blt_names_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_blt(text)
    assert caught.value.line == line
    assert fragment in str(caught.value)


def test_parse_ballot_file_dispatches_on_extension() -> None:
    assert parse_ballot_file(BLT, ".blt").data_type == "blt"
    assert parse_ballot_file(SOI, ".SOI").data_type == "soi"
    with pytest.raises(ParseError, match="unknown PrefLib data type"):
        parse_ballot_file(SOI, ".csv")


@pytest.mark.parametrize("name", PREFLIB_FILES)
def test_every_vendored_preflib_file_parses(name: str) -> None:
    path = PREFLIB / name
    parsed = parse_preflib(path.read_text(encoding="utf-8"), "soi")
    declared = next(
        int(line.split(":")[1])
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# NUMBER VOTERS")
    )
    assert parsed.profile.total_ballots == declared


def test_the_vendored_preflib_folder_holds_exactly_the_listed_files() -> None:
    assert sorted(path.name for path in PREFLIB.glob("*.soi")) == list(PREFLIB_FILES)
