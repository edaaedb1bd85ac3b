"""A case closed as paid reopens when the payment that paid it is reversed; any other closure stays closed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intake.cases.reopening import check_reopening, reopening_status
from intake.domain import RuleBroken, check_transition

OWED = Decimal("120.00")


def test_a_case_closed_as_paid_reopens_in_the_phase_its_payment_was_received_in():
    assert (
        reopening_status(status="closed", closure_reason="paid", balance=OWED, paid_in_phase="amicable", validated=True)
        == "amicable"
    )
    assert (
        reopening_status(status="closed", closure_reason="paid", balance=OWED, paid_in_phase="legal", validated=True)
        == "legal"
    )
    assert (
        reopening_status(
            status="closed", closure_reason="paid", balance=OWED, paid_in_phase="amicable", validated=False
        )
        == "submitted"
    )


@pytest.mark.parametrize("reason", ["written_off", "settled", "withdrawn", "insolvency"])
def test_a_case_closed_for_another_reason_stays_closed(reason):
    assert (
        reopening_status(status="closed", closure_reason=reason, balance=OWED, paid_in_phase="amicable", validated=True)
        is None
    )


def test_an_open_case_or_one_still_paid_in_full_is_not_reopened():
    assert (
        reopening_status(status="amicable", closure_reason=None, balance=OWED, paid_in_phase="amicable", validated=True)
        is None
    )
    assert (
        reopening_status(
            status="closed", closure_reason="paid", balance=Decimal("0.00"), paid_in_phase="amicable", validated=True
        )
        is None
    )


def test_reopening_is_a_transition_of_its_own_that_an_agents_request_cannot_take():
    check_reopening("closed", "amicable")
    with pytest.raises(RuleBroken) as refused:
        check_reopening("closed", "draft")
    assert refused.value.message_fr and "rouvert" in refused.value.message_fr
    with pytest.raises(RuleBroken):
        check_transition("closed", "amicable")
