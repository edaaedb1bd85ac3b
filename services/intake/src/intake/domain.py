"""Pure intake rules: no session, no clock, no I/O."""

from __future__ import annotations

from stdnum.fr import siren as siren_number
from stdnum.exceptions import ValidationError


def normalise_siren(value: str) -> str:
    """SIREN: 9 digits with a Luhn check digit (INSEE). Spaces are tolerated and removed."""
    try:
        return str(siren_number.validate(value))
    except ValidationError as exc:
        raise ValueError(f"'{value}' is not a valid SIREN (9 digits with a valid check digit)") from exc
