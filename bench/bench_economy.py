"""Economy benchmark: close a fiscal year for a 500-member workplace whose books have about
100,000 journal lines, and export the year to beancount, each printed beside a plain SQL
aggregate over the same rows (the floor any year close has to pay), in the same run.

Goals on this machine: year close under 2 s, export under 3 s. Printed, never asserted
(only correctness is checked: the close's result equals the SQL aggregate's).

Run: `make bench`, or `.venv/bin/python bench/bench_economy.py [--database-url URL]`
(a scratch SQLite file by default; e.g. postgres://postgres@127.0.0.1:5432/cordones_bench_economy).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

MEMBERS = 500
LINES = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="cordones-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["CORDONES_VAR_DIR"] = scratch
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        from django.db import connections

        name = connection.settings_dict["NAME"]
        with connections["default"]._nodb_cursor() as cursor:  # type: ignore[attr-defined]
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
    run(connection.vendor)


def run(vendor: str) -> None:
    from datetime import date, timedelta
    from decimal import Decimal

    from django.db import connection

    from cordones.domain.ledger import Posting, Transaction
    from cordones.ledger import accounts, exports
    from cordones.ledger import services as ledger
    from cordones.ledger.models import FiscalYear, JournalLine
    from cordones.members.models import Member, RegisterEntry
    from cordones.members.permissions import Access, Role
    from cordones.workplaces import services as workplaces

    t0 = time.perf_counter()
    wp = workplaces.workplace_create(
        slug="bench", name="Bench", legal_name="Cooperativa Bench Ltda.", sector="metalwork"
    )
    Member.objects.bulk_create(
        [Member(workplace=wp, number=n, full_name=f"Asociado {n}") for n in range(1, MEMBERS + 1)]
    )
    RegisterEntry.objects.bulk_create(
        [
            RegisterEntry(
                workplace=wp,
                seq=m.number,
                member=m,
                kind="admission",
                on=date(2020, 1, 1),
                shares_subscribed=Decimal(1000),
                shares_paid=Decimal(1000),
            )
            for m in Member.objects.filter(workplace=wp)
        ]
    )
    council = Access(wp.pk, None, None, frozenset({Role.MEMBER, Role.COUNCIL, Role.TREASURER}))
    ledger.chart_seed(wp)
    sections = ["Fundición", "Mecanizado", "Matricería", "Administración"]
    drafts = []
    # retiros: one line per member and month, plus the payable
    for month in range(1, 13):
        day = date(2025, month, 28)
        postings = [
            Posting(accounts.RETIROS_EXPENSE, Decimal("9500.00") + n, f"asociado {n}")
            for n in range(1, MEMBERS + 1)
        ]
        postings.append(Posting(accounts.RETIROS_PAYABLE, -sum(p.amount for p in postings)))
        drafts.append(
            ledger.Draft(Transaction(day, f"Retiros 2025-{month:02d}", tuple(postings)), "bench")
        )
    lines = sum(len(d.transaction.postings) for d in drafts)
    n = 0
    while lines < LINES:
        n += 1
        day = date(2025, 1, 1) + timedelta(days=n % 365)
        amount = Decimal(100000 + (n * 7919) % 900000) / 100
        drafts.append(
            ledger.Draft(
                Transaction(
                    day,
                    f"Venta {n}",
                    (Posting(accounts.RECEIVABLES, amount), Posting(accounts.SALES, -amount)),
                    section=sections[n % 4],
                ),
                "bench",
            )
        )
        lines += 2
    for i in range(0, len(drafts), 5000):
        ledger.transactions_post(wp, drafts[i : i + 5000], posted_by_id=None)
    total_lines = JournalLine.objects.filter(entry__workplace=wp).count()
    setup = time.perf_counter() - t0
    year = FiscalYear.objects.get(workplace=wp, end=date(2025, 12, 31))

    sql = (
        "SELECT l.account_id, SUM(l.amount) FROM ledger_journalline l "
        "JOIN ledger_journalentry e ON e.id = l.entry_id "
        "WHERE e.workplace_id = %s AND e.date BETWEEN %s AND %s GROUP BY l.account_id"
    )
    baseline = []
    for _ in range(3):
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, [wp.pk, year.start, year.end])
            rows = cursor.fetchall()
        baseline.append(time.perf_counter() - t)
    codes = dict(wp.ledger_accounts.values_list("id", "code"))
    raw = {codes[a]: Decimal(str(s)).quantize(Decimal("0.01")) for a, s in rows}
    expected = -sum((v for c, v in raw.items() if c.startswith(("4", "5"))), Decimal(0))

    t = time.perf_counter()
    closed = ledger.year_close(council, year)
    close_time = time.perf_counter() - t
    assert closed.surplus == expected, (closed.surplus, expected)

    export_times = []
    for _ in range(3):
        t = time.perf_counter()
        text = exports.beancount_export(wp, year.start, year.end)
        export_times.append(time.perf_counter() - t)

    best = min(baseline)
    print(
        f"database: {vendor}; {MEMBERS} members, {total_lines:,} journal lines (setup {setup:.1f} s)"
    )
    print(f"  plain SQL aggregate (per account, the year)  {best * 1000:8.1f} ms  (baseline)")
    print(
        f"  year close (summary, domain, closing entries) {close_time * 1000:8.1f} ms  goal < 2000 ms  ({close_time / best:.1f}x baseline)"
    )
    print(
        f"  beancount export of the year (best of 3)      {min(export_times) * 1000:8.1f} ms  goal < 3000 ms  ({len(text) / 1e6:.1f} MB)"
    )
    print(f"  year result: {closed.surplus} (equals the SQL aggregate)")
    from bench.report import machine_line, write_section

    write_section(
        "economy",
        f"""{machine_line()} {MEMBERS} members, {total_lines:,} journal lines, on {vendor};
the year's result equals the SQL aggregate's.

| | time |
|---|---|
| plain SQL aggregate per account (baseline) | {best * 1000:.1f} ms |
| year close | {close_time * 1000:.1f} ms (goal < 2 s) |
| beancount export of the year (best of 3) | {min(export_times) * 1000:.0f} ms (goal < 3 s) |""",
    )


if __name__ == "__main__":
    main()
