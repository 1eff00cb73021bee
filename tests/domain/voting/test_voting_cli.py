"""``cordones count``: text and JSON on real files; clear failures on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cordones.cli import count
from cordones.cli.main import main as cordones_main
from tests.datafiles import PREFLIB

BLT = """\
4 2
3 1 2 0
2 2 0
2 3 1 0
1 4 3 0
0
"Ana"
"Beto"
"Carla"
"Dora"
"Consejo de administración 2026"
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = count.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_count_sheet_for_dublin_west(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, str(PREFLIB / "dublin-west-2002.soi"), "--method", "stv", "--seats", "3"
    )
    assert code == 0, err
    assert "Stage 1: first preferences" in out
    assert "Quota: 7498" in out
    assert "Elected, in order: Brian Lenihan F.F., Joe Higgins S.P., Joan Burton Lab" in out


@pytest.mark.parametrize(
    ("method", "seats", "winners"),
    [
        (
            "stv",
            4,
            {"Trevor Sargent G.P.", "Sean Ryan Lab", "Jim Glennon F.F.", "G.V. Wright F.F."},
        ),
        (
            "meek",
            4,
            {"Trevor Sargent G.P.", "Sean Ryan Lab", "Jim Glennon F.F.", "G.V. Wright F.F."},
        ),
        ("irv", 1, {"Trevor Sargent G.P."}),
        ("plurality", 1, {"Trevor Sargent G.P."}),
    ],
)
def test_json_for_dublin_north(
    capsys: pytest.CaptureFixture[str], method: str, seats: int, winners: set[str]
) -> None:
    code, out, err = run(
        capsys,
        str(PREFLIB / "dublin-north-2002.soi"),
        "--method",
        method,
        "--seats",
        str(seats),
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["method"] == method
    assert data["seats"] == seats
    assert set(data["winners"]) == winners
    assert isinstance(data["rounds"], list) and data["rounds"]
    first = data["rounds"][0]
    assert set(first) >= {"number", "action", "counts", "elected", "excluded", "transfers"}
    assert data["complete"] is True


def test_json_schulze_for_debian_2007(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, str(PREFLIB / "debian-2007-leader.soi"), "--method", "schulze", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["winners"] == ["Sam Hocevar"]
    assert data["ranking"][0] == ["Sam Hocevar"]
    assert len(data["rounds"]) == 2
    assert ["Sam Hocevar", "Steve McIntyre", 243] in data["rounds"][0]["pairwise"]


def test_approval_on_a_ranked_file_approves_every_ranked_candidate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, str(PREFLIB / "debian-2012-leader.soi"), "--method", "approval", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["winners"] == ["Stefano Zacchiroli"]
    assert sum(data["rounds"][0]["counts"].values()) > data["valid_ballots"]


def test_blt_takes_the_seats_from_its_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "consejo.blt"
    path.write_text(BLT, encoding="utf-8")
    code, out, _ = run(capsys, str(path), "--method", "stv", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["seats"] == 2
    assert data["title"] == "Consejo de administración 2026"
    assert len(data["winners"]) == 2
    assert data["quota"] == 3  # 8 ballots, 2 seats


def test_the_main_command_dispatches_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "consejo.blt"
    path.write_text(BLT, encoding="utf-8")
    assert cordones_main(["count", str(path), "--method", "schulze"]) == 0
    assert "Count sheet: Schulze method" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        (
            "bad.soi",
            "# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n"
            "# ALTERNATIVE NAME 2: B\n3: 1,2\n2: 1,5\n",
            "line 6:",
        ),
        (
            "bad.toi",
            "# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n"
            "# ALTERNATIVE NAME 2: B\n3: {1,2\n",
            "line 5:",
        ),
        ("bad.blt", '2 1\n1 1 2\n0\n"A"\n"B"\n', "line 2:"),
        (
            "bad.soc",
            "# DATA TYPE: soc\n# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n"
            "# ALTERNATIVE NAME 2: B\n3: 1\n",
            "line 5:",
        ),
    ],
)
def test_malformed_files_fail_naming_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str, fragment: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, str(path), "--method", "irv")
    assert code == 1
    assert out == ""
    assert fragment in err
    assert str(path) in err


def test_missing_file_fails_clearly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, str(tmp_path / "nowhere.soi"), "--method", "irv")
    assert code == 1 and out == ""
    assert "no such file" in err


def test_unknown_file_type_and_bad_arguments(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "votes.csv"
    path.write_text("a,b\n", encoding="utf-8")
    code, _, err = run(capsys, str(path), "--method", "irv")
    assert code == 1 and "unknown file type" in err
    code, _, err = run(capsys, str(path), "--method", "borda")
    assert code == 2 and "invalid choice" in err
    code, _, err = run(capsys, str(path))
    assert code == 2 and "--method" in err


def test_irv_refuses_several_seats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "consejo.blt"
    path.write_text(BLT, encoding="utf-8")
    code, _, err = run(capsys, str(path), "--method", "irv")  # the header says 2 seats
    assert code == 2 and "stv or meek" in err
    assert run(capsys, str(path), "--method", "irv", "--seats", "1")[0] == 0


def test_a_needed_lot_stops_with_status_3_until_a_seed_is_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "tie.blt"
    path.write_text('2 1\n1 1 0\n1 2 0\n0\n"A"\n"B"\n"Tie"\n', encoding="utf-8")
    code, out, err = run(capsys, str(path), "--method", "irv")
    assert code == 3
    assert "must be decided by lot" in out and "--seed" in err
    code, out, _ = run(
        capsys, str(path), "--method", "irv", "--seed", "20260501", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["tie_broken_by_lot"] is True and data["lot_seed"] == 20260501
    assert data["winners"][0] in ("A", "B")
