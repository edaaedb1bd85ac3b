from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.config import BaseServiceSettings


class Settings(BaseServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DUNNING_", extra="ignore")

    service_name: str = "dunning"
