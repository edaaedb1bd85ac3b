"""A phone call's outcome, recorded on its task: a promise (at most the balance of the day), a dispute, a refusal
to be called (an opt-out of the phone for every creditor), or how the call went."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, Invalid, NotFound

from dunning.cases.cases import visible_case
from dunning.cases.composing import BalanceDue
from dunning.cases.models import DunningCase
from dunning.responses.responses import make_promise, open_dispute, opt_out
from dunning.responses.schemas import CallOutcomeIn, DisputeIn
from dunning.steps.models import PhoneTask


def record_call_outcome(
    *,
    session: Session,
    task_id: uuid.UUID,
    outcome_in: CallOutcomeIn,
    principal: Principal,
    clock: Clock,
    balance_due: BalanceDue | None = None,
) -> PhoneTask:
    """`balance_due`: intake's balance of the day, which a promise made on the phone may not exceed (the figure the
    case's page shows), read before any row is locked; without it, the balance intake's events last gave."""
    found = session.get(PhoneTask, task_id)
    if found is None:
        raise NotFound(f"no call task {task_id}", field="task_id", message_fr=f"aucune tâche d'appel {task_id}")
    promised_within = None
    if outcome_in.outcome == "promise" and outcome_in.promise is not None and balance_due is not None:
        case = visible_case(session, found.case_id, principal)
        balance = balance_due(case, today_in_paris(clock))  # intake answers while no row is held
        session.expire(case)  # read again under the lock below

        def promised_within(_case: DunningCase, _day: date) -> Decimal:
            return balance

    # The case before its task, as the consumer closing the case takes them (`stop_case`): in the other order the
    # two waited for each other, and the request failed on the deadlock.
    visible_case(session, found.case_id, principal, lock=True)
    task = session.get(PhoneTask, task_id, with_for_update=True, populate_existing=True)
    assert task is not None  # tasks are never deleted
    if task.status == "done":
        raise Conflict(
            "this call's outcome is already recorded",
            field="task_id",
            message_fr="le résultat de cet appel est déjà enregistré",
        )
    if outcome_in.outcome == "promise" and outcome_in.promise is None:
        raise Invalid(
            "promise: a 'promise' outcome needs the amount and day promised",
            field="promise",
            message_fr="promise : un résultat « promesse » demande le montant et la date promis",
        )
    task.status, task.outcome, task.note = "done", outcome_in.outcome, outcome_in.note
    task.done_by, task.done_at = principal.subject, clock.now()
    if outcome_in.outcome == "promise" and outcome_in.promise is not None:
        make_promise(
            session=session,
            case_id=task.case_id,
            promise_in=outcome_in.promise,
            principal=principal,
            clock=clock,
            balance_due=promised_within,
        )
    elif outcome_in.outcome == "dispute":
        reason = outcome_in.dispute_reason or outcome_in.note or "contestation exprimée au téléphone"
        open_dispute(
            session=session,
            case_id=task.case_id,
            dispute_in=DisputeIn(reason=reason, category=outcome_in.dispute_category),
            principal=principal,
            clock=clock,
        )
    elif outcome_in.outcome == "refused":
        opt_out(session=session, debtor_id=task.debtor_id, channel="phone", clock=clock)
    audit(
        session,
        actor=principal,
        action="call.recorded",
        entity="case",
        entity_id=task.case_id,
        clock=clock,
        outcome=outcome_in.outcome,
    )
    return task
