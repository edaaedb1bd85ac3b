from datetime import date
from decimal import Decimal

from intake.money.allocation import DebtDue, allocate_payment
from intake.money.allocation_texts import Component, ReasonCode

PAID_ON = date(2026, 3, 1)


def debt(invoice_id: str, due: date, principal: str, **accessories: str) -> DebtDue:
    extra = {name: Decimal(value) for name, value in accessories.items()}
    return DebtDue(invoice_id, f"F-{invoice_id}", due, Decimal(principal), **extra)


def test_worked_example_500_pays_30_interest_then_470_principal() -> None:
    allocation = allocate_payment(
        amount=Decimal("500.00"), paid_on=PAID_ON, debts=[debt("A", date(2026, 1, 1), "1000.00", interest="30.00")]
    )
    assert [(line.component, line.amount) for line in allocation.lines] == [
        (Component.INTEREST, Decimal("30.00")),
        (Component.PRINCIPAL, Decimal("470.00")),
    ]
    assert allocation.unallocated == Decimal("0.00")


def test_within_one_debt_the_indemnity_goes_first_then_penalties_then_principal() -> None:
    allocation = allocate_payment(
        amount=Decimal("100.00"),
        paid_on=PAID_ON,
        debts=[debt("A", date(2026, 1, 1), "1000.00", penalties="25.00", indemnity="40.00")],
    )
    assert [(line.component, line.amount) for line in allocation.lines] == [
        (Component.INDEMNITY, Decimal("40.00")),
        (Component.PENALTIES, Decimal("25.00")),
        (Component.PRINCIPAL, Decimal("35.00")),
    ]


def test_the_debtors_stated_choice_comes_before_the_oldest_debt() -> None:
    debts = [debt("OLD", date(2025, 10, 1), "300.00"), debt("NEW", date(2026, 2, 1), "300.00")]
    allocation = allocate_payment(amount=Decimal("300.00"), paid_on=PAID_ON, debts=debts, instruction=["F-NEW"])
    assert [(line.invoice_id, line.reason_code) for line in allocation.lines] == [("NEW", ReasonCode.DEBTOR_CHOICE)]


def test_the_debtors_choice_still_pays_interest_before_principal() -> None:
    debts = [debt("A", date(2026, 1, 1), "1000.00", interest="30.00")]
    allocation = allocate_payment(amount=Decimal("100.00"), paid_on=PAID_ON, debts=debts, instruction=["A"])
    assert allocation.allocated("A", Component.INTEREST) == Decimal("30.00")


def test_what_exceeds_the_chosen_invoice_follows_the_default_order() -> None:
    debts = [debt("OLD", date(2025, 10, 1), "300.00"), debt("NEW", date(2026, 2, 1), "300.00")]
    allocation = allocate_payment(amount=Decimal("400.00"), paid_on=PAID_ON, debts=debts, instruction=["NEW"])
    assert allocation.allocated("NEW") == Decimal("300.00")
    assert allocation.allocated("OLD") == Decimal("100.00")
    assert allocation.lines[-1].reason_code is ReasonCode.OLDEST_DUE_DEBT


def test_an_unknown_invoice_in_the_instruction_is_reported_and_the_default_order_applies() -> None:
    allocation = allocate_payment(
        amount=Decimal("50.00"), paid_on=PAID_ON, debts=[debt("A", date(2026, 1, 1), "100.00")], instruction=["F-999"]
    )
    assert allocation.unknown_references == ("F-999",)
    assert allocation.allocated("A") == Decimal("50.00")


def test_without_instruction_the_oldest_due_debt_is_paid_first() -> None:
    debts = [debt("B", date(2026, 2, 1), "300.00"), debt("A", date(2025, 12, 1), "300.00")]
    allocation = allocate_payment(amount=Decimal("400.00"), paid_on=PAID_ON, debts=debts)
    assert allocation.allocated("A") == Decimal("300.00")
    assert allocation.allocated("B") == Decimal("100.00")
    assert {line.reason_code for line in allocation.lines} == {ReasonCode.OLDEST_DUE_DEBT}


def test_debts_already_due_come_before_debts_not_yet_due() -> None:
    debts = [debt("FUTURE", date(2026, 4, 1), "300.00"), debt("DUE", date(2026, 2, 20), "300.00")]
    allocation = allocate_payment(amount=Decimal("500.00"), paid_on=PAID_ON, debts=debts)
    assert allocation.allocated("DUE") == Decimal("300.00")
    assert allocation.allocated("FUTURE") == Decimal("200.00")
    assert allocation.lines[-1].reason_code is ReasonCode.NOT_YET_DUE


def test_debts_of_equal_standing_share_the_payment_pro_rata_to_the_cent() -> None:
    same_day = date(2026, 1, 15)
    debts = [debt("A", same_day, "100.00"), debt("B", same_day, "200.00"), debt("C", same_day, "100.00")]
    allocation = allocate_payment(amount=Decimal("100.01"), paid_on=PAID_ON, debts=debts)
    shares = [allocation.allocated(i) for i in ("A", "B", "C")]
    assert shares == [Decimal("25.00"), Decimal("50.01"), Decimal("25.00")]
    assert sum(shares) == Decimal("100.01")
    assert {line.reason_code for line in allocation.lines} == {ReasonCode.EQUAL_STANDING_PRO_RATA}


def test_an_overpayment_is_returned_as_unallocated() -> None:
    allocation = allocate_payment(
        amount=Decimal("150.00"), paid_on=PAID_ON, debts=[debt("A", date(2026, 1, 1), "100.00")]
    )
    assert allocation.allocated("A") == Decimal("100.00")
    assert allocation.unallocated == Decimal("50.00")


def test_each_line_explains_itself_in_french_and_english_with_the_article() -> None:
    allocation = allocate_payment(
        amount=Decimal("500.00"), paid_on=PAID_ON, debts=[debt("A", date(2026, 1, 1), "1000.00", interest="30.00")]
    )
    interest_line, principal_line = allocation.lines
    assert "F-A" in interest_line.explanation_fr
    assert "1342-10" in interest_line.explanation_fr
    assert "les intérêts, avant le principal (art. 1343-1 C. civ.)" in interest_line.explanation_fr
    assert "interest before principal (art. 1343-1 Civil Code)" in interest_line.explanation_en
    assert "après les accessoires" in principal_line.explanation_fr


def test_allocation_lines_always_add_up_to_the_payment_minus_the_surplus() -> None:
    debts = [
        debt("A", date(2026, 1, 1), "123.45", penalties="6.78"),
        debt("B", date(2026, 1, 1), "98.76", indemnity="40.00"),
    ]
    allocation = allocate_payment(amount=Decimal("200.00"), paid_on=PAID_ON, debts=debts)
    assert sum(line.amount for line in allocation.lines) + allocation.unallocated == Decimal("200.00")
