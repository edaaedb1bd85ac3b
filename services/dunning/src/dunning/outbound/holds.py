"""When a due step may go out, if not now, and why: outside its channel's hours (or on a Sunday or a public holiday),
the debtor's weekly contact cap reached, or a conversation with the debtor a few days ago (a call where it was
reached, an e-mail it wrote to us: the agency answers before anything automatic goes out, docs/rules.md §9.2).

The preparing pass moves the step to `Wait.until` and keeps the reason with it, so that the case's steps say why a
reminder did not leave on its day rather than only show a later one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from dunning.cases.models import DunningCase
from dunning.domain.scenarios import Channel
from dunning.domain.windows import Window, allowed_at, cap_reached, next_allowed
from dunning.messages.models import DebtorReply, Message
from dunning.responses.debtor_notices import NOTICES
from dunning.steps.models import DunningStep, PhoneTask
from dunning.steps.schemas import WaitReason


@dataclass(frozen=True)
class Wait:
    reason: WaitReason
    until: datetime  # the first instant the step may go out
    since: datetime | None = None  # the call or the reply that holds it; the oldest contact the cap still counts


def not_before(
    session: Session,
    case: DunningCase,
    channel: Channel,
    now: datetime,
    *,
    windows: tuple[Window, ...],
    cap_per_week: int,
    pause_after_conversation: timedelta,
) -> Wait | None:
    """None when the step may go out now."""
    if not allowed_at(now, windows):
        return Wait("window", next_allowed(now, windows))
    week_ago = now - timedelta(days=7)
    contacted_at = func.coalesce(Message.sent_at, Message.prepared_at)
    contacts = session.exec(
        select(contacted_at).where(
            Message.debtor_id == case.debtor_id,
            Message.audience == "debtor",
            col(Message.template).not_in(NOTICES),  # an answer to the debtor is no contact made unasked (§9.2)
            # A prepared message is a contact already: the sending pass sends every one (counting only those sent,
            # the steps of several cases of a debtor due together were all prepared, then all sent). A message
            # withdrawn or refused by its channel before it left never reached the debtor.
            or_(col(Message.sent_at).is_not(None), col(Message.status) == "prepared"),
            contacted_at > week_ago,
        )
    ).all()
    counted = [at for at in contacts if at is not None]
    freed = cap_reached(counted, now, cap=cap_per_week)
    if freed is not None:
        return Wait("weekly_cap", next_allowed(freed, windows), since=freed - timedelta(days=7))
    talked = col(PhoneTask.outcome).in_(("reached", "promise", "dispute"))
    last_call = select(func.max(PhoneTask.done_at)).where(PhoneTask.debtor_id == case.debtor_id, talked)
    # a reply the debtor wrote is a conversation too: the agency answers it before anything automatic goes out
    last_reply = select(func.max(DebtorReply.received_at)).where(DebtorReply.debtor_id == case.debtor_id)
    call, reply = session.exec(select(last_call.scalar_subquery(), last_reply.scalar_subquery())).one()
    named: tuple[tuple[datetime | None, WaitReason], ...] = ((call, "call"), (reply, "reply"))
    talks = [(at, reason) for at, reason in named if at is not None]
    if not talks:
        return None
    last, reason = max(talks)
    if now < last + pause_after_conversation:
        return Wait(reason, next_allowed(last + pause_after_conversation, windows), since=last)
    return None


def hold(step: DunningStep, wait: Wait) -> None:
    """The step moved to when it may go out, with why."""
    step.due_at = step.waits_until = wait.until
    step.waits_for, step.waits_since = wait.reason, wait.since


def waiting(step: DunningStep) -> Wait | None:
    """Why the pending step waits, as the preparing pass last held it; None when nothing held it, or when it was moved
    since (its scenario paused and resumed, a new date set): its reason no longer tells its day."""
    if step.status != "scheduled" or step.waits_for is None or step.waits_until is None:
        return None
    if step.waits_until != step.due_at:
        return None
    # the column holds only what `hold` wrote, a `WaitReason`
    return Wait(cast(WaitReason, step.waits_for), step.waits_until, step.waits_since)
