"""Due steps become messages. A step is prepared (rendered from the day's figures, checked for every mandatory
mention, committed) before anything is handed to a channel; sending is a separate pass (`sending.py`), so a
process that dies in between resends the very same message, under the same identity, instead of a new one.

A step due outside its channel's hours, on a Sunday or a public holiday, or for a debtor who reached the weekly
contact cap, just spoke with an agent or just wrote to us, is moved to the first instant allowed, not sent, and keeps
why (`holds.py`). The cap
counts the messages prepared as well as those sent, and one debtor's steps are prepared by one transaction at a time
(`_hold_debtor`): a step of a debtor another transaction is preparing for waits for the next pass."""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from shared.clock import Clock, today_in_paris
from shared.errors import DomainError

from dunning.cases.composing import CaseFacts, Slot, message_reference
from dunning.cases.models import DunningCase
from dunning.domain.compliance import check_first_contact_channel, missing_mentions
from dunning.domain.context import FirstContact
from dunning.domain.scenarios import POSTAL, Channel
from dunning.domain.windows import Window
from dunning.errors import FirstContactChannelRefused
from dunning.messages.came_back import came_back
from dunning.messages.models import Message
from dunning.outbound.holds import hold, not_before
from dunning.outbound.sending import record_sent
from dunning.overrides.models import TemplateOverrideRecord
from dunning.rendering.letters import letter_pdf
from dunning.rendering.templates import TemplateOverride, render
from dunning.responses.models import opted_out
from dunning.steps.due import claim, due_keys
from dunning.steps.models import DunningStep, PhoneTask
from dunning.steps.plans import schedule_next

log = logging.getLogger(__name__)

WALK = 5_000  # due steps read at a time: ids and due times only, so a read stays small whatever the batch
SET_ASIDE_AFTER = 5  # unexpected failures of one step before it waits for staff (`failed`, with its note)


@dataclass(frozen=True)
class ContactRules:
    windows: dict[Channel, tuple[Window, ...]]
    cap_per_week: int
    pause_after_conversation: timedelta


@dataclass
class PrepareReport:
    prepared: int = 0
    deferred: int = 0
    skipped: int = 0
    failed: int = 0
    errors: int = 0
    """steps whose preparation raised an unexpected error: rolled back alone, tried again later"""
    notes: list[str] = field(default_factory=list)

    def add(self, other: PrepareReport) -> None:
        self.prepared += other.prepared
        self.deferred += other.deferred
        self.skipped += other.skipped
        self.failed += other.failed
        self.errors += other.errors
        self.notes.extend(other.notes)


def prepare_due_steps(
    *, engine: Engine, clock: Clock, facts: CaseFacts, rules: ContactRules, batch: int
) -> PrepareReport:
    """One pass over the steps due now: walked `WALK` at a time (`due.py`), taken and prepared `batch` at a time,
    each batch in one transaction, each step in a savepoint of it: a step whose preparation fails unexpectedly
    (a bug, a constraint) is rolled back alone and set aside (`_set_aside`), and every other case goes on (issue
    18: one such step used to roll back the whole pass, for every case, at every pass)."""
    report = PrepareReport()
    now, after = clock.now(), None
    while True:
        with Session(engine) as reading:
            keys = due_keys(reading, now=now, after=after, batch=WALK)
        if not keys:
            return report
        after = keys[-1]
        for start in range(0, len(keys), batch):
            ids = [key.id for key in keys[start : start + batch]]
            with Session(engine, expire_on_commit=False) as session, session.begin():
                for step in session.exec(claim(ids=ids, now=now)).all():
                    own = PrepareReport()
                    try:
                        with session.begin_nested():
                            _prepare(session=session, step=step, clock=clock, facts=facts, rules=rules, report=own)
                    except Exception as exc:  # one step's fault must not stop every other case
                        _set_aside(session=session, step_id=step.id, now=clock.now(), error=exc, report=report)
                    else:
                        report.add(own)
        if len(keys) < WALK:
            return report


