from datetime import date
from decimal import Decimal

from intake.money.kinds import DebtorKind
from intake.money.rates import SEED_RATES, RateTable
from intake.money.statement import compose_statement
from intake.money.statement_lines import LineKind, Settlement, StatementInvoice, StatementPayment

RATES = RateTable(SEED_RATES)


def b2b(payments: list[StatementPayment], as_of: date, **options: object):
    invoice = StatementInvoice("id-F1", "F1", date(2026, 1, 5), Decimal("10000.00"))
    return compose_statement(
        debtor_kind=DebtorKind.B2B,
        invoices=[invoice],
        payments=payments,
        as_of=as_of,
        rates=RATES,
        **options,  # type: ignore[arg-type]  # the options are typed object: each test passes its keyword's type
    )


def test_a_credit_note_cancels_principal_from_the_invoices_start_and_leaves_the_indemnity_owed() -> None:
    note = StatementPayment(date(2026, 3, 1), Decimal("4000.00"), payment_id="cn", settles=Settlement.CREDIT_NOTE)
    statement = b2b([note], as_of=date(2026, 4, 5))
    # 90 days at 12.15 % on the 6,000.00 the invoice really claims
    assert statement.penalties == (Decimal("6000") * Decimal("0.1215") * 90 / 365).quantize(Decimal("0.01"))
    assert (statement.indemnities, statement.credited, statement.paid) == (Decimal("40.00"), Decimal("4000.00"), 0)
    assert statement.invoices[0].principal == Decimal("6000.00")
    assert [line.component for line in statement.lines if line.kind is LineKind.CREDIT_NOTE] == ["principal"]
    assert statement.balance == Decimal("6000.00") + statement.penalties + Decimal("40.00")


def test_a_write_off_reduces_what_is_owed_without_counting_as_paid() -> None:
    owed = b2b([], as_of=date(2026, 4, 5)).balance
    write_off = StatementPayment(date(2026, 4, 5), owed, payment_id="wo", settles=Settlement.WRITE_OFF)
    statement = b2b([write_off], as_of=date(2026, 4, 5))
    assert (statement.paid, statement.written_off, statement.balance) == (0, owed, Decimal("0.00"))


def test_nothing_accrues_from_the_opening_judgment_of_insolvency_proceedings() -> None:
    stopped = b2b([], as_of=date(2026, 12, 31), insolvency_opened_on=date(2026, 2, 4))
    # 6 January to 3 February 2026: 29 days, then L622-28 C. com. stops the running
    assert stopped.penalties == (Decimal("10000") * Decimal("0.1215") * 29 / 365).quantize(Decimal("0.01"))
    assert "L622-28" in next(line for line in stopped.lines if line.kind is LineKind.PENALTIES).explanation_fr
