"""axe-core on the pages a secretary uses most, on a phone and on a desktop: no serious
or critical violation (contrast, names, labels, landmarks, ARIA) may reach a person."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import axe_blocking_violations, log_in, no_horizontal_overflow, submit
from tests.conftest import Shop

pytestmark = pytest.mark.browser


def check(page: Page, found: list[str], size: str) -> None:
    found.extend(axe_blocking_violations(page))
    if size == "phone":
        fits, detail = no_horizontal_overflow(page)
        if not fits:
            found.append(f"horizontal overflow: {detail}")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_secretary_pages_pass_axe(new_context, live_shop: Shop, size: str):
    slug = live_shop.workplace.slug
    page = new_context(size).new_page()
    found: list[str] = []

    page.goto("/accounts/login/")
    check(page, found, size)
    page.locator("input[name=username]").fill("secretary@grafica.test")
    page.locator("input[name=password]").fill("not the password")
    submit(page, "main form")
    expect(page.get_by_role("alert")).to_be_visible()
    for name in ("username", "password"):
        expect(page.locator(f"input[name={name}]")).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"input[name={name}]")).to_have_attribute(
            "aria-describedby", "login_error"
        )
    check(page, found, size)  # the login form showing its error

    log_in(page, "secretary@grafica.test")
    expect(page).to_have_url(re.compile(rf"/w/{slug}/$"))
    check(page, found, size)
    for path in (
        f"/w/{slug}/register/",
        f"/w/{slug}/register/book/",
        f"/w/{slug}/members/2/",
        f"/w/{slug}/statute/",
        f"/w/{slug}/assemblies/books/",
        f"/w/{slug}/assemblies/books/assembly_minutes/",
        f"/w/{slug}/register/admit/",  # last: the form below is filled on it
    ):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        check(page, found, size)

    # The admission form showing its field errors: an empty name and a bad number.
    page.locator("#id_number").fill("0")
    page.locator("#id_full_name").fill("")
    submit(page)
    expect(page.get_by_role("alert")).to_be_visible()
    for field in ("number", "full_name"):
        control = page.locator(f"#id_{field}")
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_attribute("aria-describedby", f"id_{field}_error")
        expect(page.locator(f"#id_{field}_error")).to_be_visible()
    check(page, found, size)

    assert not found, "accessibility problems:\n" + "\n".join(found)


def test_member_pages_pass_axe_on_a_phone(new_context, live_shop: Shop):
    """What an ordinary member sees: fewer links, no write actions."""
    slug = live_shop.workplace.slug
    page = new_context("phone").new_page()
    found: list[str] = []
    log_in(page, "member@grafica.test")
    expect(page).to_have_url(re.compile(rf"/w/{slug}/$"))
    check(page, found, "phone")
    for path in (f"/w/{slug}/register/", f"/w/{slug}/members/1/", "/accounts/profile/"):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        check(page, found, "phone")
    assert not found, "accessibility problems:\n" + "\n".join(found)


def test_keyboard_reaches_the_content_and_sees_where_it_is(new_context, live_shop: Shop):
    page = new_context("phone").new_page()
    log_in(page, "secretary@grafica.test")

    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Tab")
    brand = page.locator("header a.brand")
    expect(brand).to_be_focused()
    # On the red header the focus ring is white, not the blue used on the light page.
    ring = brand.evaluate(
        "el => [getComputedStyle(el).outlineColor, getComputedStyle(el).outlineWidth]"
    )
    assert ring == ["rgb(255, 255, 255)", "3px"], ring

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
