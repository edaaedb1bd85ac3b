"""Claim declarations in insolvency proceedings, followed to their outcome. A case validated under insolvency
proceedings comes with its claim to declare; staff record each outcome; what the administrator pays becomes a
payment in intake (`AdministratorPaid`), once per payment reference."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, select

from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import NotFound
from shared.events.legal_procedures import AdministratorPaid
from shared.outbox import record_event

from legal.domain.insolvency import DECLARED, PAID, TO_DECLARE, ClaimFacts, check_claim_step
from legal.domain.refusals import RuleBroken
from legal.errors import refused
from legal.procedures.models import InsolvencyClaim, InsolvencyClaimStep, LegalCase
from legal.procedures.schemas import InsolvencyClaimIn
from legal.procedures.service.cases import visible_case
from legal.procedures.service.request_file import IntakeReader


def claim_to_declare(*, session: Session, case: LegalCase, clock: Clock, deadline: date | None = None) -> None:
    """In the consumer's transaction: the claim of a case validated under insolvency proceedings, or stayed by them,
    with the last day to declare it when intake knew it (a claim kept without one takes it from a later event)."""
    claim = session.exec(select(InsolvencyClaim).where(InsolvencyClaim.case_id == case.case_id)).first()
    if claim is None:
        session.add(
            InsolvencyClaim(
                case_id=case.case_id,
                creditor_id=case.creditor_id,
                status=TO_DECLARE,
                currency=case.currency,
                claim_deadline=deadline,
                updated_at=clock.now(),
            )
        )
    elif claim.claim_deadline is None and deadline is not None:
        claim.claim_deadline = deadline
        session.add(claim)


def claim_of(session: Session, case_id: uuid.UUID) -> InsolvencyClaim | None:
    return session.exec(select(InsolvencyClaim).where(InsolvencyClaim.case_id == case_id)).first()


def visible_claim(session: Session, case_id: uuid.UUID, principal: Principal) -> InsolvencyClaim:
    case = visible_case(session, case_id, principal)
    claim = claim_of(session, case.case_id)
    if claim is None:
        raise NotFound(
            f"case {case_id} has no claim to declare: its debtor was not under insolvency proceedings at validation",
            field="case_id",
            message_fr=f"le dossier {case_id} n'a pas de créance à déclarer : son débiteur ne faisait pas l'objet "
            "d'une procédure collective à la validation",
        )
    return claim


def record_claim_step(
    *,
    session: Session,
    reader: IntakeReader,
    case_id: uuid.UUID,
    step_in: InsolvencyClaimIn,
    principal: Principal,
    clock: Clock,
) -> InsolvencyClaim:
    claim = visible_claim(session, case_id, principal)
    deadline = claim.claim_deadline
    if deadline is None:
        # intake computed it at validation from the BODACC publication (L622-24, R622-24 C. com.)
        published = (reader.read(f"/api/v1/cases/{case_id}") or {}).get("claim_deadline")
        deadline = date.fromisoformat(published) if published else None
    session.refresh(claim, with_for_update=True)
    claim.claim_deadline = deadline
    reference = None
    if step_in.status == PAID:
        # without the administrator's reference, the same amount on the same day is taken for a retry
        reference = step_in.reference or f"administrator-{step_in.occurred_on.isoformat()}-{step_in.amount}"
        if session.exec(
            select(InsolvencyClaimStep.id).where(
                InsolvencyClaimStep.claim_id == claim.id, InsolvencyClaimStep.reference == reference
            )
        ).first():
            session.commit()
            return claim  # the same payment reported again
    facts = ClaimFacts(status=claim.status, declared=claim.declared, admitted=claim.admitted, paid=claim.paid)
    try:
        check_claim_step(facts, step_in.status, step_in.amount, step_in.occurred_on, today=today_in_paris(clock))
    except RuleBroken as exc:
        raise refused(exc) from exc
    claim.status, claim.updated_at = step_in.status, clock.now()
    if step_in.status == DECLARED:
        claim.declared_on, claim.declared = step_in.occurred_on, step_in.amount
    elif step_in.status == "admitted":
        claim.admitted = step_in.amount
    elif step_in.status == PAID and step_in.amount is not None:
        claim.paid += step_in.amount
        assert reference is not None
        record_event(
            session,
            AdministratorPaid(
                case_id=str(claim.case_id),
                creditor_id=str(claim.creditor_id),
                claim_id=str(claim.id),
                amount=step_in.amount,
                currency=claim.currency,
                paid_on=step_in.occurred_on,
                reference=reference,
            ),
            clock=clock,
            subject=str(claim.case_id),
            tenant=str(claim.creditor_id),
        )
    session.add(claim)
    session.add(
        InsolvencyClaimStep(
            claim_id=claim.id,
            status=step_in.status,
            occurred_on=step_in.occurred_on,
            amount=step_in.amount,
            reference=reference,
            recorded_at=clock.now(),
            recorded_by=principal.subject,
        )
    )
    session.commit()
    return claim
