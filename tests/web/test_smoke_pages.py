"""Every workplace page renders for the secretary with real data."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name,args",
    [
        ("dashboard", []),
        ("register", []),
        ("register_book", []),
        ("statute", []),
        ("workplace_settings", []),
        ("sections", []),
        ("member_admit", []),
        ("member_detail", [1]),
        ("office_assign", [1]),
        ("member_shares", [1]),
        ("member_depart", [1]),
        ("member_invite", [1]),
        ("entry_correct", [1]),
    ],
)
def test_secretary_pages_render(client, shop, name, args):
    client.force_login(shop.users["secretary"])
    response = client.get(reverse(name, args=[shop.workplace.slug, *args]))
    assert response.status_code == 200
    assert b'<html lang="es">' in response.content
