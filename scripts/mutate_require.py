"""Mutation check of the service contract: delete each `require(...)` call in turn and run
the persona × service matrix (tests/web/test_service_contract.py); a deletion that leaves
the matrix green is a survivor, and the check exits non-zero.

`make mutate-require` runs it, on SQLite. It is fast because it runs in one pytest session:
the matrix is collected once, and for each `require` statement the service's function gets
the code compiled from its module's source with that one statement replaced by `pass`;
then only that service's rows of the matrix run (the officer of another workplace first,
who is denied everything, so a caught mutant stops at its first row), and the original code
is put back.
"""

from __future__ import annotations

import ast
import importlib
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MATRIX = "tests/web/test_service_contract.py"


@dataclass(frozen=True)
class Mutant:
    module: str
    function: str
    lineno: int
    text: str

    @property
    def service(self) -> str:
        return f"{self.module}.{self.function}"

    def __str__(self) -> str:
        path = self.module.replace(".", "/")
        return f"src/{path}.py:{self.lineno} {self.function}: {self.text}"


def _is_require(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "require"
    )


def mutants_of(module: ModuleType) -> list[Mutant]:
    source = Path(module.__file__ or "").read_text()
    lines = source.splitlines()
    found = []
    for top in ast.parse(source).body:
        if not isinstance(top, ast.FunctionDef):
            continue
        for node in ast.walk(top):
            if _is_require(node):
                text = lines[node.lineno - 1].strip()
                found.append(Mutant(module.__name__, top.name, node.lineno, text))
    return found


def mutated_code(mutant: Mutant) -> CodeType:
    """The function's code with the `require` statement at `lineno` replaced by `pass`
    (line numbers kept)."""
    module = importlib.import_module(mutant.module)
    path = module.__file__ or ""
    source = Path(path).read_text()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if _is_require(node) and node.lineno == mutant.lineno:
            lines = source.splitlines()
            end = node.end_lineno or node.lineno
            indent = lines[node.lineno - 1][: node.col_offset]
            lines[node.lineno - 1 : end] = [indent + "pass"] + [""] * (end - node.lineno)
            source = "\n".join(lines) + "\n"
            break
    else:  # pragma: no cover - the source changed under us
        raise LookupError(mutant)
    module_code = compile(source, path, "exec")
    for const in module_code.co_consts:
        if isinstance(const, CodeType) and const.co_name == mutant.function:
            return const
    raise LookupError(mutant)  # pragma: no cover


class MutateRequire:
    """A pytest plugin that replaces the test run with the mutation run."""

    def __init__(self) -> None:
        self.survivors: list[tuple[Mutant, str]] = []
        self.killed = 0

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        from _pytest.runner import runtestprotocol

        from tests.web.test_service_contract import service_modules

        rows: dict[str, list[Any]] = defaultdict(list)
        for item in session.items:
            params = getattr(item, "callspec", None)
            if params is not None and "persona" in params.params:
                rows[params.params["name"]].append(item)
        if not rows:
            raise SystemExit("no matrix rows collected")
        for items in rows.values():
            items.sort(key=lambda i: i.callspec.params["persona"] != "outsider")
        mutants = [m for module in service_modules() for m in mutants_of(module)]
        print(f"\n{len(mutants)} require calls in {len(rows)} services", flush=True)
        for mutant in mutants:
            items = rows.get(mutant.service)
            if not items:
                self.survivors.append((mutant, "the service has no row in the matrix"))
                continue
            function = getattr(importlib.import_module(mutant.module), mutant.function)
            function = getattr(function, "__wrapped__", function)
            original = function.__code__
            function.__code__ = mutated_code(mutant)
            try:
                anchor = next(i for i in session.items if i not in items)
                caught = False
                for item in items:
                    reports = runtestprotocol(item, nextitem=anchor, log=False)
                    if any(r.failed for r in reports):
                        caught = True
                        break
            finally:
                function.__code__ = original
            if caught:
                self.killed += 1
                print(f"killed   {mutant}", flush=True)
            else:
                self.survivors.append((mutant, "the matrix stayed green"))
                print(f"SURVIVED {mutant}", flush=True)
        print(f"\n{self.killed} killed, {len(self.survivors)} survived", flush=True)
        for mutant, why in self.survivors:
            print(f"  survivor: {mutant} ({why})", flush=True)
        session.testsfailed = len(self.survivors)
        return True


def main() -> int:
    os.chdir(ROOT)
    os.environ.pop("DATABASE_URL", None)  # SQLite: fast, and nobody else's database
    plugin = MutateRequire()
    status = pytest.main(
        [
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "--no-migrations",
            MATRIX,
            "-k",
            "test_service_matrix",
        ],
        plugins=[plugin],
    )
    if plugin.survivors or plugin.killed == 0:
        return 1
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
