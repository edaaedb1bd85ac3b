"""Pure rules of partner missions: who bears a bailiff's cost, when a mission takes reports (the webhooks' retry
schedule and signature are the kernel's, `shared.webhooks`). No session, no clock, no I/O: dates and instants come
in as arguments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

KINDS = ("service", "enforcement", "search", "amicable")
STEPS = ("served", "search_unsuccessful", "seizure")  # the reports that move a mission's status
OPEN_STATUSES = ("assigned", *STEPS)
ENDINGS = ("withdrawn", "closed")
BEARERS = ("debtor", "creditor")
# Cases a bailiff may be sent on: placed with the agency and not under an insolvency's stay (L622-21 C. com.).
ASSIGNABLE_CASE_STATUSES = frozenset({"validated", "amicable", "legal"})


class CostRuleBroken(ValueError):
    """A cost whose bearer contradicts the tariff or the mission (English, French)."""

    def __init__(self, message: str, message_fr: str) -> None:
        super().__init__(message)
        self.message_fr = message_fr


@dataclass(frozen=True)
class Bearer:
    """Who bears a cost, and why (English, French), as the creditor reads it in the costs of its case."""

    party: str
    basis: str
    basis_fr: str


def _tariff_key(tariff: str) -> str:
    return tariff.strip().upper().replace(" ", "").replace("ART.", "")


def who_bears(*, tariff: str, stated: str | None, mission_kind: str) -> Bearer:
    """docs/rules.md §6.2: the proportional fee A444-31 (prestation 128) is the debtor's and A444-32 (prestation 129)
    the creditor's, whatever is stated; an amicable mission has no enforceable title, so its costs stay with the
    creditor (L111-8 al. 2 CPCE); an act's tariff is borne as the bailiff states: by the debtor for enforcement
    under a title (L111-8 al. 1), by the creditor otherwise."""
    key = _tariff_key(tariff)
    if key.startswith("A444-31"):
        fixed = Bearer(
            "debtor",
            "A444-31: proportional fee charged to the debtor",
            "A444-31 : droit proportionnel à la charge du débiteur",
        )
    elif key.startswith("A444-32"):
        fixed = Bearer(
            "creditor",
            "A444-32: proportional fee charged to the creditor",
            "A444-32 : droit proportionnel à la charge du créancier",
        )
    else:
        fixed = None
    if fixed is not None:
        if stated is not None and stated != fixed.party:
            raise CostRuleBroken(
                f"borne_by: {tariff} is borne by the {fixed.party}, not the {stated}",
                f"borne_by : le tarif {tariff} est à la charge du {_party_fr(fixed.party)}, pas du {_party_fr(stated)}",
            )
        return fixed
    if mission_kind == "amicable":
        if stated == "debtor":
            raise CostRuleBroken(
                "borne_by: an amicable mission has no enforceable title; its costs stay with the creditor "
                "(L111-8 al. 2 CPCE)",
                "borne_by : une mission amiable n'a pas de titre exécutoire ; ses frais restent à la charge "
                "du créancier (L111-8 al. 2 CPCE)",
            )
        return Bearer(
            "creditor",
            "L111-8 al. 2: no enforceable title, the creditor's",
            "L111-8 al. 2 : sans titre exécutoire, à la charge du créancier",
        )
    if stated is None:
        raise CostRuleBroken(
            f"borne_by: say who bears a cost of tariff {tariff} (debtor or creditor)",
            f"borne_by : indiquez qui supporte un frais au tarif {tariff} (debtor ou creditor)",
        )
    if stated == "debtor":
        return Bearer(
            "debtor",
            "L111-8 al. 1: enforcement costs, the debtor's",
            "L111-8 al. 1 : frais de l'exécution forcée, à la charge du débiteur",
        )
    return Bearer(
        "creditor",
        "stated by the bailiff: the creditor's",
        "déclaré par le commissaire de justice : à la charge du créancier",
    )


def _party_fr(party: str | None) -> str:
    return {"debtor": "débiteur", "creditor": "créancier"}.get(party or "", party or "")


def report_date_problem(*, occurred_on: date, assigned_on: date, today: date) -> tuple[str, str] | None:
    """Why a reported date is refused (English, French), or None: not after today, not before the assignment."""
    if occurred_on > today:
        return (
            f"occurred_on: {occurred_on} is in the future (today is {today})",
            f"occurred_on : le {occurred_on:%d/%m/%Y} est dans le futur (nous sommes le {today:%d/%m/%Y})",
        )
    if occurred_on < assigned_on:
        return (
            f"occurred_on: {occurred_on} is before the mission was assigned ({assigned_on})",
            f"occurred_on : le {occurred_on:%d/%m/%Y} précède l'attribution de la mission ({assigned_on:%d/%m/%Y})",
        )
    return None


def past_the_end(*, status: str, ended_on: date | None, occurred_on: date | None) -> bool:
    """Whether a report dated `occurred_on`, or a deed (undated: None), comes after its mission ended. An ended mission
    still takes what happened until the day it ended (funds collected, a cost, a step) and the deeds of those acts:
    money a bailiff collected before being told to stop is the creditor's, and reaches the ledger. A mission ended
    before that day was kept (`ended_on` None) takes nothing more."""
    if status not in ENDINGS:
        return False
    return ended_on is None or (occurred_on is not None and occurred_on > ended_on)


CLOSURE_REASON_FR = {
    "paid": "payé",
    "settled": "réglé par un accord",
    "written_off": "passé en perte",
    "withdrawn": "retiré par le créancier",
    "insolvency": "procédure collective du débiteur",
}


COLLECTED = frozenset({"paid", "settled"})


def closing_ending(reason: str) -> str:
    """How the case's closing ends a mission still open: `closed` (its end reached: the claim was paid or settled)
    when the case closed collected, `withdrawn` from the bailiff otherwise (written off, withdrawn by the creditor,
    insolvency proceedings)."""
    return "closed" if reason in COLLECTED else "withdrawn"


def closing_note(*, closed_on: date, reason: str, ended_on: date) -> str:
    """What the bailiff reads on a mission the case's closing ended (it works in French)."""
    ended = "mission terminée" if closing_ending(reason) == "closed" else "mission retirée"
    return (
        f"Dossier clos le {closed_on:%d/%m/%Y} ({CLOSURE_REASON_FR.get(reason, reason)}) : {ended}, cessez "
        f"toute diligence. Déclarez les fonds encaissés, les frais engagés et les actes accomplis jusqu'au "
        f"{ended_on:%d/%m/%Y} inclus."
    )


def stay_note(*, ended_on: date) -> str:
    """What the bailiff reads on a mission its debtor's insolvency proceedings ended (it works in French)."""
    return (
        "Procédure collective ouverte contre le débiteur : toute mesure d'exécution est arrêtée (art. L622-21 C. "
        "com.), mission retirée. Cessez toute diligence. Déclarez les fonds encaissés, les frais engagés et les actes "
        f"accomplis jusqu'au {ended_on:%d/%m/%Y} inclus."
    )
