"""Issue 11: every value a client sends is bounded and clean before it is stored. Each refusal is a 422 naming
the field, in English and in French, and nothing is stored; one creditor can no longer break a list for all."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session, func, select

from intake.cases.models import Case
from intake.ledger.models import Payment


def count(api, model) -> int:
    with Session(api.engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def refused(response, field: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    locations = [".".join(str(part) for part in error["loc"]) for error in body["detail"]]
    assert any(field in location for location in locations), body


def refused_in_french(response, field: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert any(field in error["msg"] for error in body["detail"]), body
    assert body["detail_en"], body


def test_metadata_nested_500_deep_is_refused_and_the_case_list_still_answers(api, a_case):
    response = api.client.post("/api/v1/cases", json=a_case("DEEP-1", metadata=nested(500)), headers=api.creditor)

    refused(response, "metadata")
    assert count(api, Case) == 0
    assert api.client.get("/api/v1/cases", headers=api.agent).status_code == 200


@pytest.mark.parametrize(
    ("what", "metadata"),
    [
        ("a 10 MB string", {"note": "x" * 10_000_000}),
        ("a million-item list", {"items": [0] * 1_300_000}),
        ("ten thousand keys", {f"k{i}": i for i in range(10_000)}),
        ("a NUL in a value", {"note": "a\x00b"}),
        ("a NUL in a key", {"no\x00te": "ab"}),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_metadata_beyond_its_limits_is_refused_and_nothing_is_stored(api, a_case, what, metadata):
    response = api.client.post("/api/v1/cases", json=a_case("BIG-1", metadata=metadata), headers=api.creditor)

    refused(response, "metadata")
    assert count(api, Case) == 0


def test_metadata_within_its_limits_is_kept(api, a_case):
    metadata = {"source": "ERP", "tags": ["b2b", "priority"], "deep": nested(6), "amount": 12.5}
    response = api.client.post("/api/v1/cases", json=a_case("OK-1", metadata=metadata), headers=api.creditor)

    assert response.status_code == 201, response.text
    assert response.json()["metadata"] == metadata


BAD_NAMES = [
    ("a NUL byte", "Dupont\x00SARL"),
    ("a right-to-left override", "Dupont \u202eLRAS"),
    ("a first-strong isolate", "Dupont \u2068SARL"),
    ("a terminal escape", "Dupont \x1b[31mSARL"),
    ("zero-width characters only", "\u200b\u200c\u200d\ufeff"),
    ("blanks and zero-width characters", " \u200b \u2060 "),
    ("too long", "D" * 201),
]


@pytest.mark.parametrize(("what", "name"), BAD_NAMES, ids=[b[0] for b in BAD_NAMES])
def test_a_debtor_name_with_control_or_invisible_characters_is_refused(api, a_case, what, name):
    body = a_case("NAME-1")
    body["debtor"]["name"] = name
    response = api.client.post("/api/v1/cases", json=body, headers=api.creditor)

    refused(response, "debtor.name")
    assert count(api, Case) == 0


def test_a_reference_with_a_nul_byte_is_refused(api, a_case):
    refused(api.client.post("/api/v1/cases", json=a_case("REF\x00-1"), headers=api.creditor), "reference")


def test_a_refusal_names_the_field_in_french_with_the_english_beside(api, a_case):
    body = a_case("NAME-FR")
    body["debtor"]["name"] = "\u200b"
    response = api.client.post("/api/v1/cases", json=body, headers=api.creditor | {"Accept-Language": "fr"})

    refused_in_french(response, "debtor.name")
    assert "vide" in response.json()["detail"][0]["msg"]


BAD_AMOUNTS = [
    "\u0661\u0662\u0660\u0660",
    "\uff11\uff12\uff10\uff10",
    "1_000.00",
    "1e2",
    "1E2",
    "12.345",
    "1.2.3",
    "",
    " ",
    "+-1",
    "1,200.00",
    "0x10",
]


@pytest.mark.parametrize("amount", BAD_AMOUNTS)
def test_an_amount_not_written_in_ascii_decimal_is_refused(api, a_case, amount):
    body = a_case(
        "AMT-1",
        invoices=[
            {"number": "F-1", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": amount, "currency": "EUR"}
        ],
    )
    refused(api.client.post("/api/v1/cases", json=body, headers=api.creditor), "invoices.0.amount")
    assert count(api, Case) == 0


@pytest.mark.parametrize("amount", BAD_AMOUNTS[:4])
def test_a_payment_amount_not_written_in_ascii_decimal_is_refused(api, amount):
    body = {
        "case_id": "0b6f4c1e-8d2a-4f3b-9c5d-2e7a1b3c4d5e",
        "amount": amount,
        "received_on": "2026-11-20",
        "source": "debtor_to_agency",
        "reference": "VIR-1",
    }
    refused(api.client.post("/api/v1/payments", json=body, headers=api.agent), "amount")
    assert count(api, Payment) == 0


@pytest.mark.parametrize("issue_date", ["2026-06-01T00:00:00", "2026-06-01T10:00:00", 0, 1780000000, "20260601"])
def test_an_invoice_date_must_be_a_date_not_a_timestamp(api, a_case, issue_date):
    body = a_case(
        "DATE-1",
        invoices=[
            {"number": "F-1", "issue_date": issue_date, "due_date": "2026-07-01", "amount": "100.00", "currency": "EUR"}
        ],
    )
    refused(api.client.post("/api/v1/cases", json=body, headers=api.creditor), "invoices.0.issue_date")


def test_a_statement_as_of_0_is_refused_not_read_as_1970(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case("ASOF-1"), headers=api.creditor).json()

    refused(
        api.client.get(f"/api/v1/cases/{case['id']}/statement", params={"as_of": "0"}, headers=api.creditor), "as_of"
    )


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/payments", "/api/v1/creditors"])
@pytest.mark.parametrize("param", ["offset", "limit"])
def test_an_offset_beyond_64_bits_is_a_422(api, path, param):
    refused(api.client.get(path, params={param: "9223372036854775808"}, headers=api.agent), param)


def test_an_offset_within_bounds_reads_an_empty_page(api):
    response = api.client.get("/api/v1/cases", params={"offset": "1000000"}, headers=api.agent)

    assert response.status_code == 200, response.text
    assert response.json()["items"] == []


@pytest.mark.parametrize("param", ["status", "reference"])
def test_a_nul_byte_in_a_query_string_is_a_422(api, param):
    refused(api.client.get("/api/v1/cases", params={param: "open\x00"}, headers=api.agent), param)


def test_a_creditor_name_with_a_terminal_escape_is_refused(api):
    refused(api.client.post("/api/v1/creditors", json={"name": "\x1b]0;pwned\x07"}, headers=api.admin), "name")


def test_a_merge_reason_with_a_nul_byte_is_a_422_naming_it(api, a_case):
    one = api.client.post("/api/v1/cases", json=a_case("NUL-1"), headers=api.creditor).json()
    response = api.client.post(
        f"/api/v1/intake/debtors/{one['debtor']['id']}/merge",
        headers=api.agent,
        json={"merge_id": str(uuid.uuid4()), "reason": "same\x00company"},
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "reason"]
