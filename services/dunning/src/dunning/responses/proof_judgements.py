"""Staff's judgement that the documents filed for a dispute do not answer it: the creditor is told what is missing and
asked again; a document of a kind the dispute asks for, filed after, makes the proof received again."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict
from shared.events.dunning import DisputeProofInsufficient
from shared.outbox import record_event

from dunning.cases.cases import event_ids, visible_case
from dunning.responses.dispute_proofs import filed_documents, proof
from dunning.responses.models import Dispute
from dunning.responses.notices import tell_creditor_proof_insufficient
from dunning.responses.proof_schemas import ProofInsufficientIn
from dunning.responses.responses import dispute_of


def judge_proof_insufficient(
    *,
    session: Session,
    case_id: uuid.UUID,
    dispute_id: uuid.UUID,
    judged: ProofInsufficientIn,
    principal: Principal,
    clock: Clock,
) -> Dispute:
    """Staff found the documents filed for an open dispute not enough: the creditor is told what is missing and
    asked again. Said again before anything new was filed, it changes nothing (the first judgement stands)."""
    case = visible_case(session, case_id, principal, lock=True)
    dispute = dispute_of(session, case, dispute_id)
    if dispute.status == "resolved":
        raise Conflict(
            "this dispute is already resolved",
            field="dispute_id",
            message_fr="ce litige est déjà résolu",
        )
    found = proof(dispute, filed_documents(session, [case.case_id]).get(case.case_id, []))
    if found.status == "insufficient":
        return dispute
    if found.status == "not_required":
        raise Conflict(
            "this dispute asks for no document: its category names none (a declared payment, another reason)",
            field="dispute_id",
            message_fr="ce litige n'appelle aucune pièce : sa catégorie n'en désigne pas "
            "(paiement déclaré, autre motif)",
        )
    if found.status == "requested":
        raise Conflict(
            "no document answering this dispute has been filed yet: there is nothing to judge",
            field="dispute_id",
            message_fr="aucune pièce répondant à ce litige n'a encore été déposée : il n'y a rien à juger",
        )
    dispute.proof_insufficient_at, dispute.proof_insufficient_by = clock.now(), principal.subject
    dispute.proof_insufficient_note = judged.note
    record_event(
        session,
        DisputeProofInsufficient(
            **event_ids(case), dispute_id=str(dispute.id), judged_at=dispute.proof_insufficient_at
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    tell_creditor_proof_insufficient(session=session, case=case, dispute=dispute, required=found.required, clock=clock)
    audit(
        session,
        actor=principal,
        action="dispute.proof_insufficient",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        reason=judged.note,
    )
    return dispute
