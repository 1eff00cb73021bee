"""What every workplace page does first: find the workplace, resolve the person's
access once, and refuse politely."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.members.permissions import Access
from cordones.members.selectors import access_get
from cordones.workplaces.models import Workplace


class WorkplaceRequest(HttpRequest):
    workplace: Workplace
    access: Access


def workplace_view(rule: str) -> Callable[..., Callable[..., HttpResponse]]:
    """Resolve `slug` to a workplace and require `rule`. Strangers get 404 (they are not
    told the workplace's pages exist); members lacking the rule get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            workplace = Workplace.objects.filter(slug=slug).first()
            if workplace is None:
                raise Http404
            access = access_get(request.user, workplace, timezone.localdate())  # type: ignore[arg-type]
            if not access.is_member:
                raise Http404
            if not access.can(rule):
                return render(request, "web/forbidden.html", {"workplace": workplace}, status=403)
            request.workplace = workplace  # type: ignore[attr-defined]
            request.access = access  # type: ignore[attr-defined]
            try:
                return view(request, *args, **kwargs)
            except PermissionDeniedError:
                return render(request, "web/forbidden.html", {"workplace": workplace}, status=403)

        return wrapper

    return decorator


def add_service_errors(form: Form, error: ServiceError) -> None:
    for field_name, messages in error.errors.items():
        target = field_name if field_name in form.fields else None
        for message in messages:
            form.add_error(target, message)


def site_url(path: str) -> str:
    """An absolute link for mail and print, from the configured SITE_URL: the address the
    app is reached at, which the request's host may not be (a proxy, a local test)."""
    return settings.SITE_URL.rstrip("/") + path
