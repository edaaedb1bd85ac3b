"""API models of factoring: the contract, assignment batches and their receivables, factor disputes, hand-backs."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.i18n import BilingualValueError
from shared.money import Amount

from legal.insurance.api_types import Day, Iban, Name, Note, PositiveMoney, Siren


class ContractIn(BaseModel):
    factor_id: uuid.UUID = Field(description="a partner of kind factor")
    contract_number: Name = Field(max_length=80, examples=["FACT-2026-0042"])
    with_recourse: bool = Field(description="with recourse, the factor may hand an unpaid receivable back")
    eligible_debtors: Literal["all", "listed"] = Field(description="every debtor, or only the SIRENs listed")
    debtor_sirens: list[Siren] = Field(default_factory=list, max_length=1000)
    max_amount: PositiveMoney | None = Field(
        default=None, description="the most the factor holds at once, every batch together"
    )
    currency: Literal["EUR"] = "EUR"
    factor_iban: Iban | None = Field(default=None, description="where the debtors pay once notified")

    @model_validator(mode="after")
    def sirens_match_the_rule(self) -> ContractIn:
        if self.eligible_debtors == "listed" and not self.debtor_sirens:
            raise BilingualValueError(
                "debtor_sirens: list the SIRENs of the eligible debtors, or make every debtor eligible (all)",
                "debtor_sirens : indiquez les SIREN des débiteurs éligibles, ou rendez tous les débiteurs éligibles "
                "(all)",
            )
        if self.eligible_debtors == "all" and self.debtor_sirens:
            raise BilingualValueError(
                "debtor_sirens: every debtor is eligible (all); leave the list empty or choose listed",
                "debtor_sirens : tous les débiteurs sont éligibles (all) ; laissez la liste vide ou choisissez listed",
            )
        return self


class ContractPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    creditor_id: uuid.UUID
    factor_id: uuid.UUID
    factor_name: str
    contract_number: str
    with_recourse: bool
    eligible_debtors: str
    debtor_sirens: list[str]
    max_amount: Amount | None
    currency: str
    factor_iban: str | None
    updated_at: datetime
    updated_by: str


class BatchIn(BaseModel):
    creditor_id: uuid.UUID
    case_ids: list[uuid.UUID] | None = Field(
        default=None, max_length=1000, description="assign only these cases' invoices (every open case when left out)"
    )
    due_on_or_before: Day | None = Field(default=None, description="assign only invoices due by this date")


class AssignmentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    batch_id: uuid.UUID
    line: int
    creditor_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    invoice_id: uuid.UUID
    invoice_number: str
    issue_date: date
    due_date: date
    debtor_id: uuid.UUID
    debtor_name: str
    debtor_siren: str | None
    amount: Amount
    assigned_amount: Amount
    currency: str
    status: str = Field(description="assigned | handed_back")
    handed_back_on: date | None
    handed_back_amount: Amount | None
    hand_back_reason: str | None


class BatchPublic(BaseModel):
    id: uuid.UUID
    creditor_id: uuid.UUID
    number: str
    factor_id: uuid.UUID
    contract_number: str
    with_recourse: bool
    assigned_on: date
    count: int = Field(description="control total: how many receivables")
    total: Amount = Field(description="control total: their sum")
    currency: str
    csv_url: str
    notices_url: str
    assignments: list[AssignmentPublic]
    left_over_ceiling: list[uuid.UUID] = Field(
        default_factory=list, description="invoices eligible but past the contract's maximum (when just created)"
    )


class BatchSummary(BaseModel):
    id: uuid.UUID
    creditor_id: uuid.UUID
    number: str
    assigned_on: date
    count: int
    total: Amount
    currency: str


class BatchPage(BaseModel):
    items: list[BatchSummary]
    total: int


class DisputeIn(BaseModel):
    reason: Note = Field(min_length=1, examples=["le débiteur conteste la livraison"])
    opened_on: Day


class DisputeResolutionIn(BaseModel):
    outcome: Literal["upheld", "dismissed"] = Field(description="upheld: the receivable is flawed; dismissed: it holds")
    resolved_on: Day
    note: Note | None = None


class DisputePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    assignment_id: uuid.UUID
    creditor_id: uuid.UUID
    reason: str
    opened_on: date
    status: str = Field(description="open | upheld | dismissed")
    resolved_on: date | None
    resolution_note: str | None


class HandBackIn(BaseModel):
    handed_back_on: Day
    amount: PositiveMoney | None = Field(default=None, description="what the factor charges back (all when left out)")
    reason: Note = Field(min_length=1, examples=["impayé à 90 jours"])


class AssignmentDetail(AssignmentPublic):
    disputes: list[DisputePublic]
