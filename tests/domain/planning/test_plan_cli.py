"""``cordones plan``: text and JSON output, and every kind of bad input refused by name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cordones.cli import main as entry
from cordones.cli import plan as cli

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "plan-schoolbooks.json"


def _write(tmp_path: Path, data: object, raw: str | None = None) -> str:
    path = tmp_path / "scenario.json"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    return str(path)


def test_json_output(capsys) -> None:
    assert entry.main(["plan", str(EXAMPLE), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["objective"] == pytest.approx(16000, rel=1e-8)
    assert out["techniques"]["print-book"] == pytest.approx(100)
    assert out["deliveries"] == pytest.approx(
        {"school-norte": 2400, "school-sur": 1600, "kitchen-norte": 1200, "kitchen-sur": 800}
    )
    assert out["shadow_prices"]["capacities"]["print-shop"] == pytest.approx(120)
    assert out["shadow_prices"]["products"]["schoolbook"] == pytest.approx(3)
    assert out["min_ratio"] == pytest.approx(0.8)
    assert out["capacities"]["print-shop"]["binding"] is True
    assert out["capacities"]["mill"]["binding"] is False
    assert sorted(out["unmet"]) == ["kitchen-norte", "kitchen-sur", "school-norte", "school-sur"]
    assert out["labour_content"]["paper"] == pytest.approx(0.4)
    assert any("40 more book of schoolbook" in s for s in out["explanation"])


def test_text_output(capsys) -> None:
    assert cli.main([str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Weighted fulfilment (Σ priority × delivered): 16000" in out
    assert "One more hour at print-shop would let 40 more book of schoolbook be delivered." in out
    assert "print-shop  100 / 100  120" in out


def test_text_output_is_translatable(capsys) -> None:
    assert cli.main([str(EXAMPLE)], gettext=lambda msgid: "» " + msgid) == 0
    out = capsys.readouterr().out
    assert out.startswith("» Plan (simplex)")
    assert "» One more hour at print-shop" in out


def test_malformed_scenario_exits_2_naming_fields(tmp_path, capsys) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["needs"][2]["product"] = "cement"
    data["techniques"][0]["labour_hours"] = -4
    assert cli.main([_write(tmp_path, data)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert 'error: needs[2].product: unknown product "cement"' in captured.err
    assert "error: techniques[0].labour_hours: must be between 0 and 1e+09, got -4" in captured.err


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ('{"products": [], "products": []}', 'the key "products" appears twice'),
        ('{"products": [{"id": "a", "unit": "u"}], "stocks": {"a": NaN}}', "NaN is not a finite"),
        ('{"products": [', "invalid JSON at line 1"),
        ("[]", "must be a JSON object"),
        ('{"products": []}', "workplaces: is required"),
    ],
)
def test_bad_json_exits_2(tmp_path, capsys, raw, fragment) -> None:
    assert cli.main([_write(tmp_path, None, raw)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert fragment in captured.err


def test_missing_file_and_bad_format(tmp_path, capsys) -> None:
    assert cli.main([str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert cli.main([str(EXAMPLE), "--format", "yaml"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_infeasible_scenario_exits_1_naming_the_conflict(tmp_path, capsys) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["techniques"][1]["min_runs"] = 150
    assert cli.main([_write(tmp_path, data), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no plan meets every commitment" in captured.err
    assert "workplace print-shop labour hours" in captured.err
    assert "technique print-book min_runs" in captured.err


def test_installed_command_prints_clean_json() -> None:
    """HiGHS prints a banner at C level in a fresh process; the JSON on stdout must still
    parse (run as a user would, in its own process)."""
    done = subprocess.run(
        [sys.executable, "-m", "cordones.cli.main", "plan", str(EXAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["deliveries"]["school-sur"] == pytest.approx(1600)
