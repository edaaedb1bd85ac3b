"""A call-back the debtor asks for on the self-service page (or an agent enters for the debtor): a phone task in the
agents' queue, due at the start of a slot of the call windows (`domain.callbacks`) and to be made before its end, to
the number given. One call-back waits per case: a later request moves it. The request is the debtor's own: the
opt-outs and the contact cap, which keep dunning from calling unasked, do not hold it back."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Invalid
from shared.events.dunning import CallbackRequested
from shared.outbox import record_event

from dunning.cases.cases import event_ids, visible_case
from dunning.domain.callbacks import callback_slots, offered_slot
from dunning.domain.windows import Window
from dunning.responses.callback_schemas import CallbackIn, CallbackPublic, CallbackSlotPublic, CallbacksPublic
from dunning.responses.responses import OPEN_STATUSES, working
from dunning.steps.models import PhoneTask


def callbacks(
    *, session: Session, case_id: uuid.UUID, windows: tuple[Window, ...], principal: Principal, clock: Clock
) -> CallbacksPublic:
    """The slots offered now (none once dunning no longer works the case) and the call-back waiting, if any."""
    case = visible_case(session, case_id, principal)
    waiting = open_callback(session, case.case_id)
    slots = callback_slots(clock.now(), windows) if case.status in OPEN_STATUSES else []
    return CallbacksPublic(
        slots=[CallbackSlotPublic(window=s.window, start=s.start, end=s.end) for s in slots],
        open=callback_public(waiting) if waiting else None,
    )


def request_callback(
    *,
    session: Session,
    case_id: uuid.UUID,
    callback_in: CallbackIn,
    windows: tuple[Window, ...],
    principal: Principal,
    clock: Clock,
) -> PhoneTask:
    case = visible_case(session, case_id, principal, lock=True)
    working(case)
    now = clock.now()
    slot = offered_slot(callback_in.window, now, windows)
    if slot is None:
        raise Invalid(
            "this slot is not offered (past, too close, or outside the call windows): choose one of the slots offered",
            field="window",
            message_fr="ce créneau n'est pas proposé (passé, trop proche ou hors des heures d'appel) : choisissez "
            "l'un des créneaux proposés",
        )
    task = open_callback(session, case.case_id) or PhoneTask(case_id=case.case_id, debtor_id=case.debtor_id)
    task.due_at, task.callback_until, task.callback_phone = slot.start, slot.end, callback_in.phone
    task.note = callback_in.note
    session.add(task)
    session.flush()
    record_event(
        session,
        CallbackRequested(**event_ids(case), task_id=str(task.id), starts_at=slot.start, ends_at=slot.end),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    audit(
        session,
        actor=principal,
        action="callback.requested",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        task_id=str(task.id),
        starts_at=slot.start.isoformat(),
    )
    return task


def open_callback(session: Session, case_id: uuid.UUID) -> PhoneTask | None:
    return session.exec(
        select(PhoneTask).where(
            PhoneTask.case_id == case_id, PhoneTask.status == "open", col(PhoneTask.callback_phone).is_not(None)
        )
    ).first()


def callback_public(task: PhoneTask) -> CallbackPublic:
    assert task.callback_phone is not None and task.callback_until is not None
    return CallbackPublic(
        task_id=task.id,
        case_id=task.case_id,
        phone=task.callback_phone,
        start=task.due_at,
        end=task.callback_until,
        note=task.note,
    )
