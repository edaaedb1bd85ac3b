"""When a case's steps fall due and when they go out, as pure rules: the hour a step falls due on its day, the day
a promise left unpaid is broken (the scenario then resumes), and the steps still to come, each on the instant the
scheduler would send it. The scheduler plans with the same functions (`steps.plans.next_step`: `step_day`,
`due_instant`; the preparing pass: `next_allowed`; the promises' job: `promises_broken_before`), so the test mode
cannot drift from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from shared.clock import PARIS

from dunning.domain.scenarios import CaseFacts, Channel, Scenario, next_applicable, step_day
from dunning.domain.windows import Window, next_allowed

STEP_HOUR = time(9, 0)  # a step falls due at 09:00 Paris on its day; the channel's window may move it later


def due_instant(day: date, now: datetime) -> datetime:
    """09:00 Paris on the step's day, or `now` when that is past: a step never falls due before it is planned."""
    return max(datetime.combine(day, STEP_HOUR, tzinfo=PARIS), now)


def promises_broken_before(today: date, grace_days: int) -> date:
    """A promise due before this day is broken `today`: its day and its grace days passed unpaid."""
    return today - timedelta(days=grace_days)


def promise_breaks_on(due_on: date, grace_days: int) -> date:
    """The first day `promises_broken_before` breaks a promise due on `due_on`: if it is not kept, the scenario
    resumes that day."""
    return due_on + timedelta(days=grace_days + 1)


def start_of(day: date) -> datetime:
    """Midnight in Paris: the scheduler's first pass of a day breaks what that day breaks."""
    return datetime.combine(day, time(0), tzinfo=PARIS)


@dataclass(frozen=True)
class Upcoming:
    """A step to come: when it falls due, and when it leaves (its channel's first allowed instant from then on)."""

    position: int
    due_at: datetime
    leaves_at: datetime

    @property
    def leaves_on(self) -> date:
        return self.leaves_at.astimezone(PARIS).date()


def upcoming_steps(
    scenario: Scenario,
    facts: CaseFacts,
    *,
    start: int,
    due_on: date,
    last: tuple[int, date] | None,
    pending_due_at: datetime | None,
    now: datetime,
    windows: Mapping[Channel, tuple[Window, ...]],
) -> list[Upcoming]:
    """The steps still to come, each on the instant the scheduler would send it if every one before it leaves on
    its own: the pending step at `start` (`pending_due_at`; without one, the first step from `start` whose
    conditions hold, counted from `last`, the last step that went out), then each following one spaced from the
    day the one before it leaves (`step_day`, `due_instant`), each moved to its channel's next allowed instant
    (`next_allowed`, as the preparing pass moves it). `now` is when the scenario may go on: the platform's now, or
    the end of a pause. The weekly contact cap and the pause after a conversation are not foreseen: they depend
    on what the debtor's other cases send and on calls not made yet."""
    steps = scenario.steps
    position = start if pending_due_at is not None else next_applicable(steps, facts, start)
    upcoming: list[Upcoming] = []
    while position is not None and position < len(steps):
        if pending_due_at is not None and not upcoming:
            due_at = max(pending_due_at, now)
        else:
            due_at = due_instant(step_day(steps, position, due_on=due_on, last=last), now)
        step = Upcoming(position, due_at, next_allowed(due_at, windows[steps[position].channel]))
        upcoming.append(step)
        last, now = (position, step.leaves_on), step.leaves_at
        position = next_applicable(steps, facts, position + 1)
    return upcoming
