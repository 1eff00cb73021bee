"""Background work on real workers (ADR 0006): tasks enqueued with the caller's
transaction, and a worker killed with SIGKILL mid-task leaves the task to be run again by
another worker, once, never half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cordones.jobs.models import ProgressState, TaskProgress, WorkerLease
from cordones.jobs.services import enqueue_after_commit, progress_enqueue, tasks_recover
from cordones.jobs.tasks import probe

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def _rows(progress: TaskProgress) -> list[int]:
    return sorted(
        r["n"]
        for r in TaskProgress.objects.filter(kind="probe-row").values_list("result", flat=True)
        if r["parent"] == str(progress.pk)
    )


@pytest.mark.django_db
def test_a_task_exists_exactly_when_the_callers_transaction_commits(database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_after_commit(probe, "x", 1, 0)
        assert DBTaskResult.objects.count() == 1  # written inside the transaction
        raise RuntimeError("roll back")
    assert DBTaskResult.objects.count() == 0
    with transaction.atomic():
        enqueue_after_commit(probe, "x", 1, 0)
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("cordones.jobs.tasks.probe", TaskResultStatus.READY)
    ]


@pytest.mark.django_db
def test_a_finished_task_run_again_writes_nothing_more(database_tasks):
    progress = progress_enqueue(probe, "probe", 3, 0)
    assert probe.call(str(progress.pk), 3, 0) == 3
    assert probe.call(str(progress.pk), 3, 0) == 0  # e.g. re-run after its worker died
    assert _rows(progress) == [0, 1, 2]
    progress.refresh_from_db()
    assert progress.state == ProgressState.DONE and progress.result == {"rows": 3}


@pytest.mark.django_db
def test_recovery_requeues_only_tasks_of_workers_whose_lease_expired(database_tasks):
    now = timezone.now()
    old = now - timedelta(seconds=120)
    WorkerLease.objects.create(worker_id="alive", host="h", pid=1, started_at=old, seen_at=now)
    WorkerLease.objects.create(worker_id="dead", host="h", pid=2, started_at=old, seen_at=old)
    for worker in ("alive", "dead"):
        result = probe.enqueue(worker, 1, 0)
        DBTaskResult.objects.filter(pk=result.id).update(
            status=TaskResultStatus.RUNNING, started_at=old, worker_ids=[worker]
        )
    recovered = tasks_recover(60, now=now)
    states = dict(DBTaskResult.objects.values_list("args_kwargs__args__0", "status"))
    assert states == {"alive": TaskResultStatus.RUNNING, "dead": TaskResultStatus.READY}
    assert len(recovered) == 1
    assert list(WorkerLease.objects.values_list("worker_id", flat=True)) == ["alive"]


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _worker(*extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    command = Path(sys.executable).parent / "cordones"
    options = ["--lease", "3", "--heartbeat", "0.5", "--interval", "0.2", "--no-startup-delay"]
    return subprocess.Popen(
        [str(command), "worker", *options, "-v", "0", *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_leaves_it_to_another_worker_once_and_whole(database_tasks):
    if connection.vendor != "postgresql":
        pytest.skip("the worker subprocess needs a database it can share: PostgreSQL")
    progress = progress_enqueue(probe, "probe", 8, 0.4)
    result_id = DBTaskResult.objects.get().pk
    first = _worker()
    try:
        assert _wait(
            lambda: TaskProgress.objects.get(pk=progress.pk).state == ProgressState.RUNNING
        ), first.stderr.read().decode() if first.poll() is not None else "worker never started"
        time.sleep(1.2)  # a few rows written, none committed
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    killed = DBTaskResult.objects.get(pk=result_id)
    assert killed.status == TaskResultStatus.RUNNING and len(killed.worker_ids) == 1
    assert _rows(progress) == []  # nothing half-written

    second = _worker("--max-tasks", "1")
    try:
        second.wait(90)
    finally:
        if second.poll() is None:
            second.kill()
    done = DBTaskResult.objects.get(pk=result_id)
    assert done.status == TaskResultStatus.SUCCESSFUL, done.traceback
    assert len(done.worker_ids) == 2 and done.worker_ids[0] != done.worker_ids[1]
    assert done.return_value == 8
    assert _rows(progress) == list(range(8))  # exactly once
    assert TaskProgress.objects.get(pk=progress.pk).state == ProgressState.DONE
    assert not WorkerLease.objects.exists()  # the dead lease expired, the second released
