"""Every page and action against every persona: the named rules as a matrix.

anonymous is sent to log in; a logged-in person who is not a member of this workplace
(outsider, and the platform operator) gets 404 — not even told the pages exist; a member
without the rule gets 403.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from cordones.assemblies.models import MinuteBookEntry
from cordones.books.models import BookAnchor
from cordones.domain.register.book import Office
from cordones.members import services
from cordones.members.models import Member, RegisterEntry
from cordones.members.permissions import RULES, Role, roles_from_offices
from tests.conftest import PERSONAS
from tests.web.assemblies_scene import (
    ASSEMBLY_CHANGES,
    ASSEMBLY_PAGES,
    ASSEMBLY_POST_DATA,
    ASSEMBLY_POST_OK,
)
from tests.web.contract_scene import CONTRACT_CHANGES, CONTRACT_PAGES, CONTRACT_POST_DATA
from tests.web.gap_scene import GAP_CHANGES, GAP_PAGES, GAP_POST_DATA
from tests.web.monitoring_scene import MONITORING_CHANGES, MONITORING_PAGES, MONITORING_POST_DATA
from tests.web.service_contract_cases import CASES

pytestmark = pytest.mark.django_db

ALLOWED = {
    "workplace.view": {"member", "secretary", "council_member", "auditor"},
    "workplace.edit": {"secretary", "council_member"},
    "register.view": {"member", "secretary", "council_member", "auditor"},
    "register.export": {"secretary", "council_member", "auditor"},
    "register.write": {"secretary"},
    "member.invite": {"secretary"},
    "economy.view": {"member", "secretary", "council_member", "auditor"},
    "production.write": {"secretary", "council_member"},
    "sales.view": {"secretary", "council_member", "auditor"},
    "sales.write": {"secretary", "council_member"},
    "retiros.view": {"secretary", "council_member", "auditor"},
    "retiros.manage": {"secretary", "council_member"},
    "ledger.view": {"secretary", "council_member", "auditor"},
    "ledger.post": {"secretary", "council_member"},
    "ledger.close": {"secretary", "council_member"},
    "surplus.view": {"member", "secretary", "council_member", "auditor"},
    "surplus.propose": {"secretary", "council_member"},
    "assembly.view": {"member", "secretary", "council_member", "auditor"},
    "assembly.vote": {"member", "secretary", "council_member", "auditor"},
    "assembly.manage": {"secretary"},
    "decision.manage": {"secretary", "council_member"},
    "application.manage": {"secretary"},
    "books.anchor": {"secretary", "council_member", "auditor"},
    "books.auditor_report": {"auditor"},
    "monitoring.view": {"member", "secretary", "council_member", "auditor"},
    "monitoring.acknowledge": {"secretary", "council_member"},
    "monitoring.manage": {"secretary", "council_member"},
}

# (url name, extra args, rule, method)
PAGES = [
    ("dashboard", [], "workplace.view", "get"),
    ("statute", [], "workplace.view", "get"),
    ("workplace_settings", [], "workplace.edit", "get"),
    ("sections", [], "workplace.edit", "get"),
    ("register", [], "register.view", "get"),
    ("register_book", [], "register.view", "get"),
    ("member_detail", [1], "register.view", "get"),
    ("register_csv", [], "register.export", "get"),
    ("member_admit", [], "register.write", "get"),
    ("office_assign", [1], "register.write", "get"),
    ("member_shares", [1], "register.write", "get"),
    ("member_depart", [1], "register.write", "get"),
    ("entry_correct", [1], "register.write", "get"),
    ("member_invite", [1], "member.invite", "get"),
    ("economy", [], "economy.view", "get"),
    ("economy_production", [], "economy.view", "get"),
    ("economy_concentration", [], "economy.view", "get"),
    ("economy_trends", [], "economy.view", "get"),
    ("economy_mine", [], "economy.view", "get"),
    ("economy_product_new", [], "production.write", "get"),
    ("economy_import", [], "production.write", "get"),
    ("economy_sales", [], "sales.view", "get"),
    ("economy_customer_new", [], "sales.write", "get"),
    ("economy_retiros", [], "retiros.view", "get"),
    ("economy_sheet_new", [], "retiros.manage", "get"),
    ("economy_journal", [], "ledger.view", "get"),
    ("economy_reports", [], "ledger.view", "get"),
    ("economy_beancount", [], "ledger.view", "get"),
    ("economy_entry_new", [], "ledger.post", "get"),
    ("economy_periods", [], "ledger.view", "get"),
    ("economy_proposals", [], "surplus.view", "get"),
    # writes: a POST with valid data
    ("member_admit", [], "register.write", "post"),
    ("member_depart", [1], "register.write", "post"),
    ("sections", [], "workplace.edit", "post"),
    # assemblies: an argument given as a function is built for the test from the shop
    *ASSEMBLY_PAGES,
    # retiro roles and bodies
    *GAP_PAGES,
    # the legal books
    ("book_detail", ["assembly_minutes"], "assembly.view", "get"),
    ("books_anchors_txt", [], "assembly.view", "get"),
    ("auditor_report_new", [], "books.auditor_report", "get"),
    ("auditor_report_new", [], "books.auditor_report", "post"),
    ("books_anchors_record", [], "books.anchor", "post"),
    # the economy's, the workplace's and the invitation's writes
    *CONTRACT_PAGES,
    # production monitoring
    *MONITORING_PAGES,
]

POST_DATA = {
    "member_admit": {
        "number": 50,
        "full_name": "Nueva Persona",
        "admitted_on": "2026-01-05",
        "shares_subscribed": "100",
        "shares_paid": "0",
    },
    "member_depart": {"on": "2026-01-05", "reason": "resignation"},
    "sections": {"add": "1", "name": "Turno noche", "kind": "shift"},
    **ASSEMBLY_POST_DATA,
    **GAP_POST_DATA,
    "auditor_report_new": {"title": "Informe", "text": "Sin observaciones."},
    "books_anchors_record": {},
    **CONTRACT_POST_DATA,
    **MONITORING_POST_DATA,
}

BOOKS_CHANGES = {
    "auditor_report_new": lambda shop: MinuteBookEntry.objects.count(),
    "books_anchors_record": lambda shop: BookAnchor.objects.count(),
}


def _changes(shop, name):
    """What a write changes, counted before and after (the register, unless said)."""
    counter = (
        ASSEMBLY_CHANGES.get(name)
        or GAP_CHANGES.get(name)
        or BOOKS_CHANGES.get(name)
        or CONTRACT_CHANGES.get(name)
        or MONITORING_CHANGES.get(name)
    )
    return counter(shop) if counter else RegisterEntry.objects.count()


def test_rule_table_is_the_one_we_test():
    assert set(RULES) == set(ALLOWED)


def test_every_rule_has_a_row_and_every_writing_rule_a_post_row():
    assert {rule for _n, _a, rule, _m in PAGES} == set(RULES)
    # a rule that a writing service requires is a writing rule: a page POSTs under it
    writing = {case.rule for case in CASES.values()}
    posted = {rule for _n, _a, rule, method in PAGES if method == "post"}
    assert writing <= posted, sorted(writing - posted)


def expected_status(persona: str, rule: str) -> int:
    if persona == "anonymous":
        return 302
    if persona in ("outsider", "operator"):
        return 404
    return 200 if persona in ALLOWED[rule] else 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name,args,rule,method", PAGES)
def test_matrix(client, shop, persona, name, args, rule, method):
    if persona != "anonymous":
        client.force_login(shop.users[persona])
    args = [a(shop) if callable(a) else a for a in args]
    data = POST_DATA.get(name)
    data = data(shop) if callable(data) else data
    url = reverse(name, args=[shop.workplace.slug, *args])
    changes_before = _changes(shop, name)
    entries_before = RegisterEntry.objects.count()
    members_before = Member.objects.count()
    if method == "get":
        response = client.get(url)
        assert response.status_code == expected_status(persona, rule)
    else:
        response = client.post(url, data)
        allowed = expected_status(persona, rule) == 200
        if allowed:
            assert response.status_code == ASSEMBLY_POST_OK.get(name, 302)  # saved, redirected
            assert _changes(shop, name) != changes_before or name == "sections"
        else:
            assert response.status_code == expected_status(persona, rule)
            assert _changes(shop, name) == changes_before
            assert RegisterEntry.objects.count() == entries_before
            assert Member.objects.count() == members_before
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_roles_come_from_offices():
    assert roles_from_offices(()) == {Role.MEMBER}
    assert roles_from_offices((Office.SECRETARY,)) == {Role.MEMBER, Role.COUNCIL, Role.SECRETARY}
    assert roles_from_offices((Office.AUDITOR,)) == {Role.MEMBER, Role.AUDITOR}
    assert roles_from_offices((Office.SUBSTITUTE_COUNCIL_MEMBER,)) == {Role.MEMBER}


def test_a_member_of_another_workplace_sees_nothing_here(client, shop, other_shop):
    client.force_login(other_shop.users["secretary"])
    for name, args in [
        ("dashboard", []),
        ("register", []),
        ("member_detail", [1]),
        ("register_csv", []),
    ]:
        assert client.get(reverse(name, args=[shop.workplace.slug, *args])).status_code == 404
    before = RegisterEntry.objects.filter(workplace=shop.workplace).count()
    response = client.post(
        reverse("member_admit", args=[shop.workplace.slug]), POST_DATA["member_admit"]
    )
    assert response.status_code == 404
    assert RegisterEntry.objects.filter(workplace=shop.workplace).count() == before


def test_a_departed_member_loses_access(client, shop):
    services.member_depart(
        shop.clerk, shop.members["member"], on=timezone.localdate(), reason="resignation"
    )
    client.force_login(shop.users["member"])
    assert client.get(reverse("dashboard", args=[shop.workplace.slug])).status_code == 404


def test_home_lists_only_own_workplaces(client, shop, other_shop):
    client.force_login(shop.users["secretary"])
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "dashboard", args=[shop.workplace.slug]
    )
    client.force_login(shop.users["outsider"])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert shop.workplace.name.encode() not in response.content


def test_admin_is_for_operators_only(client, shop):
    client.force_login(shop.users["secretary"])
    assert client.get("/admin/").status_code == 302
    client.force_login(shop.users["operator"])
    assert client.get("/admin/").status_code == 200
    entry = RegisterEntry.objects.filter(workplace=shop.workplace).first()
    # even operators cannot change the register through the admin
    assert client.get(f"/admin/members/registerentry/{entry.pk}/delete/").status_code == 403
