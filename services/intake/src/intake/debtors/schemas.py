"""API models of debtors: what a creditor says of one, and what it reads back."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator

from shared.i18n import BilingualValueError, Language
from shared.limits import DateText

from intake.api.fields import Code, Day, Name, Text
from intake.creditors.schemas import Address
from intake.domain import normalise_phone, normalise_siren, normalise_siret, normalise_vat


class Insolvency(BaseModel):
    kind: Literal["sauvegarde", "redressement", "liquidation"]
    opened_on: Day
    published_on: Day | None = Field(
        default=None, description="BODACC publication date (starts the 2-month claim period)"
    )


class DebtorIn(BaseModel):
    type: Literal["company", "person"]
    name: Name = Field(max_length=200, examples=["Dupont SARL"])
    legal_form: Text | None = Field(default=None, max_length=40, examples=["SARL"])
    siren: Code | None = Field(default=None, examples=["732829320"])
    siret: Code | None = None
    vat_number: Code | None = Field(default=None, examples=["FR44732829320"])
    email: EmailStr | None = None
    phone: Code | None = Field(default=None, examples=["+33 1 42 68 53 00"])
    address: Address | None = None
    language: Language | None = Field(
        default=None, description="the language the debtor is written to in (fr, en); French when not given"
    )
    created_on: Annotated[date, DateText] | None = None
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
            raise BilingualValueError(
                f"the SIRET {self.siret} does not belong to the SIREN {self.siren}",
                f"le SIRET {self.siret} n'appartient pas au SIREN {self.siren}",
            )
        if self.type == "person" and (self.siren or self.siret):
            raise BilingualValueError(
                "a person has no SIREN or SIRET; use type 'company'",
                "une personne physique n'a ni SIREN ni SIRET ; utilisez le type « company »",
            )
        return self


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
    language: str | None = None


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
    language: str | None = Field(default=None, description="the language the debtor is written to in; None: French")
    language_chosen_by_debtor: bool = Field(
        default=False, description="the debtor chose the language itself, on its page: it outranks its creditor's"
    )
    insolvency: dict[str, Any] | None
    merged_into_id: uuid.UUID | None
    views: list[DebtorViewPublic] | None = Field(default=None, description="staff only: every creditor's view")


class ContactsIn(BaseModel):
    """The debtor's contact details as the case's creditor knows them, corrected (`PATCH .../debtor`): only the
    fields sent change; `null` forgets an e-mail or a phone. The same checks as when the debtor was first given."""

    model_config = ConfigDict(extra="forbid")

    email: EmailStr | None = None
    phone: Code | None = Field(
        default=None,
        examples=["06 12 34 56 78"],
        description="read in the country of the debtor's address (the one sent, else the one known), as a new case's",
    )
    address: Address | None = None
    language: Language | None = Field(default=None, description="fr or en")

    @model_validator(mode="after")
    def what_is_kept_is_given(self) -> ContactsIn:
        if "address" in self.model_fields_set and self.address is None:
            raise BilingualValueError(
                "the address cannot be left empty: give the new one",
                "l'adresse ne peut pas rester vide : indiquez la nouvelle",
            )
        if "language" in self.model_fields_set and self.language is None:
            raise BilingualValueError(
                "the language cannot be left empty: fr or en", "la langue ne peut pas rester vide : fr ou en"
            )
        if not self.model_fields_set:
            raise BilingualValueError(
                "nothing to correct: give the e-mail, phone, address or language",
                "rien à corriger : indiquez l'e-mail, le téléphone, l'adresse ou la langue",
            )
        return self
