"""Why a credit waits in suspense, said so an agent can act (issue 12, finding 7): no reference, one that is not RF,
one mistyped, one no case carries, one of a case that takes no payment; French first, the English beside."""

from datetime import date
from decimal import Decimal

from intake.money.camt053 import CamtCredit
from intake.money.matching import MatchReason, OpenCase, match_credit
from intake.money.reference import creditor_reference, format_creditor_reference
from intake.money.suspense_reasons import ShutCase, SuspenseCause, suspense_reason

OPEN = OpenCase("case-1", creditor_reference("REC-1"), "Dupont Frères SARL", Decimal("1200.00"))
UNKNOWN = creditor_reference("NOBODY-7")
CLOSED = creditor_reference("REC-OLD")
SHUT = {CLOSED: ShutCase("REC-OLD", "closed")}


def credit(structured: str | None = None, text: str = "") -> CamtCredit:
    return CamtCredit("BANK-1", date(2026, 3, 2), Decimal("77.00"), "EUR", "Inconnu", structured, text, None, None)


def test_an_unknown_rf_reference_says_no_case_carries_it_rather_than_that_there_was_none():
    match = match_credit(credit(UNKNOWN), [OPEN], shut=SHUT)
    assert (match.case_id, match.reason) == (None, SuspenseCause.UNKNOWN_REFERENCE)
    assert match.explanation_fr.startswith(f"{UNKNOWN} : aucun dossier ne porte cette référence")
    assert match.explanation.startswith(f"{UNKNOWN}: no case carries this reference")
    assert "no case reference" not in match.explanation


def test_the_reference_of_a_closed_case_names_that_case_and_its_status():
    match = match_credit(credit(CLOSED), [OPEN], shut=SHUT)
    assert match.reason == SuspenseCause.CASE_NOT_OPEN
    assert match.explanation_fr.startswith(f"{CLOSED} : le dossier REC-OLD porte cette référence mais il est « clos »")
    assert "case REC-OLD carries this reference but is closed" in match.explanation


def test_a_reference_found_in_the_free_text_says_where_it_was_found():
    why = suspense_reason(None, f"Reglement {format_creditor_reference(UNKNOWN)} merci", SHUT)
    assert why.cause == SuspenseCause.UNKNOWN_REFERENCE
    assert why.fr.startswith(f"{UNKNOWN} (trouvée dans le libellé du virement) : aucun dossier")


def test_a_mistyped_rf_reference_is_said_to_be_invalid():
    mistyped = UNKNOWN[:-1] + ("8" if UNKNOWN[-1] != "8" else "9")
    why = suspense_reason(mistyped, "", SHUT)
    assert why.cause == SuspenseCause.INVALID_REFERENCE and "chiffres de contrôle" in why.fr


def test_a_structured_reference_that_is_not_an_rf_one_is_named():
    why = suspense_reason("FACT-2026-001", "", SHUT)
    assert why.cause == SuspenseCause.NOT_AN_RF_REFERENCE and why.fr.startswith("FACT-2026-001 : ce n'est pas")


def test_a_credit_without_any_reference_still_says_so_under_its_old_code():
    match = match_credit(credit(), [OPEN], shut=SHUT)
    assert match.reason == MatchReason.UNMATCHED == "unmatched"
    assert match.explanation_fr.startswith("le virement ne porte aucune référence de dossier")
