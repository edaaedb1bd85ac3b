"""Factoring's pure rules (docs/rules.md §8): which receivables a contract covers, oldest first within its maximum,
the batch's control totals in exact decimals, the CSV the factor imports, and when a receivable may be handed back."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from legal.domain.factoring import (
    Candidate,
    ContractRule,
    control_totals,
    hand_back_refusal,
    is_eligible,
    select_receivables,
)
from legal.insurance.batch_csv import HEADER, BatchRow, batch_csv

ALL = ContractRule(eligible_debtors="all", debtor_sirens=frozenset(), currency="EUR")
LISTED = ContractRule(eligible_debtors="listed", debtor_sirens=frozenset({"732829320"}), currency="EUR")


def candidate(invoice: str, due: date, amount: str, siren: str | None = "732829320", currency: str = "EUR"):
    return Candidate(invoice, f"case-{invoice}", siren, due, Decimal(amount), currency)


def test_every_unpaid_invoice_in_the_contract_currency_is_eligible_when_all_debtors_are():
    assert is_eligible(candidate("a", date(2026, 9, 1), "100.00", siren=None), ALL)
    assert not is_eligible(candidate("b", date(2026, 9, 1), "0.00"), ALL)
    assert not is_eligible(candidate("c", date(2026, 9, 1), "100.00", currency="USD"), ALL)


def test_a_listed_contract_covers_only_its_sirens_and_never_a_debtor_without_one():
    assert is_eligible(candidate("a", date(2026, 9, 1), "100.00"), LISTED)
    assert not is_eligible(candidate("b", date(2026, 9, 1), "100.00", siren="552100554"), LISTED)
    assert not is_eligible(candidate("c", date(2026, 9, 1), "100.00", siren=None), LISTED)


def test_the_selection_takes_the_oldest_first_and_names_what_the_maximum_leaves_out():
    rule = ContractRule(eligible_debtors="all", debtor_sirens=frozenset(), currency="EUR", max_amount=Decimal("1000"))
    picks = [
        candidate("late", date(2026, 10, 1), "300.00"),
        candidate("old", date(2026, 8, 1), "600.00"),
        candidate("big", date(2026, 9, 1), "500.00"),
        candidate("small", date(2026, 11, 1), "100.00"),
    ]
    selection = select_receivables(picks, rule, held=Decimal("0.00"))
    assert [c.invoice_id for c in selection.chosen] == ["old", "late", "small"]
    assert [c.invoice_id for c in selection.left_over_ceiling] == ["big"]
    assert sum(c.outstanding for c in selection.chosen) == Decimal("1000.00")


def test_what_the_factor_already_holds_counts_against_the_maximum():
    rule = ContractRule(eligible_debtors="all", debtor_sirens=frozenset(), currency="EUR", max_amount=Decimal("1000"))
    selection = select_receivables([candidate("a", date(2026, 8, 1), "600.00")], rule, held=Decimal("500.00"))
    assert selection.chosen == ()
    assert [c.invoice_id for c in selection.left_over_ceiling] == ["a"]


def test_control_totals_add_exact_cents():
    totals = control_totals([Decimal("0.10")] * 3 + [Decimal("1200.00"), Decimal("0.01")])
    assert totals.count == 5
    assert totals.total == Decimal("1200.31")
    assert control_totals([]).total == Decimal("0.00")


def test_without_recourse_only_a_disputed_receivable_goes_back_to_the_creditor():
    assert hand_back_refusal(with_recourse=True, disputed=False) is None
    assert hand_back_refusal(with_recourse=False, disputed=True) is None
    refusal = hand_back_refusal(with_recourse=False, disputed=False)
    assert refusal is not None
    assert "without recourse" in refusal[0] and "sans recours" in refusal[1]


def test_the_batch_csv_has_a_row_per_receivable_and_a_total_row_the_factor_checks():
    rows = [
        BatchRow(1, "R-1", "F-001", date(2026, 6, 1), date(2026, 7, 1), "732829320", "Dupont SARL",
                 Decimal("1200.00"), Decimal("1000.10"), "EUR"),
        BatchRow(2, "R-2", "F-002", date(2026, 6, 2), date(2026, 7, 2), None, "=HYPERLINK(\"x\")",
                 Decimal("0.20"), Decimal("0.20"), "EUR"),
    ]  # fmt: skip
    text = batch_csv(number="BC-20261124-001", contract_number="FACT-1", currency="EUR", rows=rows)
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0] == list(HEADER)
    assert table[1] == [
        "BC-20261124-001", "FACT-1", "1", "R-1", "F-001", "2026-06-01", "2026-07-01", "732829320", "Dupont SARL",
        "1200.00", "1000.10", "EUR",
    ]  # fmt: skip
    assert table[2][8] == '\'=HYPERLINK("x")', "a name a spreadsheet would run is neutralised"
    assert table[3][2:4] == ["TOTAL", "2"]
    assert table[3][10:] == ["1000.30", "EUR"]
    assert text.endswith("\r\n")
