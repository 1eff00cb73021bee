"""Production monitoring pages, under /w/<slug>/economy/monitoring/, and the progress
fragment of background tasks. Thin: parse, call one service or selector, render."""

from __future__ import annotations

import contextlib
import uuid

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cordones.core.errors import ServiceError
from cordones.jobs import selectors as jobs
from cordones.monitoring import selectors
from cordones.monitoring import services as monitoring
from cordones.monitoring.models import DEADLINE_MAX_HOURS
from cordones.web import bounded
from cordones.web.views.base import workplace_view

# the template that shows a finished task's result, by progress kind
RESULT_TEMPLATES = {monitoring.PROGRESS_KIND: "monitoring/_recompute_result.html"}


class DeadlineForm(forms.Form):
    ack_deadline_hours = bounded.IntegerField(
        label=gettext_lazy("Hours to acknowledge a signal before it escalates"),
        min_value=1,
        max_value=DEADLINE_MAX_HOURS,
    )


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What the workplace makes of it (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _page(request: HttpRequest) -> str:
    return reverse("monitoring", args=[request.workplace.slug])  # type: ignore[attr-defined]


@workplace_view("monitoring.view")
def monitoring_page(request: HttpRequest) -> HttpResponse:
    workplace = request.workplace  # type: ignore[attr-defined]
    settings = selectors.settings_get(workplace)
    progress = None
    with contextlib.suppress(KeyError, ValueError):  # none asked for, or a malformed id
        progress = jobs.progress_get(str(uuid.UUID(request.GET["progress"])), workplace.pk)
    progress = progress or jobs.progress_latest(workplace.pk, monitoring.PROGRESS_KIND)
    return render(
        request,
        "monitoring/page.html",
        {
            "signals": selectors.signal_list(workplace),
            "settings": settings,
            "progress": progress,
            "result_template": RESULT_TEMPLATES[monitoring.PROGRESS_KIND],
            "deadline_form": DeadlineForm(
                initial={"ack_deadline_hours": settings.ack_deadline_hours}
            ),
            "ack_form": AcknowledgeForm(),
        },
    )


@require_POST
@workplace_view("monitoring.manage")
def monitoring_recompute(request: HttpRequest) -> HttpResponse:
    progress = monitoring.monitoring_recompute_request(
        request.access,  # type: ignore[attr-defined]
        request.workplace,  # type: ignore[attr-defined]
    )
    return redirect(f"{_page(request)}?progress={progress.pk}")


@require_POST
@workplace_view("monitoring.acknowledge")
def monitoring_acknowledge(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = selectors.signal_get(request.workplace, signal_id)  # type: ignore[attr-defined]
    if signal is None:
        raise Http404
    form = AcknowledgeForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        monitoring.signal_acknowledge(request.access, signal, note)  # type: ignore[attr-defined]
    except ServiceError as exc:
        for text in (m for ms in exc.errors.values() for m in ms):
            messages.error(request, text)
    else:
        messages.success(request, _("Signal acknowledged."))
    return redirect(_page(request))


@require_POST
@workplace_view("monitoring.manage")
def monitoring_settings(request: HttpRequest) -> HttpResponse:
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            monitoring.monitoring_settings_set(
                request.access,  # type: ignore[attr-defined]
                request.workplace,  # type: ignore[attr-defined]
                form.cleaned_data["ack_deadline_hours"],
            )
        except ServiceError as exc:
            for text in (m for ms in exc.errors.values() for m in ms):
                messages.error(request, text)
        else:
            messages.success(request, _("Deadline saved."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return redirect(_page(request))


@workplace_view("workplace.view")
def task_progress(request: HttpRequest, progress_id: str) -> HttpResponse:
    """The progress fragment of one of this workplace's tasks (polled by htmx)."""
    progress = jobs.progress_get(progress_id, request.workplace.pk)  # type: ignore[attr-defined]
    if progress is None:
        raise Http404
    return render(
        request,
        "jobs/_progress.html",
        {"progress": progress, "result_template": RESULT_TEMPLATES.get(progress.kind, "")},
    )
