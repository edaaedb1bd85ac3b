"""A formal notice dunning reports as received: consumer legal interest runs from its receipt."""

from __future__ import annotations

from sqlmodel import Session

from shared.audit import audit
from shared.clock import Clock

from intake.cases.models import Case
from intake.money.formal_notice import FormalNotice, replaces


def record_notice_receipt(
    session: Session, case: Case, notice: FormalNotice, *, message_id: str, event_id: str, clock: Clock
) -> bool:
    """Inside the caller's transaction (the consumer's, with its inbox row). Returns whether the case changed: a
    notice received later than the one the case holds changes nothing (`intake.money.formal_notice.replaces`).
    Staff can still correct both dates by hand (PUT /api/v1/cases/{id}/formal-notice)."""
    held = (
        FormalNotice(sent_on=case.formal_notice_on, received_on=case.formal_notice_received_on)
        if case.formal_notice_on is not None
        else None
    )
    if not replaces(notice, held):
        return False
    case.formal_notice_on, case.formal_notice_received_on = notice.sent_on, notice.received_on
    case.updated_at = clock.now()
    session.add(case)
    audit(
        session,
        actor=None,
        action="case.formal_notice_received",
        entity="case",
        entity_id=case.id,
        clock=clock,
        sent_on=notice.sent_on.isoformat(),
        received_on=notice.received_on.isoformat() if notice.received_on else None,
        previous_sent_on=held.sent_on.isoformat() if held else None,
        previous_received_on=held.received_on.isoformat() if held and held.received_on else None,
        source="dunning",
        message_id=message_id,
        event_id=event_id,
    )
    return True
