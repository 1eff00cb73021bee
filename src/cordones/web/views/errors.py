"""The app's own error pages: 400, 404, 405 and 500 in the reader's language, styled,
with a viewport and a way back (Django's defaults are bare English pages).

The 500 page is rendered without the request's context processors: whatever broke may be
the database they read, so it needs nothing but the template and the active language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

ERROR_TEMPLATE = "web/error.html"


def _page(
    request: HttpRequest | None, status: int, title: str, text: str, *, plain: bool = False
) -> HttpResponse:
    context = {"status": status, "title": title, "text": text}
    template = loader.get_template(ERROR_TEMPLATE)
    body = template.render(context, None if plain else request)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        _("The request could not be understood"),
        _("Something in the address or the form sent was not valid. Go back and try again."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        _("Page not found"),
        _("This page does not exist, or you are not a member of the workplace it belongs to."),
    )


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        405,
        _("This page cannot be used this way"),
        _(
            "This address only answers a form sent from its own page (for example after a "
            "reload). Go back to the page and use its button."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        500,
        _("Something went wrong on our side"),
        _(
            "The error was recorded. Nothing you sent was saved halfway: try again in a "
            "moment, and tell your cooperative's operator if it keeps happening."
        ),
        plain=True,
    )


class MethodNotAllowedPage:
    """Give a 405 from a web page (a view restricted with `require_http_methods`, reached
    for example by reloading a POST's answer) the app's page instead of an empty body.
    The API keeps its JSON answers; the `Allow` header is kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and not request.path.startswith("/api/")
        ):
            page = method_not_allowed(request)
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response
