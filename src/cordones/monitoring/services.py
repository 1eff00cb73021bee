"""Writes of production monitoring: recompute the signals (a background task), the
workplace acknowledges them, and unacknowledged ones escalate after the workplace's
deadline. Every step is logged as a SignalEvent."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cordones.core.errors import ServiceError
from cordones.domain.monitoring import CHANGE_DOWN, CHANGE_UP, OUTLIER, Monitor, monitor_series
from cordones.domain.monitoring.series import series_matrix
from cordones.jobs.models import TaskProgress
from cordones.jobs.services import (
    progress_begin,
    progress_claim_finish,
    progress_enqueue,
    progress_finish,
    progress_step,
)
from cordones.members.permissions import Access, require
from cordones.monitoring import selectors
from cordones.monitoring.models import (
    DEADLINE_MAX_HOURS,
    MonitoringSettings,
    Signal,
    SignalAction,
    SignalEvent,
    SignalKind,
    SignalState,
)
from cordones.workplaces.models import Workplace

KINDS = {OUTLIER: SignalKind.OUTLIER, CHANGE_UP: SignalKind.RISE, CHANGE_DOWN: SignalKind.FALL}
PROGRESS_KIND = "monitoring"
# what the log says of an escalation while the network council does not exist yet
ESCALATION_NOTE = gettext_noop(
    "Not acknowledged in time. The network council does not exist yet in Cordones: the "
    "escalation is recorded here only."
)


def monitoring_recompute_request(access: Access, workplace: Workplace) -> TaskProgress:
    """Enqueue a recompute of the workplace's signals; its progress shows in the page."""
    require(access, "monitoring.manage", workplace)
    from cordones.monitoring.tasks import monitoring_recompute  # the task imports this module

    with transaction.atomic():
        return progress_enqueue(
            monitoring_recompute, PROGRESS_KIND, workplace.pk, workplace=workplace
        )


def monitoring_recompute(
    workplace: Workplace, progress_id: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Run the monitor over every production series of the workplace and raise the signals
    not raised before, then escalate overdue ones; all writes in one transaction, so a run
    killed half-way writes nothing (and a finished run is not repeated)."""
    now = now or timezone.now()
    if progress_id and progress_begin(progress_id) is None:
        return {}
    found = selectors.series_for_workplace(workplace)
    # one monitor run per period kind: days, weeks and months are not the same steps
    candidates: list[tuple[str, str, str, str, Any, Any]] = []
    kinds = sorted({s.kind for s, _i, _l in found})
    for done, kind in enumerate(kinds):
        group = [(s, i, label) for s, i, label in found if s.kind == kind]
        matrix, dates = series_matrix([s for s, _i, _l in group])
        _state, signals, _f = monitor_series(matrix, Monitor())
        for sig in signals:
            series, indicator, label = group[sig.series]
            candidates.append((series.key, indicator, label, kind, dates[sig.series][sig.t], sig))
        if progress_id:
            progress_step(progress_id, done + 1, total=len(kinds) + 1)
    deadline = timedelta(hours=selectors.settings_get(workplace).ack_deadline_hours)
    with transaction.atomic():
        if progress_id and not progress_claim_finish(progress_id):
            return {}
        existing = set(
            Signal.objects.filter(workplace=workplace).values_list(
                "series_key", "period_start", "kind"
            )
        )
        raised = []
        for key, indicator, label, kind, start, sig in candidates:
            signal_kind = KINDS[sig.kind]
            if (key, start, signal_kind.value) in existing:
                continue
            signal = Signal.objects.create(
                workplace=workplace,
                series_key=key,
                series_label=label[:250],
                indicator=indicator,
                period=kind,
                period_start=start,
                kind=signal_kind,
                expected=sig.expected,
                observed=sig.observed,
                z=sig.z if math.isfinite(sig.z) else 0.0,
                log_bayes_factor=max(sig.log_bayes_factor, -1e6),
                run=min(sig.run, 32767),
                raised_at=now,
                deadline_at=now + deadline,
            )
            raised.append(signal)
        SignalEvent.objects.bulk_create(
            SignalEvent(signal=s, action=SignalAction.RAISED, at=now) for s in raised
        )
        escalated = signals_escalate(now, workplace=workplace)
        result = {"series": len(found), "raised": len(raised), "escalated": escalated}
        if progress_id:
            progress_finish(progress_id, result)
    return result


def signal_acknowledge(
    access: Access, signal: Signal, note: str = "", now: datetime | None = None
) -> Signal:
    """The workplace has seen the signal (and says what it makes of it)."""
    require(access, "monitoring.acknowledge", signal.workplace)
    now = now or timezone.now()
    note = note.strip()
    if len(note) > 2000:
        raise ServiceError.single("note", _("Keep the note under 2000 characters."))
    with transaction.atomic():
        locked = Signal.objects.select_for_update().get(pk=signal.pk)
        if locked.state == SignalState.ACKNOWLEDGED:
            raise ServiceError.single("", _("This signal was already acknowledged."))
        locked.state = SignalState.ACKNOWLEDGED
        locked.acknowledged_at = now
        locked.acknowledged_by_id = access.user_id
        locked.note = note
        locked.save(update_fields=["state", "acknowledged_at", "acknowledged_by", "note"])
        SignalEvent.objects.create(
            signal=locked, action=SignalAction.ACKNOWLEDGED, at=now, by_id=access.user_id, note=note
        )
    return locked


def signals_escalate(now: datetime | None = None, workplace: Workplace | None = None) -> int:
    """Escalate every open signal whose deadline has passed; returns how many. The network
    council does not exist yet: the escalation is recorded (state and log), not sent."""
    now = now or timezone.now()
    with transaction.atomic():
        overdue = Signal.objects.select_for_update().filter(
            state=SignalState.OPEN, deadline_at__lt=now
        )
        if workplace is not None:
            overdue = overdue.filter(workplace=workplace)
        rows = list(overdue)
        for signal in rows:
            signal.state = SignalState.ESCALATED
            signal.escalated_at = now
        Signal.objects.bulk_update(rows, ["state", "escalated_at"])
        SignalEvent.objects.bulk_create(
            SignalEvent(signal=s, action=SignalAction.ESCALATED, at=now, note=ESCALATION_NOTE)
            for s in rows
        )
    return len(rows)


def monitoring_settings_set(access: Access, workplace: Workplace, ack_deadline_hours: int) -> None:
    """The workplace sets how long it has to acknowledge a signal before it escalates
    (applies to signals raised from now on)."""
    require(access, "monitoring.manage", workplace)
    if not 1 <= ack_deadline_hours <= DEADLINE_MAX_HOURS:
        raise ServiceError.single(
            "ack_deadline_hours",
            _("Choose between 1 and %(max)d hours.") % {"max": DEADLINE_MAX_HOURS},
        )
    MonitoringSettings.objects.update_or_create(
        workplace=workplace, defaults={"ack_deadline_hours": ack_deadline_hours}
    )