def _prepare(
    *, session: Session, step: DunningStep, clock: Clock, facts: CaseFacts, rules: ContactRules, report: PrepareReport
) -> None:
    case = session.get(DunningCase, step.case_id, with_for_update=True)
    assert case is not None
    now = clock.now()
    channel = Channel(step.channel)
    if not _hold_debtor(session, case.debtor_id):
        report.deferred += 1  # left due: the next pass counts what the other transaction prepared for the debtor
        return
    wait = not_before(
        session,
        case,
        channel,
        now,
        windows=rules.windows[channel],
        cap_per_week=rules.cap_per_week,
        pause_after_conversation=rules.pause_after_conversation,
    )
    if wait is not None:
        hold(step, wait)
        report.deferred += 1
        return
    if opted_out(session, case.debtor_id, step.channel):
        _skip(session=session, case=case, step=step, clock=clock, note="the debtor opted out of this channel")
        report.skipped += 1
        return
    message_id = uuid.uuid4()
    first = None
    if case.first_message_id is not None and case.first_contact_on is not None:
        first = FirstContact(reference=message_reference(case.first_message_id), sent_on=case.first_contact_on)
    slot = Slot(
        channel=step.channel,
        step=step.code,
        template=step.template,
        language=None,  # the debtor's, read with the case
        message_reference=message_reference(message_id),
        first_contact=first,
        sent_on=today_in_paris(clock),
        now=now,
    )
    try:
        context = facts.context_for(case, slot)
        if first is None:
            check_first_contact_channel(context)
        override = creditor_override(session, case, step.template, context.language)
        rendered = render(context, override=override)
    except FirstContactChannelRefused as exc:
        _fail(step=step, clock=clock, note=exc.message, report=report)
        return
    except DomainError as exc:
        step.attempts += 1
        step.due_at = now + timedelta(minutes=min(60, 2**step.attempts))
        step.note = f"not prepared yet: {exc.message}"
        report.deferred += 1
        return
    missing = missing_mentions(context, rendered)
    if missing:
        _fail(
            step=step,
            clock=clock,
            note="mandatory mentions missing: " + ", ".join(m.code for m in missing),
            report=report,
        )
        return
    recipient = _recipient(channel, context.debtor.email, context.debtor.phone, context.debtor.address_lines)
    no_contact = f"no {channel.value} contact for the debtor"  # else a detail that came back, skipped until corrected
    unusable = came_back(session, case.debtor_id, channel, recipient) if recipient else no_contact
    if unusable is not None or recipient is None:
        _skip(session=session, case=case, step=step, clock=clock, note=unusable or no_contact)
        report.skipped += 1
        return
    body = rendered.text
    message = Message(
        id=message_id,
        case_id=case.case_id,
        debtor_id=case.debtor_id,
        step_id=step.id,
        channel=step.channel,
        template=step.template,
        language=context.language,
        recipient=recipient,
        subject=rendered.subject,
        body=body,
        html=rendered.html,
        content_sha256=hashlib.sha256(body.encode()).hexdigest(),
        document=letter_pdf(context, rendered) if channel in POSTAL else None,
        recipient_data={
            "name": context.debtor.name,
            "address_lines": list(context.debtor.address_lines),
            "email": context.debtor.email,
            "phone": context.debtor.phone,
        },
        first_contact=first is None,
        prepared_at=now,
    )
    session.add(message)
    if first is None:
        case.first_message_id, case.first_contact_on = message_id, slot.sent_on
    step.status, step.message_id, step.note = "sending", message_id, None
    report.prepared += 1
    if channel is Channel.PHONE:
        session.add(PhoneTask(case_id=case.case_id, debtor_id=case.debtor_id, message_id=message_id, due_at=now))
        session.flush()
        record_sent(session=session, message=message, step=step, case=case, clock=clock, provider_id=None)


def _set_aside(*, session: Session, step_id: uuid.UUID, now: datetime, error: Exception, report: PrepareReport) -> None:
    """The step's savepoint was rolled back: it is tried again later (backing off up to an hour), and after
    `SET_ASIDE_AFTER` failures it waits for staff, marked failed with the error's kind (the log has the rest)."""
    log.error("step %s could not be prepared; the other steps go on", step_id, exc_info=error)
    step = session.get(DunningStep, step_id)
    assert step is not None  # locked by this very transaction
    step.attempts += 1
    report.errors += 1
    kind = type(error).__name__
    if step.attempts >= SET_ASIDE_AFTER:
        step.status, step.executed_at = "failed", now
        step.note = f"could not be prepared after {step.attempts} attempts ({kind}); an agent must look at it"
        report.notes.append(f"{step.case_id} {step.code}: {step.note}")
        return
    step.due_at = now + timedelta(minutes=min(60, 2**step.attempts))
    step.note = f"not prepared yet: an internal error ({kind}); tried again later"


def _hold_debtor(session: Session, debtor_id: uuid.UUID) -> bool:
    """Takes the debtor until the transaction ends; False when another transaction holds it. The steps of one
    debtor's cases are then prepared one transaction at a time, each counting what the others prepared for the
    weekly cap: four workers, or two batches, no longer prepare a message each for the same debtor unseen by the
    other. Trying rather than waiting: a batch holding debtors never waits for another one (no deadlock)."""
    key = int.from_bytes(hashlib.sha256(f"dunning-debtor:{debtor_id}".encode()).digest()[:8], "big", signed=True)
    return bool(session.exec(select(func.pg_try_advisory_xact_lock(key))).one())


def _recipient(channel: Channel, email: str | None, phone: str | None, address: tuple[str, ...]) -> str | None:
    if channel is Channel.EMAIL:
        return email
    if channel in (Channel.SMS, Channel.PHONE):
        return phone
    return " / ".join(address) or None


def creditor_override(session: Session, case: DunningCase, template: str, language: str) -> TemplateOverride | None:
    record = session.exec(
        select(TemplateOverrideRecord).where(
            TemplateOverrideRecord.creditor_id == case.creditor_id,
            TemplateOverrideRecord.template == template,
            TemplateOverrideRecord.language == language,
        )
    ).first()
    if record is None:
        return None
    return TemplateOverride(subject=record.subject, text=record.text, html=record.html)


def _skip(*, session: Session, case: DunningCase, step: DunningStep, clock: Clock, note: str) -> None:
    step.status, step.note, step.executed_at = "skipped", note, clock.now()
    case.next_position = step.position + 1
    session.flush()
    schedule_next(session=session, case=case, executed_on=today_in_paris(clock), clock=clock)


def _fail(*, step: DunningStep, clock: Clock, note: str, report: PrepareReport) -> None:
    """A message that would break the law does not go out, and the case waits for staff (steps list shows why)."""
    step.status, step.note, step.executed_at = "failed", note, clock.now()
    report.failed += 1
    report.notes.append(f"{step.case_id} {step.code}: {note}")
    log.warning("step %s of case %s not sent: %s", step.code, step.case_id, note)
