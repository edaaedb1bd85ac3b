import pytest
from stdnum import iso11649

from intake.money.errors import InvalidCreditorReference
from intake.money.reference import (
    creditor_reference,
    find_creditor_reference,
    format_creditor_reference,
    validate_creditor_reference,
)


def test_a_case_number_becomes_a_valid_rf_reference() -> None:
    reference = creditor_reference("REC-2026-000123")
    assert reference.startswith("RF") and reference.endswith("REC2026000123")
    assert iso11649.is_valid(reference)


def test_the_iso_11649_published_example_is_reproduced() -> None:
    assert creditor_reference("539007547034") == "RF18539007547034"


def test_a_case_number_too_long_for_21_characters_is_refused() -> None:
    with pytest.raises(InvalidCreditorReference, match="1 to 21"):
        creditor_reference("CASE-" + "9" * 20)


def test_a_case_number_without_letters_or_digits_is_refused() -> None:
    with pytest.raises(InvalidCreditorReference):
        creditor_reference("--")


def test_a_mistyped_reference_fails_its_check_digits() -> None:
    with pytest.raises(InvalidCreditorReference, match="not a valid RF"):
        validate_creditor_reference("RF17 5390 0754 7034")
    assert validate_creditor_reference("rf18 5390 0754 7034") == "RF18539007547034"


def test_references_are_printed_in_blocks_of_four() -> None:
    assert format_creditor_reference("RF18539007547034") == "RF18 5390 0754 7034"


def test_a_compact_reference_is_found_in_free_text() -> None:
    assert find_creditor_reference("Virement facture 12 RF18539007547034 merci") == "RF18539007547034"


def test_a_reference_in_blocks_followed_by_other_words_is_found() -> None:
    text = "PAIEMENT DUPONT rf18 5390 0754 7034 F123 solde"
    assert find_creditor_reference(text) == "RF18539007547034"


def test_text_with_an_invalid_reference_yields_none() -> None:
    assert find_creditor_reference("RF17 5390 0754 7034 acompte") is None
    assert find_creditor_reference("no reference here") is None
