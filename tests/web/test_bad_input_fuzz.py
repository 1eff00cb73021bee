"""Generated bad input (issue 7 points 3 and 9): hypothesis drives extreme and malformed
values through every form and query parameter of a workplace's pages, found by walking the
URL patterns and reading each page's forms, on SQLite and PostgreSQL. No answer is a 5xx,
and afterwards every page of the workplace still answers below 500 (no stored value
poisons a page). The API's bodies are fuzzed by schemathesis (test_api_conformance.py).

CORDONES_AUDIT_EXAMPLES raises the number of examples per form (`make audit`)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.assemblies_scene import in_session, open_motion
from tests.web.economy_support import build_economy

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("CORDONES_AUDIT_EXAMPLES", "4"))

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1e999",
    "-1e999",
    "1e400",
    "1e20",
    "1e-10000000",
    "NaN",
    "Infinity",
    "-Infinity",
    "99999999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    "0.0000000000001",
    "1/0",
    "1/99999999999",
    "²",
    "١٢٣",
    "１２３",
    "0x10",
    "9999-12-31",
    "0001-01-01",
    "2025-02-30",
    "31/12/9999",
    "9999-12",
    "99999",
    "25:61",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "<script>alert(1)</script>",
    "'; DROP TABLE members; --",
    '=HYPERLINK("x")',
    "\ud7ff\ue000",
]
QUERY_NAMES = ["page", "year", "to", "from", "month", "product", "q", "status", "show", "v"]


def value_strategy(options: list[str]) -> st.SearchStrategy[str]:
    choices = [st.sampled_from(NASTY), st.text(max_size=30)]
    if options:
        choices.append(st.sampled_from(options))
    return st.one_of(*choices)


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields (name -> the values it offers)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, list[str]]]] = []
        self.types: dict[str, str] = {}
        self._fields: dict[str, list[str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._fields = {}
            self.forms.append((a.get("action", ""), self._fields))
        elif self._fields is None:
            return
        elif tag in ("input", "textarea", "button") and a.get("name"):
            if a["name"] != "csrfmiddlewaretoken" and a.get("type") != "file":
                self._fields.setdefault(a["name"], []).append(a.get("value", ""))
                self.types[a["name"]] = a.get("type", tag)
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._fields.setdefault(a["name"], [])
        elif tag == "option" and self._select:
            self._fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = None


def _routes(patterns: list, prefix: str = "") -> list[str]:
    out: list[str] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            out += _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            out.append(prefix + str(entry.pattern))
    return out


def workplace_pages(values: dict[str, str]) -> list[str]:
    """Every URL pattern under /w/<slug>/, with its parameters filled from ``values``;
    patterns whose parameters are unknown are left out (and named in the assertion)."""
    return [url for url, _route in workplace_routes(values)]


def workplace_routes(values: dict[str, str]) -> list[tuple[str, str]]:
    pages, unknown = [], []
    for route in _routes(get_resolver().url_patterns):
        if not route.startswith("w/<slug:slug>/") or route.startswith("^"):
            continue
        if "motions/<int:pk>" in route:
            route = route.replace("<int:pk>", "<int:motion_pk>")
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if any(n not in values for n in names):
            unknown.append(route)
            continue
        url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)
        pages.append((url, route))
    assert len(pages) > 50, (len(pages), unknown)
    return pages


def test_out_of_range_ids_in_paths_are_not_found_not_a_5xx(scene):
    """Every <int:…> of every workplace URL, given 0, a year 99999 and a number past any
    integer column: a 404 (or the page's own refusal), never a 5xx."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    shop, values, _motion = scene
    client.force_login(shop.users["secretary"])
    found = []
    for _url, route in workplace_routes(values):
        ints = re.findall(r"<int:(\w+)>", route)
        for name in ints:
            for bad in ("0", "99999", "99999999999999999999"):
                url = "/" + re.sub(
                    r"<(?:\w+:)?(\w+)>",
                    lambda m, name=name, bad=bad: bad if m.group(1) == name else values[m.group(1)],
                    route,
                )
                for method in (client.get, client.post):
                    status = method(url).status_code
                    if status >= 500:
                        found.append(f"{method.__name__.upper()} {url}: {status}")
    assert not found, "\n".join(found)


@pytest.fixture
def scene(shop):
    economy = build_economy(shop, months=2)
    meeting = in_session(shop)
    motion = open_motion(shop, meeting)
    from cordones.ledger.models import FiscalYear, Period
    from cordones.members.models import RegisterEntry
    from cordones.retiros.models import RetiroScheme, RetiroSheet

    sheet = RetiroSheet.objects.filter(workplace=shop.workplace).first()
    month = sheet.month if sheet else economy.months[0]
    values = {
        "slug": shop.workplace.slug,
        "pk": str(meeting.pk),
        "motion_pk": str(motion.pk),
        "number": "1",
        "seq": str(RegisterEntry.objects.filter(workplace=shop.workplace).first().seq),
        "product_id": str(economy.products[0].pk),
        "scheme_id": str(RetiroScheme.objects.filter(workplace=shop.workplace).first().pk),
        "year": str(month.year),
        "month": str(month.month),
        "action": "approve",
        "fmt": "csv",
        "report": "trial_balance",
        "period_id": str(Period.objects.filter(fiscal_year__workplace=shop.workplace).first().pk),
        "year_id": str(FiscalYear.objects.filter(workplace=shop.workplace).first().pk),
        "item_pk": str(meeting.items.first().pk),
        "doc_pk": "1",
        "term": "1",
        "code": "1.1.01",
    }
    return shop, values, motion


def _is_page(url: str) -> bool:
    return not url.endswith((".pdf", ".svg", ".ics", ".beancount", ".xlsx"))


FOUND: list[str] = []


def test_no_bad_value_in_any_form_or_query_is_a_5xx_or_poisons_a_page(scene):
    from django.test import Client

    client = Client(raise_request_exception=False)  # a 500 is counted, not raised
    FOUND.clear()
    shop, values, _motion = scene
    pages = workplace_pages(values)
    seen_forms: set[str] = set()
    for persona in ("secretary", "member"):
        client.force_login(shop.users[persona])
        for page in filter(_is_page, pages):
            response = client.get(page)
            assert response.status_code < 500, (persona, page)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            _fuzz_query(client, page)
            parser = _Forms()
            parser.feed(response.content.decode())
            for action, fields in parser.forms:
                target = urljoin(page, action) if action else page
                if not urlsplit(target).path.startswith(f"/w/{shop.workplace.slug}/"):
                    continue  # the language switch, logout: not the workplace's input
                key = f"{persona} {target} {sorted(fields)}"
                if key in seen_forms or not fields:
                    continue
                seen_forms.add(key)
                _sweep_form(client, target, fields, parser.types)
                _fuzz_form(client, target, fields)
    assert len(seen_forms) > 20, seen_forms
    assert not FOUND, "\n".join(FOUND)
    _report(connection.vendor, pages, seen_forms)
    # nothing stored by the fuzz breaks any page, for any persona
    for persona in ("secretary", "member", "council_member", "auditor"):
        client.force_login(shop.users[persona])
        for page in pages:
            response = client.get(page)
            assert response.status_code < 500, (persona, page)


def _report(vendor: str, pages: list[str], forms: set[str]) -> None:
    out = Path(django_settings.BASE_DIR) / "var" / "audit" / f"fuzz-{vendor}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"bad-input fuzz on {vendor}: {len(pages)} pages, {len(forms)} forms, "
        f"{EXAMPLES} examples per form, no 5xx"
    ]
    lines += [f"  {form}" for form in sorted(forms)]
    out.write_text("\n".join(lines) + "\n")


