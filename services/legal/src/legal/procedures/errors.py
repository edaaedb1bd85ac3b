"""Errors of court procedures, with their status and a plain message in French and English."""

from __future__ import annotations

import uuid

from shared.errors import Conflict, DomainError, Invalid, NotFound

from legal.procedures.domain.refusals import RuleBroken


def case_not_found(case_id: uuid.UUID) -> NotFound:
    return NotFound(
        f"legal does not know case {case_id} (not validated yet, or not yours)",
        field="case_id",
        message_fr=f"le service juridique ne connaît pas le dossier {case_id} (pas encore validé, ou pas le vôtre)",
    )


def procedure_not_found(procedure_id: uuid.UUID) -> NotFound:
    return NotFound(
        f"no procedure {procedure_id}",
        field="procedure_id",
        message_fr=f"aucune procédure {procedure_id}",
    )


def proposal_not_found(proposal_id: uuid.UUID) -> NotFound:
    return NotFound(f"no proposal {proposal_id}", field="proposal_id", message_fr=f"aucune proposition {proposal_id}")


class ProcedureRefused(Conflict):
    """The case or the procedure is not in a state that allows it (409)."""


def refused(rule: RuleBroken) -> DomainError:
    """A rule the state forbids is a conflict (409); a wrong input is a 422."""
    if rule.conflict:
        return ProcedureRefused(rule.message, field=rule.field, message_fr=rule.message_fr)
    return Invalid(rule.message, field=rule.field, message_fr=rule.message_fr)
