"""Browser fixtures: one Debian Chromium per test session (per xdist worker), a fresh
context for every test, and the shared `shop` served by pytest-django's live server.

Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
thread with a running loop unless told that it is safe, which it is here (the loop only
talks to the browser)."""

from __future__ import annotations

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
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


@pytest.fixture
def live_shop(transactional_db: None, live_server: Any, shop: Shop) -> Shop:
    """The shared shop, committed so that the live server's thread sees it."""
    return shop


ContextFactory = Callable[..., BrowserContext]


@pytest.fixture
def csp_refused() -> list[str]:
    """What the browser refused under the Content-Security-Policy during the test."""
    return []


@pytest.fixture
def new_context(
    browser: Browser, live_server: Any, csp_refused: list[str]
) -> Iterator[ContextFactory]:
    """Make browser contexts on the live server: `new_context("phone", javascript=False)`.

    Pages run under the real Content-Security-Policy (axe is injected through the
    DevTools protocol, which the policy does not govern), and a test fails if the browser
    refused anything under it: an inline script or style that the policy blocks would
    break the page for every user. Contexts ask for Argentine Spanish, as a browser in
    the cooperatives would."""
    made: list[BrowserContext] = []
    refused = csp_refused

    def watch(message: Any) -> None:
        if "Content Security Policy" in message.text:
            refused.append(f"{message.page.url if message.page else ''}: {message.text}")

    def make(size: str = "desktop", *, javascript: bool = True) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale="es-AR",
            **SIZES[size],
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.on("console", watch)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
    assert not refused, "the Content-Security-Policy refused:\n" + "\n".join(refused)
