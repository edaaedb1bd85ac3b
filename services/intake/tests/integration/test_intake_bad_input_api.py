"""Bad input is a 422 naming the field, never a 500: amounts beyond NUMERIC(14,2) or written with an exponent,
placeholder dates, non-latin-1 download names, unreadable bank entries."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from sqlmodel import Session, func, select

from intake.cases.models import Case
from intake.ledger.models import BankCredit, Payment


def count(api, model) -> int:
    with Session(api.engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def invoice(**changes) -> dict:
    return {
        "number": "F-X",
        "issue_date": "2026-06-01",
        "due_date": "2026-07-01",
        "amount": "1200.00",
        "currency": "EUR",
    } | changes


BAD_INVOICES = [
    ("an exponent", {"amount": "1e30"}, "amount", "no exponent"),
    ("beyond NUMERIC(14,2)", {"amount": "10000000000000.00"}, "amount", "at most 999,999,999,999.99"),
    ("an outstanding beyond it", {"outstanding": "10000000000000.00"}, "outstanding", "too large"),
    ("a placeholder acknowledgement", {"acknowledged_on": "9999-12-31"}, "acknowledged_on", "outside the dates"),
    ("an acknowledgement next year", {"acknowledged_on": "2027-01-04"}, "acknowledged_on", "is in the future"),
    ("a year-one due date", {"issue_date": "0001-01-01", "due_date": "0001-01-02"}, "issue_date", "outside the dates"),
]


@pytest.mark.parametrize(("what", "change", "field", "message"), BAD_INVOICES, ids=[b[0] for b in BAD_INVOICES])
def test_a_case_with_an_absurd_amount_or_date_is_a_422_naming_the_field_and_nothing_is_stored(
    api, a_case, what, change, field, message
):
    response = api.client.post(
        "/api/v1/cases", json=a_case("BAD-1", invoices=[invoice(**change)]), headers=api.creditor
    )
    assert response.status_code == 422, response.text
    assert field in response.text and message in response.text
    assert count(api, Case) == 0


def test_an_invoice_beyond_numeric_14_2_added_to_a_case_is_a_422_not_a_500(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case("BAD-2"), headers=api.creditor).json()
    response = api.client.post(
        f"/api/v1/cases/{case['id']}/invoices",
        headers=api.creditor,
        json=[invoice(number="F-BIG", amount="10000000000000.00")],
    )
    assert response.status_code == 422, response.text
    assert "amount" in response.text and "at most 999,999,999,999.99" in response.text


BAD_PAYMENTS = [
    ("an exponent", {"amount": "1e30"}, "amount", "no exponent"),
    ("beyond NUMERIC(14,2)", {"amount": "10000000000000.00"}, "amount", "too large"),
    ("the year one", {"received_on": "0001-01-01"}, "received_on", "outside the dates"),
    ("more than two decimals", {"amount": "10.005"}, "amount", "more than two decimal places"),
]


@pytest.mark.parametrize(("what", "change", "field", "message"), BAD_PAYMENTS, ids=[b[0] for b in BAD_PAYMENTS])
def test_a_payment_with_an_absurd_amount_or_date_is_a_422_naming_the_field(api, a_case, what, change, field, message):
    case = api.client.post("/api/v1/cases", json=a_case("BAD-3"), headers=api.creditor).json()
    body = {
        "case_id": case["id"],
        "amount": "10.00",
        "currency": "EUR",
        "received_on": "2026-10-01",
        "source": "debtor_to_agency",
        "reference": "R-1",
    } | change
    response = api.client.post("/api/v1/payments", json=body, headers=api.agent)
    assert response.status_code == 422, response.text
    assert field in response.text and message in response.text
    assert count(api, Payment) == 0


def test_a_document_named_with_a_euro_sign_downloads_with_an_rfc_5987_filename(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case("BAD-4"), headers=api.creditor).json()
    attached = api.client.post(
        f"/api/v1/cases/{case['id']}/documents",
        data={"kind": "correspondence"},
        files={"file": ("relance 100€.txt", io.BytesIO(b"Relance: 100 EUR dus.\n"))},
        headers=api.creditor,
    )
    assert attached.status_code == 201, attached.text
    download = api.client.get(
        f"/api/v1/cases/{case['id']}/documents/{attached.json()['id']}/content", headers=api.creditor
    )
    assert download.status_code == 200 and download.content == b"Relance: 100 EUR dus.\n"
    disposition = download.headers["content-disposition"]
    assert 'filename="relance 100_.txt"' in disposition
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "relance 100€.txt"


def test_unreadable_bank_entries_are_refused_with_their_reason_and_the_other_credits_are_kept(api, camt053):
    document = camt053.build(
        [
            camt053.entry("120.00", booking_date="2026-05-04", reference="GOOD-1", debtor_name="Inconnu"),
            camt053.entry("50.00", booking_date="2026-13-45", reference="BAD-DATE"),
            camt053.entry("-5.00", booking_date="2026-05-04", reference="NEGATIVE"),
            camt053.entry("0.00", booking_date="2026-05-04", reference="ZERO"),
            camt053.entry("1E+30", booking_date="2026-05-04", reference="HUGE"),
            camt053.entry("12.345", booking_date="2026-05-04", reference="THREE-DECIMALS"),
        ]
    )
    response = api.client.post(
        "/api/v1/intake/bank-statements", files={"file": ("r.xml", io.BytesIO(document))}, headers=api.agent
    )
    assert response.status_code == 201, response.text
    report = response.json()
    assert (report["credits"], report["suspense"]) == (1, 1)
    assert [item["entry_reference"] for item in report["items"]] == ["GOOD-1"]
    refused = {r["entry_reference"]: r["reason"] for r in report["refused"]}
    assert set(refused) == {"BAD-DATE", "NEGATIVE", "ZERO", "HUGE", "THREE-DECIMALS"}
    assert "unreadable booking date '2026-13-45'" in refused["BAD-DATE"]
    assert "not a positive number" in refused["NEGATIVE"] and "not a positive number" in refused["ZERO"]
    assert "beyond what the ledger holds" in refused["HUGE"]
    assert "more than two decimals" in refused["THREE-DECIMALS"]
    assert count(api, BankCredit) == 1
    again = api.client.post(
        "/api/v1/intake/bank-statements", files={"file": ("r.xml", io.BytesIO(document))}, headers=api.agent
    )
    assert again.status_code == 200 and again.json()["refused"] == report["refused"]


def test_a_statement_as_of_a_placeholder_date_is_a_422(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case("BAD-5"), headers=api.creditor).json()
    response = api.client.get(
        f"/api/v1/cases/{case['id']}/statement", params={"as_of": "9999-12-31"}, headers=api.creditor
    )
    assert response.status_code == 422 and "as_of" in response.text
