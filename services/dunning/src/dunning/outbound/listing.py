"""A case's steps as the API lists them, with what the scheduler really does with a pending one: due (its time has
come: it goes out at the next pass, within its channel's hours, once the case is active) or held by a promise until
the day the promise is broken if it is not kept (a payment that keeps it resumes the reminders at once). Here, beside
the scheduler, rather than in `steps`: it reads the promises, and `responses` already depends on `steps`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from sqlmodel import Session, col, select

from shared.clock import PARIS

from dunning.cases.models import DunningCase
from dunning.domain.promises import held_until
from dunning.domain.scenarios import Channel
from dunning.domain.timetable import promise_breaks_on, start_of
from dunning.domain.windows import Window, next_allowed
from dunning.outbound.holds import waiting
from dunning.responses.models import Promise
from dunning.steps.models import DunningStep
from dunning.steps.schemas import StepPage, StepPublic, StepWaitPublic


def promise_resumes_on(session: Session, case: DunningCase, *, grace_days: int) -> date | None:
    """The day the open promise pausing the case is broken if still unpaid; None when no promise pauses it."""
    if case.status != "promise":
        return None
    promise = session.exec(select(Promise).where(Promise.case_id == case.case_id, Promise.status == "open")).first()
    if promise is None:
        return None
    try:
        return promise_breaks_on(promise.due_on, grace_days)
    except OverflowError:  # a promise recorded before the horizon (docs/rules.md §9.3), at the calendar's end
        return None


def first_allowed_day(day: date, channel: str, windows: Mapping[Channel, tuple[Window, ...]]) -> date:
    """The day a step resumed on `day` leaves: that day, or the channel's next allowed one (never on a Sunday or a
    public holiday, as the preparing pass moves it)."""
    try:
        return next_allowed(start_of(day), windows[Channel(channel)]).astimezone(PARIS).date()
    except (KeyError, ValueError):  # a channel without windows: the preparing pass says so, not this list
        return day


def list_case_steps(
    session: Session,
    case: DunningCase,
    *,
    now: datetime,
    grace_days: int,
    windows: Mapping[Channel, tuple[Window, ...]],
) -> StepPage:
    resumes_on = promise_resumes_on(session, case, grace_days=grace_days)
    steps = session.exec(
        select(DunningStep).where(DunningStep.case_id == case.case_id).order_by(col(DunningStep.due_at))
    ).all()
    items = []
    for step in steps:
        scheduled = step.status == "scheduled"
        held = held_until(step.due_at.astimezone(PARIS).date(), resumes_on) if scheduled else None
        items.append(
            StepPublic(
                id=step.id,
                step=step.code,
                channel=step.channel,
                template=step.template,
                due_at=step.due_at,
                status=step.status,
                executed_at=step.executed_at,
                message_id=step.message_id,
                note=step.note,
                overdue=scheduled and step.due_at <= now,
                held_until=first_allowed_day(held, step.channel, windows) if held is not None else None,
                waiting=_waiting(step),
            )
        )
    return StepPage(
        case_id=case.case_id, status=case.status, scenario=case.scenario, promise_resumes_on=resumes_on, items=items
    )


def _waiting(step: DunningStep) -> StepWaitPublic | None:
    wait = waiting(step)
    return StepWaitPublic.model_validate({"reason": wait.reason, "since": wait.since}) if wait else None
