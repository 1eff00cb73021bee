"""Bodies: creating a section assembly or a commission, and changing a body's own rules.
The list of bodies with their effective rules is `assemblies_meetings.bodies`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cordones.assemblies import selectors
from cordones.assemblies.models import Body
from cordones.assemblies.services import bodies as body_services
from cordones.domain.assemblies.rules import AssemblyRules
from cordones.members.models import Member
from cordones.members.selectors import register_rows
from cordones.web.forms_assemblies import BodyForm, BodyRulesForm
from cordones.web.views.assemblies_common import form_page
from cordones.web.views.base import WorkplaceRequest, workplace_view
from cordones.workplaces.selectors import statute_rules_get


def _listed(body: Body) -> str:
    return reverse("bodies", args=[body.workplace.slug]) + f"#body-{body.pk}"


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def body_create(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    current = [r.member.pk for r in register_rows(workplace, only_active_on=timezone.localdate())]
    form = BodyForm(
        request.POST or None,
        workplace=workplace,
        members=Member.objects.filter(pk__in=current).order_by("number"),
    )

    def action(data: dict[str, Any]) -> str:
        body = body_services.body_create(request.access, workplace, **form.service_kwargs())
        messages.success(request, _("The body was created."))
        return _listed(body)

    return form_page(
        request,
        form,
        "assemblies/body_form.html",
        {"title": _("Create a section assembly or a commission")},
        action,
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def body_rules(request: WorkplaceRequest, pk: int) -> HttpResponse:
    body = selectors.body_list(request.workplace).filter(pk=pk).first()
    if body is None:
        raise Http404
    statute = AssemblyRules.from_statute(statute_rules_get(body.workplace, timezone.localdate()))
    form = BodyRulesForm(
        request.POST if request.method == "POST" else None,  # all blank is a valid answer
        statute=statute,
        initial=BodyRulesForm.initial_for(body),
    )

    def action(data: dict[str, Any]) -> str:
        body_services.body_rules_set(request.access, body, **data)
        messages.success(request, _("The rules of %(name)s were saved.") % {"name": body.name})
        return _listed(body)

    return form_page(
        request,
        form,
        "assemblies/form.html",
        {
            "title": _("Rules of %(name)s") % {"name": body.name},
            "back": reverse("bodies", args=[body.workplace.slug]),
        },
        action,
    )
