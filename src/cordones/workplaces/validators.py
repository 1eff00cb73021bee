from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.ar import cuit
from stdnum.exceptions import ValidationError as StdnumError


def normalize_cuit(value: str) -> str:
    """Return the CUIT as 20-12345678-9, or raise a translated ValidationError."""
    try:
        return str(cuit.format(cuit.validate(value)))
    except StdnumError:
        raise ValidationError(
            _("“%(value)s” is not a valid CUIT: check the 11 digits and the check digit."),
            code="invalid_cuit",
            params={"value": value},
        ) from None
