"""The `cordones` command.

Pure calculators (`count`, `surplus`, `plan`) run without Django so that councils and tellers can
use them on any machine; every other sub-command is a Django management command
(`cordones demo`, `cordones migrate`, `cordones verify-books` ...).
"""

from __future__ import annotations

import importlib
import os
import sys

# sub-command -> module with a `main(argv) -> int` that needs no database
PURE_COMMANDS = {
    "count": "cordones.cli.count",
    "surplus": "cordones.cli.surplus",
    "plan": "cordones.cli.plan",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in PURE_COMMANDS:
        module = importlib.import_module(PURE_COMMANDS[args[0]])
        return int(module.main(args[1:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    if args:
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["cordones", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
