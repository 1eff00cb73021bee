"""Every page of a demo workplace, on a 360 px phone and a 1280 px desktop: nothing sticks
out sideways, and no word is split across two lines (issue 9 pt 3).

A word is split when the range of its letters has client rectangles on more than one line.
Two kinds of text are exempt, on purpose: tokens (between spaces) longer than 24
characters (URLs, hashes, check-in codes, e-mail addresses: no Spanish, Portuguese or
English word is that long, and such tokens must break to fit a phone), and text in <pre>
(the count sheet scrolls inside its own box instead of wrapping). Within shorter tokens,
hyphens and slashes count as word boundaries, since a line may end after them.

The pages are found from the URLconf (tests/browser/pages.py).

One demo workplace is built with the demo's own builder; the pages are visited as its
secretary, who sees nearly everything, and the logged-out pages as a visitor."""

from __future__ import annotations

import random

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page

from cordones.accounts.models import User
from cordones.cli.demo_network import DEMO_PASSWORD, WORKPLACES
from cordones.workplaces.models import Workplace
from tests.browser.pages import ANONYMOUS, page_urls
from tests.browser.support import log_in, no_horizontal_overflow

pytestmark = pytest.mark.browser

LONG_TOKEN = 24
SPLIT_WORDS = r"""(longToken) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const tokens = /\S+/g;
  const words = /[^\-\u2010\u2013\u2014\/]+/g;
  const skip = 'script, style, pre, textarea, select, option, svg';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    // text inside a closed <details> or a display:none menu is not on the screen
    if (!parent.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) continue;
    for (const token of node.data.matchAll(tokens)) {
      if (token[0].length > longToken) continue;
      for (const match of token[0].matchAll(words)) {
        const word = match[0];
        if (word.length < 2) continue;
        const start = token.index + match.index;
        range.setStart(node, start);
        range.setEnd(node, start + word.length);
        const lines = new Set([...range.getClientRects()]
          .filter(r => r.width > 0 && r.height > 0)
          .map(r => Math.round(r.bottom)));
        if (lines.size > 1) {
          const where = parent.tagName.toLowerCase()
            + (typeof parent.className === 'string' && parent.className
               ? '.' + parent.className.trim().split(/\s+/).join('.') : '');
          found.push(`"${word}" in ${where}`);
        }
      }
    }
  }
  return found.slice(0, 8);
}"""


def demo_workplace() -> Workplace:
    from cordones.cli.management.commands.demo import build_workplace

    spec = min(WORKPLACES, key=lambda w: w.members)  # the smallest: every kind of page, fast
    random.seed(1972)
    return build_workplace(spec, timezone.localdate())


def check_page(page: Page, url: str, problems: list[str]) -> None:
    response = page.goto(url)
    assert response is not None
    if response.status >= 500:
        problems.append(f"{url}: answered {response.status}")
        return
    fits, detail = no_horizontal_overflow(page)
    if not fits:
        problems.append(f"overflow: {detail}")
    split = page.evaluate(SPLIT_WORDS, LONG_TOKEN)
    if split:
        problems.append(f"{url}: words split across lines: {split}")


def test_every_page_fits_a_phone_and_a_desktop(new_context, transactional_db, live_server):
    workplace = demo_workplace()
    secretary_email = f"secretaria@{workplace.slug}.demo"
    candidates, unknown = page_urls(workplace)
    assert not unknown, (
        "These routes have parameters tests/browser/pages.py cannot fill; add them to "
        f"_values so their pages are checked: {unknown}"
    )

    # Which candidates are pages: the ones answering a GET with HTML. A 5xx fails here.
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(email=secretary_email))
    visitor = Client(raise_request_exception=False)
    pages: dict[str, list[str]] = {"secretary": [], "visitor": []}
    broken = []
    for name, url in candidates:
        who = "visitor" if name in ANONYMOUS else "secretary"
        response = (visitor if who == "visitor" else client).get(url)
        if response.status_code >= 500:
            broken.append(f"{url}: {response.status_code}")
        elif response.status_code == 200 and b"<html" in response.content:  # not fragments
            pages[who].append(url)
    for url in ("/", "/accounts/login/", "/accounts/reset/", "/no-such-page/"):
        pages["visitor"].append(url)
    assert not broken, f"pages answering 5xx: {broken}"
    assert len(pages["secretary"]) >= 60, pages  # the scene really has the app's pages

    problems: list[str] = []
    for size in ("phone", "desktop"):
        context = new_context(size)
        page = context.new_page()
        for url in pages["visitor"]:
            check_page(page, url, problems)
        log_in(page, secretary_email, DEMO_PASSWORD)
        for url in pages["secretary"]:
            check_page(page, url, problems)
        context.close()
    print(f"checked {len(pages['secretary']) + len(pages['visitor'])} pages at 2 sizes")
    assert not problems, f"{len(problems)} layout problem(s):\n" + "\n".join(problems)


def test_the_checks_catch_the_old_facts_list_and_a_wide_box(browser):
    """The two checks fail on the bugs they are for: the old `.facts` rule squeezing a
    date into fragments, and a box wider than the phone."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.set_content(
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        "<style>body{margin:0;font:16px sans-serif}"
        ".facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr}"
        ".facts dd{margin:0;min-width:0;overflow-wrap:anywhere}</style>"
        "<dl class=facts><dt>Anticipación que exige el estatuto para convocar</dt>"
        "<dd>7 de diciembre de 2026 a las 21:14</dd></dl>"
    )
    assert page.evaluate(SPLIT_WORDS, LONG_TOKEN), "the squeezed date was not caught"
    page.set_content(
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        "<div style='width:500px'>ancho</div>"
    )
    fits, _detail = no_horizontal_overflow(page)
    assert not fits
    context.close()
