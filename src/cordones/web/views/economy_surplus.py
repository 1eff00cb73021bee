"""Year close and surplus: proposals, their submission to the assembly, member statements."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cordones.assemblies.models import Meeting
from cordones.core.errors import ServiceError
from cordones.domain.bounds import MAX_INT32, parse_int
from cordones.domain.surplus import policy_get
from cordones.ledger.models import FiscalYear
from cordones.ledger.selectors import fiscal_year_list, reports_get
from cordones.surplus import selectors, services
from cordones.surplus.agenda import proposal_agenda_item, surplus_proposal_to_agenda
from cordones.surplus.models import SurplusProposal
from cordones.web.forms_economy import ProposalForm
from cordones.web.views.base import workplace_view
from cordones.web.views.economy import form_page


def _url(request: HttpRequest, name: str, *args: object) -> str:
    return reverse(name, args=[request.workplace.slug, *args])  # type: ignore[attr-defined]


def _proposal(request: HttpRequest, pk: int) -> SurplusProposal:
    try:
        return selectors.proposal_get(request.workplace, pk)  # type: ignore[attr-defined]
    except SurplusProposal.DoesNotExist:
        raise Http404 from None


@workplace_view("surplus.view")
def proposals(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    return render(
        request,
        "economy/proposals.html",
        {
            "proposals": selectors.proposal_list(workplace),
            "closed_years": [y for y in fiscal_year_list(workplace) if y.closed],
        },
    )


@workplace_view("surplus.propose")
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest, year_id: int) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    year = (
        FiscalYear.objects.filter(workplace=workplace, pk=year_id)
        .select_related("workplace")
        .first()
    )
    if year is None:
        raise Http404
    policy = policy_get(workplace.statute_profile) or policy_get("ar-20337")
    assert policy is not None
    form = ProposalForm(request.POST or None, bases=policy.allowed_bases)

    def action(data: dict[str, Any]) -> str:
        rate = data.get("share_interest_rate")
        cap = data.get("share_interest_cap")
        proposal = services.surplus_proposal_create(
            request.access,  # type: ignore[attr-defined]
            year,
            basis=data["basis"],
            share_interest_rate=rate / 100 if rate is not None else None,
            share_interest_cap=cap / 100 if cap is not None else None,
            losses_to_cover=data.get("losses_to_cover"),
            reserves_to_rebuild=data.get("reserves_to_rebuild") or Decimal("0.00"),
        )
        messages.success(request, _("The proposal was drafted: check it, then submit it."))
        return _url(request, "economy_proposal", proposal.pk)

    reports = reports_get(workplace, year.start, year.end)
    return form_page(
        request,
        form,
        "economy/proposal_form.html",
        {"year": year, "policy": policy, "r": reports, "losses": services.losses_pending(year)},
        action,
    )


@workplace_view("surplus.view")
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    access = request.access  # type: ignore[attr-defined]
    if (
        proposal.status == "draft"
        and not access.can("surplus.propose")
        and not access.can("ledger.view")
    ):
        raise Http404
    lines = selectors.proposal_lines(proposal)
    sees_all = access.can("ledger.view")
    return render(
        request,
        "economy/proposal.html",
        {
            "proposal": proposal,
            "funds": selectors.proposal_funds(proposal),
            "lines": lines if sees_all else [],
            "mine": lines.filter(member_id=access.member_id).first(),
            "members_count": lines.count(),
            "sees_all": sees_all,
            "agenda_item": proposal_agenda_item(proposal),
            "meetings": Meeting.objects.filter(
                workplace=proposal.workplace, status__in=["draft", "convened"]
            ).order_by("scheduled_at")
            if access.can("assembly.manage") and proposal.status == "submitted"
            else [],
        },
    )


@workplace_view("surplus.propose")
@require_POST
def proposal_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = _proposal(request, pk)
    try:
        if action == "submit":
            services.surplus_proposal_submit(request.access, proposal)  # type: ignore[attr-defined]
            messages.success(request, _("The proposal was submitted to the ordinary assembly."))
        elif action == "discard":
            services.surplus_proposal_discard(request.access, proposal)  # type: ignore[attr-defined]
            messages.success(request, _("The draft was discarded."))
            return redirect(_url(request, "economy_proposals"))
        elif action == "agenda":
            meeting = Meeting.objects.filter(
                workplace=proposal.workplace,
                pk=parse_int(request.POST.get("meeting", ""), 1, MAX_INT32) or 0,
            ).first()
            if meeting is None:
                raise ServiceError.single("meeting", _("Choose a meeting."))
            surplus_proposal_to_agenda(request.access, proposal, meeting)  # type: ignore[attr-defined]
            messages.success(
                request,
                _("The proposal is on the agenda of “%(meeting)s”.") % {"meeting": meeting.title},
            )
        elif action == "post":
            services.surplus_proposal_post(request.access, proposal)  # type: ignore[attr-defined]
            messages.success(request, _("The distribution was posted to the books."))
        else:
            raise Http404
    except ServiceError as exc:
        for message_list in exc.errors.values():
            for message in message_list:
                messages.error(request, message)
    return redirect(_url(request, "economy_proposal", proposal.pk))
