"""What every part of the domain shares: money to the cent, the gettext seam, the error base."""

from cordones.domain.common.errors import DomainError
from cordones.domain.common.i18n import Gettext, gettext_noop, identity
from cordones.domain.common.money import CENT

__all__ = ["CENT", "DomainError", "Gettext", "gettext_noop", "identity"]
