"""Settlements (docs/rules.md §9.6): staff offer the debtor to close the case for less than the balance due, by a day.
Within the mandate's floor the offer goes to the debtor at once; below it, the creditor approves or refuses it first.
The debtor accepts on its page (or tells an agent): the offer becomes a promise of its amount by its day, which
pauses the reminders. Kept, the settlement is honoured and intake writes the rest off (`settlement_ends`); broken,
it lapses and the reminders resume for the whole balance.

One settlement is pending per case: a new offer withdraws one still waiting; an accepted one runs to its end (a new
offer, promise or plan is refused meanwhile)."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal, Role
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, Forbidden
from shared.events.base import Event
from shared.events.dunning import PromiseMade
from shared.events.dunning_settlements import SettlementAccepted, SettlementDecided, SettlementOffered
from shared.outbox import record_event

from dunning.cases.cases import event_ids, locked_cases, visible_case
from dunning.cases.composing import BalanceDue
from dunning.cases.models import DunningCase, DunningCreditor
from dunning.domain.settlements import check_settlement, within_mandate
from dunning.responses.debtor_notices import DebtorNotices
from dunning.responses.models import Promise
from dunning.responses.plan_views import DEBTOR
from dunning.responses.responses import working
from dunning.responses.settlement_models import OPEN, Settlement, refuse_while_accepted
from dunning.responses.settlement_notices import tell_creditor_of_offer, tell_debtor_of_offer
from dunning.responses.settlement_schemas import (
    SettlementAcceptIn,
    SettlementDecisionIn,
    SettlementIn,
)
from dunning.responses.settlement_views import of_case, waiting

SETTLEABLE = ("active", "promise")


def offer_settlement(
    *,
    session: Session,
    case_id: uuid.UUID,
    offer_in: SettlementIn,
    balance_due: BalanceDue,
    notices: DebtorNotices,
    principal: Principal,
    clock: Clock,
) -> Settlement:
    """Measured against the balance the statement of account gives today (intake's, the figure the debtor's page
    shows), read before the case is locked."""
    case = visible_case(session, case_id, principal)
    _settleable(case)
    today = today_in_paris(clock)
    balance = balance_due(case, today)
    contact = notices.contact_of(case)
    [case] = locked_cases(session, [case.case_id])
    _settleable(case)
    refuse_while_accepted(session, case.case_id)
    check_settlement(
        amount=offer_in.amount, pay_by=offer_in.pay_by, today=today, balance=balance, currency=case.currency
    )
    for earlier in session.exec(
        select(Settlement).where(Settlement.case_id == case.case_id, col(Settlement.status).in_(OPEN))
    ):
        earlier.status, earlier.ended_on = "withdrawn", today
    session.flush()
    creditor = session.get(DunningCreditor, case.creditor_id)
    inside = within_mandate(offer_in.amount, balance, creditor.settlement_floor if creditor else None)
    settlement = Settlement(
        case_id=case.case_id,
        status="offered" if inside else "to_approve",
        amount=offer_in.amount,
        currency=case.currency,
        balance=balance,
        pay_by=offer_in.pay_by,
        within_mandate=inside,
        note=offer_in.note or None,
        offered_at=clock.now(),
        offered_by=principal.subject,
    )
    session.add(settlement)
    session.flush()
    _tell(
        session,
        SettlementOffered(
            **event_ids(case),
            settlement_id=str(settlement.id),
            amount=settlement.amount,
            currency=settlement.currency,
            balance=balance,
            pay_by=settlement.pay_by,
            within_mandate=inside,
        ),
        case,
        clock,
    )
    audit(
        session,
        actor=principal,
        action="settlement.offered",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        settlement_id=str(settlement.id),
        amount=str(settlement.amount),
        balance=str(balance),
        pay_by=settlement.pay_by.isoformat(),
        within_mandate=inside,
    )
    tell_creditor_of_offer(session=session, case=case, settlement=settlement, clock=clock)
    if inside:
        tell_debtor_of_offer(
            session=session, case=case, settlement=settlement, contact=contact, notices=notices, clock=clock
        )
    return settlement


def decide_settlement(
    *,
    session: Session,
    case_id: uuid.UUID,
    settlement_id: uuid.UUID,
    decision_in: SettlementDecisionIn,
    notices: DebtorNotices,
    principal: Principal,
    clock: Clock,
) -> Settlement:
    """The creditor's answer to an offer below its mandate's floor (staff may record it on the creditor's word)."""
    seen = visible_case(session, case_id, principal)
    waiting(session, seen, settlement_id, "to_approve", clock)
    contact = notices.contact_of(seen)  # read before any row is locked
    [case] = locked_cases(session, [case_id])
    settlement = waiting(session, case, settlement_id, "to_approve", clock, lock=True)
    approved = decision_in.decision == "approve"
    if approved:
        _settleable(case)
    settlement.decided_at, settlement.decided_by = clock.now(), principal.subject
    settlement.answer = decision_in.answer or None
    if approved:
        settlement.status = "offered"
    else:
        settlement.status, settlement.ended_on = "refused", today_in_paris(clock)
    _tell(
        session, SettlementDecided(**event_ids(case), settlement_id=str(settlement.id), approved=approved), case, clock
    )
    audit(
        session,
        actor=principal,
        action=f"settlement.{'approved' if approved else 'refused'}",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        settlement_id=str(settlement.id),
        answer=settlement.answer,
    )
    if approved:
        tell_debtor_of_offer(
            session=session, case=case, settlement=settlement, contact=contact, notices=notices, clock=clock
        )
    return settlement


def accept_settlement(
    *,
    session: Session,
    case_id: uuid.UUID,
    settlement_id: uuid.UUID,
    accept_in: SettlementAcceptIn,
    principal: Principal,
    clock: Clock,
) -> Settlement:
    """The debtor's acceptance: a promise of the amount by the offer's day replaces any open promise and pauses the
    reminders. Accepting twice answers the settlement as it stands."""
    if accept_in.by_debtor and principal.role is not Role.SERVICE:
        raise Forbidden(
            "only the debtor's own page accepts as the debtor; staff record the debtor's word without by_debtor",
            field="by_debtor",
            message_fr="seule la page du débiteur accepte en son nom ; le personnel enregistre la parole du débiteur "
            "sans by_debtor",
        )
    case = visible_case(session, case_id, principal, lock=True)
    settlement = of_case(session, case, settlement_id, lock=True)
    if settlement.status == "accepted":
        return settlement
    waiting(session, case, settlement_id, "offered", clock)
    _settleable(case)
    today = today_in_paris(clock)
    for earlier in session.exec(select(Promise).where(Promise.case_id == case.case_id, Promise.status == "open")):
        earlier.status, earlier.settled_on = "replaced", today
    by = DEBTOR if accept_in.by_debtor else principal.subject
    promise = Promise(
        case_id=case.case_id,
        amount=settlement.amount,
        currency=settlement.currency,
        due_on=settlement.pay_by,
        made_at=clock.now(),
        made_by=by,
    )
    session.add(promise)
    session.flush()
    settlement.status, settlement.promise_id = "accepted", promise.id
    settlement.accepted_at, settlement.accepted_by = clock.now(), by
    case.status, case.updated_at = "promise", clock.now()
    ids = event_ids(case)
    _tell(
        session,
        SettlementAccepted(
            **ids,
            settlement_id=str(settlement.id),
            amount=settlement.amount,
            currency=settlement.currency,
            pay_by=settlement.pay_by,
            by_debtor=accept_in.by_debtor,
        ),
        case,
        clock,
    )
    made = PromiseMade(
        **ids, promise_id=str(promise.id), amount=promise.amount, currency=promise.currency, due_on=promise.due_on
    )
    _tell(session, made, case, clock)
    audit(
        session,
        actor=principal,
        action="settlement.accepted",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        settlement_id=str(settlement.id),
        by_debtor=accept_in.by_debtor,
    )
    return settlement


def _settleable(case: DunningCase) -> None:
    working(case)
    if case.status not in SETTLEABLE:
        raise Conflict(
            f"the case is {case.status}: a settlement is offered on a case without an open dispute or a running "
            "payment plan",
            field="case_id",
            message_fr=f"le dossier est {case.status} : un accord se propose sur un dossier sans litige ouvert ni "
            "échéancier en cours",
        )


def _tell(session: Session, event: Event, case: DunningCase, clock: Clock) -> None:
    record_event(session, event, clock=clock, subject=str(case.case_id), tenant=str(case.creditor_id))
