"""`cordones demo`: build the demo cordón (idempotent: an existing workplace is skipped)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from stdnum.ar import cuit

from cordones.accounts.models import User
from cordones.cli.demo_assemblies import build_assemblies
from cordones.cli.demo_economy import build_economy
from cordones.cli.demo_network import (
    DEMO_PASSWORD,
    FIRST_NAMES,
    OPERATOR_EMAIL,
    SURNAMES,
    WORKPLACES,
    DemoWorkplace,
)
from cordones.members import services as members
from cordones.members.models import Member
from cordones.members.permissions import Access, Role
from cordones.monitoring.services import monitoring_recompute
from cordones.workplaces import services as workplaces
from cordones.workplaces.models import Workplace

SEED = 1972  # the year of the cordones industriales


class Command(BaseCommand):
    help = "Load the demo network of recovered workplaces (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        # the demo's tasks (notice emails) run here, on commit, not on the worker (ADR 0006)
        immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        with override_settings(TASKS=immediate):
            self._load()

    def _load(self) -> None:
        # the demo convenes assemblies and opens votes: its notices have nobody to reach
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        today = timezone.localdate()
        operator, _created = User.objects.get_or_create(
            email=OPERATOR_EMAIL,
            defaults={
                "full_name": "Operadora de la plataforma",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if _created:
            operator.set_password(DEMO_PASSWORD)
            operator.save()
        logins: list[tuple[str, str, str]] = [(OPERATOR_EMAIL, "—", "operator")]
        for spec in WORKPLACES:
            if Workplace.objects.filter(slug=spec.slug).exists():
                self.stdout.write(f"  {spec.name}: ya existe, sin cambios")
            else:
                with transaction.atomic():
                    build_workplace(spec, today)
                self.stdout.write(f"  {spec.name}: {spec.members} asociados")
            logins.extend(demo_logins(spec))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, place, role in logins:
            self.stdout.write(f"  {email:45} {role:10} {place}")


def demo_email(spec: DemoWorkplace, role: str) -> str:
    return f"{role}@{spec.slug}.demo"


def demo_logins(spec: DemoWorkplace) -> list[tuple[str, str, str]]:
    return [
        (demo_email(spec, r), spec.slug, r)
        for r in ("secretaria", "presidente", "sindico", "asociada")
    ]


def _valid_cuit(seed: str) -> str:
    body = seed.replace("-", "")[:10]
    return cuit.format(body + cuit.calc_check_digit(body))


def build_workplace(spec: DemoWorkplace, today: date) -> Workplace:
    rng = random.Random(f"{SEED}-{spec.slug}")
    workplace = workplaces.workplace_create(
        slug=spec.slug,
        name=spec.name,
        legal_name=spec.legal_name,
        legal_form="worker_coop",
        tax_id=_valid_cuit(spec.tax_id),
        registration_number=f"{10000 + rng.randrange(90000)}",  # matrícula (a demo number)
        sector=spec.sector,
        city=spec.city,
        province=spec.province,
        address=spec.address,
        latitude=Decimal(spec.latitude),
        longitude=Decimal(spec.longitude),
        founded_on=spec.founded_on,
        recovered_on=spec.recovered_on,
    )
    # the founding secretary, who records the register (a secretary sits on the council)
    clerk = Access(workplace.pk, None, None, frozenset({Role.MEMBER, Role.COUNCIL, Role.SECRETARY}))
    sections = [workplaces.section_add(clerk, workplace, name=n, kind=k) for n, k in spec.sections]

    # founders join on the day of the cooperative's registration, the rest over the years
    founders = max(6, int(spec.members * 0.55))
    start = spec.recovered_on + timedelta(days=rng.randint(20, 90))
    span = (today - timedelta(days=60) - start).days
    admissions = sorted(
        [start] * founders
        + [start + timedelta(days=rng.randint(30, span)) for _ in range(spec.members - founders)]
    )
    used_names: set[str] = set()
    people: list[Member] = []
    for number, admitted_on in enumerate(admissions, start=1):
        name = _name(rng, used_names)
        share = Decimal(rng.choice([500, 1000, 1500, 2000]))
        paid = share if rng.random() < 0.8 else (share / 2).quantize(Decimal("1"))
        people.append(
            members.member_admit(
                clerk,
                workplace,
                number=number,
                full_name=name,
                national_id=str(rng.randint(12_000_000, 42_000_000)),
                admitted_on=admitted_on,
                shares_subscribed=share,
                shares_paid=paid,
                section=rng.choice(sections),
                note="Socio/a fundador/a"
                if admitted_on == start
                else "Admisión aprobada por asamblea",
            )
        )

    # some left over the years
    for person in rng.sample(people[founders // 2 :], k=max(1, spec.members // 12)):
        state_admitted = admissions[person.number - 1]
        left_on = state_admitted + timedelta(
            days=rng.randint(200, max(201, (today - state_admitted).days - 30))
        )
        reason = rng.choices(["resignation", "death", "exclusion"], weights=[8, 2, 1])[0]
        members.member_depart(
            clerk, person, on=min(left_on, today - timedelta(days=10)), reason=reason
        )

    # councils: three-year terms from each year's ordinary assembly (April)
    active = [p for p in people if members.member_state_get(p).is_member_on(today)]
    offices = [
        "president",
        "secretary",
        "treasurer",
        "council_member",
        "council_member",
        "auditor",
        "substitute_auditor",
    ]
    year = today.year if today >= date(today.year, 4, 30) else today.year - 1
    current_start = date(year, 4, 30)
    previous_start = current_start - timedelta(days=3 * 365)
    previous = [
        p
        for p in people
        if members.member_state_get(p).is_member_on(previous_start + timedelta(days=400))
    ]
    for office, person in zip(offices, rng.sample(previous, k=len(offices)), strict=True):
        members.office_assign(
            clerk,
            person,
            office=office,
            start=max(previous_start, admissions[person.number - 1]),
            end=current_start - timedelta(days=1),
        )
    chosen = rng.sample(active, k=len(offices) + 1)
    demo_roles = {"secretary": "secretaria", "president": "presidente", "auditor": "sindico"}
    for office, person in zip(offices, chosen, strict=False):
        members.office_assign(
            clerk,
            person,
            office=office,
            start=current_start,
            end=current_start + timedelta(days=3 * 365),
        )
        if office in demo_roles:
            _link_user(person, demo_email(WORKPLACE_BY_SLUG[workplace.slug], demo_roles[office]))
    plain = chosen[-1]
    _link_user(plain, demo_email(WORKPLACE_BY_SLUG[workplace.slug], "asociada"))

    # a few members completed their shares later; one entry was corrected
    for person in rng.sample(active, k=min(5, len(active))):
        state = members.member_state_get(person)
        missing = state.shares_subscribed - state.shares_paid
        if missing > 0:
            members.shares_record(
                clerk,
                person,
                on=today - timedelta(days=rng.randint(15, 300)),
                paid=missing,
                note="Integración del saldo de cuotas sociales",
            )
    first_admission = people[-1].entries.order_by("seq").first()
    if first_admission is not None and first_admission.shares_subscribed is not None:
        members.entry_correct(
            clerk,
            workplace,
            seq=first_admission.seq,
            on=today - timedelta(days=5),
            note="Error de tipeo en el monto suscripto según el acta de admisión",
            shares_subscribed=first_admission.shares_subscribed + 500,
        )
    build_economy(workplace, spec, today)
    build_assemblies(workplace, rng)
    monitoring_recompute(workplace)  # signals on the demo's production series
    return workplace


WORKPLACE_BY_SLUG = {w.slug: w for w in WORKPLACES}


def _link_user(member: Member, email: str) -> None:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": member.full_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Member.objects.filter(pk=member.pk).update(user=user, email=email)


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
        if name not in used:
            used.add(name)
            return name
