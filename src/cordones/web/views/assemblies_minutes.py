"""Minutes (actas): the generated acta, the secretary's narrative, the signers and their
signatures; the acta's PDF. The books themselves: views/books.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cordones.assemblies import selectors
from cordones.assemblies.models import Attendance, MeetingStatus, Minutes, SignerRole
from cordones.assemblies.services import minutes as minutes_services
from cordones.core.errors import ServiceError
from cordones.members.models import Member
from cordones.members.permissions import Role
from cordones.web.forms_assemblies import MinutesForm, SignersForm
from cordones.web.pdf_minutes import acta_view, minutes_pdf
from cordones.web.views.assemblies_common import acting_member, meeting_or_404, post_action
from cordones.web.views.base import WorkplaceRequest, add_service_errors, workplace_view


def _minutes_url(meeting: Any) -> str:
    return reverse("meeting_minutes", args=[meeting.workplace.slug, meeting.pk])


def _acta(meeting: Any) -> tuple[Minutes, dict[str, Any]]:
    content = minutes_services.minutes_content(meeting)  # also makes sure the Minutes exist
    minutes = Minutes.objects.select_related("book_entry").get(meeting=meeting)
    entry = minutes.book_entry
    if entry is not None:
        return minutes, acta_view(
            entry.content, number=entry.number, hash_=entry.hash, previous=entry.previous_hash
        )
    return minutes, acta_view(content)


def _present(meeting: Any) -> Any:
    return Member.objects.filter(
        pk__in=Attendance.objects.filter(meeting=meeting).values("member_id")
    ).order_by("number")


def _page(
    request: WorkplaceRequest,
    meeting: Any,
    *,
    narrative_form: MinutesForm | None = None,
    signers_form: SignersForm | None = None,
    status: int = 200,
) -> HttpResponse:
    minutes, acta = _acta(meeting)
    access = request.access
    member = acting_member(request)
    chosen = list(minutes.member_signers.order_by("number"))
    signed = set(minutes.signatures.values_list("role", "member_id"))
    my_roles = []
    if Role.PRESIDENT in access.roles:
        my_roles.append(SignerRole.PRESIDENT)
    if Role.SECRETARY in access.roles:
        my_roles.append(SignerRole.SECRETARY)
    if member is not None and any(m.pk == member.pk for m in chosen):
        my_roles.append(SignerRole.MEMBER)
    pending_mine = member is not None and any((r, member.pk) not in signed for r in my_roles)
    roles_signed = {r for r, _m in signed}
    in_book = minutes.book_entry_id is not None
    closed = meeting.status == MeetingStatus.CLOSED
    manage = access.can("assembly.manage") and not in_book
    text_open = manage and not signed
    return render(
        request,
        "assemblies/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "acta": acta,
            "in_book": in_book,
            "closed": closed,
            "chosen": chosen,
            "chosen_signed": {m for r, m in signed if r == SignerRole.MEMBER},
            "president_signed": SignerRole.PRESIDENT in roles_signed,
            "secretary_signed": SignerRole.SECRETARY in roles_signed,
            "may_sign": closed and not in_book and pending_mine,
            "narrative_form": narrative_form
            or (MinutesForm(initial={"narrative": minutes.narrative}) if text_open else None),
            "signers_form": signers_form
            or (
                SignersForm(present=_present(meeting), initial={"members": chosen})
                if text_open
                else None
            ),
            "needed_signers": selectors.assembly_rules_get(
                meeting.body, meeting.scheduled_at.date()
            ).minutes_member_signers,
        },
        status=status,
    )


@workplace_view("assembly.view")
@require_GET
def meeting_minutes(request: WorkplaceRequest, pk: int) -> HttpResponse:
    return _page(request, meeting_or_404(request, pk))


@workplace_view("assembly.manage")
@require_POST
def minutes_edit(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            minutes_services.minutes_update(
                request.access, meeting, narrative=form.cleaned_data["narrative"]
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The narrative was saved."))
            return redirect(_minutes_url(meeting))
    return _page(request, meeting, narrative_form=form, status=200)


@workplace_view("assembly.manage")
@require_POST
def minutes_signers(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = SignersForm(request.POST, present=_present(meeting))
    if form.is_valid():
        try:
            minutes_services.minutes_choose_signers(
                request.access, meeting, list(form.cleaned_data["members"])
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The signers were recorded."))
            return redirect(_minutes_url(meeting))
    return _page(request, meeting, signers_form=form, status=200)


@workplace_view("assembly.vote")
@require_POST
def minutes_sign(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    return post_action(
        request,
        lambda: minutes_services.minutes_sign(request.access, meeting),
        _("Your signature was recorded."),
        _minutes_url(meeting),
    )


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@workplace_view("assembly.view")
@require_GET
def minutes_pdf_view(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    _minutes, acta = _acta(meeting)
    pdf = minutes_pdf(meeting.workplace, [acta], request.build_absolute_uri("/"), book=False)
    return _pdf_response(pdf, f"acta-{acta['number'] or meeting.pk}.pdf")
