"""Legal's errors, each with its status and its message in English and French: partner missions, court
procedures, credit insurance and factoring."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol

from shared.errors import Conflict, DomainError, Invalid, NotFound

# Partner missions (bailiffs' and lawyers' reports and deeds)


class MissionNotFound(NotFound):
    def __init__(self, mission_id: uuid.UUID) -> None:
        super().__init__(f"no mission {mission_id}", message_fr=f"aucune mission {mission_id}")


class CaseNotFound(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(f"no case {case_id}", message_fr=f"aucun dossier {case_id}")


class PartnerNotFound(NotFound):
    def __init__(self, partner_id: uuid.UUID) -> None:
        super().__init__(f"no partner {partner_id}", message_fr=f"aucun partenaire {partner_id}")


class DeedNotFound(NotFound):
    def __init__(self, deed_id: uuid.UUID) -> None:
        super().__init__(f"no deed {deed_id} on this mission", message_fr=f"aucun acte {deed_id} dans cette mission")


class MissionEnded(Conflict):
    def __init__(self, status: str, ended_on: date | None = None) -> None:
        status_fr = {"withdrawn": "retirée", "closed": "close"}.get(status, status)
        if ended_on is None:
            super().__init__(
                f"this mission is {status}; it takes no more reports or deeds",
                message_fr=f"cette mission est {status_fr} ; elle ne reçoit plus de compte rendu ni d'acte",
            )
            return
        super().__init__(
            f"this mission was {status} on {ended_on}; it takes reports of what happened until that day only",
            message_fr=f"cette mission a été {status_fr} le {ended_on:%d/%m/%Y} ; elle ne reçoit que les comptes "
            "rendus de ce qui a eu lieu jusqu'à ce jour",
        )


class InvalidReport(Invalid):
    """A report, deed or mission whose field is wrong; `field` names it."""

    def __init__(self, field: str, message: str, message_fr: str) -> None:
        super().__init__(message, field=field, message_fr=message_fr)


class ReportConflict(Conflict):
    def __init__(self, field: str, message: str, message_fr: str) -> None:
        super().__init__(message, field=field, message_fr=message_fr)


# Court procedures


class CaseUnknownToLegal(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(
            f"legal does not know case {case_id} (not validated yet, or not yours)",
            field="case_id",
            message_fr=f"le service juridique ne connaît pas le dossier {case_id} (pas encore validé, ou pas le vôtre)",
        )


class ProcedureNotFound(NotFound):
    def __init__(self, procedure_id: uuid.UUID) -> None:
        super().__init__(
            f"no procedure {procedure_id}", field="procedure_id", message_fr=f"aucune procédure {procedure_id}"
        )


class ProposalNotFound(NotFound):
    def __init__(self, proposal_id: uuid.UUID) -> None:
        super().__init__(
            f"no proposal {proposal_id}", field="proposal_id", message_fr=f"aucune proposition {proposal_id}"
        )


class ProcedureRefused(Conflict):
    """The case or the procedure is not in a state that allows it (409)."""


class BrokenRule(Protocol):
    """What `legal.domain.refusals.RuleBroken` carries (named here so errors import no aggregate)."""

    message: str
    message_fr: str
    field: str | None
    conflict: bool


def refused(rule: BrokenRule) -> DomainError:
    """A rule the state forbids is a conflict (409); a wrong input is a 422."""
    if rule.conflict:
        return ProcedureRefused(rule.message, field=rule.field, message_fr=rule.message_fr)
    return Invalid(rule.message, field=rule.field, message_fr=rule.message_fr)


# Credit insurance and factoring


class ContractNotFound(NotFound):
    def __init__(self, creditor_id: uuid.UUID) -> None:
        super().__init__(
            f"creditor {creditor_id} has no factoring contract on file",
            field="creditor_id",
            message_fr=f"le créancier {creditor_id} n'a pas de contrat d'affacturage enregistré",
        )


class BatchNotFound(NotFound):
    def __init__(self, batch_id: uuid.UUID) -> None:
        super().__init__(
            f"no assignment batch {batch_id}",
            field="batch_id",
            message_fr=f"aucun bordereau de cession {batch_id}",
        )


class PolicyNotFound(NotFound):
    def __init__(self, creditor_id: uuid.UUID) -> None:
        super().__init__(
            f"creditor {creditor_id} has no credit-insurance policy on file",
            field="creditor_id",
            message_fr=f"le créancier {creditor_id} n'a pas de police d'assurance-crédit enregistrée",
        )


class AssignmentNotFound(NotFound):
    def __init__(self, assignment_id: uuid.UUID) -> None:
        super().__init__(
            f"no assigned receivable {assignment_id}",
            field="assignment_id",
            message_fr=f"aucune créance cédée {assignment_id}",
        )


class DisputeNotFound(NotFound):
    def __init__(self, dispute_id: uuid.UUID) -> None:
        super().__init__(
            f"no factor dispute {dispute_id} on this receivable",
            field="factor_dispute_id",
            message_fr=f"aucun litige du factor {dispute_id} sur cette créance",
        )


class ClaimNotFound(NotFound):
    def __init__(self, claim_id: uuid.UUID) -> None:
        super().__init__(
            f"no insurance claim {claim_id} on this case",
            field="insurance_claim_id",
            message_fr=f"aucun sinistre {claim_id} sur ce dossier",
        )


class CaseNotInCollection(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(
            f"no case {case_id} in collection (legal hears of a case once intake validates it)",
            field="case_id",
            message_fr=f"aucun dossier {case_id} en recouvrement (le service juridique connaît un dossier une fois "
            "validé par l'intake)",
        )
