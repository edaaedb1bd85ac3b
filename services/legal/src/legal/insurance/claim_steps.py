"""A claim's steps after the declaration: documents sent, accepted or refused, paid, or withdrawn when the debtor
paid first. The indemnity paid is published (`InsuranceIndemnityPaid`): intake records it on the case as a payment
of origin `insurer`, for which the insurer is subrogated (art. 1346-1 C. civ.)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, Invalid
from shared.events.legal_insurance import InsuranceIndemnityPaid
from shared.outbox import record_event

from legal.domain import insurance as domain
from legal.insurance.alert_rows import resolve_alerts
from legal.insurance.claims import visible_claim
from legal.insurance.models import InsuranceClaim, InsuranceClaimStep
from legal.insurance.schemas import ClaimStepIn

ALERTS_ENDED_BY = {
    domain.PAID: ("indemnity_awaited",),
    domain.REFUSED: ("indemnity_awaited",),
    domain.WITHDRAWN: ("indemnity_awaited",),
}


def indemnity_reference(claim: InsuranceClaim) -> str:
    """The payment's reference in intake's ledger: one indemnity per claim, so a replay records it once."""
    return f"INDEMNITE-{claim.id}"


def _check_dates(session: Session, claim: InsuranceClaim, step_in: ClaimStepIn, *, today: date) -> None:
    if step_in.occurred_on > today:
        raise Invalid(
            f"occurred_on: {step_in.occurred_on.isoformat()} is after today; record a step once it happened",
            field="occurred_on",
            message_fr=f"occurred_on : le {step_in.occurred_on:%d/%m/%Y} est après aujourd'hui ; enregistrez une "
            "étape une fois survenue",
        )
    latest = session.exec(
        select(func.max(InsuranceClaimStep.occurred_on)).where(InsuranceClaimStep.claim_id == claim.id)
    ).one()
    if latest is not None and step_in.occurred_on < latest:
        raise Invalid(
            f"occurred_on: {step_in.occurred_on.isoformat()} is before the claim's last step ({latest.isoformat()})",
            field="occurred_on",
            message_fr=f"occurred_on : le {step_in.occurred_on:%d/%m/%Y} précède la dernière étape du sinistre "
            f"({latest:%d/%m/%Y})",
        )


def _check_amount(claim: InsuranceClaim, step_in: ClaimStepIn) -> None:
    if step_in.type != domain.PAID:
        if step_in.amount is not None:
            raise Invalid(
                "amount: only the payout (`paid`) carries an amount",
                field="amount",
                message_fr="amount : seule l'indemnisation (`paid`) porte un montant",
            )
        return
    if step_in.amount is None:
        raise Invalid(
            "amount: say how much the insurer paid", field="amount", message_fr="amount : indiquez le montant versé"
        )
    if step_in.amount > claim.declared_amount:
        raise Invalid(
            f"amount: {step_in.amount} is more than the loss declared ({claim.declared_amount})",
            field="amount",
            message_fr=f"amount : {step_in.amount} dépasse le sinistre déclaré ({claim.declared_amount})",
        )


def record_step(
    *,
    session: Session,
    case_id: uuid.UUID,
    claim_id: uuid.UUID,
    step_in: ClaimStepIn,
    principal: Principal,
    clock: Clock,
) -> InsuranceClaim:
    claim = visible_claim(session, case_id, claim_id, principal)
    session.refresh(claim, with_for_update=True)
    try:
        state = domain.next_state(claim.state, step_in.type)
    except domain.StepRefused as refused:
        raise Conflict(refused.en, field="type", message_fr=refused.fr) from None
    today = today_in_paris(clock)
    _check_dates(session, claim, step_in, today=today)
    _check_amount(claim, step_in)
    claim.state, claim.updated_at = state, clock.now()
    if step_in.reference and claim.insurer_reference is None:
        claim.insurer_reference = step_in.reference
    session.add(
        InsuranceClaimStep(
            claim_id=claim.id,
            step=step_in.type,
            occurred_on=step_in.occurred_on,
            amount=step_in.amount,
            reference=step_in.reference,
            note=step_in.note,
            recorded_at=clock.now(),
            recorded_by=principal.subject,
        )
    )
    if state == domain.PAID and step_in.amount is not None:
        claim.indemnity_paid, claim.paid_on = step_in.amount, step_in.occurred_on
        record_event(
            session,
            InsuranceIndemnityPaid(
                claim_id=str(claim.id),
                case_id=str(claim.case_id),
                creditor_id=str(claim.creditor_id),
                insurer_id=str(claim.insurer_id),
                amount=step_in.amount,
                currency=claim.currency,
                paid_on=step_in.occurred_on,
                reference=indemnity_reference(claim),
            ),
            clock=clock,
            subject=str(claim.case_id),
            tenant=str(claim.creditor_id),
        )
    resolve_alerts(session, claim.case_id, ALERTS_ENDED_BY.get(state, ()), today=today)
    session.add(claim)
    audit(
        session,
        actor=principal,
        action=f"insurance_claim.{step_in.type}",
        entity="case",
        entity_id=claim.case_id,
        clock=clock,
        claim_id=str(claim.id),
        occurred_on=step_in.occurred_on.isoformat(),
        amount=str(step_in.amount) if step_in.amount is not None else None,
    )
    return claim
