"""The kernel's input limits (`shared.limits`) applied to intake's values: what a client may write for an
amount, a rate, a business date, a name or a filter, refused with a 422 naming the field otherwise."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, WithJsonSchema

from shared.limits import DateText, Name, Prose, QueryText, Text, decimal_text

from intake.domain.limits import BoundedAmount, BusinessDate

Money = Annotated[
    BoundedAmount,
    decimal_text(places=2),
    WithJsonSchema(
        {"type": "string", "pattern": r"^[+-]?[0-9]{1,12}(\.[0-9]{1,2})?$", "examples": ["1200.00"]}, mode="validation"
    ),
]
"""An amount as a client writes it ("1200.00"): ASCII digits, at most two decimals, within NUMERIC(14,2)."""

RateFraction = Annotated[
    Decimal,
    decimal_text(places=6),
    WithJsonSchema(
        {"type": "string", "pattern": r"^[+-]?[0-9]{1,6}(\.[0-9]{1,6})?$", "examples": ["0.15"]}, mode="validation"
    ),
]
"""A rate as a fraction ("0.15" is 15 %): ASCII digits, at most six decimals."""

Day = Annotated[BusinessDate, DateText]
"""A business date written YYYY-MM-DD, between 1990-01-01 and 2100-12-31."""

Code = Annotated[Text, Field(max_length=40)]
"""An identifier a register gives (SIREN, SIRET, VAT number, IBAN, BIC, phone): checked by its own rule after."""

__all__ = ["Code", "Day", "Money", "Name", "Prose", "QueryText", "RateFraction", "Text"]
