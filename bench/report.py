"""Writes a benchmark's table into docs/benchmarks.md, so the figures live in one place.

`make bench` sets ``BENCH_DOCS`` to that file; a benchmark run by hand only prints. Each
benchmark owns one section of the file, between ``<!-- bench:NAME -->`` and
``<!-- /bench:NAME -->``, and replaces it whole on every run.
"""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path


def machine_line() -> str:
    """When and where the figures were measured."""
    cores = os.cpu_count() or 0
    today = datetime.now(UTC).date().isoformat()
    load = os.getloadavg()[0]
    return (
        f"Measured on {today} (Python {platform.python_version()}, {cores} cores, load average "
        f"{load:.1f} when it finished: above {cores} the machine was shared and times run long)."
    )


def write_section(name: str, markdown: str) -> None:
    """Replace the section ``name`` of the file named by ``BENCH_DOCS`` (if set)."""
    target = os.environ.get("BENCH_DOCS")
    if not target:
        return
    path = Path(target)
    text = path.read_text(encoding="utf-8")
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{path} has no {start} … {end} section")
    block = f"{start}\n{markdown.strip()}\n{end}"
    path.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")
    print(f"  (written to {path}, section {name})")
