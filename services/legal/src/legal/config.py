from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.config import BaseServiceSettings


class Settings(BaseServiceSettings):
    model_config = SettingsConfigDict(env_prefix="LEGAL_", extra="ignore")

    service_name: str = "legal"

    # Court procedures (procedures/): the agency as the request file names it (the creditor's mandataire, art. 1407
    # CPC), and how early deadlines are flagged
    agency_name: str = "Recouvra Agence de recouvrement SAS"
    agency_address: str = "10 rue de la Bourse|75002 Paris"
    alert_days: int = Field(default=14, ge=0, le=365, description="days before a deadline it is flagged")
    procedures_check_interval_s: float = Field(
        default=60.0, gt=0, description="how often the procedures' daily job checks whether the business day changed"
    )

    # Partner bailiffs (partners/): deeds they upload, and the webhooks sent to them (docs/partners.md)
    deed_max_bytes: int = Field(default=10 << 20, ge=1024, description="largest deed (PDF) a bailiff may upload")
    webhook_timeout_s: float = Field(default=5.0, gt=0, description="how long one webhook delivery attempt may take")
    webhook_max_attempts: int = Field(default=8, ge=1, le=50, description="attempts before a delivery is failed")
    webhook_backoff_s: float = Field(
        default=30.0, gt=0, description="wait after the first failed attempt; doubled each time"
    )
    webhook_backoff_max_s: float = Field(default=3600.0, gt=0, description="longest wait between two attempts")
    webhook_secret_grace_h: float = Field(
        default=24.0, ge=0, description="hours a rotated webhook secret still signs deliveries beside the new one"
    )
    webhook_interval_s: float = Field(
        default=1.0,
        gt=0,
        description="seconds between two passes of the webhook worker while it delivers; idle, it backs off to 10 s",
    )

    # Credit insurance and factoring (insurance/): how early a threat-of-loss declaration is announced
    insurance_alert_days: int = Field(
        default=10, ge=0, le=365, description="days before a policy's declaration deadline it is announced"
    )
    insurance_check_interval_s: float = Field(
        default=60.0, gt=0, description="how often the insurance daily job checks whether the business day changed"
    )
