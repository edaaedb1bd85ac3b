"""Promises to pay as pure rules (docs/rules.md §9.3): more than zero, at most what the case owes, from today to
thirty days ahead, refused in plain French and English naming the field; a promise holds a pending step past its
own day only when its pause ends later."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.errors import Conflict, Invalid

from dunning.domain.promises import (
    PROMISE_HORIZON_DAYS,
    check_promisable,
    check_promise,
    held_until,
    last_promisable_day,
)

TODAY = date(2026, 11, 20)
BALANCE = Decimal("1591.93")


def check(amount: str, due_on: date, balance: Decimal = BALANCE) -> None:
    check_promise(amount=Decimal(amount), due_on=due_on, today=TODAY, balance=balance, currency="EUR")


def test_a_promise_within_the_balance_and_the_horizon_is_accepted():
    check("1591.93", TODAY)  # the whole balance, today
    check("0.01", last_promisable_day(TODAY))  # a cent, on the last day allowed


def test_a_promise_of_more_than_the_case_owes_is_refused_naming_the_balance():
    with pytest.raises(Invalid) as refused:
        check("99999.00", date(2026, 12, 1))
    assert refused.value.field == "amount"
    assert refused.value.message_fr is not None
    assert "99\u202f999,00\u00a0€" in refused.value.message_fr and "1\u202f591,93\u00a0€" in refused.value.message_fr
    assert "dus sur le dossier" in refused.value.message_fr and "due_on" not in refused.value.message_fr
    assert "€99,999.00" in refused.value.message and "€1,591.93 owed on the case" in refused.value.message


def test_a_promise_due_beyond_the_horizon_is_refused_and_says_until_when_and_what_to_do_instead():
    assert PROMISE_HORIZON_DAYS == 30 and last_promisable_day(TODAY) == date(2026, 12, 20)
    with pytest.raises(Invalid) as refused:
        check("500.00", date(2027, 12, 20))
    assert refused.value.field == "due_on"
    assert refused.value.message_fr is not None
    assert "20 décembre 2027" in refused.value.message_fr and "au plus tard le 20 décembre 2026" in (
        refused.value.message_fr
    )
    assert "échéancier" in refused.value.message_fr
    assert "by 20 December 2026" in refused.value.message and "payment plan" in refused.value.message
    with pytest.raises(Invalid):
        check("500.00", date(2026, 12, 21))  # the day after the last one allowed


def test_a_promise_for_a_day_already_passed_is_refused_in_plain_words():
    with pytest.raises(Invalid) as refused:
        check("500.00", date(2026, 11, 19))
    assert refused.value.field == "due_on"
    assert refused.value.message_fr == (
        "La date promise, le 19 novembre 2026, est passée : une promesse porte sur aujourd'hui ou plus tard."
    )


@pytest.mark.parametrize("amount", ["0.00", "-50.00"])
def test_a_promise_of_nothing_or_less_is_refused(amount):
    with pytest.raises(Invalid) as refused:
        check(amount, TODAY)
    assert (
        refused.value.field == "amount" and refused.value.message_fr == "Le montant promis doit être supérieur à zéro."
    )


def test_a_disputed_case_or_one_on_a_payment_plan_takes_no_promise():
    check_promisable("active")
    check_promisable("promise")  # a new promise replaces the open one
    for status in ("dispute", "plan"):
        with pytest.raises(Conflict) as refused:
            check_promisable(status)
        assert refused.value.field == "case_id"


def test_a_promise_holds_a_pending_step_only_when_its_pause_ends_after_the_steps_day():
    assert held_until(date(2026, 12, 7), date(2026, 12, 23)) == date(2026, 12, 23)
    assert held_until(date(2026, 12, 28), date(2026, 12, 23)) is None  # the step's own day comes later
    assert held_until(date(2026, 12, 7), None) is None  # no promise pauses the case
