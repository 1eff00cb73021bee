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


def test_cast_through_the_api_once(client, shop):
    import json
    from datetime import timedelta

    from django.utils import timezone

    from cordones.assemblies.models import Ballot
    from cordones.assemblies.services import attendance, meetings, votes
    from cordones.members.selectors import access_get

    sec = access_get(shop.users["secretary"], shop.workplace, timezone.localdate())
    general, _c = meetings.bodies_ensure(shop.workplace)
    meeting = meetings.meeting_create(
        sec,
        shop.workplace,
        body=general,
        title="A",
        scheduled_at=timezone.now() + timedelta(days=20),
        place="P",
    )
    item = meetings.item_add(sec, meeting, matter="ordinary", title="x")
    meetings.meeting_convene(sec, meeting)
    attendance.checkin_by_secretary(sec, meeting, shop.members["member"])
    now = meeting.scheduled_at + timedelta(minutes=61)
    meetings.meeting_open(sec, meeting, now=now)
    motion = votes.motion_create(sec, meeting, item=item, title="x", mode="secret")
    votes.motion_open(sec, motion, now=now)
    url = f"/api/v1/workplaces/{shop.workplace.slug}/motions/{motion.pk}/ballots"
    body = json.dumps({"content": {"choice": "for"}})
    client.force_login(shop.users["auditor"])  # not checked in: not on the roll
    client.cookies["csrftoken"] = "c" * 32
    headers = {"HTTP_X_CSRFTOKEN": "c" * 32}
    assert client.post(url, body, content_type="application/json", **headers).status_code == 400
    client.force_login(shop.users["member"])
    client.cookies["csrftoken"] = "c" * 32
    first = client.post(url, body, content_type="application/json", **headers)
    assert first.status_code == 201 and len(first.json()["receipt"]) == 10
    again = client.post(url, body, content_type="application/json", **headers)
    assert again.status_code == 400
    assert Ballot.objects.filter(motion=motion).count() == 1
    votes.motion_close(sec, motion)
    late = client.post(url, body, content_type="application/json", **headers)
    assert late.status_code == 400 and Ballot.objects.filter(motion=motion).count() == 1
