"""What the API and the imports accept before anything reaches the database: amounts that fit the
NUMERIC(14,2) money columns, at most two decimals, and business dates in a range that means something.

A value outside these bounds is a mistake in the input (a typo, an exponent, a placeholder date such as
9999-12-31), so it is refused with a 422 naming the field rather than failing on commit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator

from shared.i18n import BilingualValueError
from shared.money import Amount
from shared.wording import format_date

# NUMERIC(14,2) holds 12 digits before the decimal point.
MAX_AMOUNT = Decimal("999999999999.99")
# Receivables and payments older than 1990 are long prescribed; later than 2100 is a placeholder.
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)


def check_amount(value: Decimal) -> Decimal:
    """At most MAX_AMOUNT in absolute value and at most two decimals. Never calls `quantize` on an
    unbounded value: 1E+30 would raise decimal.InvalidOperation instead of a plain refusal."""
    if abs(value) > MAX_AMOUNT:
        raise BilingualValueError(
            f"{value} is too large: an amount is at most 999,999,999,999.99",
            f"{value} est trop grand : un montant ne dépasse pas 999 999 999 999,99",
        )
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise BilingualValueError(f"{value} has more than two decimal places", f"{value} a plus de deux décimales")
    return value


def check_business_date(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise BilingualValueError(
            f"{value.isoformat()} is outside the dates we accept ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})",
            f"{format_date(value, 'fr')} est hors des dates acceptées (du {format_date(FIRST_DAY, 'fr')} au "
            f"{format_date(LAST_DAY, 'fr')})",
        )
    return value


BoundedAmount = Annotated[Amount, AfterValidator(check_amount)]
"""A money amount that fits the database: at most 999 999 999 999.99, two decimals."""

BusinessDate = Annotated[date, AfterValidator(check_business_date)]
"""A business date between 1990-01-01 and 2100-12-31."""
