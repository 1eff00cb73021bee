"""The translation seam of the domain.

Every user-facing sentence is an English msgid with ``%(name)s`` placeholders, wrapped in
:func:`gettext_noop` so that ``xgettext`` / ``django-admin makemessages`` (which both know the
``gettext_noop`` keyword) extract it. Nothing in the domain translates: rendering takes a
gettext-like callable (:data:`Gettext`) from the caller, by default :func:`identity`, so the
domain never imports a translation framework.
"""

from __future__ import annotations

from collections.abc import Callable

Gettext = Callable[[str], str]


def gettext_noop(msgid: str) -> str:
    """Marks ``msgid`` for extraction without translating it now."""
    return msgid


def identity(msgid: str) -> str:
    """The default :data:`Gettext`: the English msgid itself."""
    return msgid
