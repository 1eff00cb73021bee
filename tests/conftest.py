"""Shared fixtures: a small workplace with one person in each role, built through the
same services the pages use."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from cordones.accounts.models import User
from cordones.members import services as members
from cordones.members.models import Member
from cordones.members.permissions import Access, Role
from cordones.workplaces import services as workplaces
from cordones.workplaces.models import Workplace

PASSWORD = "una-clave-larga-2026"
PERSONAS = ("anonymous", "outsider", "member", "secretary", "council_member", "auditor", "operator")


@dataclass
class Shop:
    workplace: Workplace
    clerk: Access
    users: dict[str, User]
    members: dict[str, Member]


def make_user(email: str, **extra: object) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, **extra)  # type: ignore[arg-type]


def build_shop(slug: str = "grafica", tax_id: str = "30-50001091-2") -> Shop:
    workplace = workplaces.workplace_create(
        slug=slug,
        name=f"Cooperativa {slug.title()}",
        legal_name=f"Cooperativa de Trabajo {slug.title()} Ltda.",
        sector="printing",
        tax_id=tax_id,
        founded_on=date(1990, 1, 1),
        recovered_on=date(2003, 5, 1),
    )
    # the secretary who keeps the register (a secretary sits on the council)
    clerk = Access(workplace.pk, None, None, frozenset({Role.MEMBER, Role.COUNCIL, Role.SECRETARY}))
    today = timezone.localdate()
    start = today - timedelta(days=400)
    users: dict[str, User] = {}
    people: dict[str, Member] = {}
    offices = {"secretary": "secretary", "council_member": "council_member", "auditor": "auditor"}
    for number, persona in enumerate(("member", "secretary", "council_member", "auditor"), start=1):
        member = members.member_admit(
            clerk,
            workplace,
            number=number,
            full_name=f"{persona.title()} {slug}",
            admitted_on=start,
            shares_subscribed=1000,
            shares_paid=1000,
        )
        if persona in offices:
            members.office_assign(
                clerk, member, office=offices[persona], start=start, end=today + timedelta(days=700)
            )
        user = make_user(f"{persona}@{slug}.test", full_name=member.full_name)
        Member.objects.filter(pk=member.pk).update(user=user)
        member.refresh_from_db()
        users[persona] = user
        people[persona] = member
    return Shop(workplace, clerk, users, people)


@pytest.fixture
def shop(db: None) -> Shop:
    shop = build_shop()
    shop.users["outsider"] = make_user("outsider@elsewhere.test")
    shop.users["operator"] = make_user("operator@cordones.test", is_staff=True, is_superuser=True)
    return shop


@pytest.fixture
def other_shop(db: None) -> Shop:
    return build_shop("textil", tax_id="30-70871234-1")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: object) -> None:
    # Real hashing is deliberately slow; tests need only a correct one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_on_commit(settings: object) -> None:
    # Tasks run in the test process right after commit (the immediate backend); the tests
    # in tests/web/test_jobs_worker.py switch to the database backend and real workers.
    settings.TASKS = IMMEDIATE_TASKS  # type: ignore[attr-defined]


# SQLite's flush between transactional tests deletes rows table by table, which the
# append-only triggers (register, minute book, ledger) refuse; PostgreSQL truncates, which
# row triggers ignore. So on SQLite the flush lifts the triggers and puts them back, from
# each append-only migration's own SQL (modules named *append_only*).
def _append_only_migrations() -> list[Any]:
    from django.apps import apps

    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cordones."):
            continue
        try:
            package = importlib.import_module(f"{config.name}.migrations")
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules(package.__path__):
            if "append_only" in info.name:
                modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return modules


@pytest.fixture(autouse=True, scope="session")
def _sqlite_flush_keeps_triggers() -> None:
    from django.db.backends.sqlite3.base import DatabaseOperations

    original = DatabaseOperations.sql_flush
    if getattr(original, "keeps_triggers", False):
        return

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements = original(self, style, tables, **kwargs)
        if not statements:
            return statements
        modules = _append_only_migrations()
        lifted = [sql for module in modules for sql in module.SQLITE_REVERSE]
        restored = [sql for module in modules for sql in module.SQLITE]
        return [*lifted, *statements, *restored]

    sql_flush.keeps_triggers = True  # type: ignore[attr-defined]
    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
