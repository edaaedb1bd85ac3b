"""The kernel's input limits (`shared.limits`) applied to insurance and factoring: amounts that fit NUMERIC(14,2),
percentages, dates in a range that means something (a date near year 9999 would overflow when days are added),
SIRENs and IBANs checked by their own rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema
from stdnum import iban as iban_number
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as siren_number

from shared.i18n import BilingualValueError
from shared.limits import DateText, Name, Prose, Text, decimal_text
from shared.money import Amount

MAX_AMOUNT = Decimal("999999999999.99")
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)


def _positive_bounded(value: Decimal) -> Decimal:
    if value <= 0:
        raise BilingualValueError("the amount must be positive", "le montant doit être positif")
    if value > MAX_AMOUNT:
        raise BilingualValueError(
            f"{value} is too large: an amount is at most 999 999 999 999.99",
            f"{value} est trop grand : un montant ne dépasse pas 999 999 999 999.99",
        )
    return value


def _within_dates(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise BilingualValueError(
            f"{value.isoformat()} is outside the dates we accept ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})",
            f"{value.isoformat()} est hors des dates acceptées (du {FIRST_DAY.isoformat()} au {LAST_DAY.isoformat()})",
        )
    return value


def _siren(value: str) -> str:
    try:
        return str(siren_number.validate(value))
    except ValidationError as exc:
        raise BilingualValueError(
            f"'{value}' is not a valid SIREN (9 digits with a valid check digit)",
            f"« {value} » n'est pas un SIREN valide (9 chiffres dont une clé de contrôle correcte)",
        ) from exc


def _iban(value: str) -> str:
    try:
        return str(iban_number.validate(value))
    except ValidationError as exc:
        raise BilingualValueError(f"'{value}' is not a valid IBAN", f"« {value} » n'est pas un IBAN valide") from exc


PositiveMoney = Annotated[
    Amount,
    decimal_text(places=2),
    AfterValidator(_positive_bounded),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$", "examples": ["1200.00"]}),
]
"""A positive amount as a client writes it ("1200.00"), within NUMERIC(14,2)."""

Percentage = Annotated[
    Decimal,
    decimal_text(places=2),
    Field(gt=0, le=100),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,3}(\.[0-9]{1,2})?$", "examples": ["90.00"]}),
]
"""A percentage, 90 % written "90.00": above 0, at most 100."""

Day = Annotated[date, DateText, AfterValidator(_within_dates)]
"""A business date written YYYY-MM-DD, between 1990-01-01 and 2100-12-31."""

Siren = Annotated[str, Field(max_length=20, examples=["732829320"]), AfterValidator(_siren)]
Iban = Annotated[str, Field(max_length=40, examples=["FR7630006000011234567890189"]), AfterValidator(_iban)]
Reference = Annotated[Name, Field(max_length=140)]
Note = Annotated[Prose, Field(max_length=2000)]


def fields_of(model: BaseModel) -> dict[str, Any]:
    """A request's values as they are, for a table (amounts stay Decimals: `model_dump` writes them as text)."""
    return {name: getattr(model, name) for name in type(model).model_fields}


__all__ = ["Day", "Iban", "Name", "Note", "Percentage", "PositiveMoney", "Prose", "Reference", "Siren", "Text"]
