"""Every page of the web app with real ids: the routes are read from the URLconf and each
parameter is filled from the data, so a new page is visited without anyone listing it.

A route whose parameter this module cannot fill fails the test that uses it, naming the
route: add the parameter to `_values` (one line), and the page is checked from then on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import product as cartesian

from django.urls import URLPattern, URLResolver, reverse

from cordones.assemblies.models import (
    AdmissionApplication,
    AgendaItem,
    Body,
    Decision,
    Document,
    Meeting,
    MinuteBookEntry,
    MinutesSignature,
    Motion,
    Petition,
)
from cordones.jobs.models import TaskProgress
from cordones.ledger.models import FiscalYear, JournalEntry, Period
from cordones.members.models import Member, RegisterEntry
from cordones.monitoring.models import Signal
from cordones.production.models import Product
from cordones.retiros.models import RetiroScheme, RetiroSheet
from cordones.surplus.models import SurplusProposal
from cordones.workplaces.models import Workplace

# Files, not pages (their own tests check them), and addresses that act on a GET.
NOT_PAGES = re.compile(
    r"\.(csv|pdf|ics|svg|beancount|xlsx|json|txt|<str:fmt>)/?$|/checkin/|/scan/$|^health"
)
# Pages for the logged-out visitor; their tokens are refused with a page of their own.
ANONYMOUS = {"invitation_accept", "password_reset_confirm"}


def web_routes() -> Iterator[tuple[str, str]]:
    """(name, route) of every named web route: the app's URLconf minus the admin and the API."""
    from cordones.web import urls

    def walk(patterns: list, prefix: str) -> Iterator[tuple[str, str]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name:
                yield entry.name, prefix + str(entry.pattern)

    yield from walk(urls.urlpatterns, "")


def _first_last(values: list) -> list:
    return list(dict.fromkeys([values[0], values[-1]])) if values else []


def _values(name: str, route: str, param: str, workplace: Workplace) -> list | None:
    """The real values one parameter takes in this workplace, or None if unknown."""
    w = workplace
    meetings = list(Meeting.objects.filter(workplace=w).order_by("pk").values_list("pk", flat=True))
    if param == "slug":
        return [w.slug]
    if param == "pk":
        if "/motions/<int:pk>" in route:
            return list(Motion.objects.filter(workplace=w).values_list("pk", flat=True))
        if "/bodies/<int:pk>" in route:
            return list(Body.objects.filter(workplace=w).values_list("pk", flat=True))
        if "/petitions/<int:pk>" in route:
            return _first_last(
                list(Petition.objects.filter(workplace=w).values_list("pk", flat=True))
            )
        if "/applications/<int:pk>" in route:
            return _first_last(
                list(AdmissionApplication.objects.filter(workplace=w).values_list("pk", flat=True))
            )
        if "decisions/<int:pk>" in route:
            return _first_last(
                list(Decision.objects.filter(workplace=w).values_list("pk", flat=True))
            )
        if "surplus/<int:pk>" in route:
            return list(SurplusProposal.objects.filter(workplace=w).values_list("pk", flat=True))
        if "assemblies/<int:pk>" in route:
            return meetings
        return None
    if param == "item_pk":
        return _first_last(
            list(AgendaItem.objects.filter(meeting__workplace=w).values_list("pk", flat=True))
        )
    if param == "doc_pk":
        return list(
            Document.objects.filter(item__meeting__workplace=w).values_list("pk", flat=True)
        )[:1]
    if param == "number" and "books/entries" in route:
        return _first_last(
            list(
                JournalEntry.objects.filter(workplace=w)
                .order_by("number")
                .values_list("number", flat=True)
            )
        )
    if param == "number" and "members/" in route:
        members = Member.objects.filter(workplace=w).order_by("number")
        linked = list(members.filter(user__isnull=False).values_list("number", flat=True))[:1]
        return list(
            dict.fromkeys([*linked, *_first_last(list(members.values_list("number", flat=True)))])
        )
    if param == "seq":
        return list(
            RegisterEntry.objects.filter(workplace=w).order_by("seq").values_list("seq", flat=True)
        )[:1]
    if param == "term":
        return None  # ending an office is a POST from the member's page
    if param == "product_id":
        return list(Product.objects.filter(workplace=w).values_list("pk", flat=True))[:2]
    if param == "scheme_id":
        return list(RetiroScheme.objects.filter(workplace=w).values_list("pk", flat=True))
    if param in {"year", "month"}:
        return None  # filled together below
    if param == "period_id":
        return list(
            Period.objects.filter(workplace=w).order_by("-pk").values_list("pk", flat=True)
        )[:1]
    if param == "year_id":
        return list(
            FiscalYear.objects.filter(workplace=w).order_by("-pk").values_list("pk", flat=True)
        )[:2]
    if param == "action":
        return None  # actions are POSTs
    if param == "signature_pk":
        return list(
            MinutesSignature.objects.filter(minutes__meeting__workplace=w).values_list(
                "pk", flat=True
            )
        )[:1]
    if param == "book":
        return list(
            MinuteBookEntry.objects.filter(workplace=w)
            .order_by("book")
            .values_list("book", flat=True)
            .distinct()
        )
    if param == "signal_id":
        return list(Signal.objects.filter(workplace=w).values_list("pk", flat=True))[:1]
    if param == "progress_id":
        return list(TaskProgress.objects.filter(workplace=w).values_list("pk", flat=True))[:1]
    if param in {"token", "uidb64"}:
        return ["not-a-valid-token"]
    return None


def page_urls(workplace: Workplace) -> tuple[list[tuple[str, str]], list[str]]:
    """([(name, url)] of the candidate pages, [routes whose parameters are unknown])."""
    found: list[tuple[str, str]] = []
    unknown: list[str] = []
    sheets = list(RetiroSheet.objects.filter(workplace=workplace).order_by("month"))
    for name, route in web_routes():
        if NOT_PAGES.search(route):
            continue
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if "action" in params or "term" in params:
            continue  # POST-only actions
        if {"year", "month"} <= set(params):
            others = [p for p in params if p not in {"year", "month"}]
            if others != ["slug"]:
                unknown.append(route)
                continue
            for sheet in _first_last(sheets):
                found.append(
                    (
                        name,
                        reverse(name, args=[workplace.slug, sheet.month.year, sheet.month.month]),
                    )
                )
            continue
        choices = []
        for param in params:
            values = _values(name, route, param, workplace)
            if values is None:
                unknown.append(route)
                break
            choices.append(values)
        else:
            if name == "password_reset_confirm":
                found.append((name, reverse(name, args=["x", "not-a-valid-token"])))
                continue
            for combination in cartesian(*choices):
                found.append((name, reverse(name, args=list(combination))))
    return found, unknown
