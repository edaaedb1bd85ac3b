"""API models of cases: opening one with its debtor and invoices, reading it, moving it along."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared.i18n import BilingualValueError
from shared.limits import FreeJson
from shared.money import Amount

from intake.api.fields import Code, Day, Money, Name, Prose
from intake.debtors.schemas import DebtorIn, DebtorPublic
from intake.domain import normalise_currency


class InvoiceIn(BaseModel):
    number: Name = Field(max_length=60, examples=["F-001"])
    issue_date: Day = Field(examples=["2026-06-01"])
    due_date: Day = Field(examples=["2026-07-01"])
    amount: Money = Field(description="amount including VAT, at most 999 999 999 999.99", examples=["1200.00"])
    vat: Money | None = Field(default=None, examples=["200.00"])
    currency: Code = Field(
        default="EUR", examples=["EUR"], description="ISO 4217; every invoice of a case is in the case's currency"
    )
    outstanding: Money | None = Field(default=None, description="what remains unpaid; default: the amount")
    acknowledged_on: Day | None = Field(default=None, description="last written acknowledgement of the debt")
    last_partial_payment_on: Day | None = None

    @field_validator("currency")
    @classmethod
    def currency_is_known(cls, value: str) -> str:
        return normalise_currency(value)


class CaseCreate(BaseModel):
    reference: Name = Field(max_length=80, examples=["CRED-0001"], description="unique per creditor")
    kind: Literal["b2b", "b2c"]
    creditor_id: uuid.UUID | None = Field(
        default=None, description="staff only; a creditor user opens cases for itself"
    )
    debtor: DebtorIn
    invoices: list[InvoiceIn] = Field(
        min_length=1,
        max_length=500,
        description="all in one currency, which becomes the case's (docs/rules.md §0.1): invoices in two "
        "currencies are refused with a 422 naming the first invoice in the other one",
    )
    metadata: FreeJson = Field(
        default_factory=dict,
        description="free-form data the creditor attaches: at most 8 levels deep, 1,000 keys "
        "and items, 64,000 characters; no control characters",
    )
    draft: bool = Field(default=False, description="keep the case as a draft instead of submitting it")

    @model_validator(mode="after")
    def kind_matches_debtor(self) -> CaseCreate:
        if self.kind == "b2c" and self.debtor.type == "company":
            raise BilingualValueError(
                "a b2c case needs a debtor of type 'person' (a consumer)",
                "un dossier b2c exige un débiteur de type « person » (un consommateur)",
            )
        numbers = [i.number for i in self.invoices]
        if len(numbers) != len(set(numbers)):
            raise BilingualValueError(
                "the same invoice number appears twice in this case",
                "le même numéro de facture figure deux fois dans ce dossier",
            )
        return self


class InvoicePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    number: str
    issue_date: date
    due_date: date
    amount: Amount
    vat: Amount | None
    currency: str
    outstanding: Amount


class ChecklistPublic(BaseModel):
    contract_signed: bool
    delivery_evidenced: bool
    complete: bool
    missing: list[str]
    documents: dict[str, int] = Field(description="documents on file, by kind")


class CasePublic(BaseModel):
    id: uuid.UUID
    creditor_id: uuid.UUID
    reference: str
    kind: str
    status: str
    closure_reason: str | None
    debtor: DebtorPublic
    invoices: list[InvoicePublic]
    outstanding: Amount
    currency: str = Field(description="the case's currency: that of every invoice of the case")
    mandate_id: uuid.UUID | None
    rf_reference: str | None = Field(
        default=None, description="ISO 11649 creditor reference the debtor quotes when paying"
    )
    checklist: ChecklistPublic
    override_reason: str | None
    claim_deadline: date | None
    metadata: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class CasePage(BaseModel):
    items: list[CasePublic]
    total: int


class ChecklistIn(BaseModel):
    contract_signed: bool | None = None
    delivery_evidenced: bool | None = None


class ValidateIn(BaseModel):
    override_reason: Prose | None = Field(
        default=None, max_length=2000, description="required when the checklist is incomplete"
    )


class TransitionIn(BaseModel):
    to: Literal["submitted", "draft", "legal", "closed"]
    reason: Literal["paid", "settled", "written_off", "withdrawn", "insolvency"] | None = Field(
        default=None, description="required to close"
    )
    note: Prose | None = Field(default=None, max_length=2000)


class DocumentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    sha256: str
    media_type: str
    size: int
    filename: str | None
    uploaded_at: datetime


class AuditPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    actor: str
    actor_role: str
    action: str
    reason: str | None
    details: dict[str, Any]


class DocumentPage(BaseModel):
    """A case's documents, a page at a time: `items` (at most `limit`, from `offset`) and `total`."""

    items: list[DocumentPublic]
    total: int
