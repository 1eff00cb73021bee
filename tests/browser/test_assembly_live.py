"""The live assembly in a real Chromium at 360 px: a member checks in with the door's link,
follows the live page, chooses, confirms and keeps the receipt (it survives a reload), with
and without JavaScript; the secretary closes the vote (asked first) and the result page
shows the count sheet; axe finds nothing serious on the live page or the result page.
Selectors use names, values and hrefs, never wording (translations are still being
written)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from cordones.assemblies.models import Attendance, Ballot, Motion, VoteCast
from tests.browser.support import axe_blocking_violations, log_in, no_horizontal_overflow
from tests.conftest import Shop
from tests.web import assemblies_scene as scene

pytestmark = pytest.mark.browser

RECEIPT = re.compile(r"^[0-9A-F]{10}$")


def assert_fits(page: Page) -> None:
    fits, detail = no_horizontal_overflow(page)
    assert fits, detail


def check_in_at_the_door(secretary: Page, member: Page, slug: str, meeting_pk: int) -> None:
    secretary.goto(f"/w/{slug}/assemblies/{meeting_pk}/door/")
    expect(secretary.locator(f"img[src$='/assemblies/{meeting_pk}/qr.svg']")).to_be_visible()
    link = secretary.locator("figcaption code.url").inner_text().strip()
    assert re.search(rf"/w/{slug}/assemblies/{meeting_pk}/checkin/[\w-]+/$", link), link
    member.goto(link)
    assert_fits(member)
    with member.expect_navigation():
        member.locator("main form button[type=submit]").click()
    expect(member).to_have_url(re.compile(rf"/w/{slug}/assemblies/{meeting_pk}/live/$"))


def test_a_member_checks_in_votes_in_one_tap_and_the_result_has_a_count_sheet(
    new_context, live_shop: Shop
):
    slug = live_shop.workplace.slug
    meeting = scene.in_session(live_shop, present=("secretary", "council_member", "auditor"))
    found: list[str] = []

    secretary = new_context("desktop").new_page()
    log_in(secretary, "secretary@grafica.test")
    member = new_context("phone").new_page()
    log_in(member, "member@grafica.test")

    check_in_at_the_door(secretary, member, slug, meeting.pk)
    assert Attendance.objects.filter(
        meeting=meeting, member=live_shop.members["member"], by_self=True
    ).exists()
    expect(member.locator("button[name=choice]")).to_have_count(0)

    # The secretary opens a secret vote; the member's page picks it up by itself (htmx).
    motion = scene.open_motion(live_shop, meeting, mode="secret")
    for_button = member.locator("button[name=choice][value=for]")
    expect(for_button).to_be_visible(timeout=12_000)
    # the page opens on the vote: its buttons are on the phone's first screen
    top = for_button.evaluate("b => b.getBoundingClientRect().top + window.scrollY")
    assert top < member.viewport_size["height"]
    assert_fits(member)
    found.extend(axe_blocking_violations(member))

    with member.expect_navigation():
        for_button.click()  # choose
    expect(member.locator("input[name=confirmed]")).to_have_count(1)
    assert not VoteCast.objects.filter(motion=motion).exists()  # not yet: asked first
    with member.expect_navigation():
        member.locator("form.confirm button[type=submit]").click()  # confirm
    expect(member).to_have_url(re.compile(rf"/motions/{motion.pk}/receipt/$"))
    receipt = member.locator("#receipt")
    expect(receipt).to_have_text(RECEIPT)
    code = receipt.inner_text().strip()
    member.reload()  # the receipt survives a reload
    expect(member.locator("#receipt")).to_have_text(code)
    assert VoteCast.objects.filter(motion=motion).count() == 1
    assert Ballot.objects.get(motion=motion, receipt=code).voter is None
    assert_fits(member)

    # The others vote; the secretary closes the vote from the chair's page.
    for persona in ("secretary", "council_member", "auditor"):
        from cordones.assemblies.services import votes

        votes.ballot_cast(scene.access(live_shop, persona), motion, {"choice": "for"})
    secretary.goto(f"/w/{slug}/assemblies/{meeting.pk}/chair/")
    with secretary.expect_navigation():
        secretary.locator(f"main a[href$='/motions/{motion.pk}/close/']").click()
    assert Motion.objects.get(pk=motion.pk).status == "open"  # asked first
    with secretary.expect_navigation():
        secretary.locator("main form.confirm-form button[type=submit]").click()
    expect(secretary).to_have_url(re.compile(rf"/w/{slug}/assemblies/motions/{motion.pk}/$"))
    sheet = secretary.locator("pre.sheet")
    expect(sheet).to_be_visible()
    expect(sheet).to_contain_text("A favor: 4; en contra: 0; abstenciones: 0; presentes: 4")
    assert Motion.objects.get(pk=motion.pk).adopted

    # The member finds the receipt in the published list, on the phone.
    member.goto(f"/w/{slug}/assemblies/motions/{motion.pk}/")
    expect(member.locator("pre.sheet")).to_be_visible()
    member.locator("input[name=receipt]").fill(code)
    with member.expect_navigation():
        member.locator("form[role=search] button[type=submit]").click()
    expect(member.locator("tr.found")).to_contain_text(code)
    assert_fits(member)
    found.extend(axe_blocking_violations(member))
    assert not found, "accessibility problems:\n" + "\n".join(found)


def test_the_same_works_without_javascript(new_context, live_shop: Shop):
    slug = live_shop.workplace.slug
    meeting = scene.in_session(live_shop, present=("secretary", "council_member", "auditor"))
    secretary = new_context("desktop", javascript=False).new_page()
    log_in(secretary, "secretary@grafica.test")
    member = new_context("phone", javascript=False).new_page()
    log_in(member, "member@grafica.test")

    check_in_at_the_door(secretary, member, slug, meeting.pk)
    # Without a ballot to fill in, the page reloads itself (noscript refresh) and has a link.
    expect(member.locator("noscript")).to_have_count(1)
    refresh = member.locator(f"main a[href$='/assemblies/{meeting.pk}/live/']").first
    expect(refresh).to_be_visible()

    motion = scene.open_motion(live_shop, meeting, mode="secret")
    with member.expect_navigation():
        refresh.click()
    expect(member.locator("noscript")).to_have_count(0)  # never reload under a voter
    against = member.locator("button[name=choice][value=against]")
    expect(against).to_be_visible()
    with member.expect_navigation():
        against.click()
    with member.expect_navigation():
        member.locator("form.confirm button[type=submit]").click()
    expect(member.locator("#receipt")).to_have_text(RECEIPT)
    assert VoteCast.objects.filter(motion=motion).count() == 1
    assert_fits(member)

    secretary.goto(f"/w/{slug}/assemblies/{meeting.pk}/chair/")
    with secretary.expect_navigation():
        secretary.locator(f"main a[href$='/motions/{motion.pk}/close/']").click()
    with secretary.expect_navigation():
        secretary.locator("main form.confirm-form button[type=submit]").click()
    expect(secretary.locator("pre.sheet")).to_be_visible()
    assert Motion.objects.get(pk=motion.pk).status == "closed"
