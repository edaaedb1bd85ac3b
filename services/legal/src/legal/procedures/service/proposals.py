"""Escalation proposals: a case whose dunning ran out is proposed for court, or for closing when the mandate does
not cover the legal phase; a person decides, unless the creditor's mandate pre-approved going to court."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, func, select

from shared.auth import Principal
from shared.clock import Clock
from shared.events.dunning import DunningExhausted
from shared.events.envelope import CloudEvent
from shared.events.legal_procedures import ProcedureProposed
from shared.outbox import record_event
from shared.tenancy import check_visible, creditor_filter
from shared.waiting_room import PrerequisiteMissing

from legal.domain.courts import ProcedureKind, available_kinds
from legal.errors import ProcedureRefused, ProposalNotFound
from legal.procedures.models import EscalationPolicy, LegalCase, Proposal
from legal.procedures.service.opening import alive_procedure, start_procedure

PENDING = ("proposed", "closing_proposed")
CASE_CLOSED = "the case was closed before a decision"


def propose(*, session: Session, event: DunningExhausted, envelope: CloudEvent, clock: Clock) -> None:
    # The exhaustion comes on dunning.actions and the closing on intake.cases: two workers may handle them at once.
    # Held until commit (the closing holds it too, `record_status`), the case makes the later one wait, then read
    # what the earlier one committed: a closed case, or a proposal to withdraw.
    case = session.get(LegalCase, uuid.UUID(event.case_id), with_for_update=True, populate_existing=True)
    if case is None:
        raise PrerequisiteMissing(event.case_id, f"dunning exhausted case {event.case_id}, not validated in legal yet")
    if session.exec(select(Proposal).where(Proposal.source_event_id == envelope.id)).first() is not None:
        return
    proposal = Proposal(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor_id,
        status="proposed" if event.legal_allowed else "closing_proposed",
        scenario=event.scenario,
        exhausted_on=event.exhausted_on,
        balance=event.balance,
        source_event_id=envelope.id,
    )
    if case.status == "closed":
        proposal.status, proposal.decision_note = "withdrawn", CASE_CLOSED
    elif case.insolvency or alive_procedure(session, case.case_id) is not None:
        proposal.status = "withdrawn"
        proposal.decision_note = "insolvency proceedings or a procedure already under way"
    for older in session.exec(
        select(Proposal).where(Proposal.case_id == case.case_id, col(Proposal.status).in_(PENDING))
    ):
        older.status, older.decision_note = "withdrawn", "a later exhaustion replaced it"
        session.add(older)
    session.add(proposal)
    session.flush()
    if proposal.status not in PENDING:
        return
    record_event(
        session,
        ProcedureProposed(
            case_id=str(case.case_id),
            creditor_id=str(case.creditor_id),
            debtor_id=str(case.debtor_id),
            proposal_id=str(proposal.id),
            proposal="legal" if proposal.status == "proposed" else "close",
            proposed_on=event.exhausted_on,
            balance=event.balance,
            reason=f"dunning scenario {event.scenario} exhausted on {event.exhausted_on}",
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    policy = session.get(EscalationPolicy, case.creditor_id)
    if proposal.status == "proposed" and policy is not None and policy.preapproved:
        kind = ProcedureKind(policy.kind)
        if event.balance is not None and kind not in available_kinds(event.balance):
            kind = ProcedureKind.PAYMENT_ORDER
        start_procedure(session=session, case=case, kind=kind, approved_by="mandate", clock=clock)


def withdraw_on_closing(*, session: Session, case_id: uuid.UUID) -> None:
    for proposal in session.exec(
        select(Proposal).where(Proposal.case_id == case_id, col(Proposal.status).in_(PENDING))
    ):
        proposal.status, proposal.decision_note = "withdrawn", CASE_CLOSED
        session.add(proposal)


def refuse_proposal(
    *, session: Session, proposal_id: uuid.UUID, reason: str, principal: Principal, clock: Clock
) -> Proposal:
    proposal = session.get(Proposal, proposal_id, with_for_update=True)
    if proposal is None:
        raise ProposalNotFound(proposal_id)
    check_visible(principal, missing=lambda: ProposalNotFound(proposal_id), creditor_id=proposal.creditor_id)
    if proposal.status not in PENDING:
        raise ProcedureRefused(
            f"this proposal is {proposal.status} already; only a pending one can be refused",
            field="proposal_id",
            message_fr=f"cette proposition est déjà traitée ({proposal.status}) ; seule une proposition en attente "
            "peut être refusée",
        )
    proposal.status, proposal.decided_by, proposal.decided_at = "refused", principal.subject, clock.now()
    proposal.decision_note = reason
    session.add(proposal)
    session.commit()
    return proposal


def list_proposals(
    *, session: Session, principal: Principal, status: str | None, offset: int, limit: int
) -> tuple[list[Proposal], int]:
    query = select(Proposal)
    creditor_id = creditor_filter(principal)
    if creditor_id is not None:
        query = query.where(Proposal.creditor_id == creditor_id)
    if status is not None:
        query = query.where(Proposal.status == status)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    items = session.exec(query.order_by(col(Proposal.exhausted_on).desc()).offset(offset).limit(limit)).all()
    return list(items), int(total)
