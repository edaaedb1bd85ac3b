"""Prepared messages go to their channel. E-mails go in batches: up to `batch` prepared e-mails are locked
(FOR UPDATE SKIP LOCKED, so two scheduler processes take disjoint batches), handed to the mail server over one
SMTP connection (`SmtpEmail.send_many`), marked sent, and committed together. SMS and letters go one per
transaction, as the provider's API takes them one at a time.

Why a crash sends nothing twice: a message is sent under an identity fixed when it was prepared (the e-mail's
Message-ID, the provider's `reference`, both derived from our message id). If the process dies between the
send and the commit, the transaction rolls back, the messages are still `prepared`, and the next pass hands the
very same messages to the channel again. The provider deduplicates on the reference; the mail server of the
platform (`workbench.stack.mail`) acknowledges a Message-ID it already stored without storing it again. So the
debtor receives each e-mail once, however the crash falls inside a batch.

What this does not promise: an SMTP relay that does not deduplicate on Message-ID (most do not) delivers again
the e-mails of the batch in flight that had already left, so a crash can duplicate at most one batch, at most
`batch` e-mails (the `send_batch` setting; 1 narrows it to one e-mail, at the cost of one SMTP session and one
commit per e-mail). The duplicates carry the same Message-ID, which some mailboxes fold into one; nothing
guarantees it.

A channel that is down leaves its messages prepared: the mail server down ends the pass's e-mails, the provider down
its SMS and letters, and the next pass tries again. A channel that refuses a message (bad address, SMTP 5xx) records
the failure, and the scenario goes on with its next step. A message whose case was paused, held or closed after it
was prepared is withdrawn."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock, today_in_paris
from shared.events.dunning import FormalNoticeSent, MessageSent
from shared.outbox import record_event

from dunning.cases.cases import event_ids, locked_cases
from dunning.cases.models import DunningCase
from dunning.channels.base import Channel as ChannelPort
from dunning.channels.base import ChannelError, ChannelRejected, Outgoing, Sent
from dunning.domain.scenarios import Channel
from dunning.messages.models import Message
from dunning.responses.debtor_notices import is_notice, notified
from dunning.steps.models import DunningStep
from dunning.steps.plans import schedule_next

log = logging.getLogger(__name__)

OutgoingFor = Callable[[Message], Outgoing]


@runtime_checkable
class BatchChannel(Protocol):
    """A channel that sends several messages over one session: one result per message, in order."""

    def send_many(self, outgoings: Sequence[Outgoing]) -> list[Sent | ChannelError]: ...


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    postponed: int = 0


def send_prepared(
    *,
    engine: Engine,
    clock: Clock,
    channels: Mapping[Channel, ChannelPort],
    outgoing_for: OutgoingFor,
    limit: int,
    batch: int = 50,
) -> SendReport:
    """One pass over the prepared messages, `limit` at most: e-mails `batch` per transaction (when the e-mail
    channel sends several over one connection), the other channels one per transaction."""
    report = SendReport()
    email = channels.get(Channel.EMAIL)
    batcher = email if isinstance(email, BatchChannel) and batch > 1 else None
    handled = 0
    while batcher is not None and handled < limit:
        size = min(batch, limit - handled)
        taken, down = _send_email_batch(
            engine=engine,
            clock=clock,
            email=batcher,
            outgoing_for=outgoing_for,
            size=size,
            report=report,
        )
        handled += taken
        if down or taken < size:
            break
    while handled < limit:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            query = select(Message).where(Message.status == "prepared")
            # e-mails are the batches' business, those left prepared by a mail server down included
            if batcher is not None:
                query = query.where(Message.channel != Channel.EMAIL.value)
            message = session.exec(
                query.order_by(col(Message.prepared_at)).limit(1).with_for_update(skip_locked=True)
            ).first()
            if message is None:
                return report
            handled += 1
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


def _send_email_batch(
    *, engine: Engine, clock: Clock, email: BatchChannel, outgoing_for: OutgoingFor, size: int, report: SendReport
) -> tuple[int, bool]:
    """Messages taken, and whether the mail server is down (the pass sends no more e-mails)."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        messages = session.exec(
            select(Message)
            .where(Message.status == "prepared", Message.channel == Channel.EMAIL.value)
            .order_by(col(Message.prepared_at))
            .limit(size)
            .with_for_update(skip_locked=True)
        ).all()
        if not messages:
            return 0, False
        step_ids = [message.step_id for message in messages if message.step_id is not None]
        steps = {s.id: s for s in session.exec(select(DunningStep).where(col(DunningStep.id).in_(step_ids))).all()}
        cases = {case.case_id: case for case in locked_cases(session, {message.case_id for message in messages})}
        to_send = []
        for message in messages:
            step, case = steps.get(message.step_id) if message.step_id else None, cases.get(message.case_id)
            if _withdrawn(session=session, message=message, step=step, case=case, report=report):
                continue
            to_send.append((message, step, case))
        results = email.send_many([outgoing_for(message) for message, _, _ in to_send]) if to_send else []
        down, done = False, []
        for (message, step, case), result in zip(to_send, results, strict=True):
            if isinstance(result, Sent) and message.audience == "debtor" and step is not None and case is not None:
                _mark_sent(message=message, step=step, case=case, now=clock.now(), provider_id=result.provider_id)
                done.append((message, step, case))
                report.sent += 1
            elif not _settle(
                session=session, message=message, step=step, case=case, result=result, clock=clock, report=report
            ):
                down = True
        # One flush for the whole batch: every step done before any next step is pending (one pending per case);
        # the next steps and the events then go in with one multi-row INSERT each, at the commit.
        session.flush()
        with session.no_autoflush:
            for message, step, case in done:
                _follow_up(session=session, message=message, step=step, case=case, clock=clock)
        return len(messages), down


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
    case = next(iter(locked_cases(session, {message.case_id})), None)
    step = session.get(DunningStep, message.step_id) if message.step_id else None
    if _withdrawn(session=session, message=message, step=step, case=case, report=report):
        return True
    result: Sent | ChannelError
    try:
        result = channels[Channel(message.channel)].send(outgoing_for(message))
    except ChannelError as exc:
        result = exc
    return _settle(session=session, message=message, step=step, case=case, result=result, clock=clock, report=report)


