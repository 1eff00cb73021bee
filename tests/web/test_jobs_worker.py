"""Background work on real workers (ADR 0006): tasks enqueued with the caller's
transaction, and a worker killed with SIGKILL mid-task leaves the task to be run again by
another worker, once, never half-written."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
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


class SharedDatabase:
    """The database the worker processes share with the test: PostgreSQL's test database
    itself or, on SQLite (in memory during tests), a file copy of it made with SQLite's
    backup API. Read with plain SQL, the same on both."""

    def __init__(self, directory: Path) -> None:
        self.file: Path | None = None
        if connection.vendor == "postgresql":
            s = connection.settings_dict
            host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
            self.url = f"postgres://{s['USER']}@{host}:{port}/{s['NAME']}"
        else:
            self.file = directory / "shared.sqlite3"
            connection.ensure_connection()
            with closing(sqlite3.connect(self.file)) as copy:
                connection.connection.backup(copy)
            self.url = f"sqlite:///{self.file}"

    def query(self, sql: str) -> list[tuple]:
        if self.file is not None:
            with closing(sqlite3.connect(self.file, timeout=20)) as db:
                return db.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def task(self) -> tuple[str, list[str], object]:
        [(status, worker_ids, value)] = self.query(
            "SELECT status, worker_ids, return_value FROM django_tasks_database_dbtaskresult"
        )
        load = json.loads if isinstance(worker_ids, str) else (lambda v: v)
        return status, load(worker_ids), load(value) if value is not None else None

    def progress_state(self) -> str:
        return self.query("SELECT state FROM jobs_taskprogress WHERE kind = 'probe'")[0][0]

    def rows(self) -> list[int]:
        found = self.query("SELECT result FROM jobs_taskprogress WHERE kind = 'probe-row'")
        return sorted((json.loads(r) if isinstance(r, str) else r)["n"] for (r,) in found)

    def leases(self) -> int:
        return self.query("SELECT COUNT(*) FROM jobs_workerlease")[0][0]


def _worker(shared: SharedDatabase, *extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": shared.url,
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


def _wait(condition, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_leaves_it_to_another_worker_once_and_whole(
    database_tasks, tmp_path
):
    progress_enqueue(probe, "probe", 8, 0.4)
    shared = SharedDatabase(tmp_path)
    first = _worker(shared)
    try:
        assert _wait(lambda: shared.progress_state() == ProgressState.RUNNING), (
            first.stderr.read().decode() if first.poll() is not None else "worker never started"
        )
        time.sleep(1.2)  # a few rows written, none committed
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    status, worker_ids, _value = shared.task()
    assert status == TaskResultStatus.RUNNING and len(worker_ids) == 1
    assert shared.rows() == []  # nothing half-written

    second = _worker(shared, "--max-tasks", "1")
    try:
        second.wait(120)
    finally:
        if second.poll() is None:
            second.kill()
    status, worker_ids, value = shared.task()
    assert status == TaskResultStatus.SUCCESSFUL, second.stderr.read().decode()
    assert len(worker_ids) == 2 and worker_ids[0] != worker_ids[1]
    assert value == 8
    assert shared.rows() == list(range(8))  # exactly once
    assert shared.progress_state() == ProgressState.DONE
    assert shared.leases() == 0  # the dead lease expired, the second released
