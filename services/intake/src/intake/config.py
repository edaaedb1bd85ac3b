from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict
from stdnum import bic as bic_number
from stdnum.exceptions import ValidationError

from shared.config import BaseServiceSettings


class Settings(BaseServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore")

    service_name: str = "intake"
    documents_dir: Path = Field(default=Path("var/documents"), description="root of the local document store")
    max_document_bytes: int = Field(default=20 * 1024 * 1024, description="largest document accepted")
    max_import_bytes: int = Field(default=512 * 1024 * 1024, description="largest import file accepted")
    max_bank_statement_bytes: int = Field(default=50 * 1024 * 1024, description="largest camt.053 file accepted")
    # R124-2 CPCE: the dedicated client-money account the remittances are paid from (not a secret).
    agency_account_name: str = Field(default="Recouvra Agence - fonds clients", max_length=70)
    agency_iban: str | None = Field(
        default=None, description="client-money account (ISO 13616) the remittances are paid from"
    )
    agency_bic: str | None = Field(
        default=None,
        description="BIC (ISO 9362) of the client-money account's bank, the debtor agent (DbtrAgt) of the transfers",
    )
    # The agency as its commission invoices name it (art. 242 nonies A CGI, L441-9 C. com.): set in production.
    agency_name: str = Field(default="Recouvra Agence de recouvrement SAS", max_length=200)
    agency_address: str = Field(default="10 rue de la Bourse|75002 Paris", description="lines separated by |")
    agency_siren: str | None = Field(default=None, description="the agency's SIREN, printed on its invoices")
    agency_vat_number: str | None = Field(default=None, description="the agency's intra-EU VAT number")
    remittance_alert_days: int = Field(
        default=7, ge=0, le=31, description="alert when held funds are this many days from the R124-6 month"
    )
    daily_check_interval_s: float = Field(
        default=60.0, description="how often the daily jobs check whether the business day changed"
    )
    # The BODACC watch (docs/rules.md §10.4): DILA's open-data API of BODACC notices, read once per business day for
    # the SIRENs of debtors under collection. Empty: no watch (staff record proceedings by hand).
    bodacc_url: str = Field(
        default="",
        description="the BODACC notices' records endpoint (https://bodacc-datadila.opendatasoft.com/api/explore/"
        "v2.1/catalog/datasets/annonces-commerciales/records); empty: no automatic watch",
    )
    bodacc_lookback_days: int = Field(
        default=60, ge=1, le=365, description="how far back the watch reads notices (the claim period is 2 months)"
    )
    # Online card payments (docs/payments-online.md): a provider speaking Stripe's Checkout API. Empty: the debtor's
    # page offers the bank transfer only.
    psp_url: str = Field(
        default="", description="the card-payment provider's API base (https://api.stripe.com); empty: no card payments"
    )
    psp_secret_key: str = Field(default="", description="the provider's secret API key (sk_live_...)")
    psp_webhook_secret: str = Field(default="", description="the signing secret of the provider's events (whsec_...)")
    psp_timeout_s: float = Field(default=10.0, gt=0, description="how long a call to the provider may take")

    @field_validator("agency_bic", mode="before")
    @classmethod
    def agency_bic_is_a_bic(cls, value: object) -> object:
        """A mistyped BIC is refused when the service starts, not on the day a remittance run needs it."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return str(bic_number.validate(str(value)))
        except ValidationError as exc:
            raise ValueError(f"INTAKE_AGENCY_BIC: {value!r} is not a BIC (ISO 9362: 8 or 11 characters)") from exc
