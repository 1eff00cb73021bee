import pytest

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/workplaces/{slug}/members" in schema["paths"]


def test_members_api_needs_login_and_membership(client, shop, other_shop):
    url = f"/api/v1/workplaces/{shop.workplace.slug}/members"
    assert client.get(url).status_code == 401
    client.force_login(other_shop.users["secretary"])
    assert client.get(url).status_code == 404
    client.force_login(shop.users["member"])
    data = client.get(url).json()
    assert [m["number"] for m in data] == [1, 2, 3, 4]
    secretary = next(m for m in data if m["number"] == 2)
    assert secretary["offices"][0]["office"] == "secretary"
    assert secretary["shares_paid"] == "1000.00"


def test_workplace_list_only_mine(client, shop, other_shop):
    client.force_login(shop.users["member"])
    assert [w["slug"] for w in client.get("/api/v1/workplaces").json()] == [shop.workplace.slug]
