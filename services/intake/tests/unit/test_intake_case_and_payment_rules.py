"""Who may move a case, the claim deadline, when a payment is accepted and the art. 2240 restart: pure rules,
tested without a database."""

from __future__ import annotations

from datetime import date

import pytest

from intake.domain import (
    RuleBroken,
    check_move,
    check_payment_accepted,
    claim_deadline,
    prescription_restarted_on,
)

LEGAL = ("amicable", "legal")


def broken_field(check, **kwargs) -> str:
    with pytest.raises(RuleBroken) as caught:
        check(**kwargs)
    assert caught.value.message_fr, "every rule says it in French too"
    return caught.value.field


def test_only_staff_escalate_to_the_legal_phase_and_only_under_a_mandate_covering_it():
    assert broken_field(check_move, target="legal", staff=False, reason=None, mandate_phases=LEGAL) == "status"
    assert broken_field(check_move, target="legal", staff=True, reason=None, mandate_phases=("amicable",)) == "status"
    assert broken_field(check_move, target="legal", staff=True, reason=None, mandate_phases=None) == "status"
    check_move(target="legal", staff=True, reason=None, mandate_phases=LEGAL)


def test_a_creditor_closes_its_case_only_by_withdrawing_it_and_every_closure_says_why():
    assert broken_field(check_move, target="closed", staff=False, reason="paid", mandate_phases=None) == "status"
    assert broken_field(check_move, target="closed", staff=True, reason=None, mandate_phases=None) == "reason"
    check_move(target="closed", staff=False, reason="withdrawn", mandate_phases=None)
    check_move(target="closed", staff=True, reason="written_off", mandate_phases=None)


def test_the_claim_deadline_is_two_months_after_the_bodacc_publication_month_end_kept():
    assert claim_deadline(date(2026, 3, 10)) == date(2026, 5, 10)
    assert claim_deadline(date(2025, 12, 31)) == date(2026, 2, 28)
    assert claim_deadline(None) is None


def payment(**changes) -> dict:
    return {
        "case_reference": "C-1",
        "case_status": "amicable",
        "closure_reason": None,
        "case_currency": "EUR",
        "currency": "EUR",
        "received_on": date(2026, 11, 20),
        "today": date(2026, 11, 24),
        "from_bailiff": False,
    } | changes


def test_a_payment_is_accepted_in_the_case_currency_once_received_on_an_open_case():
    check_payment_accepted(**payment())
    assert broken_field(check_payment_accepted, **payment(currency="USD")) == "currency"
    assert broken_field(check_payment_accepted, **payment(received_on=date(2026, 11, 25))) == "received_on"
    closed = payment(case_status="closed", closure_reason="paid")
    assert broken_field(check_payment_accepted, **closed) == "case_id"


def test_a_closed_case_still_takes_what_a_bailiff_recovers():
    check_payment_accepted(**payment(case_status="closed", closure_reason="paid", from_bailiff=True))


def test_a_part_payment_restarts_prescription_on_the_invoices_it_went_to_only():
    assert prescription_restarted_on(None, date(2026, 5, 1), paid_towards=True) == date(2026, 5, 1)
    assert prescription_restarted_on(date(2026, 6, 1), date(2026, 5, 1), paid_towards=True) == date(2026, 6, 1)
    assert prescription_restarted_on(date(2026, 4, 1), date(2026, 5, 1), paid_towards=True) == date(2026, 5, 1)
    assert prescription_restarted_on(date(2026, 4, 1), date(2026, 5, 1), paid_towards=False) == date(2026, 4, 1)
