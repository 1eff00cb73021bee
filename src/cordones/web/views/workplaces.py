from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cordones.accounts.selectors import demo_accounts
from cordones.assemblies.selectors import motions_awaiting_vote
from cordones.core.errors import ServiceError
from cordones.domain.bounds import MAX_INT32, parse_int
from cordones.members.models import Member
from cordones.members.selectors import dashboard_get, workplaces_of_user
from cordones.web.forms import SectionForm, StatuteOverrideForm, WorkplaceForm
from cordones.web.views.base import add_service_errors, workplace_view
from cordones.workplaces import selectors as workplace_selectors
from cordones.workplaces import services as workplace_services
from cordones.workplaces.services import EDITABLE_FIELDS


def health(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    """The public page for a visitor (what Cordones is, the login, the demo's accounts in
    demo mode); a member goes to their workplace."""
    if not request.user.is_authenticated:
        accounts = demo_accounts() if settings.CORDONES_DEMO else []
        return render(
            request,
            "web/landing.html",
            {"demo_accounts": accounts, "demo_password": settings.DEMO_PASSWORD},
        )
    places = workplaces_of_user(request.user, timezone.localdate())
    if len(places) == 1:
        return redirect("dashboard", slug=places[0][0].slug)
    return render(request, "web/home.html", {"places": places})


@workplace_view("workplace.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    workplace = request.workplace  # type: ignore[attr-defined]
    data = dashboard_get(workplace, today)
    member = Member.objects.filter(pk=request.access.member_id).first()  # type: ignore[attr-defined]
    awaiting = motions_awaiting_vote(workplace, member) if member else []
    return render(
        request, "web/dashboard.html", {"data": data, "today": today, "awaiting": awaiting}
    )


@workplace_view("workplace.edit")
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    initial = {name: getattr(workplace, name) for name in EDITABLE_FIELDS}
    form = WorkplaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            workplace_services.workplace_update(
                request.access,  # type: ignore[attr-defined]
                workplace,
                **form.cleaned_data,
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The workplace details were saved."))
            return redirect("workplace_settings", slug=workplace.slug)
    return render(request, "web/workplace_settings.html", {"form": form})


@workplace_view("workplace.edit")
@require_http_methods(["GET", "POST"])
def sections(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    if request.method == "POST" and "remove" in request.POST:
        try:
            workplace_services.section_remove(
                request.access,  # type: ignore[attr-defined]
                workplace,
                parse_int(request.POST["remove"], 1, MAX_INT32) or 0,
            )
        except (ServiceError, ValueError):
            messages.error(request, _("That section does not exist."))
        else:
            messages.success(request, _("The section was removed."))
        return redirect("sections", slug=workplace.slug)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workplace_services.section_add(
                request.access,  # type: ignore[attr-defined]
                workplace,
                **form.cleaned_data,
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The section was added."))
            return redirect("sections", slug=workplace.slug)
    return render(
        request,
        "web/sections.html",
        {"form": form, "sections": workplace_selectors.section_list(workplace)},
    )


@workplace_view("workplace.view")
@require_http_methods(["GET", "POST"])
def statute(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    today = timezone.localdate()
    can_edit = request.access.can("workplace.edit")  # type: ignore[attr-defined]
    form = StatuteOverrideForm(request.POST or None, initial=workplace.statute_overrides)
    if request.method == "POST":
        if not can_edit:
            return render(request, "web/forbidden.html", status=403)
        if form.is_valid():
            overrides = {
                k: (str(v) if k == "max_pay_ratio" else v)
                for k, v in form.cleaned_data.items()
                if v is not None
            }
            try:
                workplace_services.statute_overrides_set(
                    request.access,  # type: ignore[attr-defined]
                    workplace,
                    overrides,
                )
            except ServiceError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The statute values were saved."))
                return redirect("statute", slug=workplace.slug)
    version = workplace_selectors.statute_version_get(workplace, today)
    rules = workplace_selectors.statute_rules_get(workplace, today)
    return render(
        request,
        "web/statute.html",
        {"version": version, "rules": rules, "form": form, "can_edit": can_edit},
    )
