"""What falls due soon: the deadlines of running procedures and the prescription of every case legal knows
(docs/rules.md §3.3, §3.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shared.prescription import PRESCRIPTION_YEARS, prescription_deadline

from legal.domain.partners import CLOSURE_REASON_FR

PRESCRIPTION = "prescription"
CASE_CLOSED = "case_closed"
INSOLVENCY_STAY = "insolvency_stay"
CLAIM_DECLARATION = "claim_declaration"


@dataclass(frozen=True)
class Due:
    kind: str
    due_on: date
    rule: str
    rule_fr: str


def prescription_due(
    *, kind: str, earliest_due_on: date, interruptions: tuple[date | None, ...], proceedings_filed: bool
) -> Due | None:
    """When the case's oldest receivable is time-barred, counted from its due date or the latest acknowledgement
    or partial payment; None once court proceedings are filed (they interrupt prescription for their duration,
    art. 2241 and 2242 C. civ.)."""
    if proceedings_filed or kind not in PRESCRIPTION_YEARS:
        return None
    due_on = prescription_deadline(kind=kind, due_date=earliest_due_on, interruptions=interruptions)
    years = PRESCRIPTION_YEARS[kind]
    law = "L218-2 C. conso" if kind == "b2c" else "L110-4 C. com."
    start = max([earliest_due_on, *(d for d in interruptions if d is not None)])
    return Due(
        PRESCRIPTION,
        due_on,
        f"{start.isoformat()} + {years} years ({law}; art. 2240 and 2231 C. civ.: an acknowledgement or a partial "
        "payment starts a new period)",
        f"{start:%d/%m/%Y} + {years} ans ({law} ; art. 2240 et 2231 C. civ. : une reconnaissance ou un paiement "
        "partiel fait courir un nouveau délai)",
    )


def closing_due(*, closed_on: date | None, reason: str | None, validated_on: date) -> Due:
    """A procedure before the court on a case intake closed (paid, settled, withdrawn ...): nothing ends it but the
    agency's own act, so staff are told at once, and until the procedure is recorded closed. A case closed before
    legal kept the day (`closed_on` None) is due from its validation."""
    when = f"on {closed_on.isoformat()}" if closed_on else "(on a day legal did not keep)"
    when_fr = f"le {closed_on:%d/%m/%Y}" if closed_on else "(à une date que le service juridique n'a pas gardée)"
    why_fr = CLOSURE_REASON_FR.get(reason or "", reason or "motif non gardé")
    return Due(
        CASE_CLOSED,
        closed_on or validated_on,
        f"the case closed {when} ({reason or 'reason not kept'}) with this procedure before the court: "
        "withdraw it (désistement, art. 394 CPC), have any seizure lifted (mainlevée), then record the procedure "
        "closed",
        f"le dossier a été clos {when_fr} ({why_fr}) alors que cette procédure est pendante : s'en désister "
        "(art. 394 CPC), faire lever toute saisie (mainlevée), puis enregistrer la procédure close",
    )


def stay_due(*, stayed_on: date | None, validated_on: date) -> Due:
    """A procedure before the court on a case whose debtor's insolvency proceedings opened since (L622-21 C. com.):
    the action is interrupted and enforcement stops; it may only go on to fix the claim's amount once the claim is
    declared. Staff are told at once, and until they record the procedure ended."""
    when = f"on {stayed_on.isoformat()}" if stayed_on else "(on a day legal did not keep)"
    when_fr = f"le {stayed_on:%d/%m/%Y}" if stayed_on else "(à une date que le service juridique n'a pas gardée)"
    return Due(
        INSOLVENCY_STAY,
        stayed_on or validated_on,
        f"insolvency proceedings opened on the debtor (heard {when}) with this procedure before the court: the "
        "action is interrupted and every enforcement stops (L622-21 C. com.); declare the claim to the "
        "administrator, tell the court and the bailiff, then record the procedure ended",
        f"une procédure collective a été ouverte contre le débiteur (appris {when_fr}) alors que cette procédure "
        "est pendante : l'instance est interrompue et toute exécution s'arrête (art. L622-21 C. com.) ; déclarer "
        "la créance au mandataire, en informer la juridiction et le commissaire de justice, puis enregistrer la "
        "procédure terminée",
    )


def claim_due(deadline: date) -> Due:
    """The claim still to declare to the administrator by its deadline: two months from the judgment's BODACC
    publication (L622-24, R622-24 C. com.), on pain of being left out of the distributions."""
    return Due(
        CLAIM_DECLARATION,
        deadline,
        f"declare the claim to the administrator by {deadline.isoformat()} (L622-24, R622-24 C. com.: two months "
        "from the BODACC publication; a claim not declared is left out of the distributions, L622-26)",
        f"déclarer la créance au mandataire au plus tard le {deadline:%d/%m/%Y} (art. L622-24, R622-24 C. com. : "
        "deux mois à compter de la publication au BODACC ; une créance non déclarée est écartée des répartitions, "
        "art. L622-26)",
    )


def falls_due(due_on: date, *, today: date, within_days: int) -> bool:
    """Due within the window, or already past and still open (someone must act)."""
    return due_on <= today + timedelta(days=within_days)
