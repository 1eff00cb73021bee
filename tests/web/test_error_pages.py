"""400, 404, 405 and 500 are the app's own pages: in the reader's language (Spanish
first), styled with the app's stylesheet, with a viewport and a link back."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

APP_PAGE = (
    b'<meta name="viewport" content="width=device-width, initial-scale=1">',
    b"cordones/cordones.css",
    b'class="button" href="/"',
)


def assert_app_page(response, status: int, spanish_title: str) -> None:
    assert response.status_code == status
    body = response.content
    for marker in APP_PAGE:
        assert marker in body, marker
    assert b'<html lang="es">' in body
    assert spanish_title in body.decode()
    assert "Not Found" not in body.decode() and "Server Error" not in body.decode()


def test_404_is_spanish_and_styled(client):
    assert_app_page(client.get("/no-such-page/"), 404, "Página no encontrada")


def test_404_of_a_workplace_page_for_a_stranger(client, shop):
    client.force_login(shop.users["outsider"])
    response = client.get(reverse("dashboard", args=[shop.workplace.slug]))
    assert_app_page(response, 404, "Página no encontrada")


def test_404_follows_the_chosen_language(client):
    client.cookies["cordones_language"] = "pt-br"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b'<html lang="pt-br">' in response.content
    assert "Página não encontrada" in response.content.decode()


def test_405_on_reloading_a_post_only_page_keeps_allow(client, shop):
    client.force_login(shop.users["member"])
    response = client.get(reverse("logout"))
    assert_app_page(response, 405, "Esta página no se puede usar así")
    assert "POST" in response["Allow"]


def test_405_of_the_api_stays_json(client):
    response = client.delete("/api/v1/workplaces")
    assert response.status_code == 405
    assert b"<html" not in response.content


def test_400_from_a_view(client, settings):
    settings.ROOT_URLCONF = "tests.web.urls_raising"
    assert_app_page(client.get("/test-refuse/"), 400, "No se pudo entender el pedido")


def test_400_on_a_foreign_host(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert_app_page(response, 400, "No se pudo entender el pedido")


def test_500_with_debug_off_is_the_apps_page(settings):
    settings.ROOT_URLCONF = "tests.web.urls_raising"
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/test-explode/")
    assert_app_page(response, 500, "Algo falló de nuestro lado")
    assert b"a bug in a view" not in response.content


def test_handlers_are_wired_in_the_root_urlconf():
    from config import urls

    assert urls.handler404.endswith("page_not_found")
    assert urls.handler500.endswith("server_error")
    assert urls.handler400.endswith("bad_request")
