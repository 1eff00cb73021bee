"""A background task's progress in a real Chromium: the bar shows how far the task got and
the result appears when it is done, by htmx polling (the page is not reloaded) or, without
JavaScript, by the page refreshing itself; then the council acknowledges a signal."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cordones.jobs.models import TaskProgress
from cordones.monitoring.models import Signal, SignalState
from tests.browser.support import axe_blocking_violations, log_in, no_horizontal_overflow
from tests.conftest import Shop
from tests.web.monitoring_scene import open_signal

pytestmark = pytest.mark.browser


def _running(shop: Shop) -> TaskProgress:
    return TaskProgress.objects.create(
        workplace=shop.workplace, kind="monitoring", state="running", done=1, total=4
    )


def _finish(progress: TaskProgress) -> None:
    TaskProgress.objects.filter(pk=progress.pk).update(
        state="done", done=4, result={"series": 7, "raised": 2, "escalated": 0}
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_the_result_appears_when_the_task_is_done(live_shop, new_context, javascript):
    progress = _running(live_shop)
    page = new_context("phone", javascript=javascript).new_page()
    log_in(page, live_shop.users["council_member"].email)
    page.goto(f"/w/{live_shop.workplace.slug}/economy/monitoring/?progress={progress.pk}")
    bar = page.locator(".task-progress progress")
    expect(bar).to_have_attribute("value", "25")
    expect(page.locator(".task-progress")).not_to_contain_text("series revisadas")
    if javascript:
        page.evaluate("window.__same_page = true")
    _finish(progress)
    expect(page.locator(".task-progress")).to_contain_text("7 series revisadas: 2 señales nuevas")
    expect(bar).to_have_attribute("value", "100")
    if javascript:
        assert page.evaluate("window.__same_page === true")  # swapped in place, no reload
    if javascript:  # both measure with scripts
        ok, what = no_horizontal_overflow(page)
        assert ok, what
        assert axe_blocking_violations(page) == []


def test_the_council_acknowledges_a_signal_in_the_page(live_shop, new_context):
    signal = open_signal(live_shop)
    page = new_context("desktop").new_page()
    log_in(page, live_shop.users["council_member"].email)
    page.goto(f"/w/{live_shop.workplace.slug}/economy/monitoring/")
    page.locator(f"#note-{signal.pk}").fill("Faltó papel")
    with page.expect_navigation():
        page.get_by_role("button", name="Dar por vista").click()
    expect(page.locator("main")).to_contain_text("Señal dada por vista.")
    expect(page.locator("main")).to_contain_text("Faltó papel")
    signal.refresh_from_db()
    assert signal.state == SignalState.ACKNOWLEDGED
    assert Signal.objects.filter(state=SignalState.OPEN).count() == 0
