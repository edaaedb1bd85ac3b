"""API models of a payment's reversal."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.money import Amount

from intake.api.fields import Prose


class ReversalIn(BaseModel):
    reason: Prose = Field(
        min_length=3,
        max_length=500,
        examples=["paiement saisi sur le mauvais dossier (doublon de VIR-2026-11-20-0042)"],
        description="why the payment no longer counts: shown in the case's audit trail and its timeline",
    )


class ReversalPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    payment_id: uuid.UUID
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    amount: Amount = Field(description="the payment's amount, negated: the reversing entry")
    commission_excl_vat: Amount = Field(description="the reversing commission entry (negated), excl. VAT")
    commission_vat: Amount
    commission: Amount
    reason: str
    reversed_on: date
    reversed_by: str
    reversed_at: datetime
    remitted_in: uuid.UUID | None = Field(description="the remittance that had already paid the payment over")
    debt: Amount = Field(description="what the creditor owes back, netted on its next remittance; 0 if never remitted")
    netted_in: uuid.UUID | None = Field(description="the remittance the debt was netted on; None while carried")
    reopened_to: str | None = Field(description="the status of the case this payment had closed as paid, reopened")
    receipt_void: bool = Field(description="the payment's receipt (quittance) is void: its download answers 410")
