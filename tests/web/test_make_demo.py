"""`make demo PORT=…` serves on that port and the demo's links (SITE_URL) follow it."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_demo_takes_port_and_links_follow():
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "demo", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "runserver 127.0.0.1:8123" in dry
    assert "http://127.0.0.1:8123" in dry
    rules = subprocess.run(
        ["make", "-p", "-n", "--no-print-directory", "demo", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    # the port reaches the server's environment, which builds every absolute link
    assert "SITE_URL = http://127.0.0.1:$(PORT)" in rules
    assert "CORDONES_DEMO = 1" in rules
