"""The steps to come, each on the instant the scheduler would send it (the test mode's dates), and the ends of the
pauses: the scheduler's own rules, without a database."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from shared.clock import PARIS

from dunning.domain.instalments import Term, breach_day, first_missed
from dunning.domain.scenarios import DEFAULT_FR, CaseFacts, Channel, Conditions, Scenario, Step, step_day
from dunning.domain.timetable import (
    due_instant,
    promise_breaks_on,
    promises_broken_before,
    start_of,
    upcoming_steps,
)
from dunning.domain.windows import DEFAULT_WINDOWS

B2B = CaseFacts(kind="b2b", balance=Decimal("5120.00"))


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)


def leaving(steps: list) -> list[tuple[str, datetime]]:
    return [(DEFAULT_FR.steps[step.position].code, step.leaves_at) for step in steps]


def test_a_case_due_long_ago_gets_its_steps_spaced_from_the_first_one_not_all_on_the_same_day():
    # DEMO-003: due on 3 October, validated on Monday 7 December: email-1 leaves at once, each next step keeps the
    # scenario's spacing from the day the one before leaves, then waits for its channel's hours
    now = paris(2026, 12, 7, 10)
    steps = upcoming_steps(
        DEFAULT_FR,
        B2B,
        start=0,
        due_on=date(2026, 10, 3),
        last=None,
        pending_due_at=now,
        now=now,
        windows=DEFAULT_WINDOWS,
    )
    assert leaving(steps) == [
        ("email-1", paris(2026, 12, 7, 10)),
        ("email-2", paris(2026, 12, 17, 9)),
        ("letter-1", paris(2026, 12, 28, 8)),  # 27 December is a Sunday: Monday at 08:00
        ("call-1", paris(2027, 1, 7, 10)),  # calls from 10:00
        ("formal-notice", paris(2027, 1, 18, 8)),  # 17 January is a Sunday
    ]


def test_a_case_on_time_follows_the_due_date_offsets():
    now = paris(2026, 11, 2, 8)
    steps = upcoming_steps(
        DEFAULT_FR,
        B2B,
        start=0,
        due_on=date(2026, 11, 2),
        last=None,
        pending_due_at=paris(2026, 11, 7, 9),
        now=now,
        windows=DEFAULT_WINDOWS,
    )
    assert [step.leaves_on for step in steps] == [
        date(2026, 11, 7),  # Saturday: e-mails and letters leave on jours ouvrables
        date(2026, 11, 17),
        date(2026, 11, 27),
        date(2026, 12, 7),
        date(2026, 12, 17),
    ]


def test_after_a_pause_the_pending_step_leaves_when_it_ends_and_the_others_follow_from_there():
    resumes_on = promise_breaks_on(date(2026, 12, 15), 2)
    steps = upcoming_steps(
        DEFAULT_FR,
        B2B,
        start=0,
        due_on=date(2026, 10, 3),
        last=None,
        pending_due_at=paris(2026, 12, 7, 10),
        now=start_of(resumes_on),
        windows=DEFAULT_WINDOWS,
    )
    assert resumes_on == date(2026, 12, 18)
    assert leaving(steps)[:3] == [
        ("email-1", paris(2026, 12, 18, 8)),
        ("email-2", paris(2026, 12, 28, 9)),
        ("letter-1", paris(2027, 1, 7, 9)),
    ]


def test_a_step_whose_conditions_fail_is_left_out_and_the_next_counts_from_the_last_one_that_leaves():
    scenario = Scenario(
        code="conditional",
        name="Conditional",
        steps=(
            Step("a", Channel.EMAIL, "email-courteous", 5),
            Step("b", Channel.SMS, "sms-reminder", 15, conditions=Conditions(kinds=("b2c",))),
            Step("c", Channel.LETTER, "letter-reminder", 25),
        ),
    )
    steps = upcoming_steps(
        scenario,
        B2B,
        start=0,
        due_on=date(2026, 11, 2),
        last=None,
        pending_due_at=None,
        now=paris(2026, 11, 2, 8),
        windows=DEFAULT_WINDOWS,
    )
    assert [(step.position, step.leaves_on) for step in steps] == [(0, date(2026, 11, 7)), (2, date(2026, 11, 27))]


def test_without_a_pending_step_the_next_one_counts_from_the_last_that_went_out():
    steps = upcoming_steps(
        DEFAULT_FR,
        B2B,
        start=2,
        due_on=date(2026, 10, 3),
        last=(1, date(2026, 12, 17)),
        pending_due_at=None,
        now=paris(2026, 12, 18, 10),
        windows=DEFAULT_WINDOWS,
    )
    assert leaving(steps)[0] == ("letter-1", paris(2026, 12, 28, 8))


def test_nothing_is_to_come_once_the_last_step_went_out():
    now = paris(2026, 12, 18, 10)
    steps = upcoming_steps(
        DEFAULT_FR,
        B2B,
        start=5,
        due_on=date(2026, 10, 3),
        last=(4, date(2026, 12, 17)),
        pending_due_at=None,
        now=now,
        windows=DEFAULT_WINDOWS,
    )
    assert steps == []


def test_a_step_falls_due_at_nine_on_its_day_and_never_before_it_is_planned():
    assert due_instant(date(2026, 12, 17), paris(2026, 12, 7, 10)) == paris(2026, 12, 17, 9)
    assert due_instant(date(2026, 12, 7), paris(2026, 12, 7, 10)) == paris(2026, 12, 7, 10)


def test_step_day_counts_from_the_due_date_then_from_the_last_step_that_went_out():
    assert step_day(DEFAULT_FR.steps, 0, due_on=date(2026, 10, 3), last=None) == date(2026, 10, 8)
    assert step_day(DEFAULT_FR.steps, 2, due_on=date(2026, 10, 3), last=(0, date(2026, 12, 7))) == date(2026, 12, 27)


def test_a_promise_is_broken_on_the_day_the_resumption_is_announced_and_not_the_day_before():
    due_on, grace = date(2026, 12, 15), 2
    breaks_on = promise_breaks_on(due_on, grace)
    assert due_on < promises_broken_before(breaks_on, grace)
    assert not due_on < promises_broken_before(breaks_on - timedelta(days=1), grace)


def test_a_plan_breaches_on_the_first_day_an_instalment_is_found_missed():
    terms = [
        Term(date(2026, 12, 10), Decimal("100.00"), paid=Decimal("100.00")),
        Term(date(2027, 1, 10), Decimal("100.00"), paid=Decimal("40.00")),
        Term(date(2027, 2, 10), Decimal("100.00")),
    ]
    day = breach_day(terms, grace_days=5)
    assert day == date(2027, 1, 16)
    assert first_missed(terms, today=day, grace_days=5) == terms[1]
    assert first_missed(terms, today=day - timedelta(days=1), grace_days=5) is None
    assert breach_day([Term(date(2027, 1, 10), Decimal("1"), paid=Decimal("1"))], grace_days=5) is None
