"""What the worklist API returns and takes. Amounts are decimal strings; probabilities are decimal strings
with four places."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator

from shared.money import Amount

from scoring.domain.text import check_label


class WorklistItem(BaseModel):
    case_id: str
    reference: str
    creditor_id: str
    debtor_id: str
    debtor_name: str
    priority: int
    band: str | None
    probability: Decimal | None
    grade: str | None
    outstanding: Amount
    currency: str
    oldest_due_date: date | None
    days_past_due: int
    bucket: str
    agent: str | None
    exposure_alert: str | None  # staff only: it reflects what the debtor owes every creditor


class WorklistPublic(BaseModel):
    items: list[WorklistItem]
    total: int
    page: int
    page_size: int


class AssignmentIn(BaseModel):
    agent: str | None = Field(description="1 to 120 characters, no control characters; null to unassign")

    @field_validator("agent")
    @classmethod
    def agent_is_a_name(cls, value: str | None) -> str | None:
        return None if value is None else check_label(value, field="agent")
