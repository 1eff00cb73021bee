from __future__ import annotations

from cordones.jobs.models import TaskProgress


def progress_get(progress_id: str, workplace_id: int) -> TaskProgress | None:
    """A progress row of this workplace (None for an unknown id or another workplace's)."""
    return TaskProgress.objects.filter(pk=progress_id, workplace_id=workplace_id).first()


def progress_latest(workplace_id: int, kind: str) -> TaskProgress | None:
    return TaskProgress.objects.filter(workplace_id=workplace_id, kind=kind).first()
