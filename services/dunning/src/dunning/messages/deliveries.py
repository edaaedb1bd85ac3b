"""What the providers report back: delivered, bounced, failed, and for a registered letter the acknowledgement of
receipt. The acknowledgement of a formal notice is the day consumer interest starts to run (intake hears it)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session

from shared.clock import Clock, today_in_paris
from shared.errors import Invalid, NotFound
from shared.events.dunning import FormalNoticeReceived, MessageDelivered
from shared.outbox import record_event

from dunning.cases.cases import event_ids
from dunning.cases.models import DunningCase
from dunning.domain.scenarios import Channel
from dunning.messages.models import Message

STATUSES = {"delivered", "failed", "bounced", "acknowledged", "returned"}
FINAL = {"acknowledged", "bounced", "failed", "returned"}


def record_delivery(
    *, session: Session, reference: str, status: str, received_on: date | None, detail: str | None, clock: Clock
) -> Message:
    """Idempotent: a provider that retries a callback changes nothing the second time."""
    if status not in STATUSES:
        raise Invalid(
            f"status: unknown delivery status {status!r}",
            field="status",
            message_fr=f"status : statut de distribution inconnu {status!r}",
        )
    try:
        message_id = uuid.UUID(reference)
    except ValueError as exc:
        raise NotFound(
            "no message with this reference", field="reference", message_fr="aucun message avec cette référence"
        ) from exc
    message = session.get(Message, message_id, with_for_update=True)
    if message is None:
        raise NotFound(
            "no message with this reference", field="reference", message_fr="aucun message avec cette référence"
        )
    if message.status == status or message.status in FINAL:
        return message
    case = session.get(DunningCase, message.case_id)
    assert case is not None
    day = received_on or today_in_paris(clock)
    message.status, message.detail = status, detail
    if status == "delivered":
        message.delivered_at = clock.now()
    if status == "acknowledged":
        message.acknowledged_on = day
    ids = event_ids(case)
    record_event(
        session,
        MessageDelivered(
            **ids, message_id=str(message.id), channel=message.channel, status=status, on=day, detail=detail
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    if status == "acknowledged" and message.channel == Channel.FORMAL_NOTICE.value and message.sent_at is not None:
        record_event(
            session,
            FormalNoticeReceived(**ids, message_id=str(message.id), sent_on=message.sent_at.date(), received_on=day),
            clock=clock,
            subject=str(case.case_id),
            tenant=str(case.creditor_id),
        )
    return message
