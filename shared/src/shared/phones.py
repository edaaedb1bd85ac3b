"""Phone numbers as the platform keeps them: E.164, read in the country given when written nationally. One rule for
a debtor's number on a case (intake) and the number a debtor gives to be called back (dunning)."""

from __future__ import annotations

import phonenumbers

from shared.i18n import BilingualValueError


def normalise_phone(value: str, country: str = "FR") -> str:
    """Stored in E.164; a national number is read in the debtor's country."""
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException as exc:
        raise BilingualValueError(
            f"'{value}' is not a phone number", f"« {value} » n'est pas un numéro de téléphone"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        if country == "FR":
            raise BilingualValueError(
                f"'{value}' is not a valid French phone number (write it 06 12 34 56 78, or +44 20 7123 4567 abroad)",
                f"« {value} » n'est pas un numéro de téléphone français valide (écrivez-le 06 12 34 56 78, ou "
                "+44 20 7123 4567 pour l'étranger)",
            )
        raise BilingualValueError(
            f"'{value}' is not a valid phone number for {country}",
            f"« {value} » n'est pas un numéro de téléphone valide pour le pays {country}",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
