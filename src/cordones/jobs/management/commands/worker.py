"""`cordones worker`: django-tasks' database worker with a lease.

The worker renews a lease every `--heartbeat` seconds from a side thread and, on the same
beat, puts back in the queue the tasks of workers whose lease is older than `--lease`
seconds (killed with SIGKILL, out of memory, machine lost). Run every worker through this
command: a plain `db_worker` keeps no lease, and its long tasks would be taken for dead.
"""

from __future__ import annotations

import os
import socket
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from cordones.jobs.services import lease_release, lease_renew, tasks_recover


class Command(DbWorkerCommand):
    help = "Run a background worker that also re-queues the tasks of dead workers"

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=float,
            default=float(getattr(settings, "TASKS_LEASE_SECONDS", 60)),
            help="Seconds after which a silent worker counts as dead (default: %(default)s)",
        )
        parser.add_argument(
            "--heartbeat",
            type=float,
            default=None,
            help="Seconds between lease renewals (default: a quarter of the lease)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lease = float(options.pop("lease"))
        beat = options.pop("heartbeat") or lease / 4
        worker_id = options["worker_id"]
        host, pid = socket.gethostname()[:255], os.getpid()
        lease_renew(worker_id, host, pid)
        tasks_recover(lease)
        stop = threading.Event()

        def heartbeat() -> None:
            while not stop.wait(beat):
                try:
                    lease_renew(worker_id, host, pid)
                    tasks_recover(lease)
                except Exception:  # a busy database must not end the beat
                    close_old_connections()
            connection.close()

        thread = threading.Thread(target=heartbeat, name="cordones-lease", daemon=True)
        thread.start()
        try:
            options["reload"] = False  # a reloaded worker would lose its lease thread
            super().handle(*args, **options)
        finally:
            stop.set()
            thread.join(timeout=beat + 5)
            lease_release(worker_id)