def _settle(
    *,
    session: Session,
    message: Message,
    step: DunningStep | None,
    case: DunningCase | None,
    result: Sent | ChannelError,
    clock: Clock,
    report: SendReport,
) -> bool:
    """Records what the channel answered for one message; False when the channel is down."""
    if isinstance(result, ChannelRejected):
        message.status, message.detail = "failed", str(result)
        report.failed += 1
        if step is not None and case is not None:
            step.status, step.note, step.executed_at = "failed", f"refused by the channel: {result}", clock.now()
            case.next_position = step.position + 1
            session.flush()
            schedule_next(session=session, case=case, executed_on=today_in_paris(clock), clock=clock)
        return True
    if isinstance(result, ChannelError):  # ChannelUnavailable: the same message goes again at a later pass
        message.attempts += 1
        message.detail = str(result)
        report.postponed += 1
        log.warning("%s channel unavailable (%s); message %s stays prepared", message.channel, result, message.id)
        return False
    if message.audience == "debtor" and step is not None and case is not None:
        record_sent(session=session, message=message, step=step, case=case, clock=clock, provider_id=result.provider_id)
    else:
        message.status, message.sent_at, message.provider_id = "sent", clock.now(), result.provider_id
        if is_notice(message) and case is not None:
            notified(session=session, message=message, case=case, clock=clock)
    report.sent += 1
    return True


def record_sent(
    *, session: Session, message: Message, step: DunningStep, case: DunningCase, clock: Clock, provider_id: str | None
) -> None:
    """The step is done: the contact log says so, the next step is scheduled and the others are told."""
    _mark_sent(message=message, step=step, case=case, now=clock.now(), provider_id=provider_id)
    session.flush()  # the step is done before the next one is pending: one pending step per case
    _follow_up(session=session, message=message, step=step, case=case, clock=clock)


def _mark_sent(
    *, message: Message, step: DunningStep, case: DunningCase, now: datetime, provider_id: str | None
) -> None:
    message.status, message.sent_at, message.provider_id = "sent", now, provider_id
    step.status, step.executed_at = "done", now
    case.next_position = step.position + 1
    case.updated_at = now


def _follow_up(*, session: Session, message: Message, step: DunningStep, case: DunningCase, clock: Clock) -> None:
    """After the step is done (flushed): its case's next step scheduled, and the events."""
    now = message.sent_at or clock.now()
    schedule_next(session=session, case=case, executed_on=today_in_paris(clock), clock=clock)
    ids = event_ids(case)
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


def _withdrawn(
    *, session: Session, message: Message, step: DunningStep | None, case: DunningCase | None, report: SendReport
) -> bool:
    """The case was paused, held or closed after the message was prepared: it does not go out. The step is
    prepared again, from the figures of that day, when the case resumes. A notice that answers the debtor (a plan
    agreed: the case is then quiet) goes out whatever the case's status."""
    if message.audience != "debtor" or is_notice(message) or (case is not None and case.status == "active"):
        return False
    report.cancelled += 1
    # The cancelled message lets go of its step: the step is prepared again later, under a new message (one
    # message per step); kept, the link made that insert fail and roll back the whole pass (issue 18's proof).
    message.status, message.step_id = "cancelled", None
    if case is not None and case.first_message_id == message.id:
        case.first_message_id, case.first_contact_on = None, None
    if step is not None:
        closed = case is None or case.status in ("closed", "legal", "exhausted", "claim_declaration")
        step.status = "cancelled" if closed else "scheduled"
        step.message_id = None
    return True
