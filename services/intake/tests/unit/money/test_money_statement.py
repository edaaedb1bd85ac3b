from datetime import date, timedelta
from decimal import Decimal

import pytest

from intake.money.errors import ContractualRateBelowFloor, RateNotFound
from intake.money.kinds import DebtorKind
from intake.money.penalties import PenaltyTerms
from intake.money.rates import SEED_RATES, RateTable
from intake.money.statement import compose_statement
from intake.money.statement_lines import LineKind, Statement, StatementInvoice, StatementPayment

RATES = RateTable(SEED_RATES)
TEN_THOUSAND = Decimal("10000.00")


def invoice(number: str, due: date, amount: Decimal = TEN_THOUSAND) -> StatementInvoice:
    return StatementInvoice(invoice_id=f"id-{number}", number=number, due_date=due, amount_incl_vat=amount)


def b2b(
    invoices: list[StatementInvoice], payments: list[StatementPayment], as_of: date, **options: object
) -> Statement:
    return compose_statement(
        debtor_kind=DebtorKind.B2B,
        invoices=invoices,
        payments=payments,
        as_of=as_of,
        rates=RATES,
        **options,  # type: ignore[arg-type]  # the options are typed object: each test passes its keyword's type
    )


def kinds(statement: Statement) -> list[LineKind]:
    return [line.kind for line in statement.lines]


def test_example_a_unpaid_for_ninety_days_in_s1_2026_claims_10339_59() -> None:
    due = date(2026, 1, 5)
    statement = b2b([invoice("F1", due)], [], as_of=due + timedelta(days=90))
    assert (statement.principal, statement.penalties, statement.indemnities) == (
        TEN_THOUSAND,
        Decimal("299.59"),
        Decimal("40.00"),
    )
    assert statement.balance == Decimal("10339.59")
    assert kinds(statement) == [LineKind.INVOICE, LineKind.INDEMNITY, LineKind.PENALTIES]


def test_example_b_paid_in_full_principal_on_13_september_leaves_the_accessories_unpaid() -> None:
    statement = b2b(
        [invoice("F1", date(2025, 6, 15))], [StatementPayment(date(2025, 9, 13), TEN_THOUSAND)], as_of=date(2025, 9, 13)
    )
    assert statement.penalties == Decimal("303.70")
    assert statement.paid == TEN_THOUSAND
    # Art. 1343-1: the payment settles 40 + 303.70 first, so 343.70 of principal remains.
    assert statement.balance == Decimal("343.70")
    assert statement.invoices[0].principal == Decimal("343.70")
    penalty_line = next(line for line in statement.lines if line.kind is LineKind.PENALTIES)
    assert [p.days for p in penalty_line.periods] == [15, 75]
    assert "13,15 %" in penalty_line.explanation_fr and "12,15 %" in penalty_line.explanation_fr


def test_example_b_with_the_frozen_rate_charges_324_25() -> None:
    statement = b2b(
        [invoice("F1", date(2025, 6, 15))], [], as_of=date(2025, 9, 13), penalty_terms=PenaltyTerms(freeze_rate=True)
    )
    assert statement.penalties == Decimal("324.25")


def test_penalties_keep_running_on_the_principal_left_after_a_payment() -> None:
    statement = b2b(
        [invoice("F1", date(2025, 6, 15))],
        [StatementPayment(date(2025, 9, 13), TEN_THOUSAND)],
        as_of=date(2025, 10, 13),
    )
    # 343.70 x 12.15 % x 30 / 365 = 3.43
    assert statement.penalties == Decimal("303.70") + Decimal("3.43")
    assert statement.lines[-1].periods[0].base == Decimal("343.70")


def test_penalties_charged_across_payments_are_rounded_once_on_their_cumulative_total() -> None:
    due = date(2026, 1, 5)
    payments = [StatementPayment(due + timedelta(days=d), Decimal("1000.00")) for d in (7, 19, 33, 51)]
    statement = b2b([invoice("F1", due, Decimal("9999.99"))], payments, as_of=due + timedelta(days=90))
    exact = sum((p.amount for line in statement.lines for p in line.periods), Decimal(0))
    assert statement.penalties == exact.quantize(Decimal("0.01"))


def test_no_penalty_and_no_indemnity_for_an_invoice_paid_on_its_due_date() -> None:
    due = date(2026, 1, 5)
    statement = b2b([invoice("F1", due)], [StatementPayment(due, TEN_THOUSAND)], as_of=date(2026, 3, 1))
    assert (statement.penalties, statement.indemnities, statement.balance) == (Decimal(0), Decimal(0), Decimal(0))


def test_the_debtors_instruction_decides_which_invoice_a_payment_settles() -> None:
    invoices = [invoice("F1", date(2026, 1, 5), Decimal("500.00")), invoice("F2", date(2026, 1, 20), Decimal("500.00"))]
    statement = b2b(
        invoices, [StatementPayment(date(2026, 1, 20), Decimal("500.00"), ("F2",))], as_of=date(2026, 1, 20)
    )
    paid_invoices = {line.invoice_number for line in statement.lines if line.kind is LineKind.PAYMENT}
    assert paid_invoices == {"F2"}
    payment_line = next(line for line in statement.lines if line.kind is LineKind.PAYMENT)
    assert payment_line.reason_code == "debtor_choice"
    assert "1342-10" in payment_line.explanation_fr


