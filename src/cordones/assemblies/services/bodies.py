"""Bodies: creating a section assembly or a commission, and a body's own rules (values that
replace the statute profile's for that body; blank follows the statute)."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cordones.assemblies.models import Body, BodyKind, MeetingStatus
from cordones.assemblies.services.votes import THRESHOLDS
from cordones.core.errors import ServiceError
from cordones.domain.assemblies.rules import AssemblyRules
from cordones.domain.bounds import parse_fraction
from cordones.members.models import Member
from cordones.members.permissions import Access, require
from cordones.members.selectors import register_rows
from cordones.workplaces.models import Section, Workplace
from cordones.workplaces.selectors import statute_rules_get

MAX_NOTICE_DAYS = 365
MAX_SECOND_CALL_MINUTES = 24 * 60
NAME_LENGTH = 150
FRACTION_LENGTH = 10  # what the body's columns hold


def body_create(
    access: Access,
    workplace: Workplace,
    *,
    kind: str,
    name: str,
    section: Section | None = None,
    members: Iterable[Member] = (),
) -> Body:
    """A section assembly (the section's members meet) or a commission (the members
    listed). The general assembly and the council exist already (`bodies_ensure`)."""
    require(access, "assembly.manage", workplace)
    errors: list[tuple[str, str]] = []
    name = name.strip()
    chosen = list(members)
    if not name:
        errors.append(("name", _("Give the body a name.")))
    elif len(name) > NAME_LENGTH:
        errors.append(("name", _("The name is too long.")))
    elif Body.objects.filter(workplace=workplace, name=name).exists():
        errors.append(("name", _("There is already a body with that name.")))
    if kind == BodyKind.SECTION:
        if section is None:
            errors.append(("section", _("Choose the section whose members meet.")))
        elif section.workplace_id != workplace.pk:
            errors.append(("section", _("That section belongs to another workplace.")))
        elif Body.objects.filter(
            workplace=workplace, kind=BodyKind.SECTION, section=section
        ).exists():
            errors.append(("section", _("That section already has its assembly.")))
    elif kind == BodyKind.COMMISSION:
        current = {
            r.member.pk for r in register_rows(workplace, only_active_on=timezone.localdate())
        }
        if not chosen:
            errors.append(("members", _("Choose the commission's members.")))
        elif any(m.workplace_id != workplace.pk or m.pk not in current for m in chosen):
            errors.append(
                ("members", _("Only current members of this workplace can be on a commission."))
            )
    else:
        errors.append(("kind", _("Choose a section assembly or a commission.")))
    if errors:
        raise ServiceError(errors)
    try:
        with transaction.atomic():
            body = Body.objects.create(
                workplace=workplace,
                kind=kind,
                name=name,
                section=section if kind == BodyKind.SECTION else None,
            )
            if kind == BodyKind.COMMISSION:
                body.commission_members.set(chosen)
    except IntegrityError:
        raise ServiceError.single("name", _("There is already a body with that name.")) from None
    return body


def _fraction(text: str, *, majority: bool) -> tuple[Fraction | None, str]:
    """The fraction typed ("2/3", "0.5", "0,5"), or an error message; blank is None."""
    text = text.strip().replace(",", ".")
    if not text:
        return None, ""
    value = parse_fraction(text)  # a bounded grammar: no "1e-10000000"
    if value is None:
        return None, _("Write a fraction such as 1/2 or 2/3.")
    if not 0 < value <= 1:
        return None, _("The fraction must be above 0 and at most 1, such as 1/2 or 2/3.")
    if len(str(value)) > FRACTION_LENGTH:
        return None, _("Write a fraction such as 1/2 or 2/3.")
    if majority and str(value) not in THRESHOLDS:
        # the vote count applies only these; any other value would be counted as 1/2
        return None, _("Votes are counted with a majority of 1/2, 2/3 or 3/4: choose one.")
    return value, ""


def body_rules_set(
    access: Access,
    body: Body,
    *,
    notice_days: int | None = None,
    quorum_fraction: str = "",
    second_call_minutes: int | None = None,
    simple_majority: str = "",
    qualified_majority: str = "",
) -> Body:
    """Replace the body's own values; a blank one follows the statute profile. Every value
    is checked, and the result must make valid rules with the statute's in force today."""
    require(access, "assembly.manage", body.workplace)
    errors: list[tuple[str, str]] = []
    overrides: dict[str, object] = {}
    for field, number, top in (
        ("notice_days", notice_days, MAX_NOTICE_DAYS),
        ("second_call_minutes", second_call_minutes, MAX_SECOND_CALL_MINUTES),
    ):
        if number is not None and not 0 <= number <= top:
            errors.append((field, _("Enter a whole number from 0 to %(top)s.") % {"top": top}))
        else:
            overrides[field] = number
    for field, text, majority in (
        ("quorum_fraction", quorum_fraction, False),
        ("simple_majority", simple_majority, True),
        ("qualified_majority", qualified_majority, True),
    ):
        value, message = _fraction(text, majority=majority)
        if message:
            errors.append((field, message))
        else:
            overrides[field] = None if value is None else str(value)
    if errors:
        raise ServiceError(errors)
    statute = statute_rules_get(body.workplace, timezone.localdate())
    try:
        rules = AssemblyRules.from_statute(statute, **overrides)
    except (ValueError, TypeError, ZeroDivisionError):
        raise ServiceError.single("", _("These values do not make valid rules.")) from None
    if rules.qualified_majority < rules.simple_majority:
        raise ServiceError.single(
            "qualified_majority",
            _("The qualified majority cannot be less than the simple majority."),
        )
    with transaction.atomic():
        if body.meetings.filter(
            status__in=[MeetingStatus.IN_SESSION, MeetingStatus.ADJOURNED]
        ).exists():
            raise ServiceError.single(
                "", _("The rules cannot change while a meeting of this body is in session.")
            )
        values = {
            "notice_days": overrides["notice_days"],
            "quorum_fraction": overrides["quorum_fraction"] or "",
            "second_call_minutes": overrides["second_call_minutes"],
            "simple_majority": overrides["simple_majority"] or "",
            "qualified_majority": overrides["qualified_majority"] or "",
        }
        Body.objects.filter(pk=body.pk).update(**values)
    for field, saved in values.items():
        setattr(body, field, saved)
    return body
