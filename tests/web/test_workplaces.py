from __future__ import annotations

import pytest
from django.urls import reverse

from cordones.core.errors import ServiceError
from cordones.workplaces import services
from cordones.workplaces.models import Section, Workplace
from cordones.workplaces.selectors import statute_rules_get

pytestmark = pytest.mark.django_db


def fields(workplace):
    return {
        k: getattr(workplace, k)
        for k in ("name", "tax_id", "founded_on", "recovered_on", "statute_overrides")
    }


def settings_form(workplace, **changes):
    data = {
        "name": workplace.name,
        "legal_name": workplace.legal_name,
        "legal_form": workplace.legal_form,
        "tax_id": workplace.tax_id,
        "sector": workplace.sector,
        "address": "",
        "city": "",
        "province": "",
        "latitude": "",
        "longitude": "",
        "founded_on": "1990-01-01",
        "recovered_on": "2003-05-01",
        "fiscal_year_end_month": "12",
    }
    data.update(changes)
    return data


def test_invalid_cuit_gets_a_translated_message_and_saves_nothing(client, shop):
    client.force_login(shop.users["secretary"])
    before = fields(Workplace.objects.get(pk=shop.workplace.pk))
    response = client.post(
        reverse("workplace_settings", args=[shop.workplace.slug]),
        settings_form(shop.workplace, tax_id="30-50001091-3", name="Cambiado"),
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 200
    assert b"CUIT" in response.content and b'role="alert"' in response.content
    assert fields(Workplace.objects.get(pk=shop.workplace.pk)) == before


def test_valid_cuit_is_normalised(shop):
    updated = services.workplace_update(shop.clerk, shop.workplace, tax_id="30500010912")
    assert updated.tax_id == "30-50001091-2"


def test_recovery_before_founding_is_refused(shop):
    before = fields(Workplace.objects.get(pk=shop.workplace.pk))
    with pytest.raises(ServiceError) as exc:
        services.workplace_update(
            shop.clerk, shop.workplace, recovered_on=shop.workplace.founded_on.replace(year=1980)
        )
    assert "recovered_on" in exc.value.errors
    assert fields(Workplace.objects.get(pk=shop.workplace.pk)) == before


def test_statute_overrides_apply_and_bad_ones_change_nothing(client, shop):
    client.force_login(shop.users["council_member"])
    url = reverse("statute", args=[shop.workplace.slug])
    assert client.post(url, {"notice_days": "20"}).status_code == 302
    shop.workplace.refresh_from_db()
    from django.utils import timezone

    assert statute_rules_get(shop.workplace, timezone.localdate()).notice_days == 20
    with pytest.raises(ServiceError):
        services.statute_overrides_set(shop.clerk, shop.workplace, {"quorum_fraction": "7/5"})
    shop.workplace.refresh_from_db()
    assert shop.workplace.statute_overrides == {"notice_days": 20}


def test_members_cannot_post_statute_values(client, shop):
    client.force_login(shop.users["member"])
    response = client.post(reverse("statute", args=[shop.workplace.slug]), {"notice_days": "1"})
    assert response.status_code == 403
    shop.workplace.refresh_from_db()
    assert shop.workplace.statute_overrides == {}


def test_sections_add_duplicate_and_remove(client, shop):
    services.section_add(shop.clerk, shop.workplace, name="Impresión", kind="line")
    with pytest.raises(ServiceError):
        services.section_add(shop.clerk, shop.workplace, name="Impresión", kind="line")
    assert Section.objects.filter(workplace=shop.workplace).count() == 1
    client.force_login(shop.users["secretary"])
    section = Section.objects.get()
    client.post(reverse("sections", args=[shop.workplace.slug]), {"remove": section.pk})
    assert not Section.objects.exists()


def test_a_section_of_another_workplace_cannot_be_removed(client, shop, other_shop):
    section = services.section_add(
        other_shop.clerk, other_shop.workplace, name="Corte", kind="line"
    )
    client.force_login(shop.users["secretary"])
    client.post(reverse("sections", args=[shop.workplace.slug]), {"remove": section.pk})
    assert Section.objects.filter(pk=section.pk).exists()


def test_duplicate_slug_is_refused(shop):
    with pytest.raises(ServiceError):
        services.workplace_create(
            slug=shop.workplace.slug, name="Otra", legal_name="Otra", sector="food"
        )
    assert Workplace.objects.filter(slug=shop.workplace.slug).count() == 1
