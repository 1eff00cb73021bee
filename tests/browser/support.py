"""Helpers shared by the browser tests: logging in through the form, measuring the
page's width and running axe."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.conftest import PASSWORD


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Log in through the real form, as a person would."""
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def submit(page: Page, form: str = "main form.form") -> None:
    """Press a form's submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


def no_horizontal_overflow(page: Page) -> tuple[bool, str]:
    """Whether the page fits the screen's width, and what sticks out if it does not.

    The width is the one the context was made with: under mobile emulation Chromium, like
    a phone, widens the layout viewport (and so `window.innerWidth`) to fit content that
    overflows, which would hide the very problem."""
    assert page.viewport_size is not None
    width = page.viewport_size["width"]
    measured = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if max(measured) <= width:
        return True, ""
    culprits = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
              .filter(el => el.getBoundingClientRect().right > width + 0.5)
              .slice(-6)
              .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                   + (typeof el.className === 'string' && el.className
                      ? '.' + el.className.split(' ').join('.') : '')
                   + ' right=' + Math.round(el.getBoundingClientRect().right))""",
        width,
    )
    return False, (
        f"{page.url}: [scrollWidth, innerWidth]={measured} > {width}px; too wide: {culprits}"
    )


_axe = Axe()
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_blocking_violations(page: Page) -> list[str]:
    """Serious and critical axe violations on the page, one readable line per node."""
    results = _axe.run(page)
    lines = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            lines.append(
                f"{page.url} {violation['id']} ({violation['impact']}): {node['target']} "
                f"{node['html'][:160]!r} - {node.get('failureSummary', '').strip()[:300]}"
            )
    return lines
