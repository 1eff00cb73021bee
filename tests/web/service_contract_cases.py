"""The service contract's cases: for every writing service, how to prepare a valid call.

Each case prepares the state its service needs (through the services, as the officers of
the workplace would) and returns the call, made later with each persona's access. The
persona × service matrix (`test_service_contract.py`) runs every case as every persona.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cordones.assemblies.models import Body, Decision, MinutesSignature, Petition
from cordones.assemblies.selectors import assembly_rules_get
from cordones.assemblies.services import (
    admissions,
    attendance,
    bodies,
    decisions,
    meetings,
    minutes,
    petitions,
    votes,
)
from cordones.assemblies.services import (
    books as assembly_books,
)
from cordones.books import services as books
from cordones.domain.register.book import EntryKind
from cordones.ledger import services as ledger
from cordones.ledger.models import FiscalYear, Period
from cordones.members import services as members
from cordones.members.models import Member, RegisterEntry
from cordones.members.permissions import Access
from cordones.monitoring import services as monitoring
from cordones.monitoring.models import Signal
from cordones.production import services as production
from cordones.retiros import services as retiros
from cordones.sales import services as sales
from cordones.surplus import agenda
from cordones.surplus import services as surplus
from cordones.workplaces import services as workplaces
from cordones.workplaces.models import Workplace
from tests.conftest import Shop, make_user

# personas at the service layer; "outsider" is an officer of another workplace
PERSONAS = (
    "outsider",
    "member",
    "secretary",
    "president",
    "treasurer",
    "council_member",
    "auditor",
)
COUNCIL = frozenset({"secretary", "president", "treasurer", "council_member"})
SECRETARY_OR_PRESIDENT = frozenset({"secretary", "president"})
MEMBERS = frozenset(PERSONAS) - {"outsider"}

# who may, by rule, at the service layer (the same table as RULES, written out by hand)
ALLOWED: dict[str, frozenset[str]] = {
    "workplace.edit": COUNCIL,
    "register.write": SECRETARY_OR_PRESIDENT,
    "member.invite": SECRETARY_OR_PRESIDENT,
    "production.write": COUNCIL,
    "sales.write": COUNCIL,
    "retiros.manage": COUNCIL,
    "ledger.post": COUNCIL,
    "ledger.close": COUNCIL,
    "surplus.propose": COUNCIL,
    "assembly.vote": MEMBERS,
    "assembly.manage": SECRETARY_OR_PRESIDENT,
    "decision.manage": COUNCIL,
    "application.manage": SECRETARY_OR_PRESIDENT,
    "books.anchor": COUNCIL | {"auditor"},
    "books.auditor_report": frozenset({"auditor"}),
    "monitoring.acknowledge": COUNCIL,
    "monitoring.manage": COUNCIL,
}


OUR_APPS = {c.label for c in apps.get_app_configs() if c.name.startswith("cordones.")}


def snapshot() -> dict[str, Any]:
    """Every row of every table of ours (many-to-many tables included), and the mail sent."""
    rows: dict[str, Any] = {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in OUR_APPS
    }
    rows["mail"] = len(mail.outbox)
    return rows


@dataclass
class Scene:
    shop: Shop
    other: Shop
    access: dict[str, Access]  # persona -> access in shop.workplace (outsider: elsewhere)

    @property
    def wp(self) -> Workplace:
        return self.shop.workplace

    @property
    def officer(self) -> Access:
        """Prepares the state: the secretary (council, assembly, register)."""
        return self.access["secretary"]

    def member(self, persona: str) -> Member:
        return self.shop.members[persona]


Call = Callable[[Access], Any]


@dataclass(frozen=True)
class Case:
    func: Callable[..., Any]
    rule: str  # the rule the service requires first
    prepare: Callable[[Scene], Call]
    allowed: frozenset[str] | None = None  # by default ALLOWED[rule]
    refused: frozenset[str] = frozenset()  # allowed, but the service refuses (ServiceError)
    denied_as: frozenset[str] = frozenset()  # other rule names a denial may carry

    @property
    def name(self) -> str:
        return f"{self.func.__module__}.{self.func.__name__}"

    def allowed_personas(self) -> frozenset[str]:
        return ALLOWED[self.rule] if self.allowed is None else self.allowed


CASES: dict[str, Case] = {}


def case(
    func: Callable[..., Any], rule: str, **options: Any
) -> Callable[[Callable[[Scene], Call]], Callable[[Scene], Call]]:
    def register(prepare: Callable[[Scene], Call]) -> Callable[[Scene], Call]:
        entry = Case(func, rule, prepare, **options)
        assert entry.name not in CASES, entry.name
        CASES[entry.name] = entry
        return prepare

    return register


def today() -> date:
    return timezone.localdate()


def last_month() -> date:
    return (today().replace(day=1) - timedelta(days=1)).replace(day=1)


# ---- workplaces ----------------------------------------------------------------------------


@case(workplaces.workplace_update, "workplace.edit")
def _(s: Scene) -> Call:
    return lambda a: workplaces.workplace_update(a, s.wp, name="Otro nombre")


@case(workplaces.statute_overrides_set, "workplace.edit")
def _(s: Scene) -> Call:
    return lambda a: workplaces.statute_overrides_set(a, s.wp, {"notice_days": 20})


@case(workplaces.section_add, "workplace.edit")
def _(s: Scene) -> Call:
    return lambda a: workplaces.section_add(a, s.wp, name="Turno noche", kind="shift")


@case(workplaces.section_remove, "workplace.edit")
def _(s: Scene) -> Call:
    section = workplaces.section_add(s.officer, s.wp, name="Corte", kind="line")
    return lambda a: workplaces.section_remove(a, s.wp, section.pk)


# ---- the members register --------------------------------------------------------------------


@case(members.member_admit, "register.write")
def _(s: Scene) -> Call:
    return lambda a: members.member_admit(
        a, s.wp, number=90, full_name="Nueva Persona", admitted_on=today()
    )


@case(members.shares_record, "register.write")
def _(s: Scene) -> Call:
    return lambda a: members.shares_record(a, s.member("member"), on=today(), subscribed=100)


@case(members.office_assign, "register.write")
def _(s: Scene) -> Call:
    return lambda a: members.office_assign(
        a,
        s.member("member"),
        office="substitute_council_member",
        start=today(),
        end=today() + timedelta(days=365),
    )


@case(members.office_end, "register.write")
def _(s: Scene) -> Call:
    term = RegisterEntry.objects.get(
        member=s.member("council_member"), kind=EntryKind.OFFICE_START
    ).seq
    return lambda a: members.office_end(a, s.member("council_member"), term_entry=term, on=today())


@case(members.member_depart, "register.write")
def _(s: Scene) -> Call:
    return lambda a: members.member_depart(a, s.member("member"), on=today(), reason="resignation")


@case(members.entry_correct, "register.write")
def _(s: Scene) -> Call:
    seq = RegisterEntry.objects.get(member=s.member("member"), kind=EntryKind.ADMISSION).seq
    return lambda a: members.entry_correct(
        a, s.wp, seq=seq, on=today(), note="Error de tipeo", shares_subscribed=1500
    )


@case(members.invitation_create, "member.invite")
def _(s: Scene) -> Call:
    newcomer = members.member_admit(
        s.officer, s.wp, number=91, full_name="Sin Cuenta", admitted_on=today()
    )
    return lambda a: members.invitation_create(
        a, newcomer, email="sin.cuenta@grafica.test", accept_url_for=lambda t: f"/i/{t}/"
    )


@case(members.member_account_link, "register.write")
def _(s: Scene) -> Call:
    newcomer = members.member_admit(
        s.officer, s.wp, number=92, full_name="Otra Cuenta", admitted_on=today()
    )
    account = make_user("otra.cuenta@grafica.test")
    return lambda a: members.member_account_link(
        a, newcomer, user=account, note="Se registró con otro correo"
    )


# ---- assemblies: bodies and meetings -----------------------------------------------------------


def general(s: Scene) -> Body:
    return meetings.bodies_ensure(s.wp)[0]


def draft(s: Scene) -> Any:
    meeting = meetings.meeting_create(
        s.officer,
        s.wp,
        body=general(s),
        title="Asamblea ordinaria",
        scheduled_at=timezone.now() + timedelta(days=30),
        place="Galpón",
    )
    meetings.item_add(s.officer, meeting, matter="ordinary", title="Compra de la guillotina")
    return meeting


def in_session(s: Scene, present: tuple[str, ...] = tuple(sorted(MEMBERS))) -> Any:
    called_for = timezone.now() - timedelta(hours=1)
    meeting = meetings.meeting_create(
        s.officer, s.wp, body=general(s), title="Extraordinaria", scheduled_at=called_for, place="X"
    )
    meetings.item_add(s.officer, meeting, matter="ordinary", title="Turno noche")
    meetings.item_add(s.officer, meeting, matter="ordinary", title="Vacaciones")
    meetings.meeting_convene(s.officer, meeting, now=called_for - timedelta(days=20))
    meeting = meetings.meeting_open(s.officer, meeting)
    for persona in present:
        attendance.checkin_by_secretary(s.officer, meeting, s.member(persona))
    return meeting


def open_motion(s: Scene, **options: Any) -> Any:
    meeting = in_session(s)
    motion = votes.motion_create(
        s.officer, meeting, item=meeting.items.get(position=1), title="Turno noche", **options
    )
    return votes.motion_open(s.officer, motion)


@case(bodies.body_create, "assembly.manage")
def _(s: Scene) -> Call:
    return lambda a: bodies.body_create(
        a, s.wp, kind="commission", name="Comisión de compras", members=[s.member("member")]
    )


@case(bodies.body_rules_set, "assembly.manage")
def _(s: Scene) -> Call:
    body = general(s)
    return lambda a: bodies.body_rules_set(a, body, notice_days=20)


@case(meetings.meeting_create, "assembly.manage")
def _(s: Scene) -> Call:
    body = general(s)
    return lambda a: meetings.meeting_create(
        a,
        s.wp,
        body=body,
        title="Asamblea ordinaria",
        scheduled_at=timezone.now() + timedelta(days=30),
        place="Galpón",
    )


@case(meetings.item_add, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = draft(s)
    return lambda a: meetings.item_add(a, meeting, matter="ordinary", title="Balance")


@case(meetings.document_attach, "assembly.manage")
def _(s: Scene) -> Call:
    item = draft(s).items.get()
    return lambda a: meetings.document_attach(
        a, item, title="Presupuesto", file=SimpleUploadedFile("presupuesto.txt", b"1000")
    )


@case(meetings.meeting_convene, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = draft(s)
    return lambda a: meetings.meeting_convene(a, meeting)


@case(meetings.meeting_open, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = draft(s)
    meetings.meeting_convene(s.officer, meeting)
    # a session opens from the time it was called for, not earlier
    return lambda a: meetings.meeting_open(a, meeting, now=meeting.scheduled_at)


@case(meetings.meeting_set_current_item, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s, present=())
    second = meeting.items.get(position=2).pk
    return lambda a: meetings.meeting_set_current_item(a, meeting, second)


@case(meetings.meeting_adjourn, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s, present=())
    return lambda a: meetings.meeting_adjourn(a, meeting)


@case(meetings.meeting_close, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s, present=())
    return lambda a: meetings.meeting_close(a, meeting)


@case(meetings.meeting_update, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = draft(s)
    return lambda a: meetings.meeting_update(a, meeting, title="Asamblea ordinaria 2027")


# ---- assemblies: attendance, votes, minutes -------------------------------------------------


@case(attendance.checkin_by_secretary, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s, present=())
    return lambda a: attendance.checkin_by_secretary(a, meeting, s.member("member"))


@case(attendance.checkin_by_code, "assembly.vote")
def _(s: Scene) -> Call:
    meeting = in_session(s, present=())
    return lambda a: attendance.checkin_by_code(a, meeting, meeting.checkin_code)


@case(attendance.checkout, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s, present=("member",))
    return lambda a: attendance.checkout(a, meeting, s.member("member"))


@case(votes.motion_create, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s, present=())
    item = meeting.items.get(position=1)
    return lambda a: votes.motion_create(a, meeting, item=item, title="Turno noche")


@case(votes.motion_open, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s)
    motion = votes.motion_create(
        s.officer, meeting, item=meeting.items.get(position=1), title="Turno noche"
    )
    return lambda a: votes.motion_open(a, motion)


@case(votes.ballot_cast, "assembly.vote")
def _(s: Scene) -> Call:
    motion = open_motion(s, mode="open")
    return lambda a: votes.ballot_cast(a, motion, {"choice": "for"})


@case(votes.tellers_record, "assembly.manage")
def _(s: Scene) -> Call:
    motion = open_motion(s, mode="hands")
    return lambda a: votes.tellers_record(a, motion, [({"choice": "for"}, 4)])


@case(votes.motion_next_round, "assembly.manage")
def _(s: Scene) -> Call:
    motion = open_motion(s, method="consent", mode="open")
    return lambda a: votes.motion_next_round(a, motion)


@case(votes.motion_close, "assembly.manage")
def _(s: Scene) -> Call:
    motion = open_motion(s, mode="open")
    for persona in ("member", "auditor", "treasurer", "president"):
        votes.ballot_cast_on_roll(s.member(persona).pk, motion, {"choice": "for"})
    return lambda a: votes.motion_close(a, motion)


@case(minutes.minutes_update, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s, present=())
    return lambda a: minutes.minutes_update(a, meeting, narrative="Se debatió el turno noche.")


@case(minutes.minutes_choose_signers, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = in_session(s)
    count = assembly_rules_get(meeting.body, meeting.scheduled_at.date()).minutes_member_signers
    chosen = [s.member(p) for p in ("member", "auditor", "treasurer")[:count]]
    return lambda a: minutes.minutes_choose_signers(a, meeting, chosen)


MINUTES_SIGNERS = ("member", "auditor")


@case(
    minutes.minutes_sign,
    "assembly.vote",
    # the president, the secretary and the members chosen sign; others are refused
    refused=MEMBERS - {"president", "secretary", *MINUTES_SIGNERS},
)
def _(s: Scene) -> Call:
    meeting = in_session(s)
    minutes.minutes_choose_signers(s.officer, meeting, [s.member(p) for p in MINUTES_SIGNERS])
    meetings.meeting_close(s.officer, meeting)
    return lambda a: minutes.minutes_sign(a, meeting)


def signing(s: Scene) -> Any:
    """A closed meeting whose signers are chosen, its acta not signed yet."""
    meeting = in_session(s)
    minutes.minutes_choose_signers(s.officer, meeting, [s.member(p) for p in MINUTES_SIGNERS])
    return meetings.meeting_close(s.officer, meeting)


def scanned_page() -> SimpleUploadedFile:
    return SimpleUploadedFile("acta-firmada.pdf", b"%PDF-1.4 acta firmada a mano")


@case(minutes.minutes_record_paper_signature, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = signing(s)
    return lambda a: minutes.minutes_record_paper_signature(
        a,
        meeting,
        role="member",
        member=s.member("member"),
        signed_on=today(),
        scan=scanned_page(),
    )


@case(minutes.minutes_reopen, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = signing(s)
    minutes.minutes_sign(s.access["member"], meeting)  # the first signature froze the record
    return lambda a: minutes.minutes_reopen(a, meeting)


@case(minutes.minutes_replace_signer, "assembly.manage")
def _(s: Scene) -> Call:
    meeting = signing(s)
    return lambda a: minutes.minutes_replace_signer(
        a, meeting, replaced=s.member("auditor"), by=s.member("treasurer")
    )


@case(
    minutes.minutes_withdraw_signature,
    "assembly.vote",
    # the signer withdraws their own signature, the secretary and the president anyone's
    allowed=SECRETARY_OR_PRESIDENT | {"member"},
    denied_as=frozenset({"assembly.manage"}),
)
def _(s: Scene) -> Call:
    meeting = signing(s)
    minutes.minutes_sign(s.access["member"], meeting)
    signature = MinutesSignature.objects.get(minutes__meeting=meeting, member=s.member("member"))
    return lambda a: minutes.minutes_withdraw_signature(a, meeting, signature.pk)


# ---- the legal books -------------------------------------------------------------------------


@case(assembly_books.auditor_report_enter, "books.auditor_report")
def _(s: Scene) -> Call:
    return lambda a: assembly_books.auditor_report_enter(
        a, s.wp, title="Informe del primer trimestre", text="Revisé el libro diario."
    )


@case(books.anchors_record, "books.anchor")
def _(s: Scene) -> Call:
    income(s, today())  # a journal entry, so a book has a head to record
    return lambda a: books.anchors_record(a, s.wp)


# ---- production monitoring ---------------------------------------------------------------------


@case(monitoring.monitoring_recompute_request, "monitoring.manage")
def _(s: Scene) -> Call:
    return lambda a: monitoring.monitoring_recompute_request(a, s.wp)


@case(monitoring.monitoring_settings_set, "monitoring.manage")
def _(s: Scene) -> Call:
    return lambda a: monitoring.monitoring_settings_set(a, s.wp, ack_deadline_hours=12)


@case(monitoring.signal_acknowledge, "monitoring.acknowledge")
def _(s: Scene) -> Call:
    now = timezone.now()
    signal = Signal.objects.create(
        workplace=s.wp,
        series_key="output:LIB:month",
        series_label="Libros",
        indicator="output",
        period="month",
        period_start=last_month(),
        kind="fall",
        expected=100.0,
        observed=40.0,
        z=-4.0,
        log_bayes_factor=-5.0,
        raised_at=now,
        deadline_at=now + timedelta(hours=48),
    )
    return lambda a: monitoring.signal_acknowledge(a, signal, note="Faltó papel")


# ---- assemblies: decisions, petitions, admissions ------------------------------------------------


def decision(s: Scene) -> Decision:
    meeting = draft(s)
    motion = votes.motion_create(
        s.officer, meeting, item=meeting.items.get(), title="Comprar la guillotina"
    )
    return Decision.objects.create(
        workplace=s.wp, motion=motion, title="Comprar la guillotina", decided_on=today()
    )


@case(decisions.decision_assign, "decision.manage")
def _(s: Scene) -> Call:
    chosen = decision(s)
    return lambda a: decisions.decision_assign(
        a, chosen, responsible=s.member("member"), responsible_body=None, due_on=None
    )


@case(
    decisions.decision_note_add,
    "assembly.vote",
    # the council follows every decision up, the person responsible their own
    allowed=COUNCIL,
    denied_as=frozenset({"decision.follow_up"}),
)
def _(s: Scene) -> Call:
    chosen = decision(s)
    return lambda a: decisions.decision_note_add(a, chosen, text="Pedimos tres presupuestos.")


def petition(s: Scene) -> Petition:
    return Petition.objects.create(
        workplace=s.wp,
        kind="extraordinary",
        title="Asamblea por el turno noche",
        created_by=s.member("member"),
        members_at_start=Member.objects.filter(workplace=s.wp).count(),
    )


@case(petitions.petition_create, "assembly.vote")
def _(s: Scene) -> Call:
    return lambda a: petitions.petition_create(
        a, s.wp, kind="extraordinary", title="Asamblea por el turno noche"
    )


@case(petitions.petition_sign, "assembly.vote")
def _(s: Scene) -> Call:
    chosen = petition(s)
    return lambda a: petitions.petition_sign(a, chosen)


@case(petitions.petition_fulfil, "assembly.manage")
def _(s: Scene) -> Call:
    chosen = petition(s)
    item = draft(s).items.get()
    return lambda a: petitions.petition_fulfil(a, chosen, item)


@case(admissions.application_create, "application.manage")
def _(s: Scene) -> Call:
    return lambda a: admissions.application_create(a, s.wp, full_name="Ana Postulante")


@case(admissions.application_to_agenda, "application.manage")
def _(s: Scene) -> Call:
    application = admissions.application_create(s.officer, s.wp, full_name="Ana Postulante")
    meeting = draft(s)
    return lambda a: admissions.application_to_agenda(a, application, meeting)


# ---- production and sales ------------------------------------------------------------------


def product(s: Scene) -> Any:
    return production.product_save(
        s.officer, s.wp, code="LIB", name="Libros", unit="unit", sector="printing"
    )


def csv(rows: list[list[object]]) -> bytes:
    return "\n".join(",".join(str(c) for c in row) for row in rows).encode()


def output_rows(s: Scene) -> list[list[object]]:
    product(s)
    return [
        ["date", "period", "product", "quantity", "rejects"],
        [last_month(), "month", "LIB", 10, 0],
    ]


def hours_rows() -> list[list[object]]:
    return [["date", "period", "member", "hours"], [last_month(), "month", 1, 160]]


def sales_rows(s: Scene) -> list[list[object]]:
    product(s)
    sales.customer_save(s.officer, s.wp, name="Kiosco")
    return [
        ["date", "customer", "product", "quantity", "unit price"],
        [today(), "Kiosco", "LIB", 3, "10.00"],
    ]


@case(production.product_save, "production.write")
def _(s: Scene) -> Call:
    return lambda a: production.product_save(
        a, s.wp, code="TAP", name="Tapas", unit="unit", sector="printing"
    )


@case(production.product_input_add, "production.write")
def _(s: Scene) -> Call:
    made = product(s)
    return lambda a: production.product_input_add(a, made, name="Papel", unit="kg", quantity=D(1))


@case(production.product_input_remove, "production.write")
def _(s: Scene) -> Call:
    made = product(s)
    paper = production.product_input_add(s.officer, made, name="Papel", unit="kg", quantity=D(1))
    return lambda a: production.product_input_remove(a, made, paper.pk)


@case(production.section_capacity_set, "production.write")
def _(s: Scene) -> Call:
    section = workplaces.section_add(s.officer, s.wp, name="Corte", kind="line")
    return lambda a: production.section_capacity_set(a, s.wp, section, D(300))


@case(production.output_record, "production.write")
def _(s: Scene) -> Call:
    made = product(s)
    return lambda a: production.output_record(
        a, s.wp, product=made, period="month", start=last_month(), quantity=D(10)
    )


@case(production.hours_record, "production.write")
def _(s: Scene) -> Call:
    return lambda a: production.hours_record(
        a, s.wp, member=s.member("member"), period="month", start=last_month(), hours=D(160)
    )


@case(production.output_import, "production.write")
def _(s: Scene) -> Call:
    data = csv(output_rows(s))
    return lambda a: production.output_import(a, s.wp, filename="produccion.csv", data=data)


@case(production.output_import_rows, "production.write")
def _(s: Scene) -> Call:
    rows = output_rows(s)
    return lambda a: production.output_import_rows(a, s.wp, rows)


@case(production.hours_import, "production.write")
def _(s: Scene) -> Call:
    data = csv(hours_rows())
    return lambda a: production.hours_import(a, s.wp, filename="horas.csv", data=data)


@case(production.hours_import_rows, "production.write")
def _(s: Scene) -> Call:
    return lambda a: production.hours_import_rows(a, s.wp, hours_rows())


@case(production.workforce_hours_record, "production.write")
def _(s: Scene) -> Call:
    return lambda a: production.workforce_hours_record(
        a, s.wp, section=None, period="month", start=last_month(), hours=D(40)
    )


@case(sales.customer_save, "sales.write")
def _(s: Scene) -> Call:
    return lambda a: sales.customer_save(a, s.wp, name="Municipalidad")


@case(sales.sale_record, "sales.write")
def _(s: Scene) -> Call:
    made = product(s)
    customer = sales.customer_save(s.officer, s.wp, name="Kiosco")
    return lambda a: sales.sale_record(
        a, s.wp, customer=customer, product=made, on=today(), quantity=D(3), unit_price=D(10)
    )


@case(sales.sales_import, "sales.write")
def _(s: Scene) -> Call:
    data = csv(sales_rows(s))
    return lambda a: sales.sales_import(a, s.wp, filename="ventas.csv", data=data)


@case(sales.sales_import_rows, "sales.write")
def _(s: Scene) -> Call:
    rows = sales_rows(s)
    return lambda a: sales.sales_import_rows(a, s.wp, rows)


# ---- retiros --------------------------------------------------------------------------------


def egalitarian(s: Scene) -> Any:
    return retiros.scheme_create(
        s.officer,
        s.wp,
        name="Igualitario",
        kind="egalitarian",
        valid_from=last_month(),
        decided_by="Asamblea, acta 40",
        base=D("20000.00"),
    )


def by_coefficient(s: Scene) -> Any:
    return retiros.scheme_create(
        s.officer,
        s.wp,
        name="Por roles",
        kind="coefficient",
        valid_from=last_month(),
        decided_by="Asamblea, acta 41",
        base=D("20000.00"),
        categories=[("Oficial", D(1)), ("Aprendiz", D("0.8"))],
    )


@case(retiros.scheme_create, "retiros.manage")
def _(s: Scene) -> Call:
    return lambda a: retiros.scheme_create(
        a,
        s.wp,
        name="Igualitario",
        kind="egalitarian",
        valid_from=last_month(),
        decided_by="Asamblea, acta 40",
        base=D("20000.00"),
    )


@case(retiros.member_category_set, "retiros.manage")
def _(s: Scene) -> Call:
    scheme = by_coefficient(s)
    role = scheme.categories.get(name="Oficial")
    return lambda a: retiros.member_category_set(a, scheme, s.member("member"), role)


@case(retiros.member_categories_set, "retiros.manage")
def _(s: Scene) -> Call:
    scheme = by_coefficient(s)
    role = scheme.categories.get(name="Oficial")
    return lambda a: retiros.member_categories_set(a, scheme, {s.member("member").pk: role.pk})


@case(retiros.sheet_prepare, "retiros.manage")
def _(s: Scene) -> Call:
    egalitarian(s)
    return lambda a: retiros.sheet_prepare(a, s.wp, last_month())


@case(retiros.sheet_post, "retiros.manage")
def _(s: Scene) -> Call:
    egalitarian(s)
    sheet = retiros.sheet_prepare(s.officer, s.wp, last_month())
    return lambda a: retiros.sheet_post(a, sheet)


@case(retiros.sheet_pay, "retiros.manage")
def _(s: Scene) -> Call:
    egalitarian(s)
    sheet = retiros.sheet_post(s.officer, retiros.sheet_prepare(s.officer, s.wp, last_month()))
    return lambda a: retiros.sheet_pay(a, sheet, on=today())


@case(retiros.price_rates_set, "retiros.manage")
def _(s: Scene) -> Call:
    return lambda a: retiros.price_rates_set(a, s.wp, "2025-03 3.7\n2025-04 2.9")


# ---- the books and the surplus ---------------------------------------------------------------

YEAR = 2025  # a past year with no members needed


def income(s: Scene, on: date, amount: str = "1000.00") -> Any:
    return ledger.entry_post(
        s.officer,
        s.wp,
        on=on,
        narration="Venta de libros",
        lines=[("1.1.02", amount, None, ""), ("4.1", None, amount, "")],
    )


def closed_year(s: Scene) -> FiscalYear:
    """A fiscal year that ended with a surplus, closed."""
    income(s, date(YEAR, 3, 1))
    year = FiscalYear.objects.get(
        workplace=s.wp, start__lte=date(YEAR, 3, 1), end__gte=date(YEAR, 3, 1)
    )
    return ledger.year_close(s.officer, year)


@case(ledger.account_add, "ledger.post")
def _(s: Scene) -> Call:
    return lambda a: ledger.account_add(a, s.wp, code="5.9", name="Fletes", type="expense")


@case(ledger.period_close, "ledger.close")
def _(s: Scene) -> Call:
    year = ledger.fiscal_year_ensure(s.wp, date(YEAR, 1, 15))
    first = Period.objects.filter(fiscal_year=year).order_by("start").first()
    return lambda a: ledger.period_close(a, first)


@case(ledger.entry_post, "ledger.post")
def _(s: Scene) -> Call:
    return lambda a: ledger.entry_post(
        a,
        s.wp,
        on=today(),
        narration="Luz",
        lines=[("5.3", "500.00", None, ""), ("1.1.02", None, "500.00", "")],
    )


@case(ledger.entry_reverse, "ledger.post")
def _(s: Scene) -> Call:
    entry = income(s, today())
    return lambda a: ledger.entry_reverse(a, entry, on=today())


@case(ledger.year_close, "ledger.close")
def _(s: Scene) -> Call:
    income(s, date(YEAR, 3, 1))
    year = FiscalYear.objects.get(
        workplace=s.wp, start__lte=date(YEAR, 3, 1), end__gte=date(YEAR, 3, 1)
    )
    return lambda a: ledger.year_close(a, year)


@case(surplus.surplus_proposal_create, "surplus.propose")
def _(s: Scene) -> Call:
    year = closed_year(s)
    return lambda a: surplus.surplus_proposal_create(a, year, basis="equal")


@case(surplus.surplus_proposal_submit, "surplus.propose")
def _(s: Scene) -> Call:
    proposal = surplus.surplus_proposal_create(s.officer, closed_year(s), basis="equal")
    return lambda a: surplus.surplus_proposal_submit(a, proposal)


@case(surplus.surplus_proposal_discard, "surplus.propose")
def _(s: Scene) -> Call:
    proposal = surplus.surplus_proposal_create(s.officer, closed_year(s), basis="equal")
    return lambda a: surplus.surplus_proposal_discard(a, proposal)


def submitted(s: Scene) -> Any:
    proposal = surplus.surplus_proposal_create(s.officer, closed_year(s), basis="equal")
    return surplus.surplus_proposal_submit(s.officer, proposal)


@case(surplus.surplus_proposal_post, "ledger.post")
def _(s: Scene) -> Call:
    year = FiscalYear.objects.get(pk=closed_year(s).pk)
    proposal = surplus.surplus_proposal_submit(
        s.officer, surplus.surplus_proposal_create(s.officer, year, basis="equal")
    )
    # the books refuse a posting dated in the closed year: approved, posted later
    approved = surplus.surplus_proposal_decide(proposal, True, "Asamblea, acta 42", on=year.end)
    assert approved.status == "approved", approved.status
    return lambda a: surplus.surplus_proposal_post(a, approved, on=today())


@case(agenda.surplus_proposal_to_agenda, "assembly.manage")
def _(s: Scene) -> Call:
    proposal = submitted(s)
    meeting = draft(s)
    return lambda a: agenda.surplus_proposal_to_agenda(a, proposal, meeting)


# what is not a workplace's write, with the reason; every other public function of a
# services module must have a case above
NOT_GUARDED: dict[str, str] = {
    "cordones.monitoring.services.monitoring_recompute": (
        "the background task's body: enqueued by monitoring_recompute_request, which requires "
        "monitoring.manage"
    ),
    "cordones.monitoring.services.signals_escalate": (
        "the deadline's consequence, run by the worker and by cron, for no person"
    ),
    "cordones.jobs.services.enqueue_after_commit": "infrastructure: queues a task for a caller",
    "cordones.jobs.services.lease_release": "infrastructure: a worker's own lease",
    "cordones.jobs.services.lease_renew": "infrastructure: a worker's own lease",
    "cordones.jobs.services.progress_begin": "infrastructure: a task reports its own progress",
    "cordones.jobs.services.progress_claim_finish": "infrastructure: a task reports its end",
    "cordones.jobs.services.progress_enqueue": (
        "infrastructure: called by services after their own require"
    ),
    "cordones.jobs.services.progress_fail": "infrastructure: a task reports its failure",
    "cordones.jobs.services.progress_finish": "infrastructure: a task reports its end",
    "cordones.jobs.services.progress_step": "infrastructure: a task reports its progress",
    "cordones.jobs.services.tasks_recover": "infrastructure: re-queues the tasks of dead workers",
    "cordones.accounts.services.profile_update": "a person's own account, not a workplace's",
    "cordones.workplaces.services.workplace_create": (
        "the operator creates workplaces (command line, demo): no one holds a role in a "
        "workplace that does not exist yet"
    ),
    "cordones.members.services.invitation_get_usable": "read: the token is the authority",
    "cordones.members.services.invitation_accept": (
        "the single-use token, sent through invitation_create (which requires "
        "member.invite), is the authority"
    ),
    "cordones.assemblies.services.meetings.bodies_ensure": (
        "internal: the two statutory bodies every workplace has, created on first use"
    ),
    "cordones.assemblies.services.votes.ballot_cast_on_roll": (
        "the roll frozen when the vote opened is the authority (the API's hot path; the "
        "page calls ballot_cast, which requires assembly.vote)"
    ),
    "cordones.assemblies.services.minutes.minutes_content": "read",
    "cordones.ledger.services.profile_chart": "read",
    "cordones.ledger.services.chart_seed": "internal: the profile's accounts, on first use",
    "cordones.ledger.services.fiscal_bounds": "read",
    "cordones.ledger.services.fiscal_year_ensure": "internal: the year's periods, on first use",
    "cordones.ledger.services.workplace_chart": "read (seeds the chart on first use)",
    "cordones.ledger.services.transactions_post": (
        "internal: called by the services of the economy after their own require"
    ),
    "cordones.ledger.services.entry_as_transaction": "read",
    "cordones.retiros.services.month_end": "read",
    "cordones.retiros.services.as_domain": "read",
    "cordones.retiros.services.scheme_in_force": "read",
    "cordones.surplus.services.losses_pending": "read",
    "cordones.surplus.services.proposal_inputs": "read",
    "cordones.surplus.services.allocation_of": "read",
    "cordones.surplus.services.surplus_proposal_decide": (
        "the assembly's decision: run by the effect of the closed vote (assemblies.effects)"
    ),
    "cordones.surplus.agenda.proposal_agenda_item": "read",
    "cordones.surplus.agenda.register": "internal: registers the vote's effect at startup",
    "cordones.assemblies.services.minutes.minutes_hash_to_sign": (
        "read: the hash a signer is shown before signing"
    ),
    "cordones.assemblies.services.books.book_enter_acta": (
        "internal: called by minutes signing (minutes_sign, minutes_record_paper_signature) "
        "after its require, when the last signature completes the acta"
    ),
    "cordones.books.services.journal_chain": (
        "internal: called by ledger.transactions_post inside the posting transaction"
    ),
    "cordones.books.services.register_chain": (
        "internal: called by the register's services inside their transaction, after require"
    ),
}
