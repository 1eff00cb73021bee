"""`cordones verify-books`: re-check each workplace's minute book hash chain and name any
entry that was altered, removed or reordered. Exit status 1 when anything is wrong."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cordones.assemblies.selectors import book_entries, book_verify
from cordones.workplaces.models import Workplace

REASONS = {
    "content_altered": "its content no longer matches its hash",
    "chain_broken": "it does not follow the entry before it",
    "number_gap": "an entry before it is missing",
}


class Command(BaseCommand):
    help = "Verify the minute books (libros de actas) of every workplace, or of one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workplace", help="short name (slug) of one workplace")

    def handle(self, *args: Any, **options: Any) -> None:
        workplaces = Workplace.objects.order_by("slug")
        if options.get("workplace"):
            workplaces = workplaces.filter(slug=options["workplace"])
        broken = 0
        for workplace in workplaces:
            count = book_entries(workplace).count()
            problems = book_verify(workplace)
            if not problems:
                self.stdout.write(f"{workplace.slug}: {count} actas, chain intact")
                continue
            broken += 1
            for problem in problems:
                self.stdout.write(
                    f"{workplace.slug}: acta {problem.number}: {REASONS[problem.reason]}"
                )
        if broken:
            raise SystemExit(1)
