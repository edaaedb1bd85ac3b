"""What the mission routes read and write: staff's assignment and its changes, the views of a mission, the costs of
a case. The partner's reports are in `report_schemas`, the webhooks' in `webhook_schemas`."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from shared.i18n import BilingualValueError
from shared.limits import ClientDate, Name, Prose, decimal_text
from shared.money import Amount

MAX_AMOUNT = Decimal("999999999999.99")


class PartnerPublic(BaseModel):
    id: uuid.UUID
    kind: str
    name: str
    active: bool


def _positive(value: Decimal) -> Decimal:
    if not Decimal("0") < value <= MAX_AMOUNT:
        raise BilingualValueError(
            f"{value} is not an amount above zero and at most 999 999 999 999.99",
            f"{value} n'est pas un montant supérieur à zéro et d'au plus 999 999 999 999.99",
        )
    return value


PositiveMoney = Annotated[
    Amount,
    decimal_text(places=2),
    AfterValidator(_positive),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$", "examples": ["300.00"]}),
]
"""An amount above zero written as a decimal string ("300.00"), at most two decimals."""

Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", examples=["EUR"], description="ISO 4217 code")]
Label = Annotated[Name, Field(max_length=80)]
MissionKind = Literal["service", "enforcement", "search", "amicable"]


class MissionReferenceIn(BaseModel):
    """A reference the agency attaches for the bailiff: the payment-order request, the order, a judgment."""

    model_config = ConfigDict(extra="forbid")

    label: Label = Field(examples=["ordonnance d'injonction de payer"])
    reference: Label = Field(examples=["IP 26/01234"])
    dated_on: ClientDate | None = Field(default=None, examples=["2026-10-15"])


class MissionIn(BaseModel):
    """A mission for a partner bailiff on a case. `creditor_id` may be left out: the case's creditor is read from
    intake, and a `creditor_id` that is not the case's is refused."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "partner_id": "1b0c5a52-8b3e-5d2a-9e44-3f2f8f5b9d10",
                    "kind": "service",
                    "instructions": "Signifier l'ordonnance d'injonction de payer au débiteur.",
                    "procedure_id": None,
                    "references": [
                        {
                            "label": "ordonnance d'injonction de payer",
                            "reference": "IP 26/01234",
                            "dated_on": "2026-10-15",
                        }
                    ],
                }
            ]
        },
    )

    partner_id: uuid.UUID
    kind: MissionKind
    instructions: Annotated[Prose, Field(max_length=4000)] = ""
    procedure_id: uuid.UUID | None = Field(default=None, description="the court procedure the mission serves")
    creditor_id: uuid.UUID | None = None
    references: list[MissionReferenceIn] = Field(default_factory=list, max_length=20)


class MissionChange(BaseModel):
    """New instructions, or the end of the mission (withdrawn from the bailiff, or closed as done). The bailiff is
    told by a `mission.updated` webhook."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"instructions": "Le débiteur a déménagé : 12 rue Neuve, 33000 Bordeaux."}]},
    )

    instructions: Annotated[Prose, Field(max_length=4000)] | None = None
    status: Literal["withdrawn", "closed"] | None = None


class MissionReference(BaseModel):
    label: str
    reference: str
    dated_on: date | None = None


class ReportPublic(BaseModel):
    """One report of the bailiff on the mission, as recorded."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    type: str = Field(examples=["funds_collected"])
    occurred_on: date
    amount: Amount | None = None
    currency: str | None = None
    reference: str | None = None
    tariff: str | None = None
    borne_by: str | None = None
    note: str | None = None
    recorded_at: datetime
    reversed_on: date | None = Field(default=None, description="funds collected whose payment intake reversed")
    reversal_reason: str | None = None


class DeedPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str = Field(examples=["service_deed"])
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class MissionPublic(BaseModel):
    """A mission as staff, the case's creditor and its bailiff see it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    partner_id: uuid.UUID
    procedure_id: uuid.UUID | None
    kind: str
    status: str = Field(
        examples=["assigned"], description="assigned | served | search_unsuccessful | seizure | withdrawn | closed"
    )
    instructions: str
    references: list[MissionReference]
    case_reference: str
    currency: str
    assigned_at: datetime
    updated_at: datetime
    ended_on: date | None = Field(
        default=None, description="the day staff or the case's closing ended it; what happened until then is reported"
    )
    end_note: str | None = Field(default=None, description="why it ended, for the bailiff (the case's closing)")


class MissionDetail(MissionPublic):
    reports: list[ReportPublic]
    deeds: list[DeedPublic]


class MissionPage(BaseModel):
    items: list[MissionPublic]
    total: int


class CaseDocument(BaseModel):
    """A document of the case as intake holds it (read at the moment of the request)."""

    id: uuid.UUID
    kind: str
    filename: str | None = None
    media_type: str
    size: int
    uploaded_at: datetime


class CaseForBailiff(BaseModel):
    """The case as the bailiff needs it to act, read from intake at the moment of the request."""

    reference: str
    kind: str
    status: str
    outstanding: Amount
    currency: str
    debtor: dict[str, Any] = Field(description="type, name, SIREN and address of the debtor")


class MissionDocuments(BaseModel):
    references: list[MissionReference] = Field(description="what the agency attached: procedure and title references")
    case_documents: list[CaseDocument] = Field(description="the case's documents in intake (contract, invoices...)")
    deeds: list[DeedPublic] = Field(description="the deeds the bailiff uploaded")


class PartnerMission(MissionPublic):
    """A mission as its bailiff reads it: the case and its documents read fresh from intake, and the reports."""

    case: CaseForBailiff
    documents: MissionDocuments
    reports: list[ReportPublic]


class CostLine(BaseModel):
    mission_id: uuid.UUID
    cost_id: uuid.UUID
    incurred_on: date
    amount: Amount
    currency: str
    tariff: str = Field(examples=["A444-32"])
    borne_by: Literal["debtor", "creditor"]
    basis: str = Field(description="why this party bears it (English)")
    basis_fr: str = Field(description="pourquoi cette partie le supporte (français)")
    reference: str | None = None
    note: str | None = None


class CaseCosts(BaseModel):
    """The legal costs of a case and who bears them (L111-8 CPCE; A444-31 and A444-32)."""

    case_id: uuid.UUID
    currency: str
    items: list[CostLine]
    borne_by_debtor: Amount
    borne_by_creditor: Amount
    total: Amount
