"""The API answers what its OpenAPI document says (issue 7 points 8 and 9): schemathesis
generates requests for every operation from the document, valid and invalid, and checks
each answer with its response-conformance checks (no 5xx, a documented status code,
content type and body schema), logged out and as two personas of a small workplace (a
member and the secretary), on SQLite and PostgreSQL.

Each generated request is sent twice: as generated, and with the path aimed at the
workplace and the open motion that exist, so bodies reach the real ballot validation.
The counts (per persona and status) are written to var/audit/schemathesis-<db>.txt, which
`make audit` prints. CORDONES_AUDIT_EXAMPLES raises the number of examples (`make audit`)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from config.wsgi import application
from cordones.api.urls import api
from tests.web.assemblies_scene import in_session, open_motion

EXAMPLES = int(os.environ.get("CORDONES_AUDIT_EXAMPLES", "5"))
COUNTS: Counter[tuple[str, int]] = Counter()
FAILURES: Counter[str] = Counter()


def _schema(*, with_security: bool):
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema())
    loaded.app = application  # in-process, through the WSGI application and its middleware
    # as a persona the session cookie is the persona's, never a generated one
    loaded.config.generation.update(with_security_parameters=with_security)
    # A ballot's content depends on the motion's method, which a schema cannot say: a
    # schema-valid ballot that is not a ballot for this motion is refused with a 400.
    accepted = loaded.config.checks.positive_data_acceptance
    accepted.expected_statuses = [*accepted.expected_statuses, "400"]
    if not with_security:
        # the persona's own session is sent, so there is no generated auth to ignore; the
        # logged-out run checks that a missing or made-up session is refused
        loaded.config.checks.ignored_auth.enabled = False
    return loaded


anonymous_schema = _schema(with_security=True)
persona_schema = _schema(with_security=False)


@pytest.fixture(scope="module", autouse=True)
def _write_counts():
    yield
    if not COUNTS:
        return
    out = Path(settings.BASE_DIR) / "var" / "audit" / f"schemathesis-{connection.vendor}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    total = sum(COUNTS.values())
    failures = sum(FAILURES.values())
    lines = [f"schemathesis on {connection.vendor}: {total} requests, {failures} failed checks"]
    for persona in ("anonymous", "member", "secretary"):
        statuses = sorted((status, n) for (who, status), n in COUNTS.items() if who == persona)
        answered = ", ".join(f"{status}: {n}" for status, n in statuses)
        lines.append(f"  {persona:9} {answered}; failed checks: {FAILURES[persona]}")
    out.write_text("\n".join(lines) + "\n")


@pytest.fixture
def world(db, shop):
    """The shop with a session in progress and an open secret vote, and the cookies each
    persona sends (a session and its CSRF token, as a browser would)."""
    from django.test import Client

    meeting = in_session(shop)
    motion = open_motion(shop, meeting, mode="secret")
    cookies: dict[str, tuple[dict[str, str], dict[str, str]]] = {"anonymous": ({}, {})}
    for persona in ("member", "secretary"):
        client = Client()
        client.force_login(shop.users[persona])
        client.get("/accounts/profile/")  # sets the CSRF cookie
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        token = client.cookies[settings.CSRF_COOKIE_NAME].value
        cookies[persona] = (
            {settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: token},
            {"X-CSRFToken": token, "Referer": "http://testserver/"},
        )
    # The WSGI handler closes the database connection after each request (Django's test
    # client switches that off; schemathesis calls the application itself): keep the test's
    # connection, and its transaction, open across requests, as the test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield shop, motion, cookies
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _aimed(case, shop, motion):
    """The same case with its path on the existing workplace and motion."""
    params = dict(case.path_parameters or {})
    if "slug" in params:
        params["slug"] = shop.workplace.slug
    if "motion_id" in params:
        params["motion_id"] = motion.pk
    return params


HYPOTHESIS = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def _check(case, persona, world):
    shop, motion, cookies = world
    jar, headers = cookies[persona]
    for aimed in (False, True):
        excluded = []
        if aimed:
            case.path_parameters = _aimed(case, shop, motion)
            # the path was changed after generation: whether the request is valid or not is
            # no longer what the generator meant, so only the response conformance applies
            excluded = [negative_data_rejection, positive_data_acceptance]
        response = case.call(cookies=jar, headers=headers)
        COUNTS[(persona, response.status_code)] += 1
        try:
            case.validate_response(response, headers=headers, excluded_checks=excluded)
        except BaseException:
            FAILURES[persona] += 1
            raise


@anonymous_schema.parametrize()
@HYPOTHESIS
def test_the_api_answers_as_documented_logged_out(case, world):
    _check(case, "anonymous", world)


@persona_schema.parametrize()
@HYPOTHESIS
@pytest.mark.parametrize("persona", ["member", "secretary"])
def test_the_api_answers_as_documented_to_each_persona(case, persona, world):
    _check(case, persona, world)
