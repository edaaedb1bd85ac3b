"""Prepared messages go to their channel, one per transaction: the row stays locked while the channel takes it,
and is marked sent in the same transaction. If the process dies in between, the transaction rolls back, the
message is still `prepared`, and the next pass hands the same message (same Message-ID, same provider reference)
to the channel again; the mail server and the providers recognise it, so the debtor receives it once.

A channel that is down leaves the message prepared for the next pass; one that refuses it (bad address) records
the failure, and the scenario goes on with its next step."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock, today_in_paris
from shared.events.dunning import FormalNoticeSent, MessageSent
from shared.outbox import record_event

from dunning.channels.base import Channel as ChannelPort
from dunning.channels.base import ChannelRejected, ChannelUnavailable, Outgoing
from dunning.domain.scenarios import Channel
from dunning.models import DunningCase, DunningStep, Message
from dunning.service.plans import schedule_next

log = logging.getLogger(__name__)

OutgoingFor = Callable[[Message], Outgoing]


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    postponed: int = 0


def send_prepared(
    *, engine: Engine, clock: Clock, channels: Mapping[Channel, ChannelPort], outgoing_for: OutgoingFor, limit: int
) -> SendReport:
    report = SendReport()
    for _ in range(limit):
        with Session(engine, expire_on_commit=False) as session, session.begin():
            message = session.exec(
                select(Message)
                .where(Message.status == "prepared")
                .order_by(col(Message.prepared_at))
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if message is None:
                return report
            if not _send_one(
                session=session,
                message=message,
                clock=clock,
                channels=channels,
                outgoing_for=outgoing_for,
                report=report,
            ):
                return report
    return report


def _send_one(
    *,
    session: Session,
    message: Message,
    clock: Clock,
    channels: Mapping[Channel, ChannelPort],
    outgoing_for: OutgoingFor,
    report: SendReport,
) -> bool:
    """False when the pass should stop (a channel is down)."""
    step = session.get(DunningStep, message.step_id) if message.step_id else None
    case = session.get(DunningCase, message.case_id)
    if message.audience == "debtor" and (case is None or case.status != "active"):
        _withdraw(session=session, message=message, step=step, case=case)
        report.cancelled += 1
        return True
    channel = Channel(message.channel)
    try:
        sent = channels[channel].send(outgoing_for(message))
    except ChannelUnavailable as exc:
        message.attempts += 1
        message.detail = str(exc)
        report.postponed += 1
        log.warning("%s channel unavailable (%s); message %s stays prepared", channel.value, exc, message.id)
        return False
    except ChannelRejected as exc:
        message.status, message.detail = "failed", str(exc)
        report.failed += 1
        if step is not None and case is not None:
            step.status, step.note, step.executed_at = "failed", f"refused by the channel: {exc}", clock.now()
            case.next_position = step.position + 1
            session.flush()
            schedule_next(session=session, case=case, executed_on=today_in_paris(clock), clock=clock)
        return True
    if message.audience == "debtor" and step is not None and case is not None:
        record_sent(session=session, message=message, step=step, case=case, clock=clock, provider_id=sent.provider_id)
    else:
        message.status, message.sent_at, message.provider_id = "sent", clock.now(), sent.provider_id
    report.sent += 1
    return True


def record_sent(
    *, session: Session, message: Message, step: DunningStep, case: DunningCase, clock: Clock, provider_id: str | None
) -> None:
    """The step is done: the contact log says so, the next step is scheduled and the others are told."""
    now = clock.now()
    message.status, message.sent_at, message.provider_id = "sent", now, provider_id
    step.status, step.executed_at = "done", now
    case.next_position = step.position + 1
    case.updated_at = now
    session.flush()
    schedule_next(session=session, case=case, executed_on=today_in_paris(clock), clock=clock)
    ids = {"case_id": str(case.case_id), "creditor_id": str(case.creditor_id), "debtor_id": str(case.debtor_id)}
    subject, tenant = str(case.case_id), str(case.creditor_id)
    record_event(
        session,
        MessageSent(
            **ids,
            message_id=str(message.id),
            step=step.code,
            channel=message.channel,
            template=message.template,
            language=message.language,
            subject=message.subject,
            content_sha256=message.content_sha256,
            sent_at=now,
            first_contact=message.first_contact,
        ),
        clock=clock,
        subject=subject,
        tenant=tenant,
    )
    if message.channel == Channel.FORMAL_NOTICE.value:
        record_event(
            session,
            FormalNoticeSent(**ids, message_id=str(message.id), sent_on=today_in_paris(clock)),
            clock=clock,
            subject=subject,
            tenant=tenant,
        )


def _withdraw(*, session: Session, message: Message, step: DunningStep | None, case: DunningCase | None) -> None:
    """The case was paused, held or closed after the message was prepared: it does not go out. The step is
    prepared again, from the figures of that day, when the case resumes."""
    message.status = "cancelled"
    if case is not None and case.first_message_id == message.id:
        case.first_message_id, case.first_contact_on = None, None
    if step is not None:
        closed = case is None or case.status in ("closed", "legal", "exhausted")
        step.status = "cancelled" if closed else "scheduled"
        step.message_id = None
