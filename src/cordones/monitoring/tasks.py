"""Background tasks of production monitoring (ADR 0006, ADR 0016)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def monitoring_recompute(progress_id: str, workplace_id: int) -> dict[str, Any]:
    from cordones.monitoring.services import monitoring_recompute as recompute
    from cordones.workplaces.models import Workplace

    workplace = Workplace.objects.filter(pk=workplace_id).first()
    if workplace is None:
        return {}
    return recompute(workplace, progress_id)
