from datetime import date
from decimal import Decimal
from typing import Any

from intake.money.camt053 import CamtCredit, parse_camt053
from intake.money.matching import (
    MatchReason,
    OpenCase,
    match_credit,
    match_credits,
    name_similarity,
    normalise_debtor_name,
)
from intake.money.reference import creditor_reference

DUPONT = OpenCase("case-1", creditor_reference("REC-1"), "Dupont Frères SARL", Decimal("1200.00"))
MARTIN = OpenCase("case-2", creditor_reference("REC-2"), "Établissements Martin", Decimal("450.00"))
CASES = [DUPONT, MARTIN]


def credit(amount: str, name: str | None = None, structured: str | None = None, text: str = "") -> CamtCredit:
    return CamtCredit("BANK-1", date(2026, 3, 2), Decimal(amount), "EUR", name, structured, text, None, None)


def test_the_structured_reference_matches_first_whatever_the_amount() -> None:
    match = match_credit(credit("10.00", "Someone else", structured=MARTIN.creditor_reference), CASES)
    assert (match.case_id, match.reason) == ("case-2", MatchReason.STRUCTURED_REFERENCE)
    assert MARTIN.creditor_reference in match.explanation


def test_a_reference_written_in_the_free_text_matches_next() -> None:
    printed = " ".join(DUPONT.creditor_reference[i : i + 4] for i in range(0, len(DUPONT.creditor_reference), 4))
    match = match_credit(credit("10.00", text=f"Reglement {printed.lower()} merci"), CASES)
    assert (match.case_id, match.reason) == ("case-1", MatchReason.REFERENCE_IN_TEXT)


def test_exact_amount_and_a_similar_debtor_name_match_without_a_reference() -> None:
    match = match_credit(credit("1200.00", "STE DUPONT FRERES"), CASES)
    assert (match.case_id, match.reason) == ("case-1", MatchReason.AMOUNT_AND_NAME)
    assert "1200.00" in match.explanation


def test_the_right_amount_from_an_unrelated_name_goes_to_suspense() -> None:
    match = match_credit(credit("1200.00", "Garage Lefebvre"), CASES)
    assert (match.case_id, match.reason) == (None, MatchReason.UNMATCHED)


def test_a_similar_name_with_a_different_amount_goes_to_suspense() -> None:
    assert match_credit(credit("1199.99", "Dupont Frères"), CASES).case_id is None


def test_an_unknown_reference_falls_back_to_amount_and_name() -> None:
    match = match_credit(credit("450.00", "Ets Martin", structured=creditor_reference("OTHER-9")), CASES)
    assert (match.case_id, match.reason) == ("case-2", MatchReason.AMOUNT_AND_NAME)


def test_two_cases_that_fit_equally_are_left_to_a_person() -> None:
    twins = [
        OpenCase("a", creditor_reference("A1"), "Dupont", Decimal("99.00")),
        OpenCase("b", creditor_reference("B1"), "DUPONT SAS", Decimal("99.00")),
    ]
    match = match_credit(credit("99.00", "M. Dupont"), twins)
    assert (match.case_id, match.reason) == (None, MatchReason.AMBIGUOUS)
    assert "a, b" in match.explanation


def test_a_credit_in_another_currency_does_not_match_on_amount() -> None:
    foreign = CamtCredit("X", date(2026, 3, 2), Decimal("1200.00"), "CHF", "Dupont Frères", None, "", None, None)
    assert match_credit(foreign, CASES).case_id is None


def test_names_are_compared_without_accents_case_legal_form_or_word_order() -> None:
    assert normalise_debtor_name("SARL Générale d'Équipement") == normalise_debtor_name("GENERALE D EQUIPEMENT")
    assert normalise_debtor_name("Établissements Dupont & Fils, SAS") == "dupont fils"
    assert name_similarity("Dupont Frères SARL", "SAS DUPONT FRERES") == 1.0
    assert name_similarity("Dupont", "") == 0.0


def test_matching_a_whole_statement_is_deterministic(camt053: Any) -> None:
    document = camt053.build(
        [
            camt053.entry(amount="1200.00", reference="A", debtor_name="Dupont Freres"),
            camt053.entry(
                amount="450.00", reference="B", debtor_name="X", structured_reference=MARTIN.creditor_reference
            ),
            camt053.entry(amount="5.00", reference="C", debtor_name="Nobody"),
        ]
    )
    credits = parse_camt053(document)
    first = match_credits(credits, CASES)
    assert [(m.credit.entry_reference, m.case_id, m.reason) for m in first] == [
        ("A", "case-1", MatchReason.AMOUNT_AND_NAME),
        ("B", "case-2", MatchReason.STRUCTURED_REFERENCE),
        ("C", None, MatchReason.UNMATCHED),
    ]
    assert match_credits(credits, list(reversed(CASES))) == first
