"""The secretary's everyday path through a real Chromium, on a phone and on a desktop,
with and without JavaScript. Selectors use roles, ids, names and hrefs, never wording
(translations are still being written)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cordones.members import services as members
from cordones.members.models import Member
from tests.browser.support import log_in, no_horizontal_overflow, submit
from tests.conftest import Shop, make_user

pytestmark = pytest.mark.browser

SIZES = ["phone", "desktop"]


def assert_fits(page: Page) -> None:
    fits, detail = no_horizontal_overflow(page)
    assert fits, detail


def open_register_from_nav(page: Page, slug: str) -> None:
    link = page.locator("header nav a[href$='/register/']")
    expect(link).to_have_count(1)
    menu = page.locator("header details.menu > summary")
    if menu.is_visible():  # a phone: the sections are folded into the menu
        menu.click()
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(re.compile(rf"/w/{slug}/register/$"))
    expect(link).to_have_attribute("aria-current", "page")


@pytest.mark.parametrize("size", SIZES)
def test_secretary_logs_in_and_browses_the_register(new_context, live_shop: Shop, size: str):
    slug = live_shop.workplace.slug
    page = new_context(size).new_page()

    log_in(page, "secretary@grafica.test")
    expect(page).to_have_url(re.compile(rf"/w/{slug}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text(live_shop.workplace.name)
    assert_fits(page)

    open_register_from_nav(page, slug)
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(4)
    for member in live_shop.members.values():
        expect(page.get_by_role("link", name=member.full_name, exact=True)).to_be_visible()
    assert_fits(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Member grafica", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/w/{slug}/members/1/$"))
    expect(page.locator("h1")).to_have_text("Member grafica")
    assert_fits(page)

    page.go_back()
    expect(page).to_have_url(re.compile(rf"/w/{slug}/register/$"))
    expect(page.get_by_role("link", name="Secretary grafica", exact=True)).to_be_visible()


def test_admitting_a_member_works_without_javascript(new_context, live_shop: Shop):
    slug = live_shop.workplace.slug
    page = new_context("phone", javascript=False).new_page()

    log_in(page, "secretary@grafica.test")
    expect(page).to_have_url(re.compile(rf"/w/{slug}/$"))
    open_register_from_nav(page, slug)

    with page.expect_navigation():
        page.locator(f"main a[href$='/w/{slug}/register/admit/']").click()
    expect(page.locator("#id_number")).to_have_value("5")  # the next free number
    expect(page.locator("#id_admitted_on")).to_have_value(timezone.localdate().isoformat())
    page.locator("#id_full_name").fill("Nueva Socia Pérez")
    page.locator("#id_national_id").fill("30111222")
    page.locator("#id_shares_subscribed").fill("1000")
    page.locator("#id_shares_paid").fill("250.50")
    submit(page)

    expect(page).to_have_url(re.compile(rf"/w/{slug}/members/5/$"))
    expect(page.locator("h1")).to_have_text("Nueva Socia Pérez")
    expect(page.locator(".messages[role=status]")).to_contain_text("Nueva Socia Pérez")
    assert_fits(page)

    open_register_from_nav(page, slug)
    expect(page.get_by_role("link", name="Nueva Socia Pérez", exact=True)).to_be_visible()
    expect(page.locator("main table tbody tr")).to_have_count(5)
    assert Member.objects.filter(workplace=live_shop.workplace, number=5).exists()


def test_a_taken_member_number_is_refused_without_javascript(new_context, live_shop: Shop):
    slug = live_shop.workplace.slug
    page = new_context("phone", javascript=False).new_page()
    log_in(page, "secretary@grafica.test")

    page.goto(f"/w/{slug}/register/admit/")
    page.locator("#id_number").fill("1")
    page.locator("#id_full_name").fill("Duplicada Gómez")
    submit(page)

    expect(page).to_have_url(re.compile(rf"/w/{slug}/register/admit/$"))
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).not_to_be_empty()
    expect(page.locator("#id_full_name")).to_have_value("Duplicada Gómez")  # nothing retyped
    assert_fits(page)

    assert Member.objects.filter(workplace=live_shop.workplace).count() == 4
    assert not Member.objects.filter(full_name__startswith="Duplicada").exists()
    page.goto(f"/w/{slug}/register/?show=all")
    expect(page.locator("main table tbody tr")).to_have_count(4)
    expect(page.get_by_text("Duplicada Gómez")).to_have_count(0)


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_language_switcher_in_the_footer(new_context, live_shop: Shop, javascript: bool):
    page = new_context("phone", javascript=javascript).new_page()
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "es")

    select = page.locator("footer select#language")
    expect(select.locator("option[value='pt-br']")).to_have_text(re.compile(r"^Português"))
    select.select_option("pt-br")
    submit(page, "footer form")
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator("footer select#language")).to_have_value("pt-br")

    # Logged in (logging in applies the person's preferred language), it works too.
    log_in(page, "secretary@grafica.test")
    expect(page).to_have_url(re.compile(rf"/w/{live_shop.workplace.slug}/$"))
    page.locator("footer select#language").select_option("pt-br")
    submit(page, "footer form")
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")
    expect(page).to_have_url(re.compile(rf"/w/{live_shop.workplace.slug}/$"))


@pytest.mark.parametrize("size", SIZES)
def test_log_out_button_in_the_header(new_context, live_shop: Shop, size: str):
    slug = live_shop.workplace.slug
    page = new_context(size, javascript=False).new_page()
    log_in(page, "secretary@grafica.test")
    expect(page).to_have_url(re.compile(rf"/w/{slug}/$"))

    button = page.locator("header form[action$='/accounts/logout/'] button[type=submit]")
    expect(button).to_be_visible()
    assert_fits(page)
    with page.expect_navigation():
        button.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator("input[name=username]")).to_be_visible()
    expect(page.locator("header form[action$='/accounts/logout/']")).to_have_count(0)

    # The session is really gone: the dashboard asks for a login again.
    page.goto(f"/w/{slug}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))


def test_long_names_do_not_widen_the_phone_page(new_context, live_shop: Shop):
    """Real registers hold long compound names and long email addresses."""
    slug = live_shop.workplace.slug
    long_name = "María de los Ángeles Wolfeschlegelsteinhausenbergerdorff Fernández-Echeverría"
    members.member_admit(
        live_shop.clerk,
        live_shop.workplace,
        number=5,
        full_name=long_name,
        national_id="27-12345678-9",
        email="administracion.cooperativa.grafica.recuperada@cooperativasdetrabajo.test",
        admitted_on=timezone.localdate(),
        shares_subscribed=1234567,
        shares_paid=1234567,
    )
    page = new_context("phone", javascript=False).new_page()
    log_in(page, "secretary@grafica.test")
    for path in (f"/w/{slug}/", f"/w/{slug}/register/", f"/w/{slug}/members/5/"):
        page.goto(path)
        expect(page.get_by_text(long_name).first).to_be_visible()
        assert_fits(page)

    # An address with no place to break, on the person's own profile page.
    email = "administracion.cooperativagraficarecuperada@cooperativasdetrabajo.test"
    make_user(email)
    page.context.clear_cookies()
    log_in(page, email)
    page.goto("/accounts/profile/")
    expect(page.locator("main").get_by_text(email)).to_be_visible()
    assert_fits(page)
