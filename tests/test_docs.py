"""The documents stay true: ADRs numbered without holes in one format, benchmark figures in one
place (written by the benchmarks themselves)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.report import write_section

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_adrs_are_numbered_from_one_without_holes_in_one_format() -> None:
    files = sorted((DOCS / "adr").glob("*.md"))
    numbers = []
    for path in files:
        match = re.fullmatch(r"(\d{4})-[a-z0-9-]+\.md", path.name)
        assert match, f"{path.name}: name it NNNN-words.md"
        number = int(match.group(1))
        numbers.append(number)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith(f"# {number}. "), f"{path.name}: title '# {number}. …'"
        assert lines[1] == "" and lines[2].startswith("Status: "), f"{path.name}: status line"
    assert numbers == list(range(1, len(files) + 1))


@pytest.mark.parametrize("name", ["voting", "economy"])
def test_benchmarks_md_has_the_section_each_benchmark_writes(name: str) -> None:
    text = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    assert text.count(f"<!-- bench:{name} -->") == 1
    assert text.count(f"<!-- /bench:{name} -->") == 1


@pytest.mark.parametrize("doc", ["voting.md", "economy.md"])
def test_other_documents_link_to_the_figures_instead_of_quoting_them(doc: str) -> None:
    text = (DOCS / doc).read_text(encoding="utf-8")
    assert "(benchmarks.md)" in text
    assert not re.search(r"\d+(\.\d+)? ?(ms|s)\b.*\|", text), "a timing table outside benchmarks.md"
    assert not re.search(r"\d+(\.\d+)? ms\b", text)


def test_write_section_replaces_only_its_own_section(tmp_path, monkeypatch) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        "# B\n<!-- bench:a -->\nold a\n<!-- /bench:a -->\nkept\n<!-- bench:b -->\nold b\n"
        "<!-- /bench:b -->\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("BENCH_DOCS", str(doc))
    write_section("a", "| new | 1 s |\n")
    assert doc.read_text(encoding="utf-8") == (
        "# B\n<!-- bench:a -->\n| new | 1 s |\n<!-- /bench:a -->\nkept\n<!-- bench:b -->\nold b\n"
        "<!-- /bench:b -->\n"
    )
    with pytest.raises(SystemExit, match="no <!-- bench:c -->"):
        write_section("c", "x")


def test_write_section_does_nothing_outside_make_bench(tmp_path, monkeypatch) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("<!-- bench:a -->\nold\n<!-- /bench:a -->\n", encoding="utf-8")
    monkeypatch.delenv("BENCH_DOCS", raising=False)
    write_section("a", "new")
    assert doc.read_text(encoding="utf-8") == "<!-- bench:a -->\nold\n<!-- /bench:a -->\n"
