"""Pure intake rules, without I/O."""

from datetime import date
from decimal import Decimal

import pytest

from shared.prescription import prescription_deadline

from intake.domain import (
    Checklist,
    InvoiceFacts,
    RuleBroken,
    check_invoice,
    check_transition,
    check_validation,
    debtor_match_key,
)
from intake.domain.filetypes import detect_media_type, refusal


def test_a_consumer_claim_restarted_by_a_partial_payment_runs_two_new_years():
    # docs/rules.md §3.4: service completed 10 Mar 2024, 50 EUR paid on 1 Feb 2026 -> prescription on 1 Feb 2028
    assert prescription_deadline(kind="b2c", due_date=date(2024, 3, 10)) == date(2026, 3, 10)
    assert prescription_deadline(
        kind="b2c", due_date=date(2024, 3, 10), interruptions=(date(2026, 2, 1), None)
    ) == date(2028, 2, 1)


def test_a_claim_between_businesses_is_prescribed_after_five_years():
    assert prescription_deadline(kind="b2b", due_date=date(2021, 7, 1)) == date(2026, 7, 1)
    assert prescription_deadline(kind="b2b", due_date=date(2024, 2, 29)) == date(2029, 2, 28)


def facts(**changes):
    values = dict(
        number="F-1",
        issue_date=date(2026, 6, 1),
        due_date=date(2026, 7, 1),
        amount=Decimal("100.00"),
        vat=None,
        currency="EUR",
        outstanding=None,
    )
    values.update(changes)
    return InvoiceFacts(**values)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"amount": Decimal("0")}, "invoices[0].amount", "must be positive"),
        ({"due_date": date(2026, 11, 24)}, "invoices[0].due_date", "has not passed yet"),
        ({"due_date": date(2026, 5, 1)}, "invoices[0].due_date", "before the issue date"),
        ({"outstanding": Decimal("150.00")}, "invoices[0].outstanding", "at most the amount"),
        ({"issue_date": date(2026, 12, 1), "due_date": date(2026, 12, 2)}, "invoices[0].issue_date", "in the future"),
    ],
)
def test_an_invoice_that_breaks_a_rule_is_refused_naming_its_field(changes, field, words):
    with pytest.raises(RuleBroken) as refused:
        check_invoice(facts(**changes), kind="b2b", today=date(2026, 11, 24), field="invoices[0]")
    assert refused.value.field == field and words in refused.value.message


def test_the_same_company_is_recognised_by_its_siren_and_a_person_by_email_or_name_and_address():
    assert debtor_match_key(
        type="company", name="Dupont SARL", siren="732829320", email=None, address=None
    ) == debtor_match_key(type="company", name="DUPONT", siren="732829320", email="x@y.fr", address=None)
    assert (
        debtor_match_key(type="person", name="Léa Durand", siren=None, email="Lea@Example.org", address=None)
        == "email:lea@example.org"
    )
    here = {"postal_code": "75001", "line1": "3, rue du Louvre"}
    assert debtor_match_key(
        type="person", name="Léa  DURAND", siren=None, email=None, address=here
    ) == debtor_match_key(
        type="person",
        name="lea durand",
        siren=None,
        email=None,
        address={"postal_code": "75001", "line1": "3 RUE DU LOUVRE"},
    )


def test_the_lifecycle_refuses_a_jump_and_names_the_possible_next_states():
    check_transition("amicable", "legal")
    check_transition("legal", "claim_declaration")  # insolvency proceedings opened on a case before the court
    with pytest.raises(RuleBroken, match="possible next states: claim_declaration, closed, legal"):
        check_transition("amicable", "submitted")
    with pytest.raises(RuleBroken, match="none: the case is closed"):
        check_transition("closed", "amicable")


def test_an_incomplete_checklist_needs_a_written_reason():
    check_validation(Checklist(True, True), None)
    check_validation(Checklist(True, False), "attestation de livraison promise")
    with pytest.raises(RuleBroken, match="evidence of delivery"):
        check_validation(Checklist(True, False), "  ")


def test_a_file_type_is_read_from_its_content_and_a_disguise_is_named():
    assert detect_media_type(b"%PDF-1.7\n...") == "application/pdf"
    assert detect_media_type("Objet : relance, créance n° 12".encode("cp1252")) == "text/plain"
    assert refusal("facture.pdf", "application/pdf") is None
    assert "disguised" in (refusal("facture.pdf", "image/png") or "")
    assert "not accepted" in (refusal("setup.exe", "application/x-msdownload") or "")
