"""Factur-X PDFs: the embedded invoice XML becomes one B2B case for the buyer."""

import io
from datetime import date
from decimal import Decimal

import pytest

from workbench import samples

from intake.imports import RowError, UnsupportedFile
from intake.imports.cii import case_from_cii
from intake.imports.facturx_files import parse_facturx


def test_a_factur_x_pdf_gives_one_case_for_the_buyer_with_the_invoice_totals():
    (case,) = list(parse_facturx(io.BytesIO(samples.facturx_pdf())))
    assert case.line == 1 and case.reference == "FA-2025-0042" and case.kind == "b2b"
    invoice = case.invoices[0]
    assert (invoice.issue_date, invoice.due_date) == (date(2025, 3, 1), date(2025, 3, 31))
    assert (invoice.amount, invoice.vat, invoice.outstanding) == (
        Decimal("1200.00"),
        Decimal("200.00"),
        Decimal("1200.00"),
    )
    debtor = case.debtor
    assert debtor.name == "Béton & Fils SAS" and debtor.siren == "732829320" and debtor.vat_number == "FR44732829320"
    assert debtor.email == "compta@beton-fils.example"
    assert debtor.address == {"line1": "8 avenue Foch", "postal_code": "69006", "city": "Lyon", "country": "FR"}


def test_the_amount_still_due_comes_from_the_due_payable_amount():
    invoice = samples.SampleInvoice(paid=Decimal("300.00"))
    (case,) = list(parse_facturx(io.BytesIO(samples.facturx_pdf(invoice))))
    assert case.invoices[0].outstanding == Decimal("900.00")


def test_without_a_due_date_payment_is_due_thirty_days_after_the_invoice():
    case = case_from_cii(samples.cii_xml(samples.SampleInvoice(due_date=None)))
    assert case.invoices[0].due_date == date(2025, 3, 31)


def test_an_invoice_in_an_unknown_currency_or_without_number_is_reported_on_line_one():
    errors = case_from_cii(samples.cii_xml(samples.SampleInvoice(number="", currency="ZZZ")))
    assert all(isinstance(error, RowError) and error.line == 1 for error in errors)
    assert {error.column for error in errors} == {"ID", "InvoiceCurrencyCode"}


def test_a_pdf_without_invoice_data_is_not_an_import_file():
    with pytest.raises(UnsupportedFile, match="no Factur-X"):
        parse_facturx(io.BytesIO(samples.plain_pdf()))


def test_xml_that_is_not_a_cross_industry_invoice_is_refused():
    with pytest.raises(UnsupportedFile, match="CII"):
        case_from_cii(b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>')


def test_entities_in_an_uploaded_xml_are_not_expanded():
    xml = samples.cii_xml().replace(
        b'<?xml version="1.0" encoding="UTF-8"?>',
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    )
    xml = xml.replace(b"FA-2025-0042", b"&e;", 1)
    result = case_from_cii(xml)
    assert "root:" not in repr(result)
