"""The request file from what intake answers: the parties, each component of the amount with what was paid
deducted, the court by the debtor's place, the exhibits; what the file lacks; the PDF as a court reads it."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from legal.domain.courts import ProcedureKind
from legal.procedures.request_facts import missing_facts, request_facts
from legal.procedures.request_pdf import request_html, request_pdf

CASE = {
    "reference": "CRED-0042",
    "kind": "b2b",
    "creditor_id": "c1",
    "debtor": {
        "type": "company",
        "name": "Dupont & Fils SARL",
        "legal_form": "SARL",
        "siren": "732829320",
        "address": {"line1": "3 avenue des Tilleuls", "postal_code": "33000", "city": "Bordeaux", "country": "FR"},
    },
    "invoices": [
        {
            "number": "F-001",
            "issue_date": "2026-06-01",
            "due_date": "2026-07-01",
            "amount": "1200.00",
            "outstanding": "1200.00",
        },
        {
            "number": "F-002",
            "issue_date": "2026-06-15",
            "due_date": "2026-07-15",
            "amount": "3400.50",
            "outstanding": "2400.50",
        },
    ],
}
STATEMENT = {
    "as_of": "2026-12-01",
    "currency": "EUR",
    "principal": "4600.50",
    "penalties": "212.34",
    "indemnities": "80.00",
    "interest": "0.00",
    "fees": "0.00",
    "paid": "1000.00",
    "credited": "0.00",
    "written_off": "0.00",
    "balance": "3892.84",
    "formal_notice_on": "2026-10-01",
}
CREDITOR = {
    "name": "Demo Créancier SAS",
    "siren": "552100554",
    "address": {"line1": "1 rue du Commerce", "postal_code": "69002", "city": "Lyon"},
}
DOCUMENTS = [{"kind": "invoice", "filename": "factures.pdf", "uploaded_at": "2026-09-01T10:00:00+00:00"}]


def facts(kind: ProcedureKind = ProcedureKind.PAYMENT_ORDER, case: dict | None = None):
    return request_facts(
        kind=kind,
        case=case or CASE,
        statement=STATEMENT,
        documents=DOCUMENTS,
        creditor=CREDITOR,
        agency_name="Recouvra Agence",
        agency_address="10 rue de la Bourse|75002 Paris",
    )


def test_the_amount_is_broken_down_with_what_was_paid_deducted():
    drawn = facts()
    assert drawn.components == (
        ("Principal restant dû", Decimal("4600.50")),
        ("Pénalités de retard", Decimal("212.34")),
        ("Indemnités forfaitaires pour frais de recouvrement", Decimal("80.00")),
        ("À déduire : paiements reçus", Decimal("-1000.00")),
    )
    assert sum(amount for _, amount in drawn.components) == drawn.balance
    assert drawn.debtor.lines == ("SARL", "SIREN 732829320", "3 avenue des Tilleuls", "33000 Bordeaux")
    assert drawn.creditor.lines == ("SIREN 552100554", "1 rue du Commerce", "69002 Lyon")
    assert drawn.court.place == "33000 Bordeaux" and drawn.as_of == date(2026, 12, 1)
    assert [e.source for e in drawn.bordereau.exhibits] == ["document", "statement", "formal_notice"]


def test_a_debtor_without_an_address_is_what_the_file_misses_first():
    homeless = {**CASE, "debtor": {**CASE["debtor"], "address": None}}
    assert missing_facts(facts(case=homeless))[0].startswith("the debtor's address")
    assert "Adresse à compléter" in request_html(facts(case=homeless))


def test_names_are_escaped_in_the_html():
    html = request_html(facts(case={**CASE, "debtor": {**CASE["debtor"], "name": "<script>x</script>"}}))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_small_claims_request_reads_as_an_instruction_to_a_commissaire():
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(request_pdf(facts(ProcedureKind.SMALL_CLAIMS)))).pages
    )
    text = " ".join(text.split())
    assert "petite créance" in text.lower() and "L125-1" in text and "commissaire de justice" in text
    assert "3 892,84" in text and "Pièce n° 1" in text and "Page 1 sur" in text
