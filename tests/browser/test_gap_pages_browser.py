"""The retiro roles table and the body pages in Chromium, on a phone without JavaScript and
on a desktop: they fit the screen, axe finds nothing serious, and the forms work."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cordones.assemblies.models import Body
from tests.browser.support import axe_blocking_violations, log_in, no_horizontal_overflow, submit
from tests.conftest import Shop
from tests.web.gap_scene import assignments, category, coefficient_scheme, general

pytestmark = pytest.mark.browser


def check(page: Page, found: list[str], size: str, javascript: bool) -> None:
    expect(page.locator("h1")).to_be_visible()
    if javascript:  # axe is a script
        found.extend(axe_blocking_violations(page))
    if size == "phone":
        fits, detail = no_horizontal_overflow(page)
        if not fits:
            found.append(f"horizontal overflow: {detail}")


@pytest.mark.parametrize("size,javascript", [("phone", False), ("phone", True), ("desktop", True)])
def test_roles_and_bodies_pages(new_context, live_shop: Shop, size: str, javascript: bool):
    slug = live_shop.workplace.slug
    scheme = coefficient_scheme(live_shop)
    body = general(live_shop)
    page = new_context(size, javascript=javascript).new_page()
    found: list[str] = []
    log_in(page, "secretary@grafica.test")

    page.goto(f"/w/{slug}/economy/retiros/")
    with page.expect_navigation():
        page.locator(f"a[href='/w/{slug}/economy/retiros/schemes/{scheme.pk}/roles/']").click()
    check(page, found, size, javascript)
    member = live_shop.members["member"]
    page.locator(f"#id_member-{member.pk}").select_option(str(category(scheme, "Oficial").pk))
    submit(page, "main form[method=post]")
    check(page, found, size, javascript)  # back on the table, with the message
    assert assignments(scheme) == [(member.pk, category(scheme, "Oficial").pk)]

    page.goto(f"/w/{slug}/assemblies/bodies/")
    check(page, found, size, javascript)
    page.goto(f"/w/{slug}/assemblies/bodies/new/")
    check(page, found, size, javascript)
    page.locator("#id_kind").select_option("commission")
    page.locator("#id_name").fill("Comisión de compras")
    submit(page)  # no member ticked: refused, with the error by the group
    expect(page.get_by_role("alert")).to_be_visible()
    check(page, found, size, javascript)
    page.locator(f"input[name=members][value='{member.pk}']").check()
    submit(page)
    assert Body.objects.filter(name="Comisión de compras").exists()

    page.goto(f"/w/{slug}/assemblies/bodies/{body.pk}/rules/")
    check(page, found, size, javascript)
    page.locator("#id_quorum_fraction").fill("3/2")
    submit(page)
    expect(page.locator("#id_quorum_fraction")).to_have_attribute("aria-invalid", "true")
    check(page, found, size, javascript)
    page.locator("#id_quorum_fraction").fill("2/3")
    submit(page)
    body.refresh_from_db()
    assert body.quorum_fraction == "2/3"
    check(page, found, size, javascript)

    assert not found, "accessibility problems:\n" + "\n".join(found)
