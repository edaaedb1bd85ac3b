"""Payment plans (échéanciers): staff enter the debtor's plan within the mandate's bounds and either agree it at
once or put it to the creditor, who approves or refuses it. An agreed plan puts the case in status `plan`, which
the scheduler leaves alone; payments intake records are allocated to its instalments, oldest first; a plan paid
in full leaves the case quiet until intake closes it (or resumes the scenario, when the plan settled part of the
balance only). A missed instalment breaches the plan (`deadlines.breach_missed_plans`).

One plan runs at a time: agreeing one replaces the plan running and any open promise; a later proposal replaces
an earlier one still waiting for the creditor; a dispute cancels the running plan."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, NotFound
from shared.events.dunning import Instalment, PlanAgreed, PlanProposed, PlanRefused
from shared.outbox import record_event

from dunning.cases.cases import event_ids, visible_case
from dunning.cases.composing import BalanceDue, DebtorContact
from dunning.cases.models import DunningCase, DunningCreditor
from dunning.domain.instalments import Term, allocate, check_plan_terms, is_paid
from dunning.responses.debtor_notices import DebtorNotices, tell_debtor_of_plan
from dunning.responses.models import PaymentPlan, PlanInstalment, Promise
from dunning.responses.notices import tell_creditor_of_plan
from dunning.responses.plan_policy import PlanPolicy
from dunning.responses.plan_views import DEBTOR, instalments_of, proposer
from dunning.responses.schemas import PlanDecisionIn, PlanIn
from dunning.responses.settlement_models import refuse_while_accepted
from dunning.steps.plans import resume

PLANNABLE = ("active", "promise", "plan")


def propose_plan(
    *,
    session: Session,
    case_id: uuid.UUID,
    plan_in: PlanIn,
    policy: PlanPolicy,
    balance_due: BalanceDue,
    notices: DebtorNotices,
    principal: Principal,
    clock: Clock,
) -> PaymentPlan:
    """The plan may cover up to the balance the statement of account gives today (`balance_due`, intake's figure,
    which the debtor's page shows), penalties and indemnities included: not the principal alone that dunning's
    projection holds until a payment brings a new balance."""
    case = visible_case(session, case_id, principal)
    _plannable(case)
    policy = policy.under(session.get(DunningCreditor, case.creditor_id))
    today = today_in_paris(clock)
    balance = balance_due(case, today)  # read from intake before the case is locked: no row held while it answers
    contact = None if plan_in.submit_to_creditor else notices.contact_of(case)  # agreed now: the debtor is told
    case = _locked(session, case.case_id)
    _plannable(case)
    refuse_while_accepted(session, case.case_id)
    terms = [Term(due_on=i.due_on, amount=i.amount) for i in plan_in.instalments]
    total = check_plan_terms(terms, today=today, balance=balance, bounds=policy.bounds, currency=case.currency)
    for earlier in _plans(session, case.case_id, "proposed"):
        earlier.status, earlier.ended_on = "replaced", today
    plan = PaymentPlan(
        case_id=case.case_id,
        total=total,
        currency=case.currency,
        balance=balance,
        grace_days=policy.grace_days,
        escalates=policy.escalates,
        proposed_at=clock.now(),
        proposed_by=proposer(plan_in, principal),
        note=plan_in.note,
    )
    session.add(plan)
    session.flush()
    for position, term in enumerate(terms):
        session.add(PlanInstalment(plan_id=plan.id, position=position, due_on=term.due_on, amount=term.amount))
    session.flush()
    audit(
        session,
        actor=principal,
        action="plan.proposed",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        plan_id=str(plan.id),
        total=str(total),
        instalments=len(terms),
    )
    if contact is not None:
        _agree(session=session, case=case, plan=plan, principal=principal, clock=clock)
        _tell_debtor(session, case, plan, contact, notices, clock)
    else:
        proposed = PlanProposed(
            **event_ids(case), plan_id=str(plan.id), total=total, currency=plan.currency, instalments=len(terms)
        )
        _tell(session, proposed.model_copy(update={"by_debtor": plan.proposed_by == DEBTOR}), case, clock)
    tell_creditor_of_plan(
        session=session, case=case, plan=plan, instalments=instalments_of(session, plan.id), clock=clock
    )
    return plan


def decide_plan(
    *,
    session: Session,
    case_id: uuid.UUID,
    plan_id: uuid.UUID,
    decision_in: PlanDecisionIn,
    notices: DebtorNotices,
    principal: Principal,
    clock: Clock,
) -> PaymentPlan:
    """The creditor's answer to a proposal (staff may record it on the creditor's word); the debtor is told it."""
    seen = visible_case(session, case_id, principal)
    _proposal(session, seen, plan_id)  # a plan that is not there, or not waiting, is refused before intake is asked
    contact = notices.contact_of(seen)  # read before any row is locked
    case = _locked(session, case_id)
    plan = _proposal(session, case, plan_id, lock=True)
    today = today_in_paris(clock)
    plan.decided_at, plan.decided_by = clock.now(), principal.subject
    plan.decision_note = decision_in.note or None
    if decision_in.decision == "refuse":
        plan.status, plan.ended_on = "refused", today
        _tell(session, PlanRefused(**event_ids(case), plan_id=str(plan.id), refused_on=today), case, clock)
    else:
        _plannable(case)
        first = instalments_of(session, plan.id)[0]
        if first.due_on < today:
            raise Conflict(
                f"the proposal's first instalment fell due on {first.due_on.isoformat()}: propose new dates",
                field="plan_id",
                message_fr=f"la première échéance de la proposition tombait le {first.due_on.isoformat()} : "
                "proposez de nouvelles dates",
            )
        _agree(session=session, case=case, plan=plan, principal=principal, clock=clock)
    _tell_debtor(session, case, plan, contact, notices, clock)
    audit(
        session,
        actor=principal,
        action=f"plan.{decision_in.decision}d",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        plan_id=str(plan.id),
        reason=decision_in.note,
    )
    return plan


def _proposal(session: Session, case: DunningCase, plan_id: uuid.UUID, *, lock: bool = False) -> PaymentPlan:
    """The case's plan `plan_id`, still waiting for the creditor's decision."""
    plan = session.get(PaymentPlan, plan_id, with_for_update=lock, populate_existing=lock)
    if plan is None or plan.case_id != case.case_id:
        raise NotFound(
            f"no payment plan {plan_id} on this case",
            field="plan_id",
            message_fr=f"aucun échéancier {plan_id} sur ce dossier",
        )
    if plan.status != "proposed":
        raise Conflict(
            f"the plan is {plan.status}: only a proposal awaits a decision",
            field="plan_id",
            message_fr=f"l'échéancier est {plan.status} : seule une proposition attend une décision",
        )
    return plan


def _tell_debtor(
    session: Session, case: DunningCase, plan: PaymentPlan, contact: DebtorContact, notices: DebtorNotices, clock: Clock
) -> None:
    tell_debtor_of_plan(
        session=session,
        case=case,
        plan=plan,
        instalments=instalments_of(session, plan.id),
        contact=contact,
        settings=notices.settings,
        clock=clock,
    )


def _tell(session: Session, event: PlanProposed | PlanRefused, case: DunningCase, clock: Clock) -> None:
    record_event(session, event, clock=clock, subject=str(case.case_id), tenant=str(case.creditor_id))


def _locked(session: Session, case_id: uuid.UUID) -> DunningCase:
    """The case locked until the commit and read as committed last (a payment or a dispute may have changed it)."""
    case = session.get(DunningCase, case_id, with_for_update=True, populate_existing=True)
    assert case is not None  # cases are never deleted
    return case


def _plannable(case: DunningCase) -> None:
    if case.status not in PLANNABLE:
        raise Conflict(
            f"the case is {case.status}: a payment plan needs a case dunning works and no open dispute",
            field="case_id",
            message_fr=f"le dossier est {case.status} : un échéancier demande un dossier en relance amiable, "
            "sans litige ouvert",
        )


def _agree(*, session: Session, case: DunningCase, plan: PaymentPlan, principal: Principal, clock: Clock) -> None:
    today = today_in_paris(clock)
    for running in _plans(session, case.case_id, "agreed"):
        running.status, running.ended_on = "replaced", today
    for promise in session.exec(select(Promise).where(Promise.case_id == case.case_id, Promise.status == "open")):
        promise.status, promise.settled_on = "replaced", today
    session.flush()  # the running plan leaves the one-running-plan index before this one enters it
    plan.status, plan.agreed_on = "agreed", today
    plan.decided_at, plan.decided_by = clock.now(), principal.subject
    case.status, case.updated_at = "plan", clock.now()
    record_event(
        session,
        PlanAgreed(
            **event_ids(case),
            plan_id=str(plan.id),
            total=plan.total,
            currency=plan.currency,
            instalments=[Instalment(due_on=i.due_on, amount=i.amount) for i in instalments_of(session, plan.id)],
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )


def _plans(session: Session, case_id: uuid.UUID, status: str) -> list[PaymentPlan]:
    return list(
        session.exec(select(PaymentPlan).where(PaymentPlan.case_id == case_id, PaymentPlan.status == status)).all()
    )


def terms_of(instalments: list[PlanInstalment]) -> list[Term]:
    return [Term(due_on=i.due_on, amount=i.amount, paid=i.paid) for i in instalments]


def allocate_payment(
    *, session: Session, case: DunningCase, amount: Decimal, received_on: date, clock: Clock
) -> tuple[uuid.UUID, Decimal] | None:
    """Inside the consumer's transaction, the case row locked: the payment goes to the running plan's oldest
    unpaid instalment, the rest to the next ones. Gives the plan and what the payment gave it (a reversal takes
    exactly that back)."""
    running = _plans(session, case.case_id, "agreed")
    if not running:
        return None
    plan = running[0]
    instalments = instalments_of(session, plan.id)
    given = Decimal("0.00")
    for instalment, share in zip(instalments, allocate(amount, terms_of(instalments)), strict=True):
        if share > 0:
            given += share
            instalment.paid += share
            if instalment.paid >= instalment.amount:
                instalment.paid_on = received_on
    if is_paid(terms_of(instalments)):
        plan.status, plan.ended_on = "completed", received_on
        if plan.total < plan.balance and case.status == "plan":
            resume(session=session, case=case, clock=clock)  # the plan settled part of the claim: the rest is dunned
    return plan.id, given


def cancel_running_plan(*, session: Session, case: DunningCase, clock: Clock) -> None:
    """A dispute reopens what is owed: the plan agreed on it no longer stands."""
    for running in _plans(session, case.case_id, "agreed"):
        running.status, running.ended_on = "cancelled", today_in_paris(clock)
