"""Which procedure is open to a claim and before which court (docs/rules.md §5.1, §5.5).

A payment order (injonction de payer, art. 1405 CPC) is open whatever the amount; it goes to the président of the
tribunal de commerce for a commercial claim (between professionals acting as such) and to the tribunal judiciaire
otherwise, in both cases the court of the place where the debtor lives (art. 1406 CPC, no contractual
derogation). The small-claims procedure (L125-1 CPCE) is run by a commissaire de justice of the debtor's court
of appeal district, up to 5,000 EUR of principal and interest. Which court sits where is not mapped: the court is
named by its kind and the debtor's postal code and city, for a person to pick the right registry."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from legal.domain.refusals import RuleBroken

SMALL_CLAIMS_CEILING = Decimal("5000.00")  # R125-1 CPCE, since 1 January 2020


class ProcedureKind(StrEnum):
    PAYMENT_ORDER = "injonction_de_payer"
    SMALL_CLAIMS = "small_claims"


@dataclass(frozen=True)
class Court:
    kind: str  # tribunal_de_commerce | tribunal_judiciaire | commissaire_de_justice
    name_fr: str
    name_en: str
    place: str | None  # the debtor's postal code and city; None when intake has no address for it
    rule: str
    rule_fr: str

    @property
    def label(self) -> str:
        return f"{self.name_fr} ({self.place})" if self.place else self.name_fr


def debtor_place(address: dict[str, object] | None) -> str | None:
    if not address:
        return None
    place = " ".join(str(address.get(key) or "").strip() for key in ("postal_code", "city")).strip()
    return place or None


def court_for(kind: ProcedureKind, *, commercial: bool, place: str | None) -> Court:
    """`commercial`: a claim between professionals acting as such (a business case, `b2b`)."""
    if kind is ProcedureKind.SMALL_CLAIMS:
        return Court(
            kind="commissaire_de_justice",
            name_fr="Commissaire de justice du ressort de la cour d'appel du domicile du débiteur",
            name_en="Bailiff (commissaire de justice) of the debtor's court of appeal district",
            place=place,
            rule="L125-1 CPCE: a commissaire de justice of the court of appeal district where the debtor lives",
            rule_fr="L125-1 CPCE : un commissaire de justice du ressort de la cour d'appel du domicile du débiteur",
        )
    if commercial:
        return Court(
            kind="tribunal_de_commerce",
            name_fr="Président du tribunal de commerce du domicile du débiteur",
            name_en="President of the commercial court where the debtor lives",
            place=place,
            rule="art. 1405-1406 CPC: a commercial claim goes to the tribunal de commerce where the debtor lives",
            rule_fr="art. 1405-1406 CPC : une créance commerciale va au tribunal de commerce du domicile du débiteur",
        )
    return Court(
        kind="tribunal_judiciaire",
        name_fr="Tribunal judiciaire du domicile du débiteur",
        name_en="Judicial court where the debtor lives",
        place=place,
        rule="art. 1405-1406 CPC: a civil claim goes to the tribunal judiciaire where the debtor lives",
        rule_fr="art. 1405-1406 CPC : une créance civile va au tribunal judiciaire du domicile du débiteur",
    )


def available_kinds(claimed: Decimal) -> list[ProcedureKind]:
    """The procedures open to a claim of `claimed` (principal and interest)."""
    kinds = [ProcedureKind.PAYMENT_ORDER]
    if claimed <= SMALL_CLAIMS_CEILING:
        kinds.append(ProcedureKind.SMALL_CLAIMS)
    return kinds


def check_available(kind: ProcedureKind, claimed: Decimal) -> None:
    if kind not in available_kinds(claimed):
        raise RuleBroken(
            f"the small-claims procedure is for claims up to {SMALL_CLAIMS_CEILING} EUR (L125-1, R125-1 CPCE); "
            f"this one is {claimed} EUR: ask for a payment order (injonction_de_payer)",
            f"la procédure simplifiée de recouvrement des petites créances est réservée aux créances de "
            f"{SMALL_CLAIMS_CEILING} EUR au plus (L125-1, R125-1 CPCE) ; celle-ci est de {claimed} EUR : "
            "demandez une injonction de payer (injonction_de_payer)",
            field="kind",
        )
