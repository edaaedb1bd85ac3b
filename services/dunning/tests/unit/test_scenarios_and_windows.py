"""The pure rules of scheduling: scenario offsets, catching up after downtime, channel windows, the weekly cap."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from shared.clock import PARIS
from shared.errors import Invalid

from dunning.domain.scenarios import (
    DEFAULT_FR,
    Anchor,
    CaseFacts,
    Channel,
    Conditions,
    Scenario,
    Step,
    applicable_steps,
    exhaustion_day,
    first_step_day,
    following_step_day,
    nominal_offsets,
)
from dunning.domain.windows import CALL_HOURS, OFFICE_HOURS, allowed_at, cap_reached, next_allowed, parse_windows


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def test_default_french_scenario_runs_from_due_plus_5_to_exhaustion_at_due_plus_60():
    assert [step.offset_days for step in DEFAULT_FR.steps] == [5, 15, 25, 35, 45]
    assert [step.channel for step in DEFAULT_FR.steps] == [
        Channel.EMAIL,
        Channel.EMAIL,
        Channel.LETTER,
        Channel.PHONE,
        Channel.FORMAL_NOTICE,
    ]
    due = date(2026, 9, 1)
    assert first_step_day(DEFAULT_FR.steps, due) == date(2026, 9, 6)
    assert exhaustion_day(DEFAULT_FR, due + timedelta(days=45)) == due + timedelta(days=60)


def test_a_late_step_keeps_the_spacing_so_downtime_never_sends_two_steps_at_once():
    # email-1 was due on 6 Sept but went out on 20 Sept after an outage: email-2 comes 10 days later, not at once
    assert following_step_day(DEFAULT_FR.steps, 0, date(2026, 9, 20)) == date(2026, 9, 30)


def test_offsets_from_the_previous_step_add_up():
    steps = (
        Step("a", Channel.EMAIL, "email-courteous", 3),
        Step("b", Channel.EMAIL, "email-firm", 7, anchor=Anchor.PREVIOUS),
        Step("c", Channel.LETTER, "letter-reminder", 20),
    )
    assert nominal_offsets(steps) == [3, 10, 20]


def test_a_scenario_whose_offsets_go_back_in_time_is_refused_with_the_step_named():
    with pytest.raises(Invalid) as refused:
        Scenario("x", "x", (Step("a", Channel.EMAIL, "t", 10), Step("b", Channel.EMAIL, "t", 5)))
    assert refused.value.field == "steps.1.offset_days"


def test_two_steps_with_one_code_are_refused():
    with pytest.raises(Invalid):
        Scenario("x", "x", (Step("a", Channel.EMAIL, "t", 1), Step("a", Channel.EMAIL, "t", 5)))


def test_conditions_select_steps_by_kind_grade_and_amount():
    b2c_only = Step("sms", Channel.SMS, "sms-reminder", 8, conditions=Conditions(kinds=("b2c",)))
    big = Step("call", Channel.PHONE, "phone-script", 9, conditions=Conditions(min_amount=Decimal("1000")))
    risky = Step("notice", Channel.FORMAL_NOTICE, "formal-notice", 10, conditions=Conditions(grades=("D", "E")))
    scenario = Scenario("x", "x", (b2c_only, big, risky))
    assert applicable_steps(scenario, CaseFacts(kind="b2b", balance=Decimal("999.99"), grade="A")) == ()
    assert applicable_steps(scenario, CaseFacts(kind="b2c", balance=Decimal("1000"), grade="E")) == (
        b2c_only,
        big,
        risky,
    )
    # a debtor not scored yet is not held back by a grade condition
    assert applicable_steps(scenario, CaseFacts(kind="b2b", balance=Decimal("5"), grade=None)) == (risky,)


def test_no_message_on_a_sunday_or_a_french_public_holiday():
    assert not allowed_at(paris(2026, 12, 6, 11, 0), OFFICE_HOURS)  # Sunday
    assert not allowed_at(paris(2026, 12, 25, 11, 0), OFFICE_HOURS)  # Christmas, a Friday
    assert not allowed_at(paris(2026, 7, 14, 11, 0), CALL_HOURS)  # Bastille Day
    assert allowed_at(paris(2026, 12, 5, 11, 0), OFFICE_HOURS)  # Saturday: letters and e-mails may leave


def test_calls_only_on_weekdays_within_the_two_windows():
    assert allowed_at(paris(2026, 12, 7, 10, 0), CALL_HOURS)
    assert not allowed_at(paris(2026, 12, 7, 13, 30), CALL_HOURS)  # lunch
    assert not allowed_at(paris(2026, 12, 7, 20, 0), CALL_HOURS)
    assert not allowed_at(paris(2026, 12, 5, 11, 0), CALL_HOURS)  # Saturday
    assert next_allowed(paris(2026, 12, 7, 13, 30), CALL_HOURS) == paris(2026, 12, 7, 14, 0).astimezone(UTC)
    # Thursday 24 Dec after 20:00 -> Christmas -> weekend -> Monday 28 Dec at 10:00
    assert next_allowed(paris(2026, 12, 24, 20, 30), CALL_HOURS) == paris(2026, 12, 28, 10, 0).astimezone(UTC)


def test_windows_are_read_from_settings_text():
    windows = parse_windows("mon-fri 09:00-12:00, sat 10:00-11:00")
    assert allowed_at(paris(2026, 12, 5, 10, 30), windows)
    assert not allowed_at(paris(2026, 12, 5, 11, 30), windows)


def test_the_weekly_cap_counts_every_creditor_and_says_when_a_slot_frees():
    now = paris(2026, 12, 10, 11, 0)
    contacts = [now - timedelta(days=6), now - timedelta(days=3), now - timedelta(days=1)]
    assert cap_reached(contacts, now, cap=4) is None
    assert cap_reached(contacts, now, cap=3) == now + timedelta(days=1)
    assert cap_reached([now - timedelta(days=8)] * 5, now, cap=3) is None