# the values the audit saw poison a workplace, tried one field at a time on an otherwise
# sensible form (so the form is not refused for another field first)
SWEEP = [
    "1e20",
    "99999999999999999999999",
    "9223372036854775808",
    "1e-10000000",
    "Infinity",
    "9999-12-31",
    "0001-01-01",
    "²",
    "x" * 5000,
    "\x00",
]


def _baseline(fields: dict[str, list[str]], types: dict[str, str]) -> dict[str, str]:
    today = timezone.localdate().isoformat()
    guess = {"date": today, "number": "1", "time": "18:00", "email": "fuzz@example.test"}
    data = {}
    for name, offered in fields.items():
        kind = types.get(name, "text")
        if kind in ("checkbox", "radio", "submit", "button"):
            continue
        chosen = next((v for v in offered if v.strip()), "")
        data[name] = chosen or guess.get(kind, "Texto de prueba")
    return data


def _sweep_form(client, target: str, fields: dict[str, list[str]], types) -> None:
    base = _baseline(fields, types)
    for name in sorted(base):
        for value in SWEEP:
            response = client.post(target, {**base, name: value})
            if response.status_code >= 500:
                FOUND.append(f"POST {target} {name}={value[:30]!r}: {response.status_code}")


def _fuzz_form(client, target: str, fields: dict[str, list[str]]) -> None:
    names = sorted(fields)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries({n: value_strategy([v for v in fields[n] if v]) for n in names}))
    def post(data: dict[str, str]) -> None:
        response = client.post(target, data)
        if response.status_code >= 500:
            FOUND.append(f"POST {target} {data!r:.200}: {response.status_code}")

    post()


def _fuzz_query(client, page: str) -> None:
    @settings(
        max_examples=max(2, EXAMPLES // 2),
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.dictionaries(st.sampled_from(QUERY_NAMES), value_strategy([]), max_size=3))
    def get(query: dict[str, str]) -> None:
        response = client.get(page, query)
        if response.status_code >= 500:
            FOUND.append(f"GET {page} {query!r:.200}: {response.status_code}")

    get()
