"""The browser tests run under the real Content-Security-Policy: an inline script is
refused, and (in every browser test) anything refused fails the test."""

from __future__ import annotations

import pytest

from tests.conftest import Shop

pytestmark = pytest.mark.browser


def test_the_policy_is_in_force_in_the_browser_tests(new_context, live_shop: Shop, csp_refused):
    page = new_context().new_page()
    page.goto("/accounts/login/")
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        ran = page.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.__inline = true';
                       document.head.appendChild(s);
                       return window.__inline === true; }"""
        )
    assert ran is False
    assert any("Content Security Policy" in line for line in csp_refused)
    csp_refused.clear()  # refused on purpose
