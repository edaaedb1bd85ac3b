"""Experiments in the API: what starts one, and one with how each arm does."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from shared.limits import Prose
from shared.money import Amount

from dunning.domain.experiments import MAX_SHARE, MIN_SHARE, Arm


class ExperimentIn(BaseModel):
    name: Prose = Field(min_length=3, max_length=200, description="what is tested, in a few words")
    champion: str = Field(min_length=1, max_length=80, description="the scenario most new cases keep following")
    challenger: str = Field(min_length=1, max_length=80, description="the scenario tried on a share of them")
    share: int = Field(ge=MIN_SHARE, le=MAX_SHARE, description="per cent of the champion's new cases that follow it")
    creditor_id: uuid.UUID | None = Field(default=None, description="one creditor's cases only (none: every one's)")


class ArmResult(BaseModel):
    arm: Arm
    currency: str
    cases: int
    placed: Amount = Field(description="what the cases owed when dunning started them")
    collected: Amount = Field(description="what the debtors paid since (to the agency, the creditor or a bailiff)")
    recovery_rate: Decimal | None = Field(
        description="collected over placed, per cent to a tenth (None: nothing placed)"
    )
    settled: int = Field(description="cases that owe nothing any more")
    disputed: int = Field(description="cases a debtor disputed")


class Comparison(BaseModel):
    champion_settled_rate: Decimal | None = Field(description="per cent of its cases settled, to a tenth")
    challenger_settled_rate: Decimal | None
    z: float | None = Field(
        description="two-proportion z statistic of the challenger's settled share against the champion's"
    )
    significant: bool = Field(
        description="the difference would come by chance less than one time in twenty (and each arm has 30 cases)"
    )


class ExperimentPublic(BaseModel):
    id: uuid.UUID
    name: str
    champion: str
    challenger: str
    share: int
    creditor_id: uuid.UUID | None
    started_at: datetime
    started_by: str
    ended_at: datetime | None
    running: bool
    results: list[ArmResult] = Field(description="per arm and currency")
    comparison: Comparison


class ExperimentPage(BaseModel):
    items: list[ExperimentPublic]
    total: int
