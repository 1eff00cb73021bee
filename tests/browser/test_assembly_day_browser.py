"""Assembly day on a 360 px phone, in a real Chromium, with the server's access log on:

a member chooses a secret vote, confirms it, lands on the receipt page by a redirect and
still sees the receipt after a reload; the secretary closes the vote and the meeting, each
after a confirmation page; the result shows its chart; the member checks the receipt in the
published list (a POST); and the minutes page leads, in the task's order, from the narrative
through the signers and the review to the signatures. Afterwards the access log (and every
log line the app wrote) is searched for the receipt: it is in none.

Screenshots of each step go to var/screenshots/assembly-day/ for a person to look at."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.test.testcases import QuietWSGIRequestHandler
from playwright.sync_api import Page, expect

from cordones.assemblies.models import Meeting, MinutesSignature, Motion, VoteCast
from tests.browser.support import log_in, no_horizontal_overflow
from tests.conftest import Shop
from tests.web import assemblies_scene as scene

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "assembly-day"
RECEIPT = re.compile(r"^[0-9A-F]{10}$")


@pytest.fixture
def access_log(tmp_path, monkeypatch):
    """The live server writes an access line per request, as runserver does, and every
    logger's output goes to the same file."""
    monkeypatch.setattr(QuietWSGIRequestHandler, "log_message", WSGIRequestHandler.log_message)
    path = tmp_path / "access.log"
    handler = logging.FileHandler(path)
    handler.setLevel(logging.DEBUG)
    loggers = [logging.getLogger(), logging.getLogger("django.server")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
    yield path
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)
    handler.close()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    fits, detail = no_horizontal_overflow(page)
    assert fits, detail


