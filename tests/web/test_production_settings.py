"""Production settings: checked in a fresh process with the production environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    dropped = ("DEBUG", "SECRET_KEY", "CORDONES_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production():
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        CORDONES_ENV="production",
        SECRET_KEY="k" * 20 + "a-long-random-production-secret-value-1234567890",
        ALLOWED_HOSTS="cordones.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["check"], CORDONES_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_is_off_unless_set():
    from django.conf import settings

    assert os.environ.get("DEBUG") is not None or settings.DEBUG is False


@pytest.mark.django_db
def test_security_headers_and_csp(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "script-src 'self'" in csp
        and "frame-ancestors 'none'" in csp
    )
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert b"https://" not in response.content  # nothing loaded from elsewhere


@pytest.mark.django_db
def test_health_endpoint(client):
    assert client.get("/health").json() == {"status": "ok"}


def test_models_and_migrations_agree():
    result = run(["makemigrations", "--check", "--dry-run"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_static_files_are_served_without_collectstatic(client):
    """`make demo` runs the development server with DEBUG off: WhiteNoise serves the
    stylesheet and htmx (from the django-htmx package) from the finders."""
    assert client.get("/static/cordones/cordones.css").status_code == 200
    response = client.get("/static/django_htmx/htmx-2.min.js")
    assert response.status_code == 200
    assert b'version:"2.' in b"".join(response.streaming_content)
