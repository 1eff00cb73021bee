"""The app's URLconf plus two views that fail on purpose, for the error-page tests."""

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler400, handler404, handler500
from config.urls import urlpatterns as app_urlpatterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]


def explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


def refuse(request: HttpRequest) -> HttpResponse:
    raise BadRequest("malformed")


urlpatterns = [path("test-explode/", explode), path("test-refuse/", refuse), *app_urlpatterns]
