"""Identifiers and debtor recognition (docs/rules.md §10): SIREN, SIRET, VAT number, phone, currency, and the key
that recognises one debtor placed by several creditors."""

from __future__ import annotations

import re
import unicodedata

from stdnum import vatin
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as siren_number
from stdnum.fr import siret as siret_number

from shared.i18n import BilingualValueError

from intake.domain.currencies import is_active_currency as is_known_currency


def normalise_siren(value: str) -> str:
    """SIREN: 9 digits with a Luhn check digit (INSEE). Spaces are tolerated and removed."""
    try:
        return str(siren_number.validate(value))
    except ValidationError as exc:
        raise BilingualValueError(
            f"'{value}' is not a valid SIREN (9 digits with a valid check digit)",
            f"« {value} » n'est pas un SIREN valide (9 chiffres dont une clé de contrôle correcte)",
        ) from exc


def normalise_siret(value: str) -> str:
    try:
        return str(siret_number.validate(value))
    except ValidationError as exc:
        raise BilingualValueError(
            f"'{value}' is not a valid SIRET (14 digits: the SIREN then the establishment number)",
            f"« {value} » n'est pas un SIRET valide (14 chiffres : le SIREN suivi du numéro d'établissement)",
        ) from exc


def normalise_vat(value: str) -> str:
    """A VAT number with its country prefix: intra-EU (FR40303265045) or another country's (CHE-123.456.788)."""
    try:
        return str(vatin.validate(value))
    except ValidationError as exc:
        raise BilingualValueError(
            f"'{value}' is not a valid VAT number with its country prefix (e.g. FR40303265045)",
            f"« {value} » n'est pas un numéro de TVA valide précédé du code pays (par exemple FR40303265045)",
        ) from exc


def normalise_currency(value: str) -> str:
    code = value.strip().upper()
    if not is_known_currency(code):
        raise BilingualValueError(
            f"'{value}' is not a known ISO 4217 currency code (e.g. EUR)",
            f"« {value} » n'est pas un code de devise ISO 4217 connu (par exemple EUR)",
        )
    return code


# -- debtor recognition --------------------------------------------------------------------------


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def debtor_match_key(
    *, type: str, name: str, siren: str | None, email: str | None, address: dict[str, str] | None
) -> str:
    """What recognises one debtor placed by several creditors: the SIREN for a company; for a person the
    e-mail address, else the folded name with postal code and street line."""
    if type == "company" and siren:
        return f"siren:{siren}"
    if email:
        return f"email:{email.strip().lower()}"
    where = ""
    if address:
        where = f"|{_folded(address.get('postal_code', ''))}|{_folded(address.get('line1', ''))}"
    return f"name:{_folded(name)}{where}"


# -- receivables ---------------------------------------------------------------------------------