def click_and_wait(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_assembly_day_on_a_phone(new_context, live_shop: Shop, access_log: Path):
    slug = live_shop.workplace.slug
    scene.add_president(live_shop)
    meeting = scene.in_session(
        live_shop, present=("member", "secretary", "council_member", "auditor", "president")
    )
    motion = scene.open_motion(live_shop, meeting, mode="secret", title="Turno noche")

    member = new_context("phone").new_page()
    log_in(member, "member@grafica.test")
    secretary = new_context("phone").new_page()
    log_in(secretary, "secretary@grafica.test")

    # --- the member: choose, confirm, receipt, reload ---------------------------------------
    member.goto(f"/w/{slug}/assemblies/{meeting.pk}/live/")
    expect(member.locator("button[name=choice][value=for]")).to_be_visible()
    shot(member, "01-member-live")
    click_and_wait(member, "button[name=choice][value=for]")
    expect(member.locator("form.confirm input[name=confirmed]")).to_have_count(1)
    assert not VoteCast.objects.filter(motion=motion).exists()
    shot(member, "02-member-confirm")
    click_and_wait(member, "form.confirm button[type=submit]")
    expect(member).to_have_url(re.compile(rf"/motions/{motion.pk}/receipt/$"))
    expect(member.locator("#receipt")).to_have_text(RECEIPT)
    code = member.locator("#receipt").inner_text().strip()
    member.reload()
    expect(member.locator("#receipt")).to_have_text(code)
    shot(member, "03-member-receipt-after-reload")
    with member.expect_download() as download:
        member.locator(f"a[href$='/motions/{motion.pk}/receipt.txt']").click()
    assert code in Path(download.value.path()).read_text()

    from cordones.assemblies.services import votes

    for persona in ("secretary", "council_member", "auditor", "president"):
        votes.ballot_cast(scene.access(live_shop, persona), motion, {"choice": "for"})

    # --- the secretary closes the vote, asked first --------------------------------------------
    secretary.goto(f"/w/{slug}/assemblies/{meeting.pk}/chair/")
    click_and_wait(secretary, f"main a[href$='/motions/{motion.pk}/close/']")
    shot(secretary, "04-secretary-confirm-close-vote")
    assert Motion.objects.get(pk=motion.pk).status == "open"
    click_and_wait(secretary, "main form.confirm-form button[type=submit]")
    expect(secretary.locator("figure.chart svg[role=img]")).to_be_visible()
    shot(secretary, "05-result-chart")

    # --- the member checks the receipt in the published list (a POST) -------------------------
    member.goto(f"/w/{slug}/assemblies/motions/{motion.pk}/")
    member.locator("input[name=receipt]").fill(code)
    click_and_wait(member, "form[role=search] button[type=submit]")
    expect(member.locator("tr.found")).to_contain_text(code)
    assert code not in member.url
    shot(member, "06-member-receipt-found")

    # --- the secretary closes the meeting, asked first ---------------------------------------
    secretary.goto(f"/w/{slug}/assemblies/{meeting.pk}/chair/")
    click_and_wait(secretary, f"main a[href$='/assemblies/{meeting.pk}/chair/close/']")
    shot(secretary, "07-secretary-confirm-close-meeting")
    assert Meeting.objects.get(pk=meeting.pk).status == "in_session"
    click_and_wait(secretary, "main form.confirm-form button[type=submit]")
    assert Meeting.objects.get(pk=meeting.pk).status == "closed"

    # --- the minutes, in the task's order -----------------------------------------------------
    secretary.goto(f"/w/{slug}/assemblies/{meeting.pk}/minutes/")
    expect(secretary.locator("li.current")).to_have_class(re.compile("step-narrative"))
    shot(secretary, "08-minutes-narrative")
    secretary.locator("textarea[name=narrative]").fill("Se debatió el turno noche.")
    click_and_wait(secretary, f"form[action$='/{meeting.pk}/minutes/edit/'] button[type=submit]")
    expect(secretary.locator("li.current")).to_have_class(re.compile("step-signers"))
    for persona in ("member", "auditor"):
        secretary.locator(f"input[name=members][value='{live_shop.members[persona].pk}']").check()
    shot(secretary, "09-minutes-signers")
    click_and_wait(secretary, f"form[action$='/{meeting.pk}/minutes/signers/'] button[type=submit]")
    expect(secretary.locator("li.current")).to_have_class(re.compile("step-review"))
    shot(secretary, "10-minutes-review")
    click_and_wait(secretary, f"main a[href$='/{meeting.pk}/minutes/sign/']")
    expect(secretary.locator("input[name=content_hash]")).to_have_count(1)
    shot(secretary, "11-minutes-confirm-sign")
    assert not MinutesSignature.objects.exists()
    click_and_wait(secretary, "main form.confirm-form button[type=submit]")
    expect(secretary.locator("li.current")).to_have_class(re.compile("step-signatures"))
    expect(secretary.locator("table.signers")).to_be_visible()
    shot(secretary, "12-minutes-signatures")
    assert MinutesSignature.objects.count() == 1

    # --- the receipt is in no log line, though the pages were logged -------------------------
    log = access_log.read_text()
    assert f"/motions/{motion.pk}/receipt/" in log  # the access log did record requests
    assert "POST" in log and "GET" in log
    assert code not in log and code.lower() not in log


def test_checking_in_at_the_door_keeps_the_secretarys_place(new_context, live_shop: Shop):
    """With JavaScript the row is swapped in place (no page load, same scroll); without it
    the page comes back at the person's row."""
    slug = live_shop.workplace.slug
    meeting = scene.in_session(live_shop, present=())
    auditor = live_shop.members["auditor"]
    url = f"/w/{slug}/assemblies/{meeting.pk}/attendance/"

    page = new_context("phone").new_page()
    log_in(page, "secretary@grafica.test")
    page.goto(url)
    row = page.locator(f"tr#member-{auditor.pk}")
    row.scroll_into_view_if_needed()
    page.evaluate("window.__marker = 'same page'")
    before = page.evaluate("window.scrollY")
    row.locator("button[type=submit]").click()
    expect(page.locator(f"tr#member-{auditor.pk} input[name=action][value=out]")).to_have_count(1)
    assert page.evaluate("window.__marker") == "same page"  # no navigation happened
    assert abs(page.evaluate("window.scrollY") - before) < 5
    shot(page, "13-attendance-row-swapped")
    from cordones.assemblies.models import Attendance

    assert Attendance.objects.filter(meeting=meeting, member=auditor).exists()

    plain = new_context("phone", javascript=False).new_page()
    log_in(plain, "secretary@grafica.test")
    plain.goto(url)
    member = live_shop.members["member"]
    with plain.expect_navigation():
        plain.locator(f"tr#member-{member.pk} button[type=submit]").click()
    assert plain.url.endswith(f"#member-{member.pk}")
    assert Attendance.objects.filter(meeting=meeting, member=member).exists()
