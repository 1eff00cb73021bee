"""Translated messages for the register's rule codes (the domain returns codes)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cordones.core.errors import ServiceError
from cordones.domain.register.book import RegisterError

MESSAGES = {
    "member_number_invalid": _("The member number must be a positive whole number."),
    "member_number_taken": _("Member number %(number)s is already in the register."),
    "amount_negative": _("The amount cannot be negative."),
    "paid_exceeds_subscribed": _("Paid-in shares cannot exceed the shares subscribed."),
    "end_before_start": _("The end date cannot be before the start date."),
    "not_a_member_on": _("The person was not a member on %(day)s."),
    "office_already_held": _("The member already holds this office on that date."),
    "term_unknown": _("That term of office is not in this member's history."),
    "term_already_ended": _("That term of office has already ended."),
    "not_admitted": _("This person has no admission in the register."),
    "already_departed": _("This member has already left the cooperative."),
    "entry_unknown": _("That register entry does not exist."),
    "cannot_correct_correction": _("A correction cannot be corrected; correct the original entry."),
}


# the domain's field names, as the forms and services call them
FIELDS = {"member_number": "number", "subscribed": "shares_subscribed", "paid": "shares_paid"}


def raise_register_errors(errors: list[RegisterError]) -> None:
    if not errors:
        return
    pairs = []
    for error in errors:
        params = {
            k: date_format(v, "SHORT_DATE_FORMAT") if hasattr(v, "isoformat") else v
            for k, v in error.params.items()
        }
        pairs.append((FIELDS.get(error.field, error.field), str(MESSAGES[error.code]) % params))
    raise ServiceError(pairs)
