"""Enqueueing tasks with the caller's transaction, progress of long tasks, and the
recovery of tasks whose worker died (see docs/adr/0006-background-work.md)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from cordones.jobs.models import ProgressState, TaskProgress, WorkerLease
from cordones.workplaces.models import Workplace

logger = logging.getLogger(__name__)


def enqueue_after_commit(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Run `task` once the caller's transaction commits, never if it rolls back.

    With the database backend the task row is written inside the caller's transaction
    (a transactional outbox: it exists exactly when the caller's writes do). Any other
    backend (the immediate one in tests) is handed the task after commit."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def progress_enqueue(
    task: Task[Any, Any],
    kind: str,
    *args: Any,
    workplace: Workplace | None = None,
    total: int = 0,
    **kwargs: Any,
) -> TaskProgress:
    """Create a progress row and enqueue `task(progress_id, *args, **kwargs)` after commit."""
    progress = TaskProgress.objects.create(workplace=workplace, kind=kind, total=total)
    progress_id = str(progress.pk)

    def _enqueue() -> None:
        result = task.enqueue(progress_id, *args, **kwargs)
        TaskProgress.objects.filter(pk=progress.pk).update(task_id=str(result.id))

    if isinstance(task.get_backend(), DatabaseBackend):
        _enqueue()
    else:
        transaction.on_commit(_enqueue)
    return progress


def progress_begin(progress_id: str, total: int | None = None) -> TaskProgress | None:
    """Mark the task's progress as running; None if a previous run already finished it
    (a task run again after its worker died must not write twice)."""
    progress = TaskProgress.objects.filter(pk=progress_id).first()
    if progress is None or progress.state == ProgressState.DONE:
        return None
    fields: dict[str, Any] = {"state": ProgressState.RUNNING, "updated_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    TaskProgress.objects.filter(pk=progress_id).update(**fields)
    progress.refresh_from_db()
    return progress


def progress_step(progress_id: str, done: int, total: int | None = None) -> None:
    """Record how far the task has got. Call it outside the task's write transaction so
    that the page sees it while the task runs."""
    fields: dict[str, Any] = {"done": done, "updated_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    TaskProgress.objects.filter(pk=progress_id).exclude(state=ProgressState.DONE).update(**fields)


def progress_claim_finish(progress_id: str) -> bool:
    """Inside the task's write transaction: lock the progress row; False if another run of
    the task has finished it already (then the caller writes nothing)."""
    row = TaskProgress.objects.select_for_update().filter(pk=progress_id).first()
    return row is not None and row.state != ProgressState.DONE


def progress_finish(progress_id: str, result: dict[str, Any]) -> None:
    """Inside the task's write transaction, after its writes: the task is done, with
    `result` shown in the page."""
    TaskProgress.objects.filter(pk=progress_id).update(
        state=ProgressState.DONE, result=result, finished_at=timezone.now()
    )


def progress_fail(task_id: str) -> None:
    TaskProgress.objects.filter(task_id=task_id).exclude(state=ProgressState.DONE).update(
        state=ProgressState.FAILED, finished_at=timezone.now()
    )


# --- worker leases and recovery -------------------------------------------------------


def lease_renew(worker_id: str, host: str, pid: int, now: datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerLease.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerLease.objects.create(
            worker_id=worker_id, host=host, pid=pid, started_at=now, seen_at=now
        )


def lease_release(worker_id: str) -> None:
    WorkerLease.objects.filter(worker_id=worker_id).delete()


def tasks_recover(lease_seconds: float, now: datetime | None = None) -> list[str]:
    """Put back in the queue every running task whose worker has not renewed its lease for
    `lease_seconds` (it was killed, or its machine died). The task's writes were in a
    transaction that died with the worker, so running it again is safe; tasks with
    progress rows also skip writes a previous run committed. Returns the ids put back."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=lease_seconds)
    recovered: list[str] = []
    with transaction.atomic():
        live = set(
            WorkerLease.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
        )
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=cutoff
        )
        for result in running:
            owner = result.worker_ids[-1] if result.worker_ids else None
            if owner in live:
                continue
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            recovered.append(str(result.id))
            logger.warning("Task %s of dead worker %s put back in the queue", result.id, owner)
        WorkerLease.objects.filter(seen_at__lt=cutoff).delete()
    return recovered
