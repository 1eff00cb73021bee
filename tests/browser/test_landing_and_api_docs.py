"""A newcomer knows where they are (issue 9 pt 12): the public start page in Chromium, and
the API's browsable documentation loading under the real Content-Security-Policy with
nothing from outside the site."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.support import no_horizontal_overflow

pytestmark = pytest.mark.browser


def test_api_docs_load_under_the_csp_from_the_site_itself(browser, live_server, db):
    context = browser.new_context(base_url=live_server.url, **DESKTOP)  # CSP enforced
    page = context.new_page()
    violations: list[str] = []
    foreign: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url),
    )
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Cordones API")
    # the operations come from the served OpenAPI description
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert not violations, violations
    assert not [u for u in foreign if not u.startswith(("data:", "blob:"))], foreign
    context.close()


def test_landing_on_a_phone_links_login_and_docs(browser, live_server, db):
    context = browser.new_context(base_url=live_server.url, locale="es-AR", **PHONE)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Cordones")
    expect(page.get_by_label("Correo electrónico")).to_be_visible()
    fits, detail = no_horizontal_overflow(page)
    assert fits, detail
    with page.expect_navigation():
        page.locator("footer").get_by_role("link", name="Documentación de la API").click()
    assert page.url.endswith("/api/v1/docs")
    context.close()
