"""The debtor answers: a promise pauses the scenario until its day, a dispute holds every channel until staff
resolve it (and cancels a running payment plan: what is owed is in question; the creditor may answer it once), a
phone call's outcome is recorded (and may be a promise or a dispute), an opt-out of a channel is honoured for every
creditor. Payment plans have a module of their own (`payment_plans`)."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, Invalid, NotFound
from shared.events.dunning import DisputeAnswered, DisputeOpened, DisputeResolved, PromiseMade
from shared.outbox import record_event

from dunning.cases.cases import event_ids, visible_case
from dunning.cases.composing import BalanceDue
from dunning.cases.models import DunningCase
from dunning.domain.promises import check_promisable, check_promise
from dunning.responses.dispute_proofs import filed_documents, proof
from dunning.responses.models import Dispute, OptOut, Promise, opted_out
from dunning.responses.notices import tell_creditor_of_dispute
from dunning.responses.payment_plans import cancel_running_plan
from dunning.responses.schemas import DisputeAnswerIn, DisputeIn, DisputeResolveIn, PromiseIn
from dunning.responses.settlement_models import refuse_while_accepted
from dunning.steps.plans import resume

OPEN_STATUSES = ("active", "promise", "plan", "dispute")


def working(case: DunningCase) -> None:
    if case.status == "claim_declaration":
        raise Conflict(
            "the debtor is under insolvency proceedings: the claim is declared to the administrator, and the debtor "
            "may not pay it (L622-7, L622-21 C. com.)",
            field="case_id",
            message_fr="le débiteur fait l'objet d'une procédure collective : la créance est déclarée au mandataire, "
            "et le débiteur ne peut pas la payer (art. L622-7, L622-21 C. com.)",
        )
    if case.status not in OPEN_STATUSES:
        raise Conflict(
            f"the case is {case.status}: dunning no longer works it",
            field="case_id",
            message_fr=f"le dossier est {case.status} : il n'est plus en relance amiable",
        )


def make_promise(
    *,
    session: Session,
    case_id: uuid.UUID,
    promise_in: PromiseIn,
    principal: Principal,
    clock: Clock,
    balance_due: BalanceDue | None = None,
) -> Promise:
    """A promise within its bounds (`domain.promises`), at most the balance the statement of account gives today
    (`balance_due`: intake's figure, the one the case's page shows, read before the case is locked so that no row
    is held while intake answers); without it, the balance intake's events last gave."""
    case = visible_case(session, case_id, principal, lock=balance_due is None)
    today, balance = today_in_paris(clock), case.balance
    if balance_due is not None:
        working(case)
        check_promisable(case.status)
        balance = balance_due(case, today)
        session.refresh(case, with_for_update=True)  # locked, as committed last: a payment may have come meanwhile
    working(case)
    check_promisable(case.status)
    refuse_while_accepted(session, case.case_id)
    check_promise(
        amount=promise_in.amount,
        due_on=promise_in.due_on,
        today=today,
        balance=balance,
        currency=case.currency,
    )
    for earlier in session.exec(select(Promise).where(Promise.case_id == case.case_id, Promise.status == "open")):
        earlier.status, earlier.settled_on = "replaced", today
    promise = Promise(
        case_id=case.case_id,
        amount=promise_in.amount,
        currency=case.currency,
        due_on=promise_in.due_on,
        made_at=clock.now(),
        made_by=principal.subject,
    )
    session.add(promise)
    case.status, case.updated_at = "promise", clock.now()
    session.flush()
    record_event(
        session,
        PromiseMade(
            **event_ids(case),
            promise_id=str(promise.id),
            amount=promise.amount,
            currency=promise.currency,
            due_on=promise.due_on,
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    audit(
        session,
        actor=principal,
        action="promise.made",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        amount=str(promise.amount),
        due_on=promise.due_on.isoformat(),
    )
    return promise


def open_dispute(
    *, session: Session, case_id: uuid.UUID, dispute_in: DisputeIn, principal: Principal, clock: Clock
) -> Dispute:
    case = visible_case(session, case_id, principal, lock=True)
    working(case)
    existing = session.exec(select(Dispute).where(Dispute.case_id == case.case_id, Dispute.status == "open")).first()
    if existing is not None:
        return existing
    if dispute_in.declared_on is not None and dispute_in.declared_on > today_in_paris(clock):
        raise Invalid(
            "declared_on: a payment already made was made today or before",
            field="declared_on",
            message_fr="declared_on : un paiement déjà effectué l'a été aujourd'hui ou avant",
        )
    dispute = Dispute(
        case_id=case.case_id,
        reason=dispute_in.reason,
        kind=dispute_in.kind,
        declared_amount=dispute_in.declared_amount,
        declared_on=dispute_in.declared_on,
        category=dispute_in.category,
        opened_at=clock.now(),
        opened_by=principal.subject,
    )
    session.add(dispute)
    cancel_running_plan(session=session, case=case, clock=clock)
    case.status, case.updated_at = "dispute", clock.now()
    session.flush()
    record_event(
        session,
        DisputeOpened(
            **event_ids(case),
            dispute_id=str(dispute.id),
            reason=dispute.reason,
            opened_on=today_in_paris(clock),
            category=dispute_in.category,
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    filed = filed_documents(session, [case.case_id]).get(case.case_id, [])
    tell_creditor_of_dispute(session=session, case=case, dispute=dispute, proof=proof(dispute, filed), clock=clock)
    audit(session, actor=principal, action="dispute.opened", entity="case", entity_id=case.case_id, clock=clock)
    return dispute


def resolve_dispute(
    *,
    session: Session,
    case_id: uuid.UUID,
    dispute_id: uuid.UUID,
    resolve_in: DisputeResolveIn,
    principal: Principal,
    clock: Clock,
) -> Dispute:
    case = visible_case(session, case_id, principal, lock=True)
    dispute = dispute_of(session, case, dispute_id)
    if dispute.status == "resolved":
        return dispute
    dispute.status, dispute.outcome = "resolved", resolve_in.outcome
    dispute.debtor_message, dispute.debtor_to_tell = resolve_in.debtor_message, True  # at the next pass
    dispute.resolved_at, dispute.resolved_by = clock.now(), principal.subject
    if case.status == "dispute":
        if resolve_in.outcome == "upheld":
            resume(session=session, case=case, clock=clock)
        else:
            case.status, case.updated_at = "closed", clock.now()
    record_event(
        session,
        DisputeResolved(
            **event_ids(case), dispute_id=str(dispute.id), outcome=resolve_in.outcome, resolved_on=today_in_paris(clock)
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    audit(
        session,
        actor=principal,
        action="dispute.resolved",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        outcome=resolve_in.outcome,
        reason=resolve_in.note,
    )
    return dispute


def answer_dispute(
    *,
    session: Session,
    case_id: uuid.UUID,
    dispute_id: uuid.UUID,
    answer_in: DisputeAnswerIn,
    principal: Principal,
    clock: Clock,
) -> Dispute:
    """The creditor's answer to an open dispute, once: a second would replace what staff may already have read."""
    case = visible_case(session, case_id, principal, lock=True)
    dispute = dispute_of(session, case, dispute_id)
    if dispute.status == "resolved":
        raise Conflict(
            "this dispute is already resolved: it can no longer be answered",
            field="dispute_id",
            message_fr="ce litige est déjà résolu : il ne peut plus recevoir de réponse",
        )
    if dispute.answered_at is not None:
        raise Conflict(
            "this dispute is already answered: the first answer is kept",
            field="dispute_id",
            message_fr="ce litige a déjà reçu une réponse : la première est conservée",
        )
    dispute.creditor_answer, dispute.answered_at, dispute.answered_by = answer_in.text, clock.now(), principal.subject
    record_event(
        session,
        DisputeAnswered(**event_ids(case), dispute_id=str(dispute.id), answered_at=dispute.answered_at),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    audit(session, actor=principal, action="dispute.answered", entity="case", entity_id=case.case_id, clock=clock)
    return dispute


def dispute_of(session: Session, case: DunningCase, dispute_id: uuid.UUID) -> Dispute:
    dispute = session.get(Dispute, dispute_id, with_for_update=True)
    if dispute is None or dispute.case_id != case.case_id:
        raise NotFound(
            f"no dispute {dispute_id} on this case",
            field="dispute_id",
            message_fr=f"aucun litige {dispute_id} sur ce dossier",
        )
    return dispute


def opt_out(*, session: Session, debtor_id: uuid.UUID, channel: str, clock: Clock) -> None:
    if opted_out(session, debtor_id, channel):
        return
    try:
        with session.begin_nested():
            session.add(OptOut(debtor_id=debtor_id, channel=channel, at=clock.now()))
    except IntegrityError:
        pass  # recorded by a concurrent request: the same answer
