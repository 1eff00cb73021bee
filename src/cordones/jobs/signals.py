"""A failed task marks its progress row failed, so the page stops waiting."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished

from cordones.jobs.services import progress_fail


@receiver(task_finished)
def _progress_on_failure(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if task_result.status == TaskResultStatus.FAILED:
        progress_fail(str(task_result.id))
