from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from cordones.accounts.models import User
from cordones.core.errors import ServiceError


def profile_update(user: User, *, full_name: str, preferred_language: str) -> User:
    if preferred_language not in dict(settings.LANGUAGES):
        raise ServiceError.single("preferred_language", _("Choose a language from the list."))
    if not full_name.strip():
        raise ServiceError.single("full_name", _("Enter your full name."))
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "preferred_language"])
    return user
