"""The case lifecycle: which status follows which, which statuses take new invoices, one currency per case, and the
checklist an agent needs before collection starts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intake.domain.rule_broken import RuleBroken

TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"submitted", "closed"}),
    "submitted": frozenset({"validated", "claim_declaration", "draft", "closed"}),
    # insolvency proceedings opened on a debtor under collection stay every action (L622-21 C. com.)
    "validated": frozenset({"amicable", "legal", "claim_declaration", "closed"}),
    "amicable": frozenset({"legal", "claim_declaration", "closed"}),
    "legal": frozenset({"claim_declaration", "closed"}),
    "claim_declaration": frozenset({"closed"}),
    "closed": frozenset(),
}
# New invoices join a case until collection is fixed by a procedure: a claim declared to the insolvency
# administrator (L622-24 C. com.) or pursued in court covers given invoices; a closed case takes nothing.
ACCEPTS_INVOICES = frozenset({"draft", "submitted", "validated", "amicable"})
STATUS_NAMES_FR = {
    "draft": "brouillon",
    "submitted": "soumis",
    "validated": "validé",
    "amicable": "amiable",
    "legal": "judiciaire",
    "claim_declaration": "déclaration de créance",
    "closed": "clos",
}


def status_fr(status: str) -> str:
    """A case status as French readers name it, in guillemets: « soumis »."""
    return f"« {STATUS_NAMES_FR.get(status, status)} »"


def check_case_currency(
    invoices: Sequence[tuple[str, str]], *, case_currency: str | None, first_index: int = 0
) -> None:
    """Currency is a property of the case (docs/rules.md §0.1): every invoice of a case is in the case's currency,
    which its first invoice sets; amounts in two currencies are never added up. `invoices` are (number,
    currency) pairs; the field named is that of the first invoice in another currency. POST /cases, POST
    /cases/{id}/invoices and every import row obey this one rule."""
    expected = case_currency
    for index, (number, currency) in enumerate(invoices, start=first_index):
        expected = expected or currency
        if currency != expected:
            raise RuleBroken(
                f"invoices[{index}].currency",
                f"invoice {number}: the invoices of one case share one currency ({expected}), not {currency}; "
                "place it in a case of its own",
                f"la facture {number} : les factures d'un même dossier sont toutes dans la même devise "
                f"({expected}), pas en {currency} ; confiez-la dans un dossier à part",
            )


def check_new_invoices(*, status: str, case_currency: str | None, invoices: Sequence[tuple[str, str]]) -> None:
    """What POST /cases/{id}/invoices and an import row adding to an existing case both obey; `invoices` are
    (number, currency) pairs."""
    if status not in ACCEPTS_INVOICES:
        raise RuleBroken(
            "status",
            f"a case that is {status} takes no new invoices; open a new case for them",
            f"un dossier à l'état {status_fr(status)} ne reçoit plus de nouvelles factures ; "
            "ouvrez un nouveau dossier pour celles-ci",
        )
    check_case_currency(invoices, case_currency=case_currency)


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        following = sorted(TRANSITIONS.get(current, frozenset()))
        allowed = ", ".join(following) or "none: the case is closed"
        allowed_fr = ", ".join(status_fr(s) for s in following) or "aucun : le dossier est clos"
        raise RuleBroken(
            "status",
            f"a case that is {current} cannot become {target} (possible next states: {allowed})",
            f"un dossier à l'état {status_fr(current)} ne peut pas passer à l'état {status_fr(target)} "
            f"(états suivants possibles : {allowed_fr})",
        )


CHECKLIST_OPEN = ("draft", "submitted")
"""The statuses in which the checklist may still change: it is settled once the case is validated."""

EVIDENCE = {
    "contract": "contract_signed",
    "purchase_order": "contract_signed",
    "proforma": "contract_signed",
    "delivery_proof": "delivery_evidenced",
}
"""The checklist's item a document of each kind proves: attached while the checklist is open (draft, submitted), it
ticks the item, so that the case never says a contract is missing above the contract itself."""


@dataclass(frozen=True)
class Checklist:
    """État des lieux: the evidence an agent needs before collection starts."""

    contract_signed: bool
    delivery_evidenced: bool

    @property
    def complete(self) -> bool:
        return self.contract_signed and self.delivery_evidenced

    def missing(self) -> list[str]:
        gaps = []
        if not self.contract_signed:
            gaps.append("a signed contract, purchase order or proforma")
        if not self.delivery_evidenced:
            gaps.append("evidence of delivery or performance")
        return gaps

    def missing_fr(self) -> list[str]:
        gaps = []
        if not self.contract_signed:
            gaps.append("un contrat signé, un bon de commande ou une facture proforma")
        if not self.delivery_evidenced:
            gaps.append("une preuve de livraison ou d'exécution")
        return gaps


def check_validation(checklist: Checklist, override_reason: str | None) -> None:
    if checklist.complete:
        return
    if override_reason is None or not override_reason.strip():
        raise RuleBroken(
            "checklist",
            "the checklist is incomplete (missing: "
            + "; ".join(checklist.missing())
            + "); complete it or give an override_reason",
            "l'état des lieux est incomplet (il manque : "
            + " ; ".join(checklist.missing_fr())
            + ") ; complétez-le ou indiquez un motif de dérogation (override_reason)",
        )
