"""API models of the creditors' bank accounts and remittances."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator
from stdnum import bic as bic_number
from stdnum import iban as iban_number
from stdnum.exceptions import ValidationError

from shared.i18n import BilingualValueError
from shared.money import Amount

from intake.api.fields import Code, Day

# -- creditors' bank accounts and remittances -----------------------------------------------------


class BankAccountIn(BaseModel):
    iban: Code = Field(examples=["FR76 3000 6000 0112 3456 7890 189"])
    bic: Code | None = Field(default=None, examples=["AGRIFRPP"])

    @field_validator("iban")
    @classmethod
    def iban_is_valid(cls, value: str) -> str:
        try:
            return str(iban_number.validate(value))
        except ValidationError as exc:
            raise BilingualValueError(
                f"'{value}' is not a valid IBAN (ISO 13616 check digits)",
                f"« {value} » n'est pas un IBAN valide (chiffres de contrôle ISO 13616)",
            ) from exc

    @field_validator("bic")
    @classmethod
    def bic_is_valid(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return str(bic_number.validate(value))
        except ValidationError as exc:
            raise BilingualValueError(
                f"'{value}' is not a valid BIC (ISO 9362)", f"« {value} » n'est pas un BIC valide (ISO 9362)"
            ) from exc


class BankAccountPublic(BaseModel):
    creditor_id: uuid.UUID
    iban: str | None
    bic: str | None


class RemittanceRunIn(BaseModel):
    creditor_id: uuid.UUID | None = Field(default=None, description="one creditor only; default: every creditor")
    execution_date: Day | None = Field(default=None, description="default: today")


class RemittanceLinePublic(BaseModel):
    payment_id: str
    case_id: str
    received_on: date
    source: str
    amount: Amount
    rate: Decimal
    commission_excl_vat: Amount
    vat: Amount
    commission: Amount
    held: Amount
    net: Amount
    arithmetic: str


class RemittancePublic(BaseModel):
    id: uuid.UUID
    run_id: uuid.UUID
    creditor_id: uuid.UUID
    issued_on: date
    collected: Amount
    held: Amount
    commission_excl_vat: Amount
    commission_vat: Amount
    commission: Amount
    remitted: Amount
    commission_to_invoice: Amount
    iban: str | None
    invoice_number: str | None = Field(
        default=None,
        description="the agency's invoice of the commission (FC-000042), or its credit note (AV-000007) when netted "
        "reversals make the commission negative; None: no commission",
    )
    invoice_url: str | None = Field(default=None, description="where the invoice's (or credit note's) PDF is read")
    credit_note: bool = Field(default=False, description="the document is a credit note (facture d'avoir)")
    lines: list[RemittanceLinePublic]


class RemittanceRunPublic(BaseModel):
    id: uuid.UUID
    message_id: str
    execution_date: date
    transfers: int
    total: Amount
    transfer_url: str | None
    skipped: list[dict[str, str]]
    remittances: list[RemittancePublic]


class RemittanceAlertPublic(BaseModel):
    payment_id: str
    case_id: str
    creditor_id: str
    amount: Amount
    received_on: date
    deadline: date
    days_left: int
    overdue: bool


class RemittanceAlertPage(BaseModel):
    items: list[RemittanceAlertPublic]
    total: int
    newly_alerted: int = 0


class RemittancePage(BaseModel):
    """A creditor's remittances, a page at a time: `items` (at most `limit`, from `offset`) and `total`."""

    items: list[RemittancePublic]
    total: int
