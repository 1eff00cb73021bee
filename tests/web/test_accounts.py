from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cordones.accounts.models import User
from cordones.core.errors import ServiceError
from cordones.members import services
from cordones.members.models import Invitation, Member
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_login_and_logout_through_the_form(client, shop):
    response = login(client, shop.users["secretary"].email, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("dashboard", args=[shop.workplace.slug])).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard", args=[shop.workplace.slug])).status_code == 302


def test_wrong_password_shows_a_message(client, shop):
    response = login(client, shop.users["secretary"].email, "wrong")
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert "_auth_user_id" not in client.session


def test_brute_force_is_locked_out_even_with_the_right_password(client, shop, settings):
    email = shop.users["member"].email
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, email, "wrong")
    response = login(client, email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, shop):
    user = shop.users["member"]
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "otra-clave-segura-99", "new_password2": "otra-clave-segura-99"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("otra-clave-segura-99")
    # the link works once
    assert b'role="alert"' in client.get(link, follow=True).content


def test_profile_sets_the_preferred_language(client, shop):
    user = shop.users["member"]
    client.force_login(user)
    response = client.post(
        reverse("profile"), {"full_name": "Ana Paz", "preferred_language": "pt-br"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language) == ("Ana Paz", "pt-br")


def test_profile_rejects_an_unknown_language(client, shop):
    user = shop.users["member"]
    client.force_login(user)
    response = client.post(reverse("profile"), {"full_name": "Ana Paz", "preferred_language": "xx"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.preferred_language == "es"


def new_member(shop, number=20):
    return services.member_admit(
        shop.clerk,
        shop.workplace,
        number=number,
        full_name="Nueva Asociada",
        admitted_on=timezone.localdate(),
    )


def invite(shop, member, now=None):
    return services.invitation_create(
        shop.clerk,
        member,
        email="nueva@example.org",
        accept_url_for=lambda t: f"http://testserver/invitation/{t}/",
        now=now,
    )


def test_invitation_email_and_acceptance(client, shop, django_capture_on_commit_callbacks):
    member = new_member(shop)
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invite(shop, member)
    assert len(mail.outbox) == 1 and token in mail.outbox[0].body
    assert token not in invitation.token_hash  # only a hash is stored
    response = client.post(
        reverse("invitation_accept", args=[token]),
        {
            "full_name": "Nueva Asociada",
            "password": "clave-muy-segura-1",
            "password_again": "clave-muy-segura-1",
            "preferred_language": "es",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.user is not None and member.user.email == "nueva@example.org"
    assert client.get(reverse("dashboard", args=[shop.workplace.slug])).status_code == 200
    # single use
    client.logout()
    response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 400
    assert User.objects.filter(email="nueva@example.org").count() == 1


def test_expired_invitation_is_refused_and_creates_nothing(client, shop):
    member = new_member(shop)
    _inv, token = invite(shop, member, now=timezone.now() - timedelta(days=30))
    users = User.objects.count()
    response = client.post(
        reverse("invitation_accept", args=[token]),
        {
            "full_name": "X",
            "password": "clave-muy-segura-1",
            "password_again": "clave-muy-segura-1",
            "preferred_language": "es",
        },
    )
    assert response.status_code == 400
    assert User.objects.count() == users
    assert Member.objects.get(pk=member.pk).user is None


def test_tampered_token_is_refused(client, shop):
    member = new_member(shop)
    _inv, token = invite(shop, member)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    users = User.objects.count()
    response = client.post(
        reverse("invitation_accept", args=[tampered]),
        {
            "full_name": "X",
            "password": "clave-muy-segura-1",
            "password_again": "clave-muy-segura-1",
            "preferred_language": "es",
        },
    )
    assert response.status_code == 400
    assert User.objects.count() == users
    assert Invitation.objects.get().accepted_at is None


def test_accepting_twice_gives_one_account(shop):
    member = new_member(shop)
    _inv, token = invite(shop, member)
    services.invitation_accept(token, password="clave-muy-segura-1", full_name="N", language="es")
    with pytest.raises(ServiceError):
        services.invitation_accept(
            token, password="clave-muy-segura-1", full_name="N", language="es"
        )
    assert User.objects.filter(email="nueva@example.org").count() == 1


def test_weak_password_is_refused_and_nothing_saved(shop):
    member = new_member(shop)
    _inv, token = invite(shop, member)
    with pytest.raises(ServiceError) as exc:
        services.invitation_accept(token, password="123", full_name="N", language="es")
    assert "password" in exc.value.errors
    assert not User.objects.filter(email="nueva@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_existing_account_links_when_logged_in(client, shop, other_shop):
    member = new_member(shop)
    _inv, token = invite(shop, member)
    person = other_shop.users["member"]
    client.force_login(person)
    response = client.post(reverse("invitation_accept", args=[token]), {})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.user == person


def test_failures_on_one_account_do_not_lock_another(client, shop, settings):
    """The lock-out counts an account and an address together: one client cannot lock
    every account, and a locked account stays open from elsewhere."""
    target = shop.users["member"].email
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, target, "wrong")
    assert login(client, target, PASSWORD).status_code == 429
    # the same client, another account: not locked
    assert login(client, shop.users["secretary"].email, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    # the same account from another address: not locked
    response = client.post(
        reverse("login"),
        {"username": target, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302


def test_behind_a_proxy_the_configured_header_names_the_client(client, shop, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    target = shop.users["member"].email

    def attempt(password, address):
        return client.post(
            reverse("login"),
            {"username": target, "password": password},
            REMOTE_ADDR="10.0.0.1",  # the proxy, for everyone
            HTTP_X_FORWARDED_FOR=f"198.51.100.77, {address}",
        )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("wrong", "192.0.2.10")
    assert attempt(PASSWORD, "192.0.2.10").status_code == 429
    # another client behind the same proxy is not locked out of the same account
    assert attempt(PASSWORD, "192.0.2.20").status_code == 302
