"""Background work beside django-tasks: worker leases (so a task whose worker died is
run again) and the progress of long tasks (shown in the page while they run)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from cordones.workplaces.models import Workplace


class WorkerLease(models.Model):
    """A live worker process. It renews `seen_at` every few seconds; a worker whose lease
    has not been renewed for longer than the lease time is dead, and the task it was
    running goes back to the queue (see cordones.jobs.services.tasks_recover)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("worker lease")
        verbose_name_plural = _("worker leases")

    def __str__(self) -> str:
        return f"{self.worker_id} {self.host}:{self.pid}"


class ProgressState(models.TextChoices):
    QUEUED = "queued", _("waiting for a worker")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class TaskProgress(models.Model):
    """How far a long task has got, and its result once done.

    The task writes `finished_at`/`result` in the same transaction as its effects, so a
    progress row that is DONE means the effects are committed; a task run again after its
    worker died sees that and does nothing (exactly-once effects)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_id = models.CharField(max_length=64, blank=True, db_index=True)
    workplace = models.ForeignKey(
        Workplace, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    state = models.CharField(max_length=10, choices=ProgressState.choices, default="queued")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["workplace", "kind", "-created_at"], name="progress_wp")]

    def __str__(self) -> str:
        return f"{self.kind} {self.state} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        if self.state == ProgressState.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in (ProgressState.DONE, ProgressState.FAILED)
