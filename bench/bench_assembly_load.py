"""Load benchmark: thousands of distinct voters cast a secret ballot at once against the
production server (`make serve`'s gunicorn) on PostgreSQL, beside a bare Django endpoint
doing one insert in the same run; then an exact recount; then the server is killed mid-vote
and we check that no acknowledged ballot was lost.

Run: `make bench` (or `.venv/bin/python bench/bench_assembly_load.py [--voters 2400]`).
Prints figures; asserts only correctness (every acknowledged ballot counted once).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DB = "cordones_bench"
PORT = 8765
CSRF = "b" * 32


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "CORDONES_ENV": "production",
        "CORDONES_HTTPS": "0",
        "SECRET_KEY": "bench-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
    }


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


def prepare(voters: int, sessions: Path) -> tuple[str, int]:
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env(), check=True)
    out = subprocess.run(
        [PY, "bench/load_setup.py", str(voters), str(sessions)],
        cwd=ROOT,
        env=env(),
        check=True,
        capture_output=True,
        text=True,
    )
    slug, motion = out.stdout.split()[-2:]
    return slug, int(motion)


def start_server(workers: int, threads: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--backlog",
            "4096",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env(),
    )
    for _ in range(100):
        try:
            import urllib.request

            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


async def _request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str, body: bytes, cookie: str
) -> int:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nX-CSRFToken: {CSRF}\r\nCookie: csrftoken={CSRF}; {cookie}\r\n\r\n"
    ).encode()
    writer.write(head + body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    if length:
        await reader.readexactly(length)
    return int(status_line.split()[1])


async def drive(
    path: str, cookies: list[str], body: bytes, concurrency: int
) -> tuple[list[float], dict[int, int], float]:
    """Each cookie (a distinct voter) sends one request; `concurrency` connections at once."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for cookie in cookies:
        queue.put_nowait(cookie)
    latencies: list[float] = []
    statuses: dict[int, int] = {}

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
        try:
            while not queue.empty():
                cookie = queue.get_nowait()
                started = time.perf_counter()
                try:
                    status = await _request(reader, writer, path, body, cookie)
                except (OSError, asyncio.IncompleteReadError):
                    status = 0  # no answer: not acknowledged
                    writer.close()
                    try:
                        reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
                    except OSError:
                        # the server is gone: the rest of this connection's voters get no answer
                        statuses[0] = statuses.get(0, 0) + 1
                        return
                latencies.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, statuses, time.perf_counter() - began


def report(name: str, latencies: list[float], statuses: dict[int, int], elapsed: float) -> float:
    ok = sum(n for s, n in statuses.items() if 200 <= s < 300)
    qs = statistics.quantiles(latencies, n=100)
    rate = ok / elapsed
    print(
        f"  {name:28} {ok:6d} ok of {len(latencies):6d} in {elapsed:6.2f} s = {rate:7.1f}/s   "
        f"p50 {qs[49] * 1000:6.1f} ms   p99 {qs[98] * 1000:6.1f} ms   statuses {dict(sorted(statuses.items()))}"
    )
    return rate


def recount(motion: int) -> tuple[int, int, int]:
    script = (
        "import django; django.setup();"
        "from cordones.assemblies.models import Ballot, VoteCast;"
        f"print(Ballot.objects.filter(motion_id={motion}).count(), VoteCast.objects.filter(motion_id={motion}).count(),"
        " len(set(Ballot.objects.filter(motion_id=%d).values_list('receipt', flat=True))))" % motion
    )
    out = subprocess.run(
        [PY, "-c", script], cwd=ROOT, env=env(), check=True, capture_output=True, text=True
    )
    a, b, c = out.stdout.split()
    return int(a), int(b), int(c)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=2400)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sessions = Path(tmp) / "sessions.txt"
        print(f"Preparing {args.voters} voters on PostgreSQL ({DB})…")
        slug, motion = prepare(args.voters, sessions)
        cookies = [f"sessionid={k}" for k in sessions.read_text().split()]
        half = len(cookies) // 2
        server = start_server(args.workers, args.threads)
        try:
            print(
                f"gunicorn gthread, {args.workers} workers × {args.threads} threads; {args.concurrency} connections"
            )
            ballot = json.dumps({"content": {"choice": "for"}}).encode()
            path = f"/api/v1/workplaces/{slug}/motions/{motion}/ballots"
            base = report(
                "bare Django insert",
                *asyncio.run(drive("/bench/insert", cookies[:half], b'{"x":1}', args.concurrency)),
            )
            cast = report(
                "cast a secret ballot",
                *asyncio.run(drive(path, cookies[:half], ballot, args.concurrency)),
            )
            print(
                f"  ballots/s ÷ bare inserts/s = {cast / base:.2f}  (goal ≥ 0.5; goal ≥ 300 ballots/s, p99 < 250 ms)"
            )
            again = asyncio.run(drive(path, cookies[:50], ballot, 10))
            print(
                f"  a second cast by 50 voters: statuses {again[1]} (400 = refused, as it must be)"
            )
            ballots, casts, receipts = recount(motion)
            print(
                f"  recount: {ballots} ballots, {casts} marked as voted, {receipts} distinct receipts"
            )
            acknowledged = half

            # kill the server in the middle of the second half of the vote
            async def killer() -> None:
                await asyncio.sleep(0.6)
                server.send_signal(signal.SIGKILL)
                subprocess.run(["pkill", "-9", "-f", f"127.0.0.1:{PORT}"], check=False)

            async def vote_and_kill() -> tuple[list[float], dict[int, int], float]:
                task = asyncio.create_task(killer())
                result = await drive(path, cookies[half:], ballot, args.concurrency)
                await task
                return result

            _lat, statuses, _elapsed = asyncio.run(vote_and_kill())
            acked_after = sum(n for s, n in statuses.items() if 200 <= s < 300)
            print(
                f"  killed mid-vote: {acked_after} more ballots acknowledged before the kill, statuses {statuses}"
            )
        finally:
            server.kill()
            subprocess.run(["pkill", "-9", "-f", f"127.0.0.1:{PORT}"], check=False)
        ballots_after, casts_after, _r = recount(motion)
        lost = acknowledged + acked_after - ballots_after
        print(
            f"  after the kill: {ballots_after} ballots stored for {acknowledged + acked_after} acknowledged; lost {max(lost, 0)}"
        )
        ok = (
            ballots == casts == receipts == acknowledged
            and ballots_after >= acknowledged + acked_after
            and ballots_after == casts_after
        )
        print("  exact recount:", "yes" if ok else "NO")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
