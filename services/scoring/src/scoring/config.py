"""Scoring: debtor scores and models, aged balance, priorities and worklist, credit-insurer limits."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.config import BaseServiceSettings


class Settings(BaseServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SCORING_", extra="ignore")

    service_name: str = "scoring"
    aged_balance_limits: list[int] = Field(
        default=[30, 60, 90],
        description="upper day limits of the aged-balance buckets (JSON list); beyond the last is '90+'",
    )
    min_training_cases: int = Field(
        default=200, description="closed cases with an outcome needed before a scorecard is fitted"
    )
    rescore_check_interval_s: float = Field(
        default=60.0, description="how often the daily-rescoring worker checks whether the business day changed"
    )
