"""The members register through its services and pages: good input is written once,
bad input gets a translated message and changes nothing."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.members import selectors, services
from cordones.members.models import AppendOnlyError, Member, RegisterEntry

pytestmark = pytest.mark.django_db


def snapshot(workplace):
    return (
        list(RegisterEntry.objects.filter(workplace=workplace).values_list("seq", "kind", "on")),
        list(Member.objects.filter(workplace=workplace).values_list("number", "full_name")),
    )


def test_admission_writes_member_and_first_entry(shop):
    today = timezone.localdate()
    member = services.member_admit(
        shop.clerk,
        shop.workplace,
        number=10,
        full_name="Rosa Ríos",
        admitted_on=today,
        shares_subscribed="2000",
        shares_paid="500.50",
    )
    entries = selectors.member_entries(member)
    assert [e.kind for e in entries] == ["admission"]
    assert entries[0].seq == max(
        e.seq for e in RegisterEntry.objects.filter(workplace=shop.workplace)
    )
    state = selectors.member_state_get(member)
    assert str(state.shares_paid) == "500.50" and state.is_member_on(today)


def test_duplicate_member_number_changes_nothing(shop):
    before = snapshot(shop.workplace)
    with override("es"), pytest.raises(ServiceError) as exc:
        services.member_admit(
            shop.clerk, shop.workplace, number=1, full_name="Otra", admitted_on=timezone.localdate()
        )
    assert exc.value.errors == {"number": ["El número de asociado/a 1 ya está en el registro."]}
    assert snapshot(shop.workplace) == before


def test_duplicate_number_through_the_form_shows_the_message(client, shop):
    client.force_login(shop.users["secretary"])
    before = snapshot(shop.workplace)
    response = client.post(
        reverse("member_admit", args=[shop.workplace.slug]),
        {
            "number": 1,
            "full_name": "Otra Persona",
            "admitted_on": "2026-01-05",
            "shares_subscribed": "0",
            "shares_paid": "0",
        },
    )
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert snapshot(shop.workplace) == before


def test_same_number_in_another_workplace_is_fine(shop, other_shop):
    services.member_admit(
        other_shop.clerk,
        other_shop.workplace,
        number=5,
        full_name="A",
        admitted_on=timezone.localdate(),
    )
    services.member_admit(
        shop.clerk, shop.workplace, number=5, full_name="B", admitted_on=timezone.localdate()
    )
    assert Member.objects.filter(number=5).count() == 2


def test_term_ending_before_it_starts_is_rejected(shop):
    before = snapshot(shop.workplace)
    today = timezone.localdate()
    with pytest.raises(ServiceError) as exc:
        services.office_assign(
            shop.clerk,
            shop.members["member"],
            office="treasurer",
            start=today,
            end=today - timedelta(days=1),
        )
    assert "term_end" in exc.value.errors
    assert snapshot(shop.workplace) == before


def test_paid_above_subscribed_and_too_many_decimals(shop):
    before = snapshot(shop.workplace)
    for paid in ("2000", "1.005"):
        with pytest.raises(ServiceError):
            services.member_admit(
                shop.clerk,
                shop.workplace,
                number=30,
                full_name="X",
                admitted_on=timezone.localdate(),
                shares_subscribed="1000",
                shares_paid=paid,
            )
    assert snapshot(shop.workplace) == before


def test_departure_then_second_departure_is_refused(shop):
    today = timezone.localdate()
    services.member_depart(shop.clerk, shop.members["member"], on=today, reason="resignation")
    before = snapshot(shop.workplace)
    with pytest.raises(ServiceError):
        services.member_depart(shop.clerk, shop.members["member"], on=today, reason="death")
    assert snapshot(shop.workplace) == before
    assert not selectors.member_state_get(shop.members["member"]).is_member_on(today)


def test_correction_appends_and_changes_the_derived_state(shop):
    member = shop.members["member"]
    admission = member.entries.get(kind="admission")
    count = RegisterEntry.objects.count()
    services.entry_correct(
        shop.clerk,
        shop.workplace,
        seq=admission.seq,
        on=timezone.localdate(),
        note="Error de tipeo",
        shares_subscribed="1500",
    )
    assert RegisterEntry.objects.count() == count + 1
    admission.refresh_from_db()
    assert admission.shares_subscribed == 1000  # the original stays as written
    assert selectors.member_state_get(member).shares_subscribed == 1500


def test_correction_needs_a_reason_and_a_real_entry(shop):
    before = snapshot(shop.workplace)
    with pytest.raises(ServiceError):
        services.entry_correct(
            shop.clerk, shop.workplace, seq=1, on=timezone.localdate(), note="  ", shares_paid="1"
        )
    with pytest.raises(ServiceError):
        services.entry_correct(
            shop.clerk, shop.workplace, seq=999, on=timezone.localdate(), note="x", shares_paid="1"
        )
    assert snapshot(shop.workplace) == before


def test_register_is_append_only_in_the_database(shop):
    entry = RegisterEntry.objects.filter(workplace=shop.workplace).first()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    # and even raw SQL, bypassing the model, is refused by the trigger
    for sql in (
        "UPDATE members_registerentry SET note = 'x' WHERE id = %s",
        "DELETE FROM members_registerentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.note == ""


def test_services_check_permission_themselves(shop):
    from cordones.members.permissions import Access, Role

    plain = Access(
        shop.workplace.pk,
        shop.users["member"].pk,
        shop.members["member"].pk,
        frozenset({Role.MEMBER}),
    )
    before = snapshot(shop.workplace)
    with pytest.raises(PermissionDeniedError):
        services.member_admit(
            plain, shop.workplace, number=40, full_name="X", admitted_on=timezone.localdate()
        )
    assert snapshot(shop.workplace) == before


def test_csv_export_has_every_member(client, shop):
    client.force_login(shop.users["auditor"])
    response = client.get(reverse("register_csv", args=[shop.workplace.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + Member.objects.filter(workplace=shop.workplace).count()
    assert rows[1][0] == "1" and rows[1][1] == shop.members["member"].full_name
    assert rows[2][-1] == "Secretario/a"  # the office's name, not its code


def test_pdf_export_is_a_pdf_with_the_members(client, shop):
    client.force_login(shop.users["secretary"])
    response = client.get(reverse("register_pdf", args=[shop.workplace.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 2000


def test_register_page_search_and_queries_do_not_grow(client, shop, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(shop.users["member"])
    url = reverse("register", args=[shop.workplace.slug])
    response = client.get(url, {"q": "secretary"})
    assert shop.members["secretary"].full_name.encode() in response.content
    assert shop.members["auditor"].full_name.encode() not in response.content
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        services.member_admit(
            shop.clerk,
            shop.workplace,
            number=100 + n,
            full_name=f"P {n}",
            admitted_on=timezone.localdate(),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert b"P 19" in response.content