def test_without_instruction_a_payment_goes_to_the_oldest_due_invoice_accessories_first() -> None:
    invoices = [invoice("F2", date(2026, 2, 5), Decimal("500.00")), invoice("F1", date(2026, 1, 5), Decimal("500.00"))]
    statement = b2b(invoices, [StatementPayment(date(2026, 2, 1), Decimal("100.00"))], as_of=date(2026, 2, 1))
    payment_lines = [line for line in statement.lines if line.kind is LineKind.PAYMENT]
    assert [line.invoice_number for line in payment_lines] == ["F1", "F1", "F1"]
    assert payment_lines[0].amount == Decimal("-40.00")


def test_an_overpayment_shows_as_a_negative_balance_to_refund() -> None:
    due = date(2026, 1, 5)
    statement = b2b([invoice("F1", due, Decimal("100.00"))], [StatementPayment(due, Decimal("130.00"))], as_of=due)
    assert statement.overpayment == Decimal("30.00")
    assert statement.balance == Decimal("-30.00")
    assert statement.lines[-1].kind is LineKind.OVERPAYMENT


def test_payments_after_the_as_of_date_are_left_out() -> None:
    due = date(2026, 1, 5)
    statement = b2b([invoice("F1", due)], [StatementPayment(date(2026, 5, 1), TEN_THOUSAND)], as_of=due)
    assert statement.paid == Decimal(0)


def test_a_contractual_rate_below_the_floor_stops_the_statement() -> None:
    with pytest.raises(ContractualRateBelowFloor):
        b2b(
            [invoice("F1", date(2026, 1, 5))],
            [],
            as_of=date(2026, 3, 1),
            penalty_terms=PenaltyTerms(contractual_rate=Decimal("0.05")),
        )


def test_a_valid_contractual_rate_replaces_the_default_rate() -> None:
    due = date(2026, 1, 5)
    statement = b2b(
        [invoice("F1", due)],
        [],
        as_of=due + timedelta(days=90),
        penalty_terms=PenaltyTerms(contractual_rate=Decimal("0.12")),
    )
    assert statement.penalties == Decimal("295.89")


def test_no_indemnity_when_insolvency_proceedings_forbid_payment() -> None:
    due = date(2026, 1, 5)
    statement = b2b([invoice("F1", due)], [], as_of=due + timedelta(days=90), insolvency_forbids_payment=True)
    assert statement.indemnities == Decimal(0)


def test_consumer_statement_charges_legal_interest_from_the_notice_and_nothing_else() -> None:
    notice = date(2026, 1, 10)
    statement = compose_statement(
        debtor_kind=DebtorKind.B2C,
        invoices=[invoice("F1", date(2025, 12, 1), Decimal("2000.00"))],
        payments=[],
        as_of=notice + timedelta(days=90),
        rates=RATES,
        formal_notice_date=notice,
    )
    assert (statement.interest, statement.penalties, statement.indemnities) == (
        Decimal("12.92"),
        Decimal(0),
        Decimal(0),
    )
    assert statement.balance == Decimal("2012.92")
    assert LineKind.INDEMNITY not in kinds(statement)
    assert "1231-6" in statement.lines[-1].label_fr


def test_consumer_statement_without_formal_notice_carries_no_interest() -> None:
    statement = compose_statement(
        debtor_kind=DebtorKind.B2C,
        invoices=[invoice("F1", date(2025, 12, 1), Decimal("2000.00"))],
        payments=[],
        as_of=date(2026, 6, 1),
        rates=RATES,
    )
    assert statement.balance == Decimal("2000.00")
    assert kinds(statement) == [LineKind.INVOICE]


def test_the_running_balance_of_the_last_line_is_the_statement_balance() -> None:
    due = date(2025, 6, 15)
    payments = [
        StatementPayment(date(2025, 7, 1), Decimal("2500.00")),
        StatementPayment(date(2025, 8, 1), Decimal("2500.00")),
    ]
    statement = b2b([invoice("F1", due), invoice("F2", date(2025, 7, 15))], payments, as_of=date(2025, 9, 30))
    assert statement.lines[-1].balance_after == statement.balance
    assert statement.balance == (
        statement.principal + statement.penalties + statement.indemnities + statement.interest - statement.paid
    )
    assert sum(balance.total for balance in statement.invoices) == statement.balance
    assert [line.on for line in statement.lines] == sorted(line.on for line in statement.lines)


def test_a_statement_reaching_a_semester_without_recorded_rates_names_that_semester() -> None:
    with pytest.raises(RateNotFound, match="S2 2026"):
        b2b([invoice("F1", date(2026, 6, 1))], [], as_of=date(2026, 7, 15))
