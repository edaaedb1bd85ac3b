from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.config import BaseServiceSettings
from shared.webhooks import WebhookSettings


class Settings(BaseServiceSettings, WebhookSettings):
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

    # Partner bailiffs (partners/): deeds they upload, and the webhooks sent to them (docs/partners.md; how they are
    # tried and retried are the kernel's `WebhookSettings`, as LEGAL_WEBHOOK_*)
    deed_max_bytes: int = Field(default=10 << 20, ge=1024, description="largest deed (PDF) a bailiff may upload")

    # Credit insurance and factoring (insurance/): how early a threat-of-loss declaration is announced
    insurance_alert_days: int = Field(
        default=10, ge=0, le=365, description="days before a policy's declaration deadline it is announced"
    )
    insurance_check_interval_s: float = Field(
        default=60.0, gt=0, description="how often the insurance daily job checks whether the business day changed"
    )
