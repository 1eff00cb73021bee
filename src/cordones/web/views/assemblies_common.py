"""What the assembly views share: finding a meeting or motion inside the workplace, and
the two shapes every action has (a form page, or a one-button POST)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from cordones.assemblies import selectors
from cordones.assemblies.models import Meeting, Motion
from cordones.core.errors import ServiceError
from cordones.members.models import Member
from cordones.web.views.base import WorkplaceRequest, add_service_errors


def meeting_or_404(request: WorkplaceRequest, pk: int) -> Meeting:
    try:
        return selectors.meeting_get(request.workplace, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def motion_or_404(request: WorkplaceRequest, pk: int) -> Motion:
    motion = (
        Motion.objects.filter(workplace=request.workplace, pk=pk)
        .select_related("meeting__body", "item")
        .first()
    )
    if motion is None:
        raise Http404
    return motion


def acting_member(request: WorkplaceRequest) -> Member | None:
    member_id = request.access.member_id
    if member_id is None:
        return None
    return Member.objects.filter(pk=member_id, workplace=request.workplace).first()


def form_page(
    request: WorkplaceRequest,
    form: Form,
    template: str,
    context: dict[str, Any],
    action: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """GET shows the form; a valid POST calls the service through `action`, which returns
    where to go next; a refused one shows the service's messages by the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            target = action(form.cleaned_data)
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(target)
    status = 200
    return render(request, template, {"form": form, **context}, status=status)


def post_action(
    request: WorkplaceRequest, call: Callable[[], object], success: str, target: str
) -> HttpResponse:
    """A one-button action: do it, say so, and go back; a refusal is said as an error."""
    try:
        call()
    except ServiceError as exc:
        for field_messages in exc.errors.values():
            for message in field_messages:
                messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(target)


def local_path(url: str) -> str:
    """Notices store absolute links for email; in the app follow them on this host."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def confirm_page(
    request: WorkplaceRequest,
    *,
    title: str,
    consequences: list[str],
    button: str,
    back: str,
    meeting: Meeting | None = None,
    subject: str = "",
    form: Form | None = None,
    reversible: bool = False,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The step before an action that cannot be taken back: what will happen, and one
    button that posts to the same address. Works without JavaScript."""
    return render(
        request,
        "assemblies/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "button": button,
            "back": back,
            "meeting": meeting,
            "subject": subject,
            "form": form,
            "reversible": reversible,
            "action": request.path,
            **(extra or {}),
        },
    )
