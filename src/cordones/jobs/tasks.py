"""A probe task: proves that workers run, and that a task killed mid-way is neither lost
nor half-written (tests/web/test_jobs_worker.py kills a worker running it)."""

from __future__ import annotations

import time

from django.db import transaction
from django_tasks import task

from cordones.jobs.models import TaskProgress
from cordones.jobs.services import progress_begin, progress_claim_finish, progress_finish


@task()
def probe(progress_id: str, rows: int, pause: float) -> int:
    """Write `rows` marker rows in one transaction, pausing `pause` seconds after each."""
    if progress_begin(progress_id, total=rows) is None:
        return 0
    with transaction.atomic():
        if not progress_claim_finish(progress_id):
            return 0
        for n in range(rows):
            TaskProgress.objects.create(kind="probe-row", result={"parent": progress_id, "n": n})
            time.sleep(pause)
        progress_finish(progress_id, {"rows": rows})
    return rows
