"""Writes on workplaces: each function validates, then saves everything or nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cordones.core.errors import ServiceError
from cordones.domain.statutes import StatuteError, apply_overrides, preset_versions
from cordones.members.permissions import Access, require
from cordones.workplaces.models import Section, Workplace

EDITABLE_FIELDS = (
    "name",
    "legal_name",
    "legal_form",
    "tax_id",
    "registration_number",
    "sector",
    "country",
    "address",
    "city",
    "province",
    "latitude",
    "longitude",
    "founded_on",
    "recovered_on",
    "fiscal_year_end_month",
    "statute_profile",
    "currency",
)


def _validated_save(workplace: Workplace) -> Workplace:
    try:
        workplace.full_clean()
    except ValidationError as exc:
        raise ServiceError(exc.message_dict) from None
    workplace.save()
    return workplace


@transaction.atomic
def workplace_create(*, slug: str, **fields: Any) -> Workplace:
    """A new workplace (the tenant). Not a workplace's own write: the platform's operator
    creates workplaces from the command line, before anyone holds a role in them."""
    if Workplace.objects.filter(slug=slug).exists():
        raise ServiceError.single("slug", _("That short name is already in use."))
    workplace = Workplace(slug=slug, **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    return _validated_save(workplace)


def workplace_update(access: Access, workplace: Workplace, **fields: Any) -> Workplace:
    require(access, "workplace.edit", workplace)
    with transaction.atomic():
        return _workplace_update(workplace, fields)


def _workplace_update(workplace: Workplace, fields: dict[str, Any]) -> Workplace:
    fresh = Workplace.objects.select_for_update().get(pk=workplace.pk)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ServiceError.single(name, _("This value cannot be changed here."))
        setattr(fresh, name, value)
    return _validated_save(fresh)


def statute_overrides_set(
    access: Access, workplace: Workplace, overrides: dict[str, Any]
) -> Workplace:
    """Replace the workplace's own statute values after checking each one."""
    require(access, "workplace.edit", workplace)
    try:
        for version in preset_versions(workplace.statute_profile):
            apply_overrides(version.rules, overrides)
    except StatuteError as exc:
        raise ServiceError.single(
            "statute_overrides",
            _("The statute value “%(name)s” is unknown or out of range.") % {"name": exc.field},
        ) from None
    Workplace.objects.filter(pk=workplace.pk).update(statute_overrides=overrides)
    workplace.statute_overrides = overrides
    return workplace


def section_add(access: Access, workplace: Workplace, *, name: str, kind: str) -> Section:
    require(access, "workplace.edit", workplace)
    name = name.strip()
    if not name:
        raise ServiceError.single("name", _("Give the section a name."))
    try:
        with transaction.atomic():
            section = Section(workplace=workplace, name=name, kind=kind)
            section.full_clean(exclude=["workplace"], validate_unique=False)
            section.save()
    except ValidationError as exc:
        raise ServiceError(exc.message_dict) from None
    except IntegrityError:
        raise ServiceError.single("name", _("There is already a section with that name.")) from None
    return section


def section_remove(access: Access, workplace: Workplace, section_id: int) -> None:
    require(access, "workplace.edit", workplace)
    deleted, _count = Section.objects.filter(workplace=workplace, pk=section_id).delete()
    if not deleted:
        raise ServiceError.single("", _("That section does not exist."))
