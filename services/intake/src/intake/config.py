from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.config import BaseServiceSettings


class Settings(BaseServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore")

    service_name: str = "intake"
    documents_dir: Path = Field(default=Path("var/documents"), description="root of the local document store")
    max_document_bytes: int = Field(default=20 * 1024 * 1024, description="largest document accepted")
    max_import_bytes: int = Field(default=512 * 1024 * 1024, description="largest import file accepted")
