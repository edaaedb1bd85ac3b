"""Credit insurance's pure rules (docs/rules.md §7): the threat-of-loss deadline from the oldest unpaid due date, the
waiting period, the indemnity (the policy's percentage of the loss, up to the buyer limit, in exact decimals), and
the claim's steps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from legal.domain import insurance as domain
from legal.domain.insurance import PolicyTerms, Receivable

TERMS = PolicyTerms(declaration_days=60, indemnity_percentage=Decimal("90.00"), waiting_days=90)


def test_the_deadline_runs_from_the_oldest_invoice_still_unpaid():
    receivables = [
        Receivable(date(2026, 3, 1), Decimal("0.00")),  # paid: no longer counts
        Receivable(date(2026, 5, 15), Decimal("250.00")),
        Receivable(date(2026, 4, 30), Decimal("100.00")),
    ]
    oldest = domain.oldest_unpaid_due_date(receivables)
    assert oldest == date(2026, 4, 30)
    assert domain.declaration_deadline(oldest, TERMS) == date(2026, 6, 29)


def test_nothing_unpaid_means_no_deadline():
    assert domain.oldest_unpaid_due_date([Receivable(date(2026, 3, 1), Decimal("0"))]) is None
    assert domain.oldest_unpaid_due_date([]) is None


@pytest.mark.parametrize(
    ("due", "days", "deadline"),
    [
        (date(2026, 12, 31), 60, date(2027, 3, 1)),  # across the year end and a short February
        (date(2027, 12, 31), 60, date(2028, 2, 29)),  # a leap year's 29 February
        (date(2026, 11, 1), 30, date(2026, 12, 1)),
        (date(2026, 10, 31), 31, date(2026, 12, 1)),  # a Tuesday; contractual: no move to a business day anyway
        (date(2026, 10, 3), 60, date(2026, 12, 2)),
    ],
)
def test_the_deadline_counts_calendar_days_never_moved_to_a_business_day(due, days, deadline):
    terms = PolicyTerms(declaration_days=days, indemnity_percentage=Decimal("95"), waiting_days=0)
    assert domain.declaration_deadline(due, terms) == deadline


def test_a_deadline_on_a_sunday_stays_on_the_sunday():
    # 2026-11-29 is a Sunday: a late declaration loses the cover, so the deadline is not extended
    terms = PolicyTerms(declaration_days=59, indemnity_percentage=Decimal("90"), waiting_days=0)
    assert domain.declaration_deadline(date(2026, 10, 1), terms) == date(2026, 11, 29)


def test_the_alert_starts_the_configured_days_before_the_deadline():
    assert domain.alert_from(date(2026, 12, 10), 10) == date(2026, 11, 30)
    assert domain.alert_from(date(2026, 12, 10), 0) == date(2026, 12, 10)


def test_the_waiting_period_runs_from_the_due_date():
    assert domain.indemnity_due_from(date(2026, 7, 1), TERMS) == date(2026, 9, 29)


@pytest.mark.parametrize(
    ("loss", "percentage", "limit", "expected"),
    [
        ("10000.00", "90.00", None, "9000.00"),
        ("1234.56", "95.00", None, "1172.83"),  # 1172.832 rounds down
        ("1234.57", "95.00", None, "1172.84"),  # 1172.8415 rounds half up
        ("0.10", "95.00", None, "0.10"),  # 0.095 rounds half up
        ("12000.00", "90.00", "8000.00", "7200.00"),  # the loss counts up to the buyer limit
        ("5000.00", "90.00", "8000.00", "4500.00"),
        ("0.00", "90.00", None, "0.00"),
        ("999999999999.99", "100.00", None, "999999999999.99"),
    ],
)
def test_the_indemnity_is_the_policy_percentage_of_the_loss_in_exact_cents(loss, percentage, limit, expected):
    terms = PolicyTerms(
        declaration_days=60,
        indemnity_percentage=Decimal(percentage),
        waiting_days=90,
        buyer_limit=Decimal(limit) if limit else None,
    )
    indemnity = domain.expected_indemnity(loss=Decimal(loss), terms=terms)
    assert indemnity == Decimal(expected)
    assert str(indemnity) == expected  # two places, never a float's approximation


def test_a_negative_loss_is_a_mistake():
    with pytest.raises(ValueError, match="negative"):
        domain.expected_indemnity(loss=Decimal("-1"), terms=TERMS)


def test_a_claim_goes_from_declaration_to_payout():
    state = domain.DECLARED
    for step in (domain.DOCUMENTS_SENT, domain.ACCEPTED, domain.PAID):
        state = domain.next_state(state, step)
    assert state == domain.PAID


@pytest.mark.parametrize(
    ("state", "step"),
    [
        (domain.DECLARED, domain.PAID),  # the insurer accepts before it pays
        (domain.DOCUMENTS_SENT, domain.DOCUMENTS_SENT),
        (domain.ACCEPTED, domain.REFUSED),
        (domain.PAID, domain.WITHDRAWN),
        (domain.REFUSED, domain.ACCEPTED),
        (domain.WITHDRAWN, domain.DOCUMENTS_SENT),
    ],
)
def test_a_step_that_does_not_follow_is_refused_in_both_languages(state, step):
    with pytest.raises(domain.StepRefused) as refused:
        domain.next_state(state, step)
    assert refused.value.en and refused.value.fr
    assert "sinistre" in refused.value.fr


def test_a_claim_is_withdrawn_when_the_debtor_pays_before_the_indemnity():
    for state in (domain.DECLARED, domain.DOCUMENTS_SENT, domain.ACCEPTED):
        assert domain.next_state(state, domain.WITHDRAWN) == domain.WITHDRAWN
