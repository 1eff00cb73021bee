"""Two pages the services had but the web lacked: members' roles under a coefficient retiro
scheme, and bodies (creating a section assembly or a commission, and a body's own rules)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import timezone

from cordones.assemblies import selectors as assembly_selectors
from cordones.assemblies.models import Body, BodyKind
from cordones.assemblies.services import bodies as body_services
from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.members import services as members
from cordones.members.models import Member
from cordones.retiros import services as retiros
from cordones.retiros.models import MemberCategory
from cordones.workplaces import services as workplaces
from tests.web.assemblies_scene import access, in_session
from tests.web.economy_support import council_access
from tests.web.gap_scene import (
    assignments,
    body_rules,
    category,
    coefficient_scheme,
    general,
)

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "src" / "cordones" / "locale"


def url(shop, name, *args):
    return reverse(name, args=[shop.workplace.slug, *args])


@pytest.fixture
def scheme(shop):
    return coefficient_scheme(shop)


@pytest.fixture
def catalogs(settings, tmp_path):
    """The committed catalogues, compiled, so the pages speak them (not a stale .mo)."""
    for lang in ("es", "pt_BR", "en"):
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po")).save_as_mofile(
            str(target / "django.mo")
        )
    settings.LOCALE_PATHS = [tmp_path]


def roles_post(shop, scheme, choices):
    """Form data: persona -> role name (or "" for none)."""
    return {
        f"member-{shop.members[persona].pk}": (category(scheme, role).pk if role else "")
        for persona, role in choices.items()
    }


# --- retiro roles -------------------------------------------------------------------------------


def test_retiros_page_links_roles_only_for_a_coefficient_scheme(client, shop, scheme):
    egalitarian = retiros.scheme_create(
        council_access(shop),
        shop.workplace,
        name="Igualitario",
        kind="egalitarian",
        valid_from=scheme.valid_from - timedelta(days=40),
        decided_by="Asamblea anterior",
        base=D("300000"),
    )
    client.force_login(shop.users["council_member"])
    page = client.get(url(shop, "economy_retiros")).content.decode()
    assert url(shop, "economy_scheme_roles", scheme.pk) in page
    assert url(shop, "economy_scheme_roles", egalitarian.pk) not in page
    assert client.get(url(shop, "economy_scheme_roles", egalitarian.pk)).status_code == 404
    # the síndico sees retiros but does not assign roles: no link
    client.force_login(shop.users["auditor"])
    page = client.get(url(shop, "economy_retiros")).content.decode()
    assert url(shop, "economy_scheme_roles", scheme.pk) not in page


def test_roles_page_lists_current_members_with_their_role(client, shop, scheme):
    retiros.member_category_set(
        council_access(shop), scheme, shop.members["auditor"], category(scheme, "Maquinista")
    )
    members.member_depart(
        shop.clerk, shop.members["member"], on=timezone.localdate(), reason="resignation"
    )
    client.force_login(shop.users["secretary"])
    response = client.get(url(shop, "economy_scheme_roles", scheme.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<caption>" in page and "<table" in page
    assert 'style="' not in page  # the CSP forbids inline styles
    for persona in ("secretary", "council_member", "auditor"):
        pk = shop.members[persona].pk
        assert f'name="member-{pk}"' in page
        assert f'<label class="visually-hidden" for="id_member-{pk}">' in page
    # who left is not in the table
    assert f'name="member-{shop.members["member"].pk}"' not in page
    # the current role is shown, and chosen in the select
    maquinista = category(scheme, "Maquinista")
    assert f'<option value="{maquinista.pk}" selected>' in page
    assert page.count(" selected>") == 3  # the other two show "—"
    form = page[page.index('<form method="post" novalidate>') :]
    form = form[: form.index("</form>")]
    assert form.count('<button type="submit"') == 1  # one Save for the whole table


def test_saving_the_table_writes_every_change(client, shop, scheme):
    council = council_access(shop)
    retiros.member_category_set(
        council, scheme, shop.members["auditor"], category(scheme, "Maquinista")
    )
    retiros.member_category_set(
        council, scheme, shop.members["secretary"], category(scheme, "Oficial")
    )
    client.force_login(shop.users["council_member"])
    data = roles_post(
        shop,
        scheme,
        {
            "member": "Ayudante",
            "secretary": "Oficial",  # unchanged
            "council_member": "Oficial",
            "auditor": "",  # taken away
        },
    )
    response = client.post(url(shop, "economy_scheme_roles", scheme.pk), data)
    assert response.status_code == 302
    assert response["Location"] == url(shop, "economy_scheme_roles", scheme.pk)
    assert assignments(scheme) == sorted(
        [
            (shop.members["member"].pk, category(scheme, "Ayudante").pk),
            (shop.members["secretary"].pk, category(scheme, "Oficial").pk),
            (shop.members["council_member"].pk, category(scheme, "Oficial").pk),
        ]
    )
    # a member whose select was not posted keeps their role
    client.post(
        url(shop, "economy_scheme_roles", scheme.pk),
        roles_post(shop, scheme, {"member": "Maquinista"}),
    )
    assert (shop.members["secretary"].pk, category(scheme, "Oficial").pk) in assignments(scheme)
    assert (shop.members["member"].pk, category(scheme, "Maquinista").pk) in assignments(scheme)


def test_the_month_can_be_prepared_once_everyone_has_a_role(client, shop, scheme):
    council = council_access(shop)
    with pytest.raises(ServiceError):
        retiros.sheet_prepare(council, shop.workplace, scheme.valid_from)
    client.force_login(shop.users["council_member"])
    client.post(
        url(shop, "economy_scheme_roles", scheme.pk),
        roles_post(
            shop,
            scheme,
            {
                "member": "Ayudante",
                "secretary": "Oficial",
                "council_member": "Oficial",
                "auditor": "Maquinista",
            },
        ),
    )
    sheet = retiros.sheet_prepare(council, shop.workplace, scheme.valid_from)
    lines = {line.member_id: line.coefficient for line in sheet.lines.all()}
    assert lines[shop.members["member"].pk] == D("1.000")
    assert lines[shop.members["auditor"].pk] == D("1.500")


def test_a_bad_role_saves_nothing(client, shop, scheme, other_shop):
    retiros.member_category_set(
        council_access(shop), scheme, shop.members["auditor"], category(scheme, "Maquinista")
    )
    before = assignments()
    other = coefficient_scheme(other_shop)
    client.force_login(shop.users["council_member"])
    data = roles_post(shop, scheme, {"member": "Ayudante", "auditor": ""})
    data[f"member-{shop.members['secretary'].pk}"] = category(other, "Oficial").pk
    response = client.post(url(shop, "economy_scheme_roles", scheme.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors[f"member-{shop.members['secretary'].pk}"]
    assert 'role="alert"' in response.content.decode()
    assert assignments() == before  # the valid rows were not saved either


def test_the_service_checks_every_row_before_writing_any(shop, scheme, other_shop):
    council = council_access(shop)
    retiros.member_category_set(
        council, scheme, shop.members["auditor"], category(scheme, "Maquinista")
    )
    before = assignments()
    stranger = other_shop.members["member"]
    ayudante = category(scheme, "Ayudante").pk
    with pytest.raises(ServiceError) as refused:
        retiros.member_categories_set(
            council,
            scheme,
            {shop.members["member"].pk: ayudante, stranger.pk: ayudante},
        )
    assert set(refused.value.errors) == {f"member-{stranger.pk}"}
    with pytest.raises(ServiceError) as refused:
        retiros.member_categories_set(
            council,
            scheme,
            {shop.members["member"].pk: ayudante, shop.members["auditor"].pk: 999_999},
        )
    assert set(refused.value.errors) == {f"member-{shop.members['auditor'].pk}"}
    with pytest.raises(PermissionDeniedError):
        retiros.member_categories_set(
            access(shop, "auditor"), scheme, {shop.members["member"].pk: ayudante}
        )
    with pytest.raises(PermissionDeniedError):
        retiros.member_categories_set(
            council_access(other_shop), scheme, {shop.members["member"].pk: ayudante}
        )
    assert assignments() == before


def test_a_failure_while_writing_undoes_the_earlier_rows(shop, scheme, monkeypatch):
    council = council_access(shop)
    original = retiros.member_category_set
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return original(*args, **kwargs)

    monkeypatch.setattr(retiros, "member_category_set", flaky)
    ayudante = category(scheme, "Ayudante").pk
    with pytest.raises(RuntimeError):
        retiros.member_categories_set(
            council,
            scheme,
            {shop.members["member"].pk: ayudante, shop.members["secretary"].pk: ayudante},
        )
    assert len(calls) == 2
    assert not MemberCategory.objects.exists()


# --- bodies -------------------------------------------------------------------------------------


def test_bodies_page_offers_creating_and_changing_rules_to_the_secretary(client, shop):
    client.force_login(shop.users["secretary"])
    page = client.get(url(shop, "bodies")).content.decode()
    assert url(shop, "body_create") in page
    assert url(shop, "body_rules", general(shop).pk) in page
    client.force_login(shop.users["member"])
    page = client.get(url(shop, "bodies")).content.decode()
    assert url(shop, "body_create") not in page
    assert url(shop, "body_rules", general(shop).pk) not in page


def test_create_a_section_assembly(client, shop):
    section = workplaces.section_add(shop.clerk, shop.workplace, name="Encuadernación", kind="line")
    Member.objects.filter(pk__in=[shop.members["member"].pk, shop.members["auditor"].pk]).update(
        section=section
    )
    client.force_login(shop.users["secretary"])
    form = client.get(url(shop, "body_create")).content.decode()
    assert '<label for="id_section">' in form and "<legend>" in form
    response = client.post(
        url(shop, "body_create"),
        {"kind": "section", "name": "Asamblea de Encuadernación", "section": section.pk},
    )
    assert response.status_code == 302
    body = Body.objects.get(workplace=shop.workplace, name="Asamblea de Encuadernación")
    assert body.kind == BodyKind.SECTION and body.section == section
    assert response["Location"] == url(shop, "bodies") + f"#body-{body.pk}"
    assert assembly_selectors.body_member_ids(body, timezone.localdate()) == {
        shop.members["member"].pk,
        shop.members["auditor"].pk,
    }
    assert "Asamblea de Encuadernación" in client.get(url(shop, "bodies")).content.decode()
    # and a meeting can be called for it
    assert f'value="{body.pk}"' in client.get(url(shop, "meeting_create")).content.decode()


def test_create_a_commission_with_its_members(client, shop):
    client.force_login(shop.users["secretary"])
    chosen = [shop.members["member"].pk, shop.members["council_member"].pk]
    response = client.post(
        url(shop, "body_create"),
        {"kind": "commission", "name": "Comisión de seguridad", "members": chosen, "section": ""},
    )
    assert response.status_code == 302
    body = Body.objects.get(workplace=shop.workplace, name="Comisión de seguridad")
    assert body.kind == BodyKind.COMMISSION and body.section is None
    assert set(body.commission_members.values_list("pk", flat=True)) == set(chosen)
    page = client.get(url(shop, "bodies")).content.decode()
    assert shop.members["council_member"].full_name in page


@pytest.mark.parametrize(
    "data,field",
    [
        ({"kind": "commission", "name": "Comisión vacía"}, "members"),
        ({"kind": "section", "name": "Asamblea sin sección"}, "section"),
        ({"kind": "council", "name": "Otro consejo"}, "kind"),
        ({"kind": "commission", "name": "  ", "members": "member"}, "name"),
        ({"kind": "commission", "name": "COUNCIL", "members": "member"}, "name"),
    ],
)
def test_a_body_that_cannot_be_created_saves_nothing(client, shop, data, field):
    general(shop)  # the general assembly and the council exist
    data = dict(data)
    if data["name"] == "COUNCIL":
        data["name"] = Body.objects.get(workplace=shop.workplace, kind=BodyKind.COUNCIL).name
    if data.get("members") == "member":
        data["members"] = [shop.members["member"].pk]
    client.force_login(shop.users["secretary"])
    before = list(Body.objects.values_list("pk", "name"))
    response = client.post(url(shop, "body_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert list(Body.objects.values_list("pk", "name")) == before


def test_body_create_refuses_strangers_and_other_workplaces(shop, other_shop):
    section = workplaces.section_add(
        other_shop.clerk, other_shop.workplace, name="Tejeduría", kind="line"
    )
    secretary = access(shop, "secretary")
    before = Body.objects.count()
    with pytest.raises(ServiceError) as refused:
        body_services.body_create(
            secretary, shop.workplace, kind="section", name="Tejeduría", section=section
        )
    assert set(refused.value.errors) == {"section"}
    with pytest.raises(ServiceError) as refused:
        body_services.body_create(
            secretary,
            shop.workplace,
            kind="commission",
            name="Mixta",
            members=[other_shop.members["member"]],
        )
    assert set(refused.value.errors) == {"members"}
    with pytest.raises(PermissionDeniedError):
        body_services.body_create(
            access(shop, "council_member"),
            shop.workplace,
            kind="commission",
            name="Sin permiso",
            members=[shop.members["member"]],
        )
    with pytest.raises(PermissionDeniedError):
        body_services.body_create(
            secretary,
            other_shop.workplace,
            kind="commission",
            name="Ajena",
            members=[other_shop.members["member"]],
        )
    assert Body.objects.count() == before


def test_change_a_body_rules_and_go_back_to_the_statute(client, shop):
    body = general(shop)
    today = timezone.localdate()
    statute = assembly_selectors.assembly_rules_get(body, today)
    client.force_login(shop.users["secretary"])
    form = client.get(url(shop, "body_rules", body.pk)).content.decode()
    assert f"{statute.quorum_fraction}" in form  # the statute's value, as the help text
    response = client.post(
        url(shop, "body_rules", body.pk),
        {
            "notice_days": "7",
            "quorum_fraction": "0,5",
            "second_call_minutes": "0",
            "simple_majority": "",
            "qualified_majority": "3/4",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == url(shop, "bodies") + f"#body-{body.pk}"
    assert body_rules(body) == (7, "1/2", 0, "", "3/4")
    rules = assembly_selectors.assembly_rules_get(body, today)
    assert (rules.notice_days, rules.second_call_minutes) == (7, 0)
    assert str(rules.qualified_majority) == "3/4"
    assert rules.simple_majority == statute.simple_majority
    page = client.get(url(shop, "bodies")).content.decode()
    assert "3/4" in page
    # blank again: the statute's values
    response = client.post(url(shop, "body_rules", body.pk), {})
    assert response.status_code == 302
    assert body_rules(body) == (None, "", None, "", "")
    assert assembly_selectors.assembly_rules_get(body, today) == statute


@pytest.mark.parametrize(
    "field,value",
    [
        ("quorum_fraction", "3/2"),
        ("quorum_fraction", "0"),
        ("quorum_fraction", "-1/2"),
        ("quorum_fraction", "1/0"),
        ("quorum_fraction", "half"),
        ("quorum_fraction", "0.123456789"),
        ("simple_majority", "3/5"),
        ("qualified_majority", "1/1"),
        ("notice_days", "-1"),
        ("notice_days", "400"),
        ("second_call_minutes", "-5"),
    ],
)
def test_a_bad_rule_is_refused_and_nothing_changes(client, shop, field, value):
    body = general(shop)
    body_services.body_rules_set(access(shop, "secretary"), body, notice_days=20)
    before = body_rules(body)
    client.force_login(shop.users["secretary"])
    data = {"notice_days": "5", "quorum_fraction": "2/3", field: value}
    response = client.post(url(shop, "body_rules", body.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert body_rules(body) == before


def test_qualified_majority_below_the_simple_one_is_refused(client, shop):
    body = general(shop)
    client.force_login(shop.users["secretary"])
    response = client.post(
        url(shop, "body_rules", body.pk), {"simple_majority": "2/3", "qualified_majority": "1/2"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["qualified_majority"]
    assert body_rules(body) == (None, "", None, "", "")


def test_the_refusal_is_said_in_the_reader_language(client, shop, catalogs):
    body = general(shop)
    client.force_login(shop.users["secretary"])
    response = client.post(url(shop, "body_rules", body.pk), {"quorum_fraction": "3/2"})
    assert "La fracción tiene que ser mayor que 0" in response.content.decode()
    assert body_rules(body) == (None, "", None, "", "")


def test_rules_do_not_change_during_a_session(client, shop):
    meeting = in_session(shop)
    before = body_rules(meeting.body)
    client.force_login(shop.users["secretary"])
    response = client.post(url(shop, "body_rules", meeting.body.pk), {"quorum_fraction": "2/3"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert body_rules(meeting.body) == before


def test_rules_of_another_workplace_body_are_not_found(client, shop, other_shop):
    theirs = general(other_shop)
    before = body_rules(theirs)
    client.force_login(shop.users["secretary"])
    assert client.get(url(shop, "body_rules", theirs.pk)).status_code == 404
    response = client.post(url(shop, "body_rules", theirs.pk), {"notice_days": "3"})
    assert response.status_code == 404
    with pytest.raises(PermissionDeniedError):
        body_services.body_rules_set(access(shop, "secretary"), theirs, notice_days=3)
    assert body_rules(theirs) == before
