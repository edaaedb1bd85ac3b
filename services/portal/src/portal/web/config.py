"""What the web pages need beside the portal's settings: the agency as a debtor must be told of it (R124-4 1°
CPCE), the account debtors pay into (R124-2), and how many rows a page shows."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PORTAL_WEB_", extra="ignore")

    agency_name: str = "Recouvra Agence de recouvrement SAS"
    agency_address: str = Field(default="10 rue de la Bourse|75002 Paris", description="lines separated by |")
    agency_email: str = "relances@recouvra.example"
    agency_phone: str = "+33 1 84 00 00 00"
    agency_activity_fr: str = "recouvrement amiable de créances pour le compte d'autrui"
    agency_activity_en: str = "amicable collection of debts on behalf of others"
    agency_iban: str = Field(
        default="",
        # The account dunning's letters name is the one the debtor's page must name: the same variable is read
        # when the portal has none of its own.
        validation_alias=AliasChoices("PORTAL_WEB_AGENCY_IBAN", "RECOUVRA_AGENCY_IBAN", "DUNNING_AGENCY_IBAN"),
        description="the client-money account debtors pay into (R124-2 CPCE)",
    )
    page_size: int = Field(default=25, ge=5, le=200, description="rows of a list page")
    search_scan_limit: int = Field(
        default=1000, ge=200, le=10_000, description="newest cases a debtor-name search looks through"
    )

    @property
    def agency_address_lines(self) -> list[str]:
        return [line.strip() for line in self.agency_address.split("|") if line.strip()]
