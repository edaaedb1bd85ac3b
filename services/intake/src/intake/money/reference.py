"""ISO 11649 structured creditor references ("RF" references) for case payments."""

from __future__ import annotations

import re
import uuid

from stdnum import iso11649
from stdnum.exceptions import ValidationError
from stdnum.iso7064 import mod_97_10

from intake.money.errors import InvalidCreditorReference

# ISO 11649: "RF", two check digits, then 1 to 21 alphanumeric characters.
MAX_BODY_LENGTH = 21
_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")
_CONTIGUOUS = re.compile(r"\bRF\d{2}[0-9A-Z]{1,21}\b", re.IGNORECASE)
_GROUPED = re.compile(r"\bRF\d{2}(?: [0-9A-Z]{1,4}){1,6}\b", re.IGNORECASE)


def creditor_reference(case_number: str) -> str:
    """ISO 11649: builds "RF" + check digits + the case number's letters and digits (at most 21),
    so a debtor's bank transfer carries a reference the bank statement returns intact."""
    body = _NOT_ALPHANUMERIC.sub("", case_number.upper())
    if not body or len(body) > MAX_BODY_LENGTH:
        raise InvalidCreditorReference(
            f"case number '{case_number}' gives {len(body)} letters and digits; an RF reference holds 1 to "
            f"{MAX_BODY_LENGTH}",
            f"le numéro de dossier « {case_number} » donne {len(body)} lettres et chiffres ; une référence RF en "
            f"contient de 1 à {MAX_BODY_LENGTH}",
        )
    # ISO 7064 MOD 97-10 over body + "RF" + check digits must leave 1.
    return f"RF{mod_97_10.calc_check_digits(body + 'RF')}{body}"


def validate_creditor_reference(value: str) -> str:
    """ISO 11649 check (python-stdnum): returns the compact form, or raises a plain error."""
    try:
        return str(iso11649.validate(value))
    except ValidationError as exc:
        raise InvalidCreditorReference(
            f"'{value}' is not a valid RF creditor reference (ISO 11649)",
            f"« {value} » n'est pas une référence créancier RF valide (ISO 11649)",
        ) from exc


def format_creditor_reference(value: str) -> str:
    """Printed form in blocks of four, as on a payment slip: "RF18 5390 0754 7034"."""
    return str(iso11649.format(validate_creditor_reference(value)))


def find_creditor_reference(text: str) -> str | None:
    """The first valid RF reference in free remittance text, written compact or in blocks of four.
    When blocks run into other words, trailing blocks are dropped until the check digits agree."""
    for match in _CONTIGUOUS.finditer(text):
        if iso11649.is_valid(match.group()):
            return str(iso11649.compact(match.group()))
    for match in _GROUPED.finditer(text):
        blocks = match.group().split(" ")
        for end in range(len(blocks), 1, -1):
            candidate = "".join(blocks[:end])
            if iso11649.is_valid(candidate):
                return str(iso11649.compact(candidate))
    return None


def case_rf_reference(case_id: uuid.UUID) -> str:
    """The RF reference a case is paid with, unique across the agency's account: built from the case id, not the
    creditor's own reference, which two creditors may share."""
    return creditor_reference(case_id.hex[:16].upper())
