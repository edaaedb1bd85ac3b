"""API models of creditors and their mandates (R124-3 CPCE)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator

from shared.i18n import BilingualValueError
from shared.money import Amount

from intake.api.fields import Code, Day, Money, Name, RateFraction, Text
from intake.domain import normalise_siren


class Address(BaseModel):
    line1: Name = Field(max_length=200, examples=["12 rue de la Paix"])
    line2: Text | None = Field(default=None, max_length=200)
    postal_code: Name = Field(max_length=20, examples=["75002"])
    city: Name = Field(max_length=100, examples=["Paris"])
    country: str = Field(default="FR", pattern="^[A-Z]{2}$", description="ISO 3166-1 alpha-2")


class CreditorCreate(BaseModel):
    name: Name = Field(max_length=200, examples=["Demo Créancier SAS"])
    siren: Code | None = Field(default=None, examples=["732829320"], description="9 digits, Luhn-checked")
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

    commission_rate: RateFraction = Field(
        ge=0, le=1, examples=["0.15"], description="share of amounts recovered, amicable phase"
    )
    legal_commission_rate: RateFraction | None = Field(
        default=None, ge=0, le=1, description="legal phase; default: commission_rate"
    )
    fixed_fee: Money | None = Field(default=None, description="optional fixed fee per case, excl. VAT")
    phases: list[Phase] = Field(min_length=1, max_length=2, examples=[["amicable", "legal"]])
    penalty_rate: RateFraction | None = Field(
        default=None, ge=0, le=1, description="contractual B2B penalty rate; null = ECB + 10 points (L441-10)"
    )
    freeze_penalty_rate: bool = Field(default=False, description="apply the first late day's rate to the whole delay")
    scenario: Name = Field(default="default-fr", max_length=80)
    insurance_reference: Text | None = Field(
        default=None, max_length=120, description="civil-liability insurance (R124-2)"
    )
    remittance_terms_days: int = Field(
        default=30, ge=1, le=30, description="days to remit collected funds (R124-6: at most one month)"
    )
    max_instalments: int = Field(default=12, ge=1, le=60)
    min_instalment: Money = Field(default=Decimal("50.00"))
    max_plan_months: int = Field(default=12, ge=1, le=60)
    settlement_floor: RateFraction | None = Field(
        default=None,
        ge=0,
        le=1,
        examples=["0.80"],
        description="the smallest share of the balance due the agency may accept in full settlement without asking "
        "the creditor (a settlement, art. 2044 C. civ.); null = every settlement is put to the creditor",
    )
    signed_on: Day | None = None

    @field_validator("commission_rate", "legal_commission_rate", "penalty_rate", "settlement_floor", mode="before")
    @classmethod
    def rates_are_not_floats(cls, value: object) -> object:
        if isinstance(value, float):
            raise BilingualValueError(
                'rates are decimal strings such as "0.15", never floating-point numbers',
                'un taux s\'écrit comme une chaîne décimale telle que "0.15", jamais comme un '
                "nombre à virgule flottante",
            )
        return value

    @model_validator(mode="after")
    def phases_are_ordered(self) -> MandateCreate:
        if "legal" in self.phases and "amicable" not in self.phases:
            raise BilingualValueError(
                "a mandate that authorises the legal phase must authorise the amicable phase first",
                "un mandat qui autorise la phase judiciaire doit d'abord autoriser la phase amiable",
            )
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
    settlement_floor: Decimal | None
    signed_on: date | None
    active: bool
    created_at: datetime


class CreditorUpdate(BaseModel):
    """The fields a creditor's registration gave that staff may correct; the SIREN identifies it and stays."""

    name: Name | None = Field(default=None, max_length=200, examples=["Demo Créancier SAS"])
    email: EmailStr | None = None
    address: Address | None = None

    @model_validator(mode="after")
    def name_is_not_erased(self) -> CreditorUpdate:
        if "name" in self.model_fields_set and self.name is None:
            raise BilingualValueError("name: a creditor always has a name", "name : un créancier a toujours un nom")
        return self


class RemittanceAccountPublic(BaseModel):
    """The account remittances are paid to, the IBAN masked but for its country code and last 4 characters."""

    iban: str = Field(examples=["FR** **** **** **** **** ***2 606"])
    bic: str | None
    holder_name: str = Field(description="the name the SEPA transfer is made out to")
    set_at: datetime | None = Field(description="when the account was last recorded; null if before the audit trail")


class CreditorDetail(CreditorPublic):
    bank_account: RemittanceAccountPublic | None = Field(description="null until an IBAN is recorded")


class MandatePage(BaseModel):
    """A creditor's mandates, a page at a time: `items` (at most `limit`, from `offset`) and `total`."""

    items: list[MandatePublic]
    total: int
