"""Assemblies: the list, bodies and their rules, calling a meeting (agenda, documents,
convocation, calendar file), attendance with the door's QR code and the quorum display."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import segno
from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cordones.assemblies import ics, selectors
from cordones.assemblies.models import Attendance, Document, MeetingStatus
from cordones.assemblies.services import attendance as attendance_services
from cordones.assemblies.services import meetings as meeting_services
from cordones.core.errors import ServiceError
from cordones.domain.bounds import MAX_INT32, parse_int
from cordones.members.models import Member
from cordones.web.forms_assemblies import (
    CALL_LABELS,
    MATTER_LABELS,
    DocumentForm,
    ItemForm,
    MeetingEditForm,
    MeetingForm,
)
from cordones.web.views.assemblies_common import (
    acting_member,
    confirm_page,
    form_page,
    meeting_or_404,
    post_action,
)
from cordones.web.views.base import WorkplaceRequest, workplace_view


def _detail(meeting: Any) -> str:
    return reverse("meeting_detail", args=[meeting.workplace.slug, meeting.pk])


@workplace_view("assembly.view")
@require_GET
def assemblies(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    meeting_services.bodies_ensure(workplace)
    cutoff = timezone.now() - timedelta(hours=12)
    meetings = selectors.meeting_list(workplace)
    upcoming = [
        m
        for m in meetings.order_by("scheduled_at")
        if m.status != MeetingStatus.CLOSED
        and (m.scheduled_at >= cutoff or m.status != MeetingStatus.DRAFT)
    ]
    past = [m for m in meetings if m not in upcoming]
    return render(request, "assemblies/list.html", {"upcoming": upcoming, "past": past})


@workplace_view("assembly.view")
@require_GET
def bodies(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    meeting_services.bodies_ensure(workplace)
    today = timezone.localdate()
    rows = [
        (body, selectors.assembly_rules_get(body, today)) for body in selectors.body_list(workplace)
    ]
    return render(request, "assemblies/bodies.html", {"rows": rows, "matter_labels": MATTER_LABELS})


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def meeting_create(request: WorkplaceRequest) -> HttpResponse:
    workplace = request.workplace
    meeting_services.bodies_ensure(workplace)
    form = MeetingForm(request.POST or None, workplace=workplace, initial={"at": "18:00"})

    def action(data: dict[str, Any]) -> str:
        meeting = meeting_services.meeting_create(
            request.access, workplace, **form.service_kwargs()
        )
        messages.success(request, _("The meeting was created. Now write its agenda."))
        return _detail(meeting)

    return form_page(request, form, "assemblies/form.html", {"title": _("Call a meeting")}, action)


@workplace_view("assembly.view")
@require_GET
def meeting_detail(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    items = list(meeting.items.order_by("position").prefetch_related("documents"))
    quorum = selectors.quorum_get(meeting)
    rules = selectors.assembly_rules_get(meeting.body, meeting.scheduled_at.date())
    return render(
        request,
        "assemblies/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "quorum": quorum,
            "call_label": CALL_LABELS[quorum.call],
            "rules": rules,
            "matter_labels": MATTER_LABELS,
            "motions": meeting.motions.select_related("item").order_by("id"),
            "editable": meeting.status in (MeetingStatus.DRAFT, MeetingStatus.CONVENED),
            "opens_later": timezone.now() < selectors.opens_from(meeting),
        },
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def meeting_edit(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = MeetingEditForm(request.POST or None, initial=MeetingEditForm.initial_for(meeting))

    def action(data: dict[str, Any]) -> str:
        meeting_services.meeting_update(request.access, meeting, **form.service_kwargs())
        messages.success(request, _("The meeting was updated."))
        return _detail(meeting)

    return form_page(
        request,
        form,
        "assemblies/form.html",
        {"title": _("Change the meeting"), "meeting": meeting},
        action,
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def item_add(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = ItemForm(request.POST or None)

    def action(data: dict[str, Any]) -> str:
        meeting_services.item_add(request.access, meeting, **data)
        messages.success(request, _("The item was added to the agenda."))
        return _detail(meeting)

    return form_page(
        request,
        form,
        "assemblies/form.html",
        {"title": _("Add an agenda item"), "meeting": meeting},
        action,
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def document_attach(request: WorkplaceRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    item = meeting.items.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    form = DocumentForm(request.POST or None, request.FILES or None)

    def action(data: dict[str, Any]) -> str:
        meeting_services.document_attach(request.access, item, **data)
        messages.success(request, _("The document was attached."))
        return _detail(meeting)

    return form_page(
        request,
        form,
        "assemblies/form.html",
        {"title": _("Attach a document"), "meeting": meeting, "item": item, "multipart": True},
        action,
    )


@workplace_view("assembly.view")
@require_GET
def document_download(request: WorkplaceRequest, pk: int, doc_pk: int) -> HttpResponseBase:
    meeting = meeting_or_404(request, pk)
    document = Document.objects.filter(pk=doc_pk, item__meeting=meeting).first()
    if document is None or not document.file:
        raise Http404
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def meeting_convene(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """GET asks first (the convocation emails every member); POST convenes."""
    meeting = meeting_or_404(request, pk)
    if request.method == "GET":
        people = len(selectors.body_member_ids(meeting.body, timezone.localdate()))
        return confirm_page(
            request,
            title=_("Convene the meeting"),
            meeting=meeting,
            consequences=[
                _("%(n)s members will get the convocation by email and in the app.")
                % {"n": people},
                _("The date and place are then fixed: to change them, call a new meeting."),
            ],
            button=_("Yes, convene and send the notice"),
            back=_detail(meeting),
        )
    return post_action(
        request,
        lambda: meeting_services.meeting_convene(request.access, meeting),
        _("The meeting was convened: the members were notified."),
        _detail(meeting),
    )


@workplace_view("assembly.manage")
@require_POST
def meeting_open(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    try:
        meeting_services.meeting_open(request.access, meeting)
    except ServiceError as exc:
        for field_messages in exc.errors.values():
            for message in field_messages:
                messages.error(request, message)
        return redirect(_detail(meeting))
    messages.success(request, _("The session is open."))
    return redirect("meeting_chair", slug=meeting.workplace.slug, pk=meeting.pk)


@workplace_view("assembly.view")
@require_GET
def meeting_ics(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    response = HttpResponse(ics.meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="asamblea-{meeting.pk}.ics"'
    return response


# --- attendance -----------------------------------------------------------------------------


def checkin_url(request: WorkplaceRequest, meeting: Any) -> str:
    return request.build_absolute_uri(
        reverse("meeting_checkin", args=[meeting.workplace.slug, meeting.pk, meeting.checkin_code])
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    query = request.GET.get("q", "").strip()
    if request.method == "POST":
        return _attendance_post(request, meeting)
    body_ids = selectors.body_member_ids(meeting.body, timezone.localdate())
    people = Member.objects.filter(workplace=meeting.workplace, pk__in=body_ids).order_by("number")
    if query:
        lookup = Q(full_name__icontains=query)
        number = parse_int(query, 1, MAX_INT32)
        if number is not None:
            lookup |= Q(number=number)
        people = people.filter(lookup)
    present = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    quorum = selectors.quorum_get(meeting)
    return render(
        request,
        "assemblies/attendance.html",
        {
            "meeting": meeting,
            "rows": [(p, p.pk in present) for p in people],
            "post_url": request.get_full_path(),
            "query": query,
            "quorum": quorum,
            "call_label": CALL_LABELS[quorum.call],
            "checkin_url": checkin_url(request, meeting),
        },
    )


def _attendance_post(request: WorkplaceRequest, meeting: Any) -> HttpResponse:
    """Check one person in or out without losing one's place in the list: htmx swaps just
    that row; without JavaScript the answer redirects back to the row's anchor."""
    member = Member.objects.filter(
        workplace=meeting.workplace,
        pk=parse_int(request.POST.get("member", ""), 1, MAX_INT32) or 0,
    ).first()
    target = request.get_full_path()
    htmx = request.headers.get("HX-Request") == "true"
    if member is None:
        messages.error(request, _("That person is not in the register."))
        return redirect(target)
    checking_out = request.POST.get("action") == "out"
    error = ""
    try:
        if checking_out:
            attendance_services.checkout(request.access, meeting, member)
            done = _("%(name)s is no longer counted as present.") % {"name": member.full_name}
        else:
            attendance_services.checkin_by_secretary(request.access, meeting, member)
            done = _("%(name)s is checked in.") % {"name": member.full_name}
    except ServiceError as exc:
        error = " ".join(str(m) for ms in exc.errors.values() for m in ms)
    if htmx:
        here = Attendance.objects.filter(meeting=meeting, member=member).exists()
        return render(
            request,
            "assemblies/_attendance_row.html",
            {"person": member, "here": here, "post_url": target, "row_error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(f"{target}#member-{member.pk}")


@workplace_view("assembly.manage")
@require_GET
def meeting_qr(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    qr = segno.make(checkin_url(request, meeting), error="m")
    out = io.BytesIO()
    title = _("QR code to check in to %(title)s") % {"title": meeting.title}
    qr.save(out, kind="svg", scale=8, border=2, dark="#000", light="#fff", title=title)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


@workplace_view("assembly.manage")
@require_GET
def meeting_door(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """What the secretary shows at the door: the code to scan and the quorum, live."""
    meeting = meeting_or_404(request, pk)
    quorum = selectors.quorum_get(meeting)
    return render(
        request,
        "assemblies/door.html",
        {
            "meeting": meeting,
            "quorum": quorum,
            "call_label": CALL_LABELS[quorum.call],
            "checkin_url": checkin_url(request, meeting),
        },
    )


@workplace_view("assembly.view")
@require_GET
def meeting_quorum(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """The quorum display alone (polled by the door and attendance pages)."""
    meeting = meeting_or_404(request, pk)
    quorum = selectors.quorum_get(meeting)
    return render(
        request,
        "assemblies/_quorum.html",
        {"meeting": meeting, "quorum": quorum, "call_label": CALL_LABELS[quorum.call]},
    )


@workplace_view("assembly.vote")
@require_http_methods(["GET", "POST"])
def meeting_checkin(request: WorkplaceRequest, pk: int, code: str) -> HttpResponse:
    """The member scanned the door's code: one button to say they are here."""
    meeting = meeting_or_404(request, pk)
    live = reverse("meeting_live", args=[meeting.workplace.slug, meeting.pk])
    member = acting_member(request)
    present = (
        member is not None and Attendance.objects.filter(meeting=meeting, member=member).exists()
    )
    if request.method == "POST":
        try:
            attendance_services.checkin_by_code(request.access, meeting, code)
        except ServiceError as exc:
            errors = [m for ms in exc.errors.values() for m in ms]
            return render(
                request,
                "assemblies/checkin.html",
                {"meeting": meeting, "errors": errors, "present": present, "code": code},
                status=400,
            )
        messages.success(request, _("You are checked in. Welcome!"))
        return redirect(live)
    valid = code == meeting.checkin_code
    return render(
        request,
        "assemblies/checkin.html",
        {
            "meeting": meeting,
            "present": present,
            "code": code,
            "errors": [] if valid else [_("This check-in code is not valid for this meeting.")],
        },
        status=200 if valid else 404,
    )
