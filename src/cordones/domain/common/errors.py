"""The base of the errors the domain returns as data (in the manner of beancount).

An error is a frozen value with a ``code`` and its ``params`` (sorted ``(name, text)`` pairs);
its subclass names the table of English msgids (``MESSAGES``) the code is looked up in, and
:meth:`DomainError.message` renders it through a gettext-like callable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from cordones.domain.common.i18n import Gettext, identity


class DomainError:
    """Mixin of the frozen dataclasses that report a domain problem as data.

    Subclasses declare the dataclass fields ``code`` and ``params`` (and whatever says where
    the problem is) and set ``MESSAGES``.
    """

    __slots__ = ()

    MESSAGES: ClassVar[Mapping[str, str]]
    code: str
    params: tuple[tuple[str, str], ...]

    def message(self, gettext: Gettext = identity) -> str:
        return gettext(self.MESSAGES[self.code]) % dict(self.params)


def checked_code(code: str, messages: Mapping[str, str]) -> str:
    """``code`` itself, if ``messages`` has it; an unknown code is a programming error."""
    if code not in messages:  # pragma: no cover - a programming error
        raise KeyError(code)
    return code


def text_params(values: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """``values`` as the sorted ``(name, text)`` pairs an error keeps."""
    return tuple(sorted((k, str(v)) for k, v in values.items()))
