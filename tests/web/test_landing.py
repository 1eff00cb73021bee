"""`/` for a visitor is a short public page (what Cordones is, the login, the API docs, and
the demo's accounts only in demo mode); a member still goes to their workplace."""

import pytest
from django.conf import settings
from django.urls import reverse

from cordones.cli.demo_network import DEMO_PASSWORD
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_visitor_sees_what_cordones_is_with_login_and_api_docs(client, settings):
    settings.CORDONES_DEMO = False
    make_user("secretaria@grafica-patricios.demo")
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Software libre para cooperativas de trabajo" in body
    assert f'action="{reverse("login")}"' in body and 'name="password"' in body
    assert 'href="/api/v1/docs"' in body
    # not a demo: no accounts are listed, even if such addresses exist
    assert "secretaria@grafica-patricios.demo" not in body
    assert "Cuentas de demostración" not in body


def test_demo_mode_lists_the_demo_accounts_and_password(client, settings):
    settings.CORDONES_DEMO = True
    make_user("secretaria@grafica-patricios.demo")
    make_user("operador@cordones.demo")
    make_user("someone@real.coop")
    body = client.get("/").content.decode()
    assert "Cuentas de demostración" in body
    assert "secretaria@grafica-patricios.demo" in body and "operador@cordones.demo" in body
    assert "someone@real.coop" not in body
    assert DEMO_PASSWORD in body


def test_member_still_goes_to_their_workplace(client, shop):
    client.force_login(shop.users["member"])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard", args=[shop.workplace.slug])


def test_the_settings_password_is_the_demos():
    assert settings.DEMO_PASSWORD == DEMO_PASSWORD


def test_api_docs_page_is_served_with_local_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()
