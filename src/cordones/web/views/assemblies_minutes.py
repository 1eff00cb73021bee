"""Minutes (actas): the generated acta, the secretary's narrative, the signers and their
signatures; the acta's PDF. The books themselves: views/books.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cordones.assemblies import selectors
from cordones.assemblies.models import (
    Attendance,
    MeetingStatus,
    Minutes,
    MinutesSignature,
    SignerRole,
)
from cordones.assemblies.services import minutes as minutes_services
from cordones.core.errors import ServiceError
from cordones.domain.register.book import Office
from cordones.members.models import Member
from cordones.members.permissions import Role
from cordones.members.selectors import register_rows
from cordones.web.forms_assemblies import (
    MinutesForm,
    PaperSignatureForm,
    ReplaceSignerForm,
    SignersForm,
)
from cordones.web.pdf_minutes import acta_view, minutes_pdf
from cordones.web.views.assemblies_common import (
    acting_member,
    confirm_page,
    meeting_or_404,
    post_action,
)
from cordones.web.views.base import WorkplaceRequest, add_service_errors, workplace_view


def _minutes_url(meeting: Any) -> str:
    return reverse("meeting_minutes", args=[meeting.workplace.slug, meeting.pk])


def _acta(meeting: Any) -> tuple[Minutes, dict[str, Any]]:
    content = minutes_services.minutes_content(meeting)  # also makes sure the Minutes exist
    minutes = Minutes.objects.select_related("book_entry", "meeting").get(meeting=meeting)
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


STEPS = (
    ("narrative", gettext_lazy("Narrative")),
    ("signers", gettext_lazy("Members who sign")),
    ("review", gettext_lazy("Review")),
    ("signatures", gettext_lazy("Signatures")),
    ("book", gettext_lazy("Minute book")),
)


def _signer_rows(minutes: Minutes, chosen: list[Member], today: Any) -> list[dict[str, Any]]:
    """Everyone who must sign, whether they did (in the app or on paper), and, if not,
    whether they can sign in the app (an account, still a member)."""
    signatures = {
        (s.role, s.member_id if s.role == SignerRole.MEMBER else None): s
        for s in minutes.signatures.select_related("member")
    }
    register = [r for r in register_rows(minutes.meeting.workplace) if r.state.is_member_on(today)]
    current = {r.member.pk for r in register}
    rows: list[dict[str, Any]] = []
    for role, office, label in (
        (SignerRole.PRESIDENT, Office.PRESIDENT, _("President")),
        (SignerRole.SECRETARY, Office.SECRETARY, _("Secretary")),
    ):
        holder = next((r.member for r in register if office in r.state.offices_on(today)), None)
        rows.append(
            {
                "role": role,
                "label": label,
                "member": holder,  # who holds the office today: the one who signs
                "signature": signatures.get((role, None)),
                "has_account": holder is not None and holder.user_id is not None,
                "still_member": holder is not None,
            }
        )
    for member in chosen:
        rows.append(
            {
                "role": SignerRole.MEMBER,
                "label": _("Member chosen by the assembly"),
                "member": member,
                "signature": signatures.get((SignerRole.MEMBER, member.pk)),
                "has_account": member.user_id is not None,
                "still_member": member.pk in current,
            }
        )
    return rows


def _page(
    request: WorkplaceRequest,
    meeting: Any,
    *,
    narrative_form: MinutesForm | None = None,
    signers_form: SignersForm | None = None,
    paper_form: PaperSignatureForm | None = None,
    replace_form: ReplaceSignerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    minutes, acta = _acta(meeting)
    access = request.access
    member = acting_member(request)
    state = selectors.minutes_state(minutes)
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
    in_book = state == selectors.IN_BOOK
    closed = meeting.status == MeetingStatus.CLOSED
    manage = access.can("assembly.manage") and not in_book
    text_open = manage and state in (selectors.WRITING, selectors.DRAFT)
    needed = selectors.assembly_rules_get(
        meeting.body, meeting.scheduled_at.date()
    ).minutes_member_signers
    signers_ready = len(chosen) == needed
    if in_book:
        step = "book"
    elif state == selectors.SIGNING:
        step = "signatures"
    elif not closed or (not minutes.narrative and not chosen):
        step = "narrative"
    elif not signers_ready:
        step = "signers"
    else:
        step = "review"
    present = _present(meeting)
    today = timezone.localdate()
    rows = _signer_rows(minutes, chosen, today) if not in_book else []
    return render(
        request,
        "assemblies/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "acta": acta,
            "state": state,
            "steps": STEPS,
            "step": step,
            "in_book": in_book,
            "closed": closed,
            "manage": manage,
            "chosen": chosen,
            "signer_rows": rows,
            "signers_ready": signers_ready,
            "may_sign": closed
            and not in_book
            and pending_mine
            and (signers_ready or state == "signing"),
            "hash_to_sign": minutes_services.minutes_hash_to_sign(meeting)
            if closed and not in_book
            else "",
            "narrative_form": narrative_form
            or (MinutesForm(initial={"narrative": minutes.narrative}) if text_open else None),
            "signers_form": signers_form
            or (SignersForm(present=present, initial={"members": chosen}) if text_open else None),
            "my_member_id": member.pk if member is not None else None,
            "paper_form": paper_form
            or (
                PaperSignatureForm(workplace=meeting.workplace, initial={"signed_on": today})
                if manage and closed and signers_ready
                else None
            ),
            "replace_form": replace_form
            or (
                ReplaceSignerForm(
                    chosen=minutes.member_signers.exclude(
                        pk__in=minutes.signatures.filter(role=SignerRole.MEMBER).values("member_id")
                    ).order_by("number"),
                    present=present.exclude(pk__in=[m.pk for m in chosen]),
                )
                if manage and state == selectors.SIGNING
                else None
            ),
            "needed_signers": needed,
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
            return redirect(_minutes_url(meeting) + "#signers-h")
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
            return redirect(_minutes_url(meeting) + "#review-h")
    return _page(request, meeting, signers_form=form, status=200)


@workplace_view("assembly.vote")
@require_http_methods(["GET", "POST"])
def minutes_sign(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """GET shows what is signed (the acta and its hash) and asks; POST signs that hash."""
    meeting = meeting_or_404(request, pk)
    if request.method == "GET":
        _minutes, acta = _acta(meeting)
        content_hash = (
            minutes_services.minutes_hash_to_sign(meeting)
            if meeting.status == MeetingStatus.CLOSED
            else ""
        )
        return confirm_page(
            request,
            title=_("Sign these minutes"),
            meeting=meeting,
            consequences=[
                _("You sign the acta as shown below; its fingerprint is %(hash)s.")
                % {"hash": content_hash[:16]},
                _("From the first signature on, the acta (attendance, votes, text) is frozen."),
                _("Once every signature is in, it enters the minute book and never changes."),
            ],
            button=_("Yes, sign these minutes"),
            back=_minutes_url(meeting),
            reversible=True,
            extra={"acta": acta, "hidden": [("content_hash", content_hash)]},
        )
    return post_action(
        request,
        lambda: minutes_services.minutes_sign(
            request.access, meeting, content_hash=request.POST.get("content_hash") or None
        ),
        _("Your signature was recorded."),
        _minutes_url(meeting),
    )


@workplace_view("assembly.manage")
@require_POST
def minutes_paper(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = PaperSignatureForm(request.POST, request.FILES, workplace=meeting.workplace)
    if form.is_valid():
        try:
            minutes_services.minutes_record_paper_signature(
                request.access, meeting, **form.cleaned_data
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The signature given on paper was recorded."))
            return redirect(_minutes_url(meeting))
    return _page(request, meeting, paper_form=form, status=200)


@workplace_view("assembly.manage")
@require_POST
def minutes_replace(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    minutes = Minutes.objects.get(meeting=meeting)
    form = ReplaceSignerForm(
        request.POST,
        chosen=minutes.member_signers.all(),
        present=_present(meeting),
    )
    if form.is_valid():
        try:
            minutes_services.minutes_replace_signer(request.access, meeting, **form.cleaned_data)
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The signer was replaced."))
            return redirect(_minutes_url(meeting))
    return _page(request, meeting, replace_form=form, status=200)


@workplace_view("assembly.vote")
@require_POST
def minutes_withdraw(request: WorkplaceRequest, pk: int, signature_pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    return post_action(
        request,
        lambda: minutes_services.minutes_withdraw_signature(request.access, meeting, signature_pk),
        _("The signature was withdrawn."),
        _minutes_url(meeting),
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def minutes_reopen(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Reopen the draft"),
            meeting=meeting,
            consequences=[
                _("Every signature given so far is withdrawn."),
                _("The narrative, the signers and the attendance can be corrected again."),
                _("Everyone signs again, over the corrected acta."),
            ],
            button=_("Yes, reopen the draft"),
            back=_minutes_url(meeting),
            reversible=True,
        )
    return post_action(
        request,
        lambda: minutes_services.minutes_reopen(request.access, meeting),
        _("The draft is open again: the signatures were withdrawn."),
        _minutes_url(meeting),
    )


@workplace_view("assembly.view")
@require_GET
def minutes_scan(request: WorkplaceRequest, pk: int, signature_pk: int) -> HttpResponseBase:
    meeting = meeting_or_404(request, pk)
    signature = MinutesSignature.objects.filter(
        pk=signature_pk, minutes__meeting=meeting, on_paper=True
    ).first()
    if signature is None or not signature.scan:
        raise Http404
    name = signature.scan.name.rsplit("/", 1)[-1]
    return FileResponse(signature.scan.open("rb"), as_attachment=True, filename=name)


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
