"""Demo assemblies for a workplace: last April's ordinary assembly, closed, with its minutes
signed into the book; an extraordinary assembly in session today with a vote open; the
next council meeting convened; a petition, an application and decisions to follow."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from cordones.assemblies.models import Decision, Motion
from cordones.assemblies.services import (
    admissions,
    attendance,
    decisions,
    meetings,
    minutes,
    petitions,
    votes,
)
from cordones.assemblies.services.books import auditor_report_enter
from cordones.books.services import anchors_record
from cordones.core.errors import ServiceError
from cordones.domain.register.book import Office
from cordones.members.models import Member
from cordones.members.permissions import Access, roles_from_offices
from cordones.members.selectors import register_rows
from cordones.surplus.agenda import surplus_proposal_to_agenda
from cordones.surplus.models import SurplusProposal
from cordones.workplaces.models import Workplace


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def build_assemblies(workplace: Workplace, rng: random.Random) -> None:
    today = timezone.localdate()
    rows = [r for r in register_rows(workplace) if r.state.is_member_on(today)]
    members = [r.member for r in rows]
    offices = {r.member.pk: r.state.offices_on(today) for r in rows}

    def access_of(member: Member) -> Access:
        return Access(
            workplace.pk, member.user_id, member.pk, roles_from_offices(offices[member.pk])
        )

    def holder(office: Office) -> Member:
        return next(m for m in members if office in offices[m.pk])

    secretary = access_of(holder(Office.SECRETARY))
    president = holder(Office.PRESIDENT)
    general, council = meetings.bodies_ensure(workplace)

    # 1. last April's ordinary assembly: closed, minutes signed
    held = (
        today.replace(month=4, day=28)
        if today.month > 4
        else today.replace(year=today.year - 1, month=4, day=28)
    )
    ordinary = meetings.meeting_create(
        secretary,
        workplace,
        body=general,
        title=f"Asamblea General Ordinaria {held.year}",
        scheduled_at=_at(held, 17),
        place="Comedor de la planta",
    )
    report = meetings.item_add(
        secretary,
        ordinary,
        matter="annual_report",
        title=f"Memoria y balance del ejercicio {held.year - 1}",
    )
    election = meetings.item_add(
        secretary,
        ordinary,
        matter="election",
        title="Renovación parcial del Consejo de Administración",
    )
    proposal = SurplusProposal.objects.filter(
        workplace=workplace, status="submitted", fiscal_year__end__lt=held
    ).first()
    surplus_motion = surplus_proposal_to_agenda(secretary, proposal, ordinary) if proposal else None
    purchase = meetings.item_add(
        secretary, ordinary, matter="ordinary", title="Compra de un torno CNC usado"
    )
    convened_on = ordinary.scheduled_at - timedelta(days=20)
    meetings.meeting_convene(secretary, ordinary, now=convened_on)
    present = rng.sample(members, k=int(len(members) * 0.7))
    if president not in present:
        present.append(president)
    if holder(Office.SECRETARY) not in present:
        present.append(holder(Office.SECRETARY))
    for m in present:
        attendance.checkin_by_secretary(secretary, ordinary, m)
    now = ordinary.scheduled_at + timedelta(minutes=5)
    meetings.meeting_open(secretary, ordinary, now=now)

    def run(motion: Motion, choose) -> None:  # type: ignore[no-untyped-def]
        votes.motion_open(secretary, motion, now=now)
        for m in present:
            content = choose(m)
            if content is None:
                continue
            try:
                votes.ballot_cast(access_of(m), motion, content)
            except ServiceError:  # excluded (conflicted) members do not vote
                continue
        votes.motion_close(secretary, motion, now=now + timedelta(minutes=30))

    m1 = votes.motion_create(
        secretary, ordinary, item=report, title="Aprobar la memoria y el balance"
    )
    run(m1, lambda m: {"choice": rng.choices(["for", "against", "abstain"], [85, 5, 10])[0]})
    candidates = [m.full_name for m in rng.sample(members, k=5)]
    m2 = votes.motion_create(
        secretary,
        ordinary,
        item=election,
        title="Elección de tres consejeros",
        method="stv",
        candidates=candidates,
        seats=3,
    )
    run(m2, lambda m: {"ranking": rng.sample(candidates, k=rng.randint(1, 4))})
    if surplus_motion is not None:
        run(
            surplus_motion,
            lambda m: {"choice": rng.choices(["for", "against", "abstain"], [80, 10, 10])[0]},
        )
    m3 = votes.motion_create(
        secretary,
        ordinary,
        item=purchase,
        title="Comprar el torno con el fondo de reserva",
        text="Hasta 12 millones de pesos, en tres cuotas.",
    )
    run(m3, lambda m: {"choice": rng.choices(["for", "against", "abstain"], [60, 30, 10])[0]})
    meetings.meeting_close(secretary, ordinary, now=now + timedelta(hours=2))
    minutes.minutes_update(
        secretary,
        ordinary,
        narrative="Se dio lectura a la memoria. Se aprobó en votación secreta la distribución "
        "del excedente. Tras un debate sobre el precio del torno, la asamblea votó por la compra "
        "en cuotas. Se eligieron dos asociados para firmar el acta.",
    )
    signers = [m for m in present if m.pk not in (president.pk, holder(Office.SECRETARY).pk)][:2]
    minutes.minutes_choose_signers(secretary, ordinary, signers)
    for m in (president, holder(Office.SECRETARY), *signers):
        minutes.minutes_sign(access_of(m), ordinary)

    # the síndico signs a report into their book and records the heads of every book
    auditor = next((m for m in members if Office.AUDITOR in offices[m.pk]), None)
    if auditor is not None:
        auditor_report_enter(
            access_of(auditor),
            workplace,
            title=f"Informe del Síndico sobre el ejercicio {held.year - 1}",
            text="Revisé el libro diario, el registro de asociados y los estados contables del "
            "ejercicio. No tengo observaciones que formular.",
        )
        anchors_record(access_of(auditor), workplace)

    decision = Decision.objects.filter(motion=m3).first()
    if decision is not None:
        treasurer = holder(Office.TREASURER)
        decisions.decision_assign(
            access_of(president),
            decision,
            responsible=treasurer,
            responsible_body=None,
            due_on=held + timedelta(days=60),
        )
        decisions.decision_note_add(
            access_of(treasurer),
            decision,
            text="Pedimos tres presupuestos; el más bajo es de un taller de Lanús.",
            status="in_progress",
        )

    # 2. an extraordinary assembly in session today, with a vote open
    started = timezone.now() - timedelta(minutes=40)
    live = meetings.meeting_create(
        secretary,
        workplace,
        body=general,
        kind="extraordinary",
        title="Asamblea extraordinaria: turno noche",
        scheduled_at=started,
        place="Comedor de la planta",
    )
    night = meetings.item_add(
        secretary, live, matter="ordinary", title="Abrir un turno noche en la línea principal"
    )
    meetings.item_add(secretary, live, matter="other", title="Fondo de ayuda por inundaciones")
    meetings.meeting_convene(secretary, live, now=started - timedelta(days=16))
    here = rng.sample(members, k=int(len(members) * 0.6))
    for m in {*here, *(m for m in members if m.user_id)}:
        attendance.checkin_by_secretary(secretary, live, m)
    meetings.meeting_open(secretary, live, now=started + timedelta(minutes=2))
    open_vote = votes.motion_create(
        secretary,
        live,
        item=night,
        title="Abrir el turno noche desde el mes próximo",
        mode="secret",
    )
    votes.motion_open(secretary, open_vote, now=started + timedelta(minutes=20))
    for m in here[: len(here) // 2]:
        if m.user_id is None:
            votes.ballot_cast(
                access_of(m),
                open_vote,
                {"choice": rng.choice(["for", "for", "against", "abstain"])},
            )

    # 3. the next council meeting, convened
    upcoming = meetings.meeting_create(
        secretary,
        workplace,
        body=council,
        title="Reunión mensual del consejo",
        scheduled_at=_at(today + timedelta(days=20), 10),
        place="Oficina de administración",
    )
    meetings.item_add(
        secretary, upcoming, matter="ordinary", title="Seguimiento de la compra del torno"
    )
    meetings.meeting_convene(secretary, upcoming)

    # 4. a petition gathering signatures and an application waiting for the council
    petition = petitions.petition_create(
        access_of(members[-1]),
        workplace,
        kind="agenda_item",
        title="Tratar el aumento del retiro por inflación",
    )
    for m in members[-4:-1]:
        petitions.petition_sign(access_of(m), petition)
    admissions.application_create(
        secretary,
        workplace,
        full_name="Julián Ibarra Sosa",
        national_id="40123456",
        shares_subscribed="1000",
        statement="Trabajó dos años como contratado en el sector de mecanizado.",
    )
