"""The API's request and response models (the public contract of ARCHITECTURE.md, with examples)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator

from shared.i18n import BilingualValueError
from shared.money import Amount

from intake.domain import normalise_currency, normalise_phone, normalise_siren, normalise_siret, normalise_vat
from intake.limits import BoundedAmount, BusinessDate

Rate = Decimal


class Address(BaseModel):
    line1: str = Field(min_length=1, max_length=200, examples=["12 rue de la Paix"])
    line2: str | None = Field(default=None, max_length=200)
    postal_code: str = Field(min_length=1, max_length=20, examples=["75002"])
    city: str = Field(min_length=1, max_length=100, examples=["Paris"])
    country: str = Field(default="FR", pattern="^[A-Z]{2}$", description="ISO 3166-1 alpha-2")


# -- creditors and mandates ----------------------------------------------------------------------


class CreditorCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["Demo Créancier SAS"])
    siren: str | None = Field(default=None, examples=["732829320"], description="9 digits, Luhn-checked")
    email: EmailStr | None = None
    address: Address | None = None

    @field_validator("siren")
    @classmethod
    def siren_is_valid(cls, value: str | None) -> str | None:
        return normalise_siren(value) if value is not None else None


class CreditorPublic(BaseModel):
    id: uuid.UUID
    name: str
    siren: str | None
    email: str | None
    address: dict[str, Any] | None
    created_at: datetime


class CreditorPage(BaseModel):
    items: list[CreditorPublic]
    total: int


Phase = Literal["amicable", "legal"]


class MandateCreate(BaseModel):
    """The written agreement R124-3 CPCE requires before any collection for a creditor."""

    commission_rate: Decimal = Field(ge=0, le=1, examples=["0.15"], description="share of amounts recovered, amicable phase")
    legal_commission_rate: Decimal | None = Field(default=None, ge=0, le=1, description="legal phase; default: commission_rate")
    fixed_fee: BoundedAmount | None = Field(default=None, description="optional fixed fee per case, excl. VAT")
    phases: list[Phase] = Field(min_length=1, examples=[["amicable", "legal"]])
    penalty_rate: Decimal | None = Field(default=None, ge=0, le=1,
                                         description="contractual B2B penalty rate; null = ECB + 10 points (L441-10)")
    freeze_penalty_rate: bool = Field(default=False, description="apply the first late day's rate to the whole delay")
    scenario: str = Field(default="default-fr", min_length=1, max_length=80)
    insurance_reference: str | None = Field(default=None, max_length=120, description="civil-liability insurance (R124-2)")
    remittance_terms_days: int = Field(default=30, ge=1, le=30, description="days to remit collected funds (R124-6: at most one month)")
    max_instalments: int = Field(default=12, ge=1, le=60)
    min_instalment: BoundedAmount = Field(default=Decimal("50.00"))
    max_plan_months: int = Field(default=12, ge=1, le=60)
    signed_on: BusinessDate | None = None

    @field_validator("commission_rate", "legal_commission_rate", "penalty_rate", mode="before")
    @classmethod
    def rates_are_not_floats(cls, value: object) -> object:
        if isinstance(value, float):
            raise BilingualValueError('rates are decimal strings such as "0.15", never floating-point numbers',
                                      'un taux s\'écrit comme une chaîne décimale telle que "0.15", jamais comme un '
                                      'nombre à virgule flottante')
        return value

    @model_validator(mode="after")
    def phases_are_ordered(self) -> MandateCreate:
        if "legal" in self.phases and "amicable" not in self.phases:
            raise BilingualValueError("a mandate that authorises the legal phase must authorise the amicable phase "
                                      "first",
                                      "un mandat qui autorise la phase judiciaire doit d'abord autoriser la phase "
                                      "amiable")
        return self


class MandatePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    creditor_id: uuid.UUID
    commission_rate: Decimal
    legal_commission_rate: Decimal | None
    fixed_fee: Amount | None
    phases: list[str]
    penalty_rate: Decimal | None
    freeze_penalty_rate: bool
    scenario: str
    insurance_reference: str | None
    remittance_terms_days: int
    max_instalments: int
    min_instalment: Amount
    max_plan_months: int
    signed_on: date | None
    active: bool
    created_at: datetime


# -- debtors, invoices, cases --------------------------------------------------------------------


class Insolvency(BaseModel):
    kind: Literal["sauvegarde", "redressement", "liquidation"]
    opened_on: BusinessDate
    published_on: BusinessDate | None = Field(default=None,
                                              description="BODACC publication date (starts the 2-month claim period)")


class DebtorIn(BaseModel):
    type: Literal["company", "person"]
    name: str = Field(min_length=1, max_length=200, examples=["Dupont SARL"])
    legal_form: str | None = Field(default=None, max_length=40, examples=["SARL"])
    siren: str | None = Field(default=None, examples=["732829320"])
    siret: str | None = None
    vat_number: str | None = Field(default=None, examples=["FR44732829320"])
    email: EmailStr | None = None
    phone: str | None = Field(default=None, examples=["+33 1 42 68 53 00"])
    address: Address | None = None
    created_on: date | None = None
    insolvency: Insolvency | None = None

    @field_validator("siren")
    @classmethod
    def siren_is_valid(cls, value: str | None) -> str | None:
        return normalise_siren(value) if value else None

    @field_validator("siret")
    @classmethod
    def siret_is_valid(cls, value: str | None) -> str | None:
        return normalise_siret(value) if value else None

    @field_validator("vat_number")
    @classmethod
    def vat_is_valid(cls, value: str | None) -> str | None:
        return normalise_vat(value) if value else None

    @model_validator(mode="after")
    def identifiers_agree(self) -> DebtorIn:
        if self.phone:
            self.phone = normalise_phone(self.phone, self.address.country if self.address else "FR")
        if self.siret and not self.siren:
            self.siren = self.siret[:9]
        if self.siret and self.siren and self.siret[:9] != self.siren:
            raise BilingualValueError(f"the SIRET {self.siret} does not belong to the SIREN {self.siren}",
                                      f"le SIRET {self.siret} n'appartient pas au SIREN {self.siren}")
        if self.type == "person" and (self.siren or self.siret):
            raise BilingualValueError("a person has no SIREN or SIRET; use type 'company'",
                                      "une personne physique n'a ni SIREN ni SIRET ; utilisez le type « company »")
        return self


class InvoiceIn(BaseModel):
    number: str = Field(min_length=1, max_length=60, examples=["F-001"])
    issue_date: BusinessDate = Field(examples=["2026-06-01"])
    due_date: BusinessDate = Field(examples=["2026-07-01"])
    amount: BoundedAmount = Field(description="amount including VAT, at most 999 999 999 999.99", examples=["1200.00"])
    vat: BoundedAmount | None = Field(default=None, examples=["200.00"])
    currency: str = Field(default="EUR", examples=["EUR"])
    outstanding: BoundedAmount | None = Field(default=None, description="what remains unpaid; default: the amount")
    acknowledged_on: BusinessDate | None = Field(default=None, description="last written acknowledgement of the debt")
    last_partial_payment_on: BusinessDate | None = None

    @field_validator("currency")
    @classmethod
    def currency_is_known(cls, value: str) -> str:
        return normalise_currency(value)


class CaseCreate(BaseModel):
    reference: str = Field(min_length=1, max_length=80, examples=["CRED-0001"], description="unique per creditor")
    kind: Literal["b2b", "b2c"]
    creditor_id: uuid.UUID | None = Field(default=None, description="staff only; a creditor user opens cases for itself")
    debtor: DebtorIn
    invoices: list[InvoiceIn] = Field(min_length=1, max_length=500)
    metadata: dict[str, Any] = Field(default_factory=dict, description="free-form data the creditor attaches")
    draft: bool = Field(default=False, description="keep the case as a draft instead of submitting it")

    @model_validator(mode="after")
    def kind_matches_debtor(self) -> CaseCreate:
        if self.kind == "b2c" and self.debtor.type == "company":
            raise BilingualValueError("a b2c case needs a debtor of type 'person' (a consumer)",
                                      "un dossier b2c exige un débiteur de type « person » (un consommateur)")
        numbers = [i.number for i in self.invoices]
        if len(numbers) != len(set(numbers)):
            raise BilingualValueError("the same invoice number appears twice in this case",
                                      "le même numéro de facture figure deux fois dans ce dossier")
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


class DebtorViewPublic(BaseModel):
    """One creditor's view of a debtor (staff read every creditor's)."""

    model_config = ConfigDict(from_attributes=True)

    creditor_id: uuid.UUID
    name: str
    legal_form: str | None
    siret: str | None
    vat_number: str | None
    created_on: date | None
    email: str | None
    phone: str | None
    address: dict[str, Any] | None


class DebtorPublic(BaseModel):
    """A case's debtor: the shared identity (id, type, SIREN, insolvency, merge) with the case's creditor's view
    (name as it spelled it, identifiers and contacts it gave). Staff also read every creditor's view (`views`)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    type: str
    name: str
    legal_form: str | None = None
    siren: str | None
    siret: str | None = None
    vat_number: str | None = None
    created_on: date | None = None
    email: str | None = None
    phone: str | None = None
    address: dict[str, Any] | None = None
    insolvency: dict[str, Any] | None
    merged_into_id: uuid.UUID | None
    views: list[DebtorViewPublic] | None = Field(default=None, description="staff only: every creditor's view")


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
    currency: str
    mandate_id: uuid.UUID | None
    rf_reference: str | None = Field(default=None, description="ISO 11649 creditor reference the debtor quotes when paying")
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
    override_reason: str | None = Field(default=None, max_length=2000,
                                        description="required when the checklist is incomplete")


class TransitionIn(BaseModel):
    to: Literal["submitted", "draft", "legal", "closed"]
    reason: Literal["paid", "settled", "written_off", "withdrawn", "insolvency"] | None = Field(
        default=None, description="required to close")
    note: str | None = Field(default=None, max_length=2000)


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


# -- imports -------------------------------------------------------------------------------------


class ImportAccepted(BaseModel):
    id: uuid.UUID
    status: str


class RowErrorPublic(BaseModel):
    line: int
    column: str | None
    reason: str


class ImportReport(BaseModel):
    id: uuid.UUID
    status: Literal["queued", "running", "done", "failed"]
    filename: str | None
    rows: int
    accepted: int
    rejected: int
    cases_opened: int
    failure: str | None
    errors: list[RowErrorPublic]
    report_url: str
    created_at: datetime
    finished_at: datetime | None
