"""How an accepted settlement ends, with the promise it became: kept, it is honoured (`settlement.honoured`, on which
intake writes off what remains due and closes the case as settled; the reminders stay paused meanwhile); broken, it
lapses and the reminders resume for the whole balance, as after any broken promise."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from shared.clock import Clock
from shared.events.dunning_settlements import SettlementHonoured, SettlementLapsed
from shared.outbox import record_event

from dunning.cases.cases import event_ids
from dunning.cases.models import DunningCase
from dunning.responses.models import Promise
from dunning.responses.settlement_models import Settlement


def settlement_of(session: Session, promise: Promise) -> Settlement | None:
    return session.exec(
        select(Settlement).where(Settlement.promise_id == promise.id, Settlement.status == "accepted")
    ).first()


def honour_settlement(*, session: Session, case: DunningCase, promise: Promise, on: date, clock: Clock) -> bool:
    """True when the kept promise was a settlement's: the case then waits for intake's closing, not for a reminder."""
    settlement = settlement_of(session, promise)
    if settlement is None:
        return False
    settlement.status, settlement.ended_on = "honoured", on
    event = SettlementHonoured(
        **event_ids(case),
        settlement_id=str(settlement.id),
        amount=settlement.amount,
        currency=settlement.currency,
        paid=promise.paid,
        honoured_on=on,
    )
    record_event(session, event, clock=clock, subject=str(case.case_id), tenant=str(case.creditor_id))
    return True


def lapse_settlement(*, session: Session, case: DunningCase, promise: Promise, on: date, clock: Clock) -> None:
    settlement = settlement_of(session, promise)
    if settlement is None:
        return
    settlement.status, settlement.ended_on = "lapsed", on
    event = SettlementLapsed(**event_ids(case), settlement_id=str(settlement.id), paid=promise.paid, lapsed_on=on)
    record_event(session, event, clock=clock, subject=str(case.case_id), tenant=str(case.creditor_id))
