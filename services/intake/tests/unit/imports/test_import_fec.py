"""FEC general ledgers: the open customer receivables, grouped by customer and document."""

import io
from datetime import date, timedelta
from decimal import Decimal

from workbench import samples

from intake.imports import CaseRow, RowError
from intake.imports.fec_files import parse_fec
from intake.imports.fec_ledger import Entry, Ledger


def parse(data: bytes) -> list:
    return list(parse_fec(io.BytesIO(data)))


def test_only_unlettered_positive_customer_balances_become_cases():
    cases = parse(samples.fec())
    assert {(case.reference, case.invoices[0].number): case.invoices[0].amount for case in cases} == samples.FEC_OPEN


def test_a_receivable_is_due_thirty_days_after_its_document_date_for_want_of_terms():
    dupont = next(case for case in parse(samples.fec()) if case.reference == "FEC-DUPONT")
    assert dupont.invoices[0].issue_date == date(2025, 1, 10)
    assert dupont.invoices[0].due_date == date(2025, 2, 9)
    assert dupont.debtor.name == "Dupont SARL" and dupont.debtor.type == "company" and dupont.line == 2


def test_pipe_separated_utf8_fec_reads_the_same():
    assert parse(samples.fec(delimiter="|", encoding="utf-8")) == parse(samples.fec())


def test_an_unreadable_amount_is_reported_with_its_line_and_the_rest_is_still_read():
    lines = samples.fec_lines()
    lines.insert(1, {**lines[0], "Debit": "12x", "PieceRef": "FA999"})
    results = parse(samples.fec(lines))
    assert results[0] == RowError(
        line=3, column="Debit", reason="'12x' is not an amount", reason_fr="« 12x » n'est pas un montant lisible"
    )
    assert len([row for row in results if isinstance(row, CaseRow)]) == len(samples.FEC_OPEN)


def test_without_an_auxiliary_account_the_general_account_is_the_customer():
    line = samples.fec_line(
        journal="VE",
        number="1",
        day=date(2025, 5, 2),
        account="411DURAND",
        label="Durand SA",
        piece="F-7",
        debit=Decimal("150.00"),
    )
    (case,) = parse(samples.fec([line]))
    assert case.reference == "FEC-411DURAND" and case.debtor.name == "Durand SA"


def test_a_header_without_the_ledger_columns_is_reported_column_by_column():
    results = parse(b"JournalCode\tEcritureNum\tEcritureDate\tCompteNum\tDebit\tCredit\n")
    assert [error.column for error in results] == ["CompteLib", "EcritureLet"]


def test_the_ledger_keeps_running_sums_and_the_earliest_date_of_a_document():
    ledger = Ledger()
    day = date(2025, 1, 10)
    ledger.add(
        Entry(
            line=9,
            customer="C1",
            customer_name="C one",
            document="D1",
            day=day + timedelta(days=3),
            debit=Decimal("0"),
            credit=Decimal("40.00"),
        )
    )
    ledger.add(
        Entry(
            line=4,
            customer="C1",
            customer_name="C one",
            document="D1",
            day=day,
            debit=Decimal("100.00"),
            credit=Decimal("0"),
        )
    )
    (case,) = ledger.open_receivables()
    assert case.invoices[0].amount == Decimal("60.00") and case.invoices[0].issue_date == day and case.line == 9
