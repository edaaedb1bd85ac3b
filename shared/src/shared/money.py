"""Money is `Decimal` end to end and rounded to the cent once, at the end of a computation."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer

from shared.i18n import BilingualValueError

CENT = Decimal("0.01")


def round_cents(amount: Decimal) -> Decimal:
    """Commercial rounding (half up), the convention of French statements of account."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(value: object) -> Decimal:
    """Accepts a string or a Decimal holding a decimal number; refuses floats, which cannot be exact."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation as exc:
            raise BilingualValueError(
                f'{value!r} is not an amount; write it as a decimal string such as "1200.00"',
                f"« {value} » n'est pas un montant ; écrivez-le avec un point décimal, par exemple « 1200.00 »",
            ) from exc
    else:
        raise BilingualValueError(
            'amounts are strings holding decimals, such as "1200.00", never floating-point numbers',
            "un montant s'écrit en texte avec un point décimal, par exemple « 1200.00 », jamais en nombre à virgule "
            "flottante",
        )
    if not amount.is_finite():
        raise BilingualValueError("an amount must be a finite number", "un montant est un nombre fini")
    return amount


def format_amount(amount: Decimal) -> str:
    return str(round_cents(amount))


Amount = Annotated[Decimal, BeforeValidator(parse_amount), PlainSerializer(format_amount, return_type=str)]
"""A money amount in an API model: accepted and returned as a decimal string with two places."""
