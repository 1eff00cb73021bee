from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from cordones.domain.statutes import (
    StatuteRules,
    StatuteVersion,
    apply_overrides,
    preset_versions,
    version_in_force,
)
from cordones.workplaces.models import Section, Workplace


def workplace_get(slug: str) -> Workplace:
    return Workplace.objects.get(slug=slug)


def section_list(workplace: Workplace) -> QuerySet[Section]:
    return workplace.sections.all()


def statute_version_get(workplace: Workplace, day: date) -> StatuteVersion:
    return version_in_force(preset_versions(workplace.statute_profile), day)


def statute_rules_get(workplace: Workplace, day: date) -> StatuteRules:
    """The rules in force on `day`: the profile's version then, with our own values."""
    version = statute_version_get(workplace, day)
    return apply_overrides(version.rules, workplace.statute_overrides or {})
