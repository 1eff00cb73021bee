"""Production monitoring in a workplace: signals from its production records, raised to the
workplace first, acknowledged or escalated after its deadline, everything logged; the
recompute runs as a background task whose progress the page shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.jobs.models import ProgressState, TaskProgress
from cordones.members.permissions import Access, Role
from cordones.monitoring import services
from cordones.monitoring.models import MonitoringSettings, Signal, SignalEvent, SignalState
from tests.web.monitoring_scene import DROP_DAY, council_access, open_signal, record_output

pytestmark = pytest.mark.django_db


def member_access(shop) -> Access:
    member = shop.members["member"]
    return Access(shop.workplace.pk, member.user_id, member.pk, frozenset({Role.MEMBER}))


def test_a_fall_in_output_raises_a_signal_to_the_workplace_with_its_log(
    shop, django_capture_on_commit_callbacks
):
    record_output(shop)
    with django_capture_on_commit_callbacks(execute=True):
        progress = services.monitoring_recompute_request(council_access(shop), shop.workplace)
    progress.refresh_from_db()
    assert progress.state == ProgressState.DONE and progress.task_id
    falls = Signal.objects.filter(series_key__startswith="output:", kind="fall")
    assert falls.count() >= 1
    first = falls.order_by("period_start").first()
    assert DROP_DAY <= first.period_start <= DROP_DAY + timedelta(days=3)
    assert first.expected > 90 and first.observed < 65 and first.log_bayes_factor < -6
    assert first.state == SignalState.OPEN and first.workplace == shop.workplace
    assert first.deadline_at - first.raised_at == timedelta(hours=72)
    # nothing before the drop in the output series
    assert not Signal.objects.filter(series_key__startswith="output:", period_start__lt=DROP_DAY)
    raised = Signal.objects.count()
    assert progress.result == {"series": 3, "raised": raised, "escalated": 0}
    assert SignalEvent.objects.filter(action="raised").count() == raised


def test_recomputing_raises_nothing_twice(shop):
    record_output(shop)
    services.monitoring_recompute(shop.workplace)
    before = list(Signal.objects.values_list("pk", flat=True))
    result = services.monitoring_recompute(shop.workplace)
    assert result["raised"] == 0
    assert list(Signal.objects.values_list("pk", flat=True)) == before


def test_the_council_acknowledges_and_a_member_cannot(shop):
    signal = open_signal(shop)
    with pytest.raises(PermissionDeniedError):
        services.signal_acknowledge(member_access(shop), signal, "no")
    signal.refresh_from_db()
    assert signal.state == SignalState.OPEN and not signal.events.exists()
    services.signal_acknowledge(council_access(shop), signal, "  Faltó papel  ")
    signal.refresh_from_db()
    assert signal.state == SignalState.ACKNOWLEDGED and signal.note == "Faltó papel"
    assert signal.acknowledged_by_id == shop.members["council_member"].user_id
    assert list(signal.events.values_list("action", "note")) == [("acknowledged", "Faltó papel")]
    with pytest.raises(ServiceError):
        services.signal_acknowledge(council_access(shop), signal, "again")
    assert signal.events.count() == 1


def test_another_workplace_cannot_acknowledge(shop, other_shop):
    signal = open_signal(shop)
    with pytest.raises(PermissionDeniedError):
        services.signal_acknowledge(council_access(other_shop), signal)
    signal.refresh_from_db()
    assert signal.state == SignalState.OPEN


def test_only_signals_past_their_deadline_and_unacknowledged_escalate(shop):
    overdue, due_later, answered = (open_signal(shop, n) for n in range(3))
    Signal.objects.filter(pk__in=[overdue.pk, answered.pk]).update(
        deadline_at=timezone.now() - timedelta(hours=1)
    )
    services.signal_acknowledge(council_access(shop), answered)
    assert services.signals_escalate() == 1
    states = dict(Signal.objects.values_list("pk", "state"))
    assert states == {
        overdue.pk: SignalState.ESCALATED,
        due_later.pk: SignalState.OPEN,
        answered.pk: SignalState.ACKNOWLEDGED,
    }
    event = SignalEvent.objects.get(action="escalated")
    assert event.signal_id == overdue.pk and "network council does not exist" in event.note
    assert services.signals_escalate() == 0  # once


def test_the_workplace_sets_its_deadline_within_bounds(shop):
    with pytest.raises(ServiceError):
        services.monitoring_settings_set(council_access(shop), shop.workplace, 0)
    with pytest.raises(PermissionDeniedError):
        services.monitoring_settings_set(member_access(shop), shop.workplace, 5)
    assert not MonitoringSettings.objects.exists()
    services.monitoring_settings_set(council_access(shop), shop.workplace, 5)
    record_output(shop)
    services.monitoring_recompute(shop.workplace)
    signal = Signal.objects.first()
    assert signal.deadline_at - signal.raised_at == timedelta(hours=5)


def test_the_page_shows_signals_and_a_running_task_polls_its_progress(client, shop, other_shop):
    signal = open_signal(shop)
    progress = TaskProgress.objects.create(
        workplace=shop.workplace, kind="monitoring", state="running", done=1, total=4
    )
    client.force_login(shop.users["member"])
    page = client.get(reverse("monitoring", args=[shop.workplace.slug]))
    html = page.content.decode()
    assert signal.series_label in html
    fragment_url = reverse("task_progress", args=[shop.workplace.slug, progress.pk])
    assert f'hx-get="{fragment_url}"' in html and 'http-equiv="refresh"' in html
    assert 'value="25"' in html  # the progress bar
    assert "monitoring_acknowledge" not in html and "Acknowledge" not in html  # a member

    TaskProgress.objects.filter(pk=progress.pk).update(
        state="done", result={"series": 4, "raised": 2, "escalated": 0}
    )
    fragment = client.get(fragment_url).content.decode()
    assert "hx-get" not in fragment and "refresh" not in fragment  # polling stops
    assert 'value="100"' in fragment and "4" in fragment

    client.force_login(other_shop.users["secretary"])
    assert client.get(fragment_url).status_code == 404
    theirs = reverse("task_progress", args=[other_shop.workplace.slug, progress.pk])
    assert client.get(theirs).status_code == 404
