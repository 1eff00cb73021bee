"""The service contract, tested at the service layer (not through the pages).

Every writing service calls `require(access, rule, workplace)` first. For every service and
every persona — an officer of another workplace, a member, the secretary, the president, the
treasurer, a council member and the síndico — the allowed calls succeed and the denied ones
raise PermissionDeniedError, from the service's own `require`, with nothing written: every
row of every table of ours, and the mail sent, are the same after as before.

A service that is added without a case here fails `test_every_service_is_in_the_matrix`; a
`require` call deleted from any service makes a case here fail (`make mutate-require`)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from datetime import timedelta
from types import ModuleType
from typing import Any

import pytest
from django.utils import timezone

import cordones
from cordones.assemblies.services import meetings, votes
from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.members import permissions
from cordones.members import services as members
from cordones.members.models import Member
from cordones.members.permissions import RULES, Access, Role, require
from cordones.members.selectors import access_get
from cordones.surplus import agenda
from tests.conftest import make_user
from tests.web.service_contract_cases import (
    ALLOWED,
    CASES,
    NOT_GUARDED,
    PERSONAS,
    Scene,
    draft,
    in_session,
    snapshot,
    submitted,
)

pytestmark = pytest.mark.django_db

SKIPPED_PACKAGES = ("cordones.domain", "cordones.web", "cordones.api", "cordones.cli")


def service_modules() -> list[ModuleType]:
    """Every services module (`<app>/services.py`, `assemblies/services/<topic>.py`) and
    every other module of a context app that uses `require` (such as `surplus/agenda.py`)."""
    found = []
    for info in pkgutil.walk_packages(cordones.__path__, "cordones."):
        name = info.name
        if name.startswith(SKIPPED_PACKAGES) or ".migrations" in name:
            continue
        if name.rsplit(".", 1)[1].startswith("_"):
            continue
        module = importlib.import_module(name)
        if module is permissions:
            continue
        if ".services" in name or vars(module).get("require") is require:
            found.append(module)
    return found


def public_functions(module: ModuleType) -> dict[str, Any]:
    return {
        f"{module.__name__}.{name}": func
        for name, func in inspect.getmembers(module, inspect.isfunction)
        if func.__module__ == module.__name__ and not name.startswith("_")
    }


def test_every_service_is_in_the_matrix():
    modules = service_modules()
    assert len(modules) >= 15  # the discovery itself works
    public = {name for module in modules for name in public_functions(module)}
    missing = public - set(CASES) - set(NOT_GUARDED)
    assert not missing, f"services with no case in the persona matrix: {sorted(missing)}"
    stale = (set(CASES) | set(NOT_GUARDED)) - public
    assert not stale, f"cases for services that no longer exist: {sorted(stale)}"
    assert not set(CASES) & set(NOT_GUARDED)


def test_the_persona_table_is_the_rule_table():
    roles = {
        "member": {Role.MEMBER},
        "secretary": {Role.MEMBER, Role.COUNCIL, Role.SECRETARY},
        "president": {Role.MEMBER, Role.COUNCIL, Role.PRESIDENT},
        "treasurer": {Role.MEMBER, Role.COUNCIL, Role.TREASURER},
        "council_member": {Role.MEMBER, Role.COUNCIL},
        "auditor": {Role.MEMBER, Role.AUDITOR},
    }
    for rule, personas in ALLOWED.items():
        assert personas == {p for p, held in roles.items() if held & RULES[rule]}, rule
    assert {c.rule for c in CASES.values()} <= set(ALLOWED)


def _first_statement(func: Any) -> ast.stmt:
    tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(func))))
    body = tree.body[0].body  # type: ignore[attr-defined]
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return body[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_require_is_the_first_statement(name):
    """`require(access, "<the rule>", <a workplace>)`, before anything is read or checked."""
    case = CASES[name]
    first = _first_statement(case.func)
    assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Call), name
    call = first.value
    assert isinstance(call.func, ast.Name) and call.func.id == "require", name
    assert len(call.args) == 3 and isinstance(call.args[1], ast.Constant), name
    assert call.args[1].value == case.rule, name


# ---- the persona × service matrix ------------------------------------------------------------


def _add_officer(shop: Any, persona: str, number: int) -> None:
    today = timezone.localdate()
    member = members.member_admit(
        shop.clerk,
        shop.workplace,
        number=number,
        full_name=f"{persona.title()} {shop.workplace.slug}",
        admitted_on=today - timedelta(days=400),
        shares_subscribed=1000,
        shares_paid=1000,
    )
    members.office_assign(
        shop.clerk,
        member,
        office=persona,
        start=today - timedelta(days=400),
        end=today + timedelta(days=700),
    )
    user = make_user(f"{persona}@{shop.workplace.slug}.test", full_name=member.full_name)
    Member.objects.filter(pk=member.pk).update(user=user)
    member.refresh_from_db()
    shop.users[persona] = user
    shop.members[persona] = member


@pytest.fixture
def scene(shop, other_shop, settings, tmp_path) -> Scene:
    settings.MEDIA_ROOT = tmp_path
    _add_officer(shop, "president", 5)
    _add_officer(shop, "treasurer", 6)
    today = timezone.localdate()
    access = {
        p: access_get(shop.users[p], shop.workplace, today) for p in PERSONAS if p != "outsider"
    }
    # an officer of another workplace, holding every role there
    elsewhere = other_shop.members["secretary"]
    access["outsider"] = Access(
        other_shop.workplace.pk, elsewhere.user_id, elsewhere.pk, frozenset(Role)
    )
    return Scene(shop, other_shop, access)


def _raised_by_its_own_require(error: pytest.ExceptionInfo[Any], func: Any) -> bool:
    """The denial came from a `require` the service called itself (or from the service's
    own finer check), not from another service it calls later."""
    codes = []
    tb = error.tb
    while tb is not None:
        codes.append(tb.tb_frame.f_code)
        tb = tb.tb_next
    own = inspect.unwrap(func).__code__
    if codes[-1] is own:
        return True
    return codes[-1] is require.__code__ and codes[-2] is own


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_service_matrix(scene, name, persona):
    case = CASES[name]
    call = case.prepare(scene)
    access = scene.access[persona]
    before = snapshot()
    if persona not in case.allowed_personas():
        with pytest.raises(PermissionDeniedError) as denied:
            call(access)
        assert denied.value.args[0] in {case.rule, *case.denied_as}
        assert _raised_by_its_own_require(denied, case.func), "denied by another service"
        assert snapshot() == before
    elif persona in case.refused:
        with pytest.raises(ServiceError):
            call(access)
        assert snapshot() == before
    else:
        call(access)
        assert snapshot() != before  # it wrote


def test_require_checks_the_workplace_as_well_as_the_rule(scene):
    secretary = scene.access["secretary"]
    require(secretary, "assembly.manage", scene.wp)  # holds it here
    with pytest.raises(PermissionDeniedError):
        require(secretary, "assembly.manage", scene.other.workplace)  # not there
    with pytest.raises(PermissionDeniedError):
        require(scene.access["member"], "assembly.manage", scene.wp)
    with pytest.raises(KeyError):
        require(secretary, "no.such.rule", scene.wp)


def test_a_secretary_of_another_workplace_cannot_call_the_assembly_services_here(scene):
    """The audit's finding: with the rule checked and the workplace not, the secretary of
    workplace B called meeting_create, item_add and motion_create on workplace A."""
    other = scene.other
    intruder = access_get(other.users["secretary"], other.workplace, timezone.localdate())
    assert intruder.can("assembly.manage")  # a real secretary, of B
    general = meetings.bodies_ensure(scene.wp)[0]
    meeting = in_session(scene, present=())
    proposal = submitted(scene)
    target = draft(scene)
    before = snapshot()
    attempts = [
        lambda: meetings.meeting_create(
            intruder,
            scene.wp,
            body=general,
            title="Asamblea trucha",
            scheduled_at=timezone.now() + timedelta(days=30),
            place="Afuera",
        ),
        lambda: meetings.item_add(intruder, target, matter="ordinary", title="Vender todo"),
        lambda: votes.motion_create(
            intruder, meeting, item=meeting.items.get(position=1), title="Vender todo"
        ),
        lambda: agenda.surplus_proposal_to_agenda(intruder, proposal, target),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDeniedError):
            attempt()
    assert snapshot() == before
