from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from intake.money.camt053 import parse_camt053
from intake.money.errors import BankStatementUnreadable

Builder = Any  # the `camt053` fixture of conftest.py: a CamtFactory


@pytest.mark.parametrize("version", ["02", "08"])
def test_a_booked_credit_is_read_with_all_its_references(camt053: Builder, version: str) -> None:
    document = camt053.build(
        [
            camt053.entry(
                amount="1250.40",
                reference="BANK-77",
                structured_reference="RF18539007547034",
                text=["Facture F-12", "solde"],
                end_to_end_id="E2E-9",
            )
        ],
        version=version,
    )
    (credit,) = parse_camt053(document)
    assert credit.entry_reference == "BANK-77"
    assert credit.booking_date == date(2026, 3, 2)
    assert credit.amount == Decimal("1250.40") and isinstance(credit.amount, Decimal)
    assert credit.currency == "EUR"
    assert credit.debtor_name == "SARL Dupont Frères"
    assert credit.creditor_reference == "RF18539007547034"
    assert credit.remittance_text == "Facture F-12 solde"
    assert credit.end_to_end_id == "E2E-9"
    assert credit.account_iban == "FR7630006000011234567890189"


@pytest.mark.parametrize("version", ["02", "08"])
def test_debits_pending_entries_and_reversals_are_ignored(camt053: Builder, version: str) -> None:
    document = camt053.build(
        [
            camt053.entry(amount="10.00", credit=False, reference="D"),
            camt053.entry(amount="20.00", status="PDNG", reference="P"),
            camt053.entry(amount="30.00", reversal=True, reference="R"),
            camt053.entry(amount="40.00", reference="OK"),
        ],
        version=version,
    )
    assert [credit.entry_reference for credit in parse_camt053(document)] == ["OK"]


@pytest.mark.parametrize("version", ["02", "08"])
def test_a_batched_entry_yields_one_credit_per_transaction(camt053: Builder, version: str) -> None:
    document = camt053.build(
        [
            camt053.entry(
                amount="300.00",
                reference="BATCH",
                batch=[("100.00", "Martin", None), ("200.00", "Durand SAS", "RF18539007547034")],
            )
        ],
        version=version,
    )
    credits = parse_camt053(document)
    assert [(c.entry_reference, c.amount, c.debtor_name) for c in credits] == [
        ("BATCH/1", Decimal("100.00"), "Martin"),
        ("BATCH/2", Decimal("200.00"), "Durand SAS"),
    ]
    assert credits[1].creditor_reference == "RF18539007547034"


def test_a_document_that_is_not_camt053_is_refused(camt053: Builder) -> None:
    with pytest.raises(BankStatementUnreadable, match=r"not a camt\.053"):
        parse_camt053(b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>')


def test_malformed_xml_is_refused_with_a_plain_error() -> None:
    with pytest.raises(BankStatementUnreadable, match="not well-formed"):
        parse_camt053(b"<Document>")


def test_external_entities_are_not_expanded() -> None:
    document = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>'
        b'<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>'
        b"<BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>&x;</AcctSvcrRef></Ntry>"
        b"</Stmt></BkToCstmrStmt></Document>"
    )
    (credit,) = parse_camt053(document)
    assert "root" not in credit.entry_reference
