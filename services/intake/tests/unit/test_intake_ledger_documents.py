"""Receipts and RF references of the ledger, without a database."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from stdnum import iso11649

from intake.ledger.receipt_pdf import ReceiptFacts, render_receipt
from intake.money.reference import case_rf_reference

FACTS = ReceiptFacts(
    number="Q-2026-0A1B2C3D4E",
    agency="Recouvra",
    creditor="Demo Créancier SAS",
    debtor="Dupont SARL",
    case_reference="CRED-0001",
    rf_reference="RF18539007547034",
    received_on=date(2026, 4, 15),
    amount=Decimal("10339.59"),
    currency="EUR",
    source="debtor_to_agency",
    payment_reference="VIR-42",
    issued_on=date(2026, 4, 16),
)


def test_the_same_payment_always_renders_the_same_receipt_so_the_store_keeps_it_once() -> None:
    first, second = render_receipt(FACTS), render_receipt(FACTS)
    assert first == second and first.startswith(b"%PDF")
    assert b"10 339,59 EUR" in first and b"R124-6" in first


def test_every_case_gets_a_valid_rf_reference_of_its_own_even_when_creditors_share_a_reference() -> None:
    references = {case_rf_reference(uuid.uuid4()) for _ in range(200)}
    assert len(references) == 200
    assert all(iso11649.is_valid(reference) and len(reference) <= 25 for reference in references)
