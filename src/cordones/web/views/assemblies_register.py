"""What follows from the assemblies: the register of decisions, members' petitions,
admission applications, and each member's inbox."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cordones.assemblies import notices, selectors
from cordones.assemblies.models import (
    AdmissionApplication,
    ApplicationStatus,
    Decision,
    DecisionStatus,
    NoticePreference,
    Petition,
    PetitionKind,
    PetitionSignature,
)
from cordones.assemblies.services import admissions as admission_services
from cordones.assemblies.services import decisions as decision_services
from cordones.assemblies.services import petitions as petition_services
from cordones.core.errors import ServiceError
from cordones.domain.assemblies.rules import signatures_needed
from cordones.web.forms_assemblies import (
    MATTER_LABELS,
    NOTICE_LABELS,
    ApplicationAgendaForm,
    ApplicationForm,
    DecisionAssignForm,
    DecisionNoteForm,
    FulfilForm,
    PetitionForm,
    PreferencesForm,
)
from cordones.web.views.assemblies_common import acting_member, form_page, local_path, post_action
from cordones.web.views.base import WorkplaceRequest, add_service_errors, workplace_view
from cordones.workplaces.selectors import statute_rules_get

DECISION_STATUS = dict(DecisionStatus.choices)
APPLICATION_STATUS = dict(ApplicationStatus.choices)
PETITION_KINDS = dict(PetitionKind.choices)

# --- decisions --------------------------------------------------------------------------------


@workplace_view("assembly.view")
@require_GET
def decisions(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    status = request.GET.get("status", "")
    if status not in DECISION_STATUS:
        status = ""
    today = timezone.localdate()
    return render(
        request,
        "assemblies/decisions.html",
        {
            "decisions": selectors.decision_list(workplace, status=status),
            "overdue": selectors.decision_list(workplace, overdue_on=today),
            "status": status,
            "statuses": DecisionStatus.choices,
            "status_labels": DECISION_STATUS,
            "today": today,
        },
    )


def _decision_or_404(request: WorkplaceRequest, pk: int) -> Decision:
    decision = selectors.decision_list(request.workplace).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def _decision_page(
    request: WorkplaceRequest,
    decision: Decision,
    *,
    assign_form: DecisionAssignForm | None = None,
    note_form: DecisionNoteForm | None = None,
) -> HttpResponse:
    access = request.access
    member = acting_member(request)
    manage = access.can("decision.manage")
    may_note = manage or (member is not None and member.pk == decision.responsible_id)
    return render(
        request,
        "assemblies/decision_detail.html",
        {
            "decision": decision,
            "notes": decision.notes.select_related("author"),
            "status_labels": DECISION_STATUS,
            "overdue": decision.due_on is not None
            and decision.due_on < timezone.localdate()
            and decision.status not in (DecisionStatus.DONE, DecisionStatus.CANCELLED),
            "assign_form": assign_form
            or (
                DecisionAssignForm(
                    workplace=decision.workplace,
                    initial={
                        "responsible": decision.responsible_id,
                        "responsible_body": decision.responsible_body_id,
                        "due_on": decision.due_on,
                    },
                )
                if manage
                else None
            ),
            "note_form": note_form or (DecisionNoteForm() if may_note else None),
        },
    )


@workplace_view("assembly.view")
@require_GET
def decision_detail(request: WorkplaceRequest, pk: int) -> HttpResponse:
    return _decision_page(request, _decision_or_404(request, pk))


@workplace_view("decision.manage")
@require_POST
def decision_assign(request: WorkplaceRequest, pk: int) -> HttpResponse:
    decision = _decision_or_404(request, pk)
    form = DecisionAssignForm(request.POST, workplace=decision.workplace)
    if form.is_valid():
        try:
            decision_services.decision_assign(request.access, decision, **form.cleaned_data)
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision was assigned."))
            return redirect("decision_detail", slug=decision.workplace.slug, pk=decision.pk)
    return _decision_page(request, _decision_or_404(request, pk), assign_form=form)


@workplace_view("assembly.view")
@require_POST
def decision_note(request: WorkplaceRequest, pk: int) -> HttpResponse:
    decision = _decision_or_404(request, pk)
    form = DecisionNoteForm(request.POST)
    if form.is_valid():
        try:
            decision_services.decision_note_add(request.access, decision, **form.cleaned_data)
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The follow-up note was added."))
            return redirect("decision_detail", slug=decision.workplace.slug, pk=decision.pk)
    return _decision_page(request, _decision_or_404(request, pk), note_form=form)


# --- petitions --------------------------------------------------------------------------------


@workplace_view("assembly.view")
@require_GET
def petitions(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    rules = statute_rules_get(workplace, timezone.localdate())
    member = acting_member(request)
    signed = set(
        PetitionSignature.objects.filter(member=member).values_list("petition_id", flat=True)
        if member
        else []
    )
    manage = request.access.can("assembly.manage")
    rows = []
    for petition in selectors.petition_list(workplace):
        threshold = (
            rules.extraordinary_threshold
            if petition.kind == PetitionKind.EXTRAORDINARY
            else rules.agenda_initiative_threshold
        )
        due = petition.reached_at is not None and petition.fulfilled_by_id is None
        rows.append(
            {
                "petition": petition,
                "needed": signatures_needed(petition.members_at_start, threshold),
                "signed": petition.pk in signed,
                "kind_label": PETITION_KINDS.get(petition.kind, petition.kind),
                "matter_label": MATTER_LABELS.get(petition.matter, petition.matter),  # type: ignore[call-overload]
                "due": due,
                "fulfil_form": FulfilForm(workplace=workplace, prefix=f"p{petition.pk}")
                if due and manage
                else None,
            }
        )
    return render(
        request,
        "assemblies/petitions.html",
        {"rows": rows, "due": [r for r in rows if r["due"]]},
    )


@workplace_view("assembly.vote")
@require_http_methods(["GET", "POST"])
def petition_create(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    form = PetitionForm(request.POST or None)

    def action(data: dict[str, Any]) -> str:
        petition_services.petition_create(request.access, workplace, **data)
        messages.success(request, _("The petition was started with your signature."))
        return reverse("petitions", args=[workplace.slug])

    return form_page(
        request, form, "assemblies/form.html", {"title": _("Start a petition")}, action
    )


def _petition_or_404(request: WorkplaceRequest, pk: int) -> Petition:
    petition = Petition.objects.filter(workplace=request.workplace, pk=pk).first()
    if petition is None:
        raise Http404
    return petition


@workplace_view("assembly.vote")
@require_POST
def petition_sign(request: WorkplaceRequest, pk: int) -> HttpResponse:
    petition = _petition_or_404(request, pk)
    return post_action(
        request,
        lambda: petition_services.petition_sign(request.access, petition),
        _("You signed the petition."),
        reverse("petitions", args=[petition.workplace.slug]),
    )


@workplace_view("assembly.manage")
@require_POST
def petition_fulfil(request: WorkplaceRequest, pk: int) -> HttpResponse:
    petition = _petition_or_404(request, pk)
    form = FulfilForm(request.POST, workplace=petition.workplace, prefix=f"p{petition.pk}")
    target = reverse("petitions", args=[petition.workplace.slug])
    if not form.is_valid():
        messages.error(request, _("Choose an agenda item from the list."))
        return redirect(target)
    return post_action(
        request,
        lambda: petition_services.petition_fulfil(
            request.access, petition, form.cleaned_data["item"]
        ),
        _("The petition is answered by that agenda item."),
        target,
    )


# --- admissions -------------------------------------------------------------------------------


@workplace_view("application.manage")
@require_GET
def applications(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    rows = [
        {
            "application": a,
            "status_label": APPLICATION_STATUS.get(a.status, a.status),
            "agenda_form": ApplicationAgendaForm(workplace=workplace, prefix=f"a{a.pk}")
            if a.status == ApplicationStatus.PENDING
            else None,
        }
        for a in selectors.application_list(workplace)
    ]
    return render(request, "assemblies/applications.html", {"rows": rows})


@workplace_view("application.manage")
@require_http_methods(["GET", "POST"])
def application_create(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    form = ApplicationForm(request.POST or None, workplace=workplace)

    def action(data: dict[str, Any]) -> str:
        admission_services.application_create(request.access, workplace, **data)
        messages.success(request, _("The application was recorded."))
        return reverse("applications", args=[workplace.slug])

    return form_page(
        request, form, "assemblies/form.html", {"title": _("New admission application")}, action
    )


@workplace_view("application.manage")
@require_POST
def application_agenda(request: WorkplaceRequest, pk: int) -> HttpResponse:
    workplace = request.workplace
    application = AdmissionApplication.objects.filter(workplace=workplace, pk=pk).first()
    if application is None:
        raise Http404
    form = ApplicationAgendaForm(request.POST, workplace=workplace, prefix=f"a{application.pk}")
    target = reverse("applications", args=[workplace.slug])
    if not form.is_valid():
        messages.error(request, _("Choose a meeting that has not started."))
        return redirect(target)
    return post_action(
        request,
        lambda: admission_services.application_to_agenda(
            request.access, application, form.cleaned_data["meeting"]
        ),
        _("The application is on the agenda, with its motion to admit."),
        target,
    )


# --- inbox -------------------------------------------------------------------------------------


def _preferences(member: Any) -> dict[str, bool]:
    return dict(NoticePreference.objects.filter(member=member).values_list("kind", "by_email"))


@workplace_view("assembly.view")
@require_http_methods(["GET", "POST"])
def inbox(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    member = acting_member(request)
    if member is None:
        raise Http404
    if request.method == "POST" and "mark_read" in request.POST:
        notices.notices_mark_read(member)
        return redirect("inbox", slug=workplace.slug)
    form = PreferencesForm(request.POST or None, current=_preferences(member))
    if request.method == "POST" and form.is_valid():
        for kind in NOTICE_LABELS:
            notices.preference_set(member, kind, bool(form.cleaned_data.get(kind)))
        messages.success(request, _("Your notice preferences were saved."))
        return redirect("inbox", slug=workplace.slug)
    box = selectors.inbox_get(workplace, member)
    return render(
        request,
        "assemblies/inbox.html",
        {
            "box": box,
            "notices": [
                {
                    "notice": n,
                    "text": notices.notice_text(n),
                    "url": local_path(n.url) if n.url else "",
                }
                for n in box.notices
            ],
            "today": timezone.localdate(),
            "status_labels": DECISION_STATUS,
            "preferences_form": form,
        },
    )
