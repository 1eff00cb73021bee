"""`cordones monitoring-escalate`: escalate every signal not acknowledged in time (run it
from cron, e.g. hourly; recomputes escalate too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cordones.monitoring.services import signals_escalate


class Command(BaseCommand):
    help = "Escalate production-monitoring signals whose acknowledgement deadline has passed"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{signals_escalate()} signal(s) escalated")
