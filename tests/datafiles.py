"""Where the vendored test data lives (see ``tests/data/README.md``).

Tests name the files they read; a missing file fails the test (``FileNotFoundError``), it does
not skip it.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PREFLIB = DATA / "preflib"

#: Every PrefLib ballot file vendored, by name (not by listing the folder, so that a missing
#: file is a failure rather than one test fewer).
PREFLIB_FILES = (
    "debian-2002-leader.soi",
    "debian-2003-leader.soi",
    "debian-2005-leader.soi",
    "debian-2006-leader.soi",
    "debian-2007-leader.soi",
    "debian-2010-leader.soi",
    "debian-2012-leader.soi",
    "debian-logo.soi",
    "dublin-north-2002.soi",
    "dublin-west-2002.soi",
)
