"""Payment plans' pure rules: the mandate's bounds, allocation to the oldest unpaid instalment, the breach."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.errors import Invalid

from dunning.domain.formatting import format_amount
from dunning.domain.instalments import (
    PlanBounds,
    Term,
    allocate,
    check_plan_terms,
    first_missed,
    is_paid,
    most_instalments,
    plan_possible,
)

TODAY = date(2026, 8, 31)
BOUNDS = PlanBounds(max_instalments=12, max_months=6, min_instalment=Decimal("50.00"))


def terms(*pairs: tuple[str, str], paid: tuple[str, ...] = ()) -> list[Term]:
    paid_amounts = [Decimal(p) for p in paid] + [Decimal("0.00")] * len(pairs)
    return [Term(date.fromisoformat(d), Decimal(a), paid_amounts[i]) for i, (d, a) in enumerate(pairs)]


def test_a_plan_within_the_bounds_gives_its_total():
    plan = terms(("2026-09-15", "300.00"), ("2026-10-15", "300.00"), ("2026-11-15", "150.50"))
    assert check_plan_terms(plan, today=TODAY, balance=Decimal("750.50"), bounds=BOUNDS) == Decimal("750.50")


def test_the_last_instalment_may_fall_on_the_last_day_of_a_shorter_month():
    # 31 August + 6 months is 28 February (art. 641 CPC's way of counting months)
    plan = terms(("2026-09-15", "300.00"), ("2027-02-28", "300.00"))
    assert check_plan_terms(plan, today=TODAY, balance=Decimal("600.00"), bounds=BOUNDS) == Decimal("600.00")
    with pytest.raises(Invalid) as refused:
        check_plan_terms(
            terms(("2026-09-15", "300.00"), ("2027-03-01", "300.00")),
            today=TODAY,
            balance=Decimal("600.00"),
            bounds=BOUNDS,
        )
    assert refused.value.field == "instalments[1].due_on" and "28 February 2027" in refused.value.message
    assert refused.value.message_fr is not None and "28 février 2027" in refused.value.message_fr


def test_a_plan_may_cover_less_than_the_balance_but_never_more():
    plan = terms(("2026-09-15", "100.00"), ("2026-10-15", "100.00"))
    assert check_plan_terms(plan, today=TODAY, balance=Decimal("1000.00"), bounds=BOUNDS) == Decimal("200.00")
    with pytest.raises(Invalid) as refused:
        check_plan_terms(plan, today=TODAY, balance=Decimal("199.99"), bounds=BOUNDS)
    assert refused.value.field == "instalments"


def test_a_plan_over_the_balance_due_is_refused_in_plain_words_naming_both_figures():
    # DEMO-003: 5,120.00 of principal, 5,272.49 due with the penalties and the 40 EUR indemnity
    balance = Decimal("5272.49")
    exact = terms(("2026-09-15", "2000.00"), ("2026-10-15", "3272.49"))
    assert check_plan_terms(exact, today=TODAY, balance=balance, bounds=BOUNDS) == balance
    with pytest.raises(Invalid) as refused:
        check_plan_terms(
            terms(("2026-09-15", "2000.00"), ("2026-10-15", "3272.50")), today=TODAY, balance=balance, bounds=BOUNDS
        )
    assert refused.value.field == "instalments"
    total, due = format_amount(Decimal("5272.50"), "fr"), format_amount(balance, "fr")
    assert refused.value.message_fr == f"Le total des échéances ({total}) dépasse le solde dû ({due})."
    assert refused.value.message == (
        f"The instalments add up to {format_amount(Decimal('5272.50'), 'en')}, more than the balance due "
        f"({format_amount(balance, 'en')})."
    )


def test_a_refusal_of_the_whole_plan_never_shows_the_raw_field_name():
    for plan, balance in (
        (terms(("2026-09-15", "300.00")), Decimal("1000.00")),
        (terms(*[(f"2026-09-{day:02d}", "60.00") for day in range(1, 14)]), Decimal("1000.00")),
        (terms(("2026-09-15", "600.00"), ("2026-10-15", "600.00")), Decimal("1000.00")),
        (terms(("2026-09-15", "30.00"), ("2026-10-15", "26.46")), Decimal("56.46")),
    ):
        with pytest.raises(Invalid) as refused:
            check_plan_terms(plan, today=TODAY, balance=balance, bounds=BOUNDS)
        assert refused.value.field == "instalments"
        english, french = refused.value.message, refused.value.message_fr or ""
        assert english[0].isupper() and not english.startswith("instalments")  # a sentence, not a field's name
        assert french[0].isupper() and "instalments" not in french


def test_the_balance_decides_how_many_instalments_a_plan_may_have():
    assert most_instalments(Decimal("10000.00"), BOUNDS) == 12  # the mandate's most
    assert most_instalments(Decimal("175.00"), BOUNDS) == 3  # three of 50.00, not four
    assert most_instalments(Decimal("100.00"), BOUNDS) == 2 and plan_possible(Decimal("100.00"), BOUNDS)
    assert most_instalments(Decimal("99.99"), BOUNDS) == 1 and not plan_possible(Decimal("99.99"), BOUNDS)
    assert most_instalments(Decimal("0.00"), BOUNDS) == 0 and most_instalments(Decimal("-5.00"), BOUNDS) == 0
    free = PlanBounds(max_instalments=12, max_months=6, min_instalment=Decimal("0.00"))
    assert most_instalments(Decimal("0.02"), free) == 2  # a cent each at least, whatever the mandate allows


def test_a_balance_under_two_smallest_instalments_allows_no_plan_and_says_what_to_do():
    # DEMO-005: 56.46 due, instalments of 50.00 at least
    balance = Decimal("56.46")
    with pytest.raises(Invalid) as refused:
        check_plan_terms(
            terms(("2026-09-15", "28.23"), ("2026-10-15", "28.23")), today=TODAY, balance=balance, bounds=BOUNDS
        )
    assert refused.value.field == "instalments"
    assert refused.value.message_fr is not None
    assert refused.value.message_fr.startswith(
        f"Aucun échéancier n'est possible pour un solde dû de {format_amount(balance, 'fr')} : deux échéances "
        f"d'au moins {format_amount(Decimal('50.00'), 'fr')}"
    )
    assert "un seul paiement" in refused.value.message_fr and "one payment" in refused.value.message


def test_a_payment_goes_to_the_oldest_unpaid_instalment_then_the_next():
    plan = terms(("2026-09-15", "300.00"), ("2026-10-15", "300.00"), ("2026-11-15", "300.00"), paid=("250.00",))
    assert allocate(Decimal("400.00"), plan) == [Decimal("50.00"), Decimal("300.00"), Decimal("50.00")]
    assert allocate(Decimal("2000.00"), plan) == [Decimal("50.00"), Decimal("300.00"), Decimal("300.00")]


def test_an_instalment_breaches_the_plan_once_its_grace_days_are_over():
    plan = terms(("2026-09-15", "300.00"), ("2026-10-15", "300.00"), paid=("300.00", "299.99"))
    assert first_missed(plan, today=date(2026, 10, 20), grace_days=5) is None
    missed = first_missed(plan, today=date(2026, 10, 21), grace_days=5)
    assert missed is not None and missed.due_on == date(2026, 10, 15)
    assert not is_paid(plan)
    assert is_paid(terms(("2026-09-15", "300.00"), paid=("300.00",)))
