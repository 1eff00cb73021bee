from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cordones.core.errors import ServiceError
from cordones.members import exports, selectors, services
from cordones.members.models import Member, RegisterEntry
from cordones.web.csv_locale import csv_response
from cordones.web.forms import (
    OFFICE_LABELS,
    REASON_LABELS,
    AdmitForm,
    CorrectionForm,
    DepartForm,
    InviteForm,
    OfficeEndForm,
    OfficeForm,
    SharesForm,
)
from cordones.web.views.base import add_service_errors, site_url, workplace_view


def _member_or_404(request: HttpRequest, number: int) -> Member:
    try:
        return selectors.member_get(request.workplace, number)  # type: ignore[attr-defined]
    except Member.DoesNotExist:
        raise Http404 from None


@workplace_view("register.view")
def register(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    query = request.GET.get("q", "")
    show = request.GET.get("show", "active")
    rows = selectors.register_rows(
        request.workplace,  # type: ignore[attr-defined]
        query=query,
        only_active_on=today if show != "all" else None,
    )
    return render(
        request,
        "web/register.html",
        {"rows": rows, "query": query, "show": show, "today": today},
    )


@workplace_view("register.view")
def register_book(request: HttpRequest) -> HttpResponse:
    entries = selectors.register_entries(request.workplace)  # type: ignore[attr-defined]
    return render(request, "web/register_book.html", {"entries": entries})


@workplace_view("register.export")
def register_csv(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    body = exports.register_csv(
        workplace,
        timezone.localdate(),
        office_label=lambda office: str(OFFICE_LABELS[office]),
        reason_label=lambda reason: str(REASON_LABELS[reason]),
    )
    return csv_response(body, f"registro-{workplace.slug}.csv")


@workplace_view("register.export")
def register_pdf(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    pdf = exports.register_pdf(workplace, timezone.localdate(), request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="registro-{workplace.slug}.pdf"'
    return response


@workplace_view("register.view")
def member_detail(request: HttpRequest, number: int) -> HttpResponse:
    member = _member_or_404(request, number)
    today = timezone.localdate()
    state = selectors.member_state_get(member)
    return render(
        request,
        "web/member_detail.html",
        {
            "member": member,
            "state": state,
            "entries": selectors.member_entries(member),
            "today": today,
            "is_self": member.pk == request.access.member_id,  # type: ignore[attr-defined]
        },
    )


def _form_view(
    request: HttpRequest, form: object, template: str, context: dict[str, object], action
) -> HttpResponse:  # type: ignore[no-untyped-def]
    if request.method == "POST" and form.is_valid():  # type: ignore[attr-defined]
        try:
            target = action(form.cleaned_data)  # type: ignore[attr-defined]
        except ServiceError as exc:
            add_service_errors(form, exc)  # type: ignore[arg-type]
        else:
            return redirect(target)
    return render(request, template, {"form": form, **context})


@workplace_view("register.write")
@require_http_methods(["GET", "POST"])
def admit(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    suggested = (
        Member.objects.filter(workplace=workplace)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    form = AdmitForm(
        request.POST or None,
        workplace=workplace,
        initial={"number": suggested, "admitted_on": timezone.localdate()},
    )

    def action(data: dict) -> str:  # type: ignore[type-arg]
        member = services.member_admit(request.access, workplace, **data)  # type: ignore[attr-defined]
        messages.success(
            request,
            _("%(name)s was admitted as member number %(number)s.")
            % {"name": member.full_name, "number": member.number},
        )
        return reverse("member_detail", args=[workplace.slug, member.number])

    return _form_view(request, form, "web/admit.html", {}, action)


def _member_entry_view(
    request: HttpRequest,
    number: int,
    form_class: type[Form],
    title: str,
    write: Callable[..., object],
    done: str,
    **fixed: object,
) -> HttpResponse:
    """A page that writes one register entry for one member: the form's date defaults to
    today; on success, back to the member's page with `done` as the message."""
    member = _member_or_404(request, number)
    date_field = "start" if "start" in form_class.base_fields else "on"
    form = form_class(request.POST or None, initial={date_field: timezone.localdate()})

    def action(data: dict) -> str:  # type: ignore[type-arg]
        write(request.access, member, **fixed, **data)  # type: ignore[attr-defined]
        messages.success(request, done)
        return reverse("member_detail", args=[member.workplace.slug, member.number])

    return _form_view(
        request, form, "web/member_form.html", {"member": member, "title": title}, action
    )


@workplace_view("register.write")
@require_http_methods(["GET", "POST"])
def office_assign(request: HttpRequest, number: int) -> HttpResponse:
    return _member_entry_view(
        request,
        number,
        OfficeForm,
        _("Record a term of office"),
        services.office_assign,
        _("The term of office was recorded."),
    )


@workplace_view("register.write")
@require_http_methods(["GET", "POST"])
def office_end(request: HttpRequest, number: int, term: int) -> HttpResponse:
    return _member_entry_view(
        request,
        number,
        OfficeEndForm,
        _("End a term of office early"),
        services.office_end,
        _("The end of the term was recorded."),
        term_entry=term,
    )


@workplace_view("register.write")
@require_http_methods(["GET", "POST"])
def shares(request: HttpRequest, number: int) -> HttpResponse:
    return _member_entry_view(
        request,
        number,
        SharesForm,
        _("Record shares"),
        services.shares_record,
        _("The shares were recorded."),
    )


@workplace_view("register.write")
@require_http_methods(["GET", "POST"])
def depart(request: HttpRequest, number: int) -> HttpResponse:
    return _member_entry_view(
        request,
        number,
        DepartForm,
        _("Record a departure"),
        services.member_depart,
        _("The departure was recorded."),
    )


@workplace_view("register.write")
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, seq: int) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    entry = (
        RegisterEntry.objects.filter(workplace=workplace, seq=seq).select_related("member").first()
    )
    if entry is None:
        raise Http404
    form = CorrectionForm(request.POST or None)

    def action(data: dict) -> str:  # type: ignore[type-arg]
        services.entry_correct(request.access, workplace, seq=seq, on=timezone.localdate(), **data)  # type: ignore[attr-defined]
        messages.success(request, _("The correction was added to the register."))
        return reverse("member_detail", args=[workplace.slug, entry.member.number])

    return _form_view(request, form, "web/correct.html", {"entry": entry}, action)


@workplace_view("member.invite")
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, number: int) -> HttpResponse:
    member = _member_or_404(request, number)
    form = InviteForm(request.POST or None, initial={"email": member.email})

    def action(data: dict) -> str:  # type: ignore[type-arg]
        services.invitation_create(
            request.access,  # type: ignore[attr-defined]
            member,
            email=data["email"],
            accept_url_for=lambda token: site_url(reverse("invitation_accept", args=[token])),
        )
        messages.success(
            request, _("The invitation was sent to %(email)s.") % {"email": data["email"]}
        )
        return reverse("member_detail", args=[member.workplace.slug, member.number])

    return _form_view(
        request,
        form,
        "web/member_form.html",
        {"member": member, "title": _("Invite to Cordones")},
        action,
    )
