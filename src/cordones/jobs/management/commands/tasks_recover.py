"""`cordones tasks-recover`: put back in the queue the tasks of dead workers now."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from cordones.jobs.services import tasks_recover


class Command(BaseCommand):
    help = "Re-queue running tasks whose worker's lease has expired"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--lease", type=float, default=float(getattr(settings, "TASKS_LEASE_SECONDS", 60))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = tasks_recover(options["lease"])
        self.stdout.write(f"{len(ids)} task(s) put back in the queue")
        for task_id in ids:
            self.stdout.write(f"  {task_id}")
