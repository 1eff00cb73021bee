"""Browser fixtures: one Debian Chromium per test session (per xdist worker), a fresh
context for every test, and the shared `shop` served by pytest-django's live server.

Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
thread with a running loop unless told that it is safe, which it is here (the loop only
talks to the browser)."""

from __future__ import annotations

import importlib
import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.conftest import Shop

CHROMIUM = os.environ.get("CORDONES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# The two screens every flow is checked on.
PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
SIZES = {"phone": PHONE, "desktop": DESKTOP}

TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make services` (installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# SQLite's flush (DELETE FROM, between transactional tests) trips the triggers that keep
# the register append-only; PostgreSQL truncates, which row triggers ignore. On SQLite the
# triggers are lifted just for the flush and put back, from the migration's own SQL.
_APPEND_ONLY = importlib.import_module("cordones.members.migrations.0002_register_append_only")


def _run(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture
def _register_triggers_restored(django_db_blocker: Any) -> Iterator[None]:
    yield
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock():
            _run(_APPEND_ONLY.SQLITE_REVERSE + _APPEND_ONLY.SQLITE)


@pytest.fixture
def transactional_db(_register_triggers_restored: None, transactional_db: None) -> Iterator[None]:
    yield
    if connection.vendor == "sqlite":
        _run(_APPEND_ONLY.SQLITE_REVERSE)


@pytest.fixture
def live_shop(transactional_db: None, live_server: Any, shop: Shop) -> Shop:
    """The shared shop, committed so that the live server's thread sees it."""
    return shop


ContextFactory = Callable[..., BrowserContext]


@pytest.fixture
def new_context(browser: Browser, live_server: Any) -> Iterator[ContextFactory]:
    """Make browser contexts on the live server: `new_context("phone", javascript=False)`.

    Contexts bypass the Content-Security-Policy only so that axe can be injected; they
    ask for Argentine Spanish, as a browser in the cooperatives would."""
    made: list[BrowserContext] = []

    def make(size: str = "desktop", *, javascript: bool = True) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=True,
            java_script_enabled=javascript,
            locale="es-AR",
            **SIZES[size],
        )
        context.set_default_timeout(TIMEOUT_MS)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
