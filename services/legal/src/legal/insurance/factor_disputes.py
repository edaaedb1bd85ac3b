"""What happens to an assigned receivable afterwards: the factor disputes it (the debtor contests it, the invoice
does not match), the dispute is upheld or dismissed, and the factor hands the receivable back (recourse): with a
contract with recourse, any unpaid receivable; without recourse, only one whose dispute stands (docs/rules.md §8)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, Invalid
from shared.tenancy import check_visible

from legal.domain.factoring import hand_back_refusal
from legal.errors import AssignmentNotFound, DisputeNotFound
from legal.insurance.factoring_models import FactorDispute, FactoringAssignment, FactoringBatch
from legal.insurance.factoring_schemas import (
    AssignmentDetail,
    AssignmentPublic,
    DisputeIn,
    DisputePublic,
    DisputeResolutionIn,
    HandBackIn,
)

STANDING = ("open", "upheld")


def visible_assignment(session: Session, assignment_id: uuid.UUID, principal: Principal) -> FactoringAssignment:
    assignment = session.get(FactoringAssignment, assignment_id)
    if assignment is None:
        raise AssignmentNotFound(assignment_id)
    check_visible(principal, missing=lambda: AssignmentNotFound(assignment_id), creditor_id=assignment.creditor_id)
    return assignment


def _not_in_future(value: date, today: date, field: str) -> None:
    if value > today:
        raise Invalid(
            f"{field}: {value.isoformat()} is after today",
            field=field,
            message_fr=f"{field} : le {value:%d/%m/%Y} est après aujourd'hui",
        )


def _disputes(session: Session, assignment_id: uuid.UUID) -> list[FactorDispute]:
    return list(
        session.exec(
            select(FactorDispute)
            .where(FactorDispute.assignment_id == assignment_id)
            .order_by(col(FactorDispute.opened_on), col(FactorDispute.created_at))
        ).all()
    )


def open_dispute(
    *, session: Session, assignment_id: uuid.UUID, dispute_in: DisputeIn, principal: Principal, clock: Clock
) -> FactorDispute:
    assignment = visible_assignment(session, assignment_id, principal)
    _not_in_future(dispute_in.opened_on, today_in_paris(clock), "opened_on")
    dispute = FactorDispute(
        assignment_id=assignment.id,
        creditor_id=assignment.creditor_id,
        reason=dispute_in.reason,
        opened_on=dispute_in.opened_on,
        created_at=clock.now(),
        created_by=principal.subject,
    )
    session.add(dispute)
    audit(
        session,
        actor=principal,
        action="factor_dispute.opened",
        entity="factoring_assignment",
        entity_id=assignment.id,
        clock=clock,
        reason=dispute_in.reason,
    )
    return dispute


def resolve_dispute(
    *,
    session: Session,
    assignment_id: uuid.UUID,
    dispute_id: uuid.UUID,
    resolution_in: DisputeResolutionIn,
    principal: Principal,
    clock: Clock,
) -> FactorDispute:
    assignment = visible_assignment(session, assignment_id, principal)
    dispute = session.get(FactorDispute, dispute_id, with_for_update=True)
    if dispute is None or dispute.assignment_id != assignment.id:
        raise DisputeNotFound(dispute_id)
    if dispute.status != "open":
        raise Conflict(
            f"the dispute was already {dispute.status} on {dispute.resolved_on}",
            field="factor_dispute_id",
            message_fr=f"le litige a déjà été tranché ({dispute.status}){_on_fr(dispute.resolved_on)}",
        )
    _not_in_future(resolution_in.resolved_on, today_in_paris(clock), "resolved_on")
    if resolution_in.resolved_on < dispute.opened_on:
        raise Invalid(
            f"resolved_on: {resolution_in.resolved_on} is before the dispute was opened ({dispute.opened_on})",
            field="resolved_on",
            message_fr=f"resolved_on : le {resolution_in.resolved_on:%d/%m/%Y} précède l'ouverture du litige "
            f"({dispute.opened_on:%d/%m/%Y})",
        )
    dispute.status, dispute.resolved_on = resolution_in.outcome, resolution_in.resolved_on
    dispute.resolution_note = resolution_in.note
    session.add(dispute)
    audit(
        session,
        actor=principal,
        action=f"factor_dispute.{resolution_in.outcome}",
        entity="factoring_assignment",
        entity_id=assignment.id,
        clock=clock,
        dispute_id=str(dispute.id),
    )
    return dispute


def hand_back(
    *, session: Session, assignment_id: uuid.UUID, hand_back_in: HandBackIn, principal: Principal, clock: Clock
) -> FactoringAssignment:
    assignment = visible_assignment(session, assignment_id, principal)
    session.refresh(assignment, with_for_update=True)
    if assignment.status != "assigned":
        raise Conflict(
            f"invoice {assignment.invoice_number} was already handed back on {assignment.handed_back_on}",
            field="assignment_id",
            message_fr=f"la facture {assignment.invoice_number} a déjà été rétrocédée"
            + _on_fr(assignment.handed_back_on),
        )
    batch = session.get(FactoringBatch, assignment.batch_id)
    with_recourse = batch is not None and batch.with_recourse
    disputed = any(d.status in STANDING for d in _disputes(session, assignment.id))
    refusal = hand_back_refusal(with_recourse=with_recourse, disputed=disputed)
    if refusal is not None:
        raise Conflict(refusal[0], field="assignment_id", message_fr=refusal[1])
    _not_in_future(hand_back_in.handed_back_on, today_in_paris(clock), "handed_back_on")
    amount = hand_back_in.amount or assignment.assigned_amount
    if amount > assignment.assigned_amount:
        raise Invalid(
            f"amount: {amount} is more than was assigned ({assignment.assigned_amount})",
            field="amount",
            message_fr=f"amount : {amount} dépasse le montant cédé ({assignment.assigned_amount})",
        )
    assignment.status, assignment.handed_back_on = "handed_back", hand_back_in.handed_back_on
    assignment.handed_back_amount, assignment.hand_back_reason = amount, hand_back_in.reason
    session.add(assignment)
    audit(
        session,
        actor=principal,
        action="factoring_assignment.handed_back",
        entity="factoring_assignment",
        entity_id=assignment.id,
        clock=clock,
        amount=str(amount),
        reason=hand_back_in.reason,
    )
    return assignment


def assignment_detail(session: Session, assignment: FactoringAssignment) -> AssignmentDetail:
    base = AssignmentPublic.model_validate(assignment, from_attributes=True)
    disputes = [DisputePublic.model_validate(d, from_attributes=True) for d in _disputes(session, assignment.id)]
    return AssignmentDetail(**base.model_dump(), disputes=disputes)


def _on_fr(day: date | None) -> str:
    """' le 10/01/2027' when the day is known."""
    return f" le {day:%d/%m/%Y}" if day else ""
