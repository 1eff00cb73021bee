"""Operators cannot become members: in the admin, who a member is (their account) is
read-only; the register's keepers correct it through a service that is logged."""

from __future__ import annotations

import logging

import pytest

from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.members import services
from cordones.members.models import Member
from tests.conftest import make_user
from tests.web.assemblies_scene import access

pytestmark = pytest.mark.django_db


def test_the_operator_cannot_set_a_members_account_in_the_admin(client, shop):
    operator = shop.users["operator"]
    treasurer_like = shop.members["council_member"]
    client.force_login(operator)
    url = f"/admin/members/member/{treasurer_like.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="user"' not in page.content.decode()  # shown, not editable
    response = client.post(
        url,
        {
            "full_name": treasurer_like.full_name,
            "national_id": "",
            "email": "",
            "phone": "",
            "user": operator.pk,
        },
    )
    assert response.status_code in (200, 302)
    assert Member.objects.get(pk=treasurer_like.pk).user_id == shop.users["council_member"].pk
    assert not Member.objects.filter(user=operator).exists()
    # nor add a member (with an account) outside the register
    assert client.get("/admin/members/member/add/").status_code == 403
    before = Member.objects.count()
    client.post(
        "/admin/members/member/add/",
        {"workplace": shop.workplace.pk, "number": 77, "full_name": "Yo", "user": operator.pk},
    )
    assert Member.objects.count() == before


def test_the_secretary_corrects_who_a_member_is_and_it_is_logged(shop, caplog):
    member = shop.members["member"]
    account = make_user("nuevo.correo@grafica.test")
    with caplog.at_level(logging.WARNING, logger="cordones.audit"):
        services.member_account_link(
            access(shop, "secretary"), member, user=account, note="Cambió de correo"
        )
    assert Member.objects.get(pk=member.pk).user_id == account.pk
    [line] = [r.getMessage() for r in caplog.records if r.name == "cordones.audit"]
    assert f"member={member.number}" in line and "Cambió de correo" in line
    assert f"-> {account.pk} by user={shop.users['secretary'].pk}" in line


def test_account_corrections_are_refused_without_the_rule_or_a_reason(shop, caplog):
    member = shop.members["member"]
    before = member.user_id
    with caplog.at_level(logging.WARNING, logger="cordones.audit"):
        with pytest.raises(PermissionDeniedError):
            services.member_account_link(
                access(shop, "council_member"), member, user=shop.users["operator"], note="x"
            )
        with pytest.raises(ServiceError):
            services.member_account_link(
                access(shop, "secretary"), member, user=shop.users["operator"], note=" "
            )
        with pytest.raises(ServiceError):  # one account, one member per workplace
            services.member_account_link(
                access(shop, "secretary"), member, user=shop.users["auditor"], note="x"
            )
    assert Member.objects.get(pk=member.pk).user_id == before
    assert not [r for r in caplog.records if r.name == "cordones.audit"]
