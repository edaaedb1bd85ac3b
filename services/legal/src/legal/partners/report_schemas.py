"""What a bailiff posts on a mission (`POST /api/v1/partner/missions/{id}/events`): one typed event, told apart by
`type`. The names of the API contract (`seizure`, `costs`) and their long forms (`seizure_carried_out`,
`costs_incurred`) are both accepted; the long forms are recorded under the contract's name."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.limits import ClientDate, Name, Prose

from legal.partners.schemas import Currency, PositiveMoney

Note = Annotated[Prose, Field(max_length=2000)]
Reference = Annotated[Name, Field(max_length=80)]


class _Report(BaseModel):
    model_config = ConfigDict(extra="forbid")

    occurred_on: ClientDate = Field(description="the day it happened (YYYY-MM-DD), not after today")
    note: Note | None = None


class Served(_Report):
    """The act was served on the debtor (signification)."""

    type: Literal["served"]


class SearchUnsuccessful(_Report):
    """The debtor could not be found at any known address."""

    type: Literal["search_unsuccessful"]


class Seizure(_Report):
    """A seizure was carried out (saisie-attribution, saisie-vente...)."""

    type: Literal["seizure", "seizure_carried_out"]


class FundsCollected(_Report):
    """Funds collected from the debtor for the case: recorded by intake as a payment of source `bailiff`. The same
    `reference` twice on a mission is the same collection."""

    type: Literal["funds_collected"]
    amount: PositiveMoney
    currency: Currency = "EUR"
    reference: Reference


class CostsIncurred(_Report):
    """A cost incurred, with its tariff reference: A444-31 (proportional fee, the debtor's), A444-32 (the
    creditor's), or an act's tariff; `borne_by` says who bears an act's cost (L111-8 al. 1 CPCE: enforcement costs
    under a title are the debtor's) and may be left out for A444-31 and A444-32."""

    type: Literal["costs", "costs_incurred"]
    amount: PositiveMoney
    currency: Currency = "EUR"
    tariff: Annotated[Name, Field(max_length=40, examples=["A444-32"])]
    borne_by: Literal["debtor", "creditor"] | None = None
    reference: Reference | None = None


ReportIn = Annotated[
    Served | SearchUnsuccessful | Seizure | FundsCollected | CostsIncurred, Field(discriminator="type")
]

CANONICAL = {"seizure_carried_out": "seizure", "costs_incurred": "costs"}

EXAMPLES: dict[str, Any] = {
    "served": {
        "summary": "the act was served",
        "value": {"type": "served", "occurred_on": "2026-11-20", "note": "Signifié à personne."},
    },
    "search_unsuccessful": {
        "summary": "the debtor could not be found",
        "value": {"type": "search_unsuccessful", "occurred_on": "2026-11-20"},
    },
    "seizure": {
        "summary": "a seizure was carried out",
        "value": {"type": "seizure", "occurred_on": "2026-11-27", "note": "Saisie-attribution sur compte bancaire."},
    },
    "funds_collected": {
        "summary": "funds collected (recorded as a payment of the case)",
        "value": {
            "type": "funds_collected",
            "occurred_on": "2026-12-04",
            "amount": "300.00",
            "currency": "EUR",
            "reference": "ENC-2026-0042",
        },
    },
    "costs": {
        "summary": "a cost incurred, with its tariff and who bears it",
        "value": {
            "type": "costs",
            "occurred_on": "2026-11-20",
            "amount": "25.79",
            "currency": "EUR",
            "tariff": "signification IP (A444-10)",
            "borne_by": "debtor",
            "reference": "ACTE-2026-117",
        },
    },
}
