"""A statement in another currency than the euro (docs/rules.md §0.1): penalties in the case's currency, the D441-5
indemnity owed in euros apart, which no payment in the case's currency settles."""

from datetime import date
from decimal import Decimal

from intake.money.kinds import DebtorKind
from intake.money.rates import SEED_RATES, RateTable
from intake.money.statement import compose_statement
from intake.money.statement_lines import LineKind, Statement, StatementInvoice, StatementPayment

TEN_THOUSAND = Decimal("10000.00")


def statement(currency: str, payments: list[StatementPayment]) -> Statement:
    return compose_statement(
        debtor_kind=DebtorKind.B2B,
        invoices=[StatementInvoice("id-F1", "F1", date(2025, 6, 15), TEN_THOUSAND)],
        payments=payments,
        as_of=date(2025, 9, 13),
        rates=RateTable(SEED_RATES),
        currency=currency,
    )


def test_a_dollar_payment_settles_dollar_penalties_and_principal_never_the_euro_indemnity() -> None:
    dollars = statement("USD", [StatementPayment(date(2025, 9, 13), TEN_THOUSAND)])
    euros = statement("EUR", [StatementPayment(date(2025, 9, 13), TEN_THOUSAND)])
    assert dollars.penalties == euros.penalties == Decimal("303.70")
    assert (dollars.indemnities, dollars.indemnities_apart, dollars.indemnities_apart_currency) == (
        Decimal("0.00"),
        Decimal("40.00"),
        "EUR",
    )
    # the euro case's payment settles 40 + 303.70 first; the dollar case's only its 303.70 of penalties
    assert euros.balance == Decimal("343.70") and dollars.balance == Decimal("303.70")
    assert dollars.invoices[0].indemnity == 0 and dollars.invoices[0].indemnity_apart == Decimal("40.00")
    assert not any(line.component == "indemnity" for line in dollars.lines if line.kind is LineKind.PAYMENT)


def test_the_indemnity_line_of_a_dollar_case_is_in_euros_and_outside_the_running_balance() -> None:
    dollars = statement("USD", [])
    indemnity = next(line for line in dollars.lines if line.kind is LineKind.INDEMNITY)
    penalties = next(line for line in dollars.lines if line.kind is LineKind.PENALTIES)
    assert (indemnity.amount, indemnity.currency, indemnity.balance_after) == (Decimal("40.00"), "EUR", TEN_THOUSAND)
    assert penalties.currency is None  # the statement's own currency
    assert "sur 10\u202f000,00\u00a0USD" in penalties.explanation_fr and "on USD 10,000.00" in penalties.explanation_en
    assert "en euros" in indemnity.explanation_fr and "never converted" in indemnity.explanation_en
    assert dollars.balance == TEN_THOUSAND + dollars.penalties
