"""Payments through the API: idempotent by reference, allocated by law, receipted, announced, closing paid cases."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session, func, select, update

from shared.events.envelope import CloudEvent
from shared.events.legal import FundsCollected
from shared.idempotency_records import IdempotencyRecord
from shared.inbox import claim
from shared.outbox import OutboxMessage

from intake.handlers import on_funds_collected
from intake.ledger.models import Payment


def count(api, model, *where) -> int:
    with Session(api.engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_paying_the_whole_balance_allocates_indemnity_then_penalties_then_principal_and_closes_the_case_as_paid(
    api, open_case, pay, statement, invoice, published
):
    case = open_case("PAY-ALL", [invoice("F-A", "2026-01-15", "10000.00")])
    response = pay(case, "10339.59", "2026-04-15")
    assert response.status_code == 201, response.text
    payment = response.json()
    assert [(a["component"], a["amount"]) for a in payment["allocation"]] == [
        ("indemnity", "40.00"),
        ("penalties", "299.59"),
        ("principal", "10000.00"),
    ]
    assert "art. 1343-1" in payment["allocation"][0]["explanation"]
    # Demo mandate: 15 % + 20 % VAT; the agency holds the funds and owes the creditor the rest.
    assert (payment["commission_excl_vat"], payment["commission_vat"], payment["commission"], payment["net"]) == (
        "1550.94",
        "310.19",
        "1861.13",
        "8478.46",
    )

    account = statement(case, "2026-04-15")
    assert (account["paid"], account["balance"]) == ("10339.59", "0.00")
    assert [line["kind"] for line in account["lines"]][-3:] == ["payment", "payment", "payment"]
    closed = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()
    assert (closed["status"], closed["closure_reason"], closed["outstanding"]) == ("closed", "paid", "0.00")

    on_topic = published("intake.cases", count(api, OutboxMessage, OutboxMessage.topic == "intake.cases"))
    of_case = [e for e in on_topic if e["subject"] == case["id"]]
    types = [e["type"].split(".")[2] + "." + e["type"].split(".")[3] for e in of_case]
    # one topic, one key: the consumers read the case's life in the order it happened
    assert types[types.index("payment.recorded") :] == [
        "payment.recorded",
        "payment.allocated",
        "case.balance_changed",
        "case.paid",
        "case.status_changed",
        "case.closed",
    ]
    payments = of_case[types.index("payment.recorded") :]
    recorded = payments[0]
    assert recorded["tenant"] == case["creditor_id"] and recorded["subject"] == case["id"]
    assert (recorded["data"]["origin"], recorded["data"]["amount"]) == ("debtor_to_agency", "10339.59")
    assert payments[2]["data"]["balance"] == "0.00" and payments[2]["data"]["as_of"] == "2026-04-15"
    closed_events = [e for e in of_case if e["type"].endswith("case.closed.v1")]
    assert closed_events[0]["data"]["reason"] == "paid"


def test_the_same_reference_twice_is_the_same_payment_and_nothing_is_created_again(api, open_case, pay, invoice):
    case = open_case("PAY-TWICE", [invoice("F-1", "2026-03-01", "800.00")])
    first = pay(case, "300.00", "2026-05-04", reference="VIR-42")
    again = pay(case, "300.00", "2026-05-04", reference="VIR-42")
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and again.headers["X-Payment-Created"] == "false"
    assert count(api, Payment) == 1
    assert count(api, OutboxMessage, OutboxMessage.event_type == "recouvra.intake.payment.recorded.v2") == 1

    other = open_case("PAY-TWICE-2", [invoice("F-2", "2026-03-01", "80.00")])
    reused = pay(other, "80.00", "2026-05-04", reference="VIR-42")
    assert reused.status_code == 409 and reused.json()["detail"].startswith("reference:")


def test_a_retried_payment_whose_first_answer_was_lost_is_sent_to_the_payment_it_recorded(api, open_case, invoice):
    """A kill between the commit and the kept answer (issue 18's proof, run 15: intake killed in that window) leaves
    the claim stamped with the payment it recorded: the retry is answered 303 See Other to it, not a 409."""
    case = open_case("PAY-LOST-ANSWER", [invoice("F-1", "2026-03-01", "800.00")])
    body = {
        "case_id": case["id"],
        "amount": "300.00",
        "currency": "EUR",
        "received_on": "2026-05-04",
        "source": "debtor_to_agency",
        "reference": "VIR-LOST",
    }
    headers = {**api.agent, "Idempotency-Key": "pay-lost-answer"}
    first = api.client.post("/api/v1/payments", json=body, headers=headers)
    assert first.status_code == 201
    with Session(api.engine) as session:  # what the kill leaves: the stamp, no kept answer
        session.execute(update(IdempotencyRecord).values(status_code=None, body=None))
        session.commit()
    again = api.client.post("/api/v1/payments", json=body, headers=headers, follow_redirects=False)
    assert again.status_code == 303, again.text
    assert again.headers["Location"] == f"/api/v1/payments/{first.json()['id']}"
    read = api.client.get(again.headers["Location"], headers=api.agent)
    assert read.status_code == 200 and read.json()["id"] == first.json()["id"]
    assert count(api, Payment) == 1


def test_without_an_instruction_the_oldest_due_invoice_is_paid_first_and_a_named_invoice_goes_first(
    api, open_case, pay, invoice
):
    case = open_case("PAY-ORDER", [invoice("OLD", "2026-02-01", "500.00"), invoice("NEW", "2026-03-01", "500.00")])
    default = pay(case, "44.00", "2026-03-01", reference="P-1").json()
    assert {a["component"] for a in default["allocation"]} == {"indemnity", "penalties"}
    assert "la dette échue la plus ancienne, la facture OLD" in default["allocation"][0]["explanation"]

    named = pay(case, "200.00", "2026-03-02", reference="P-2", invoices=["NEW"]).json()
    assert named["allocation"][0]["reason_code"] == "debtor_choice"
    invoices = {
        i["number"]: i for i in api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()["invoices"]
    }
    assert invoices["NEW"]["outstanding"] == "340.17"  # 200 - 40 indemnity - 0.17 for its one late day
    assert invoices["OLD"]["outstanding"] == "500.00"


BAD_PAYMENTS = [
    ("negative amount", {"amount": "-5.00"}, "amount must be positive"),
    ("float amount", {"amount": 12.5}, "never floating-point"),
    ("unknown source", {"source": "cash_in_hand"}, "source"),
    ("received tomorrow", {"received_on": "2026-11-25"}, "received_on: 2026-11-25 is after today"),
    ("other currency", {"currency": "USD"}, "currency: this case is in EUR"),
    ("bad date", {"received_on": "2026-13-01"}, "received_on"),
]


@pytest.mark.parametrize(("what", "change", "message"), BAD_PAYMENTS, ids=[b[0] for b in BAD_PAYMENTS])
def test_a_bad_payment_is_refused_with_a_422_naming_the_field_and_nothing_is_recorded(
    api, open_case, invoice, what, change, message
):
    case = open_case("PAY-BAD", [invoice("F-1", "2026-03-01", "800.00")])
    body = {
        "case_id": case["id"],
        "amount": "10.00",
        "currency": "EUR",
        "received_on": "2026-05-04",
        "source": "debtor_to_agency",
        "reference": "R-1",
    } | change
    response = api.client.post("/api/v1/payments", json=body, headers=api.agent)
    assert response.status_code == 422, response.text
    assert message in response.text
    assert count(api, Payment) == 0


def test_a_creditor_reports_what_it_was_paid_directly_but_not_money_the_agency_received(api, open_case, pay, invoice):
    case = open_case("PAY-CRED", [invoice("F-1", "2026-03-01", "800.00")])
    refused = pay(case, "100.00", "2026-05-04", source="debtor_to_agency", headers=api.creditor)
    assert refused.status_code == 403 and "source" in refused.json()["detail"]
    direct = pay(case, "100.00", "2026-05-04", source="debtor_to_creditor", headers=api.creditor)
    assert direct.status_code == 201, direct.text
    # The creditor holds this money: it owes the agency its commission instead of being remitted anything.
    assert (direct.json()["held"], direct.json()["commission"], direct.json()["net"]) == ("0.00", "18.00", "-18.00")
    listed = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()
    assert [p["id"] for p in listed["items"]] == [direct.json()["id"]]


def test_every_payment_has_a_pdf_receipt_the_creditor_can_download_and_another_creditor_cannot_see(
    api, open_case, pay, invoice
):
    case = open_case("PAY-RECEIPT", [invoice("F-1", "2026-03-01", "800.00")])
    payment = pay(case, "250.00", "2026-05-04").json()
    receipt = api.client.get(payment["receipt_url"], headers=api.creditor)
    assert receipt.status_code == 200 and receipt.headers["content-type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF") and payment["receipt_number"].encode() in receipt.content
    for path in (
        f"/api/v1/payments/{payment['id']}",
        payment["receipt_url"],
        f"/api/v1/cases/{case['id']}/payments",
        f"/api/v1/cases/{case['id']}/statement?as_of=2026-05-04",
    ):
        assert api.client.get(path, headers=api.other).status_code == 404, path
    assert pay(case, "1.00", "2026-05-04", headers=api.other, source="credit_note").status_code == 404
    assert api.client.get("/api/v1/payments", headers=api.other).json() == {"items": [], "total": 0}


def test_a_write_off_of_the_rest_closes_the_case_as_written_off_without_a_receipt(api, open_case, pay, invoice):
    case = open_case("PAY-WO", [invoice("F-1", "2026-03-01", "100.00")], kind="b2c")
    credit_note = pay(case, "60.00", "2026-05-04", source="credit_note", headers=api.creditor).json()
    assert credit_note["receipt_url"] is None and credit_note["commission"] == "0.00"
    write_off = pay(case, "40.00", "2026-05-05", source="write_off", headers=api.creditor)
    assert write_off.status_code == 201, write_off.text
    closed = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()
    assert (closed["status"], closed["closure_reason"]) == ("closed", "written_off")
    assert pay(case, "1.00", "2026-05-06", headers=api.creditor, source="credit_note").status_code == 409


def test_funds_a_bailiff_collected_become_one_bailiff_payment_however_often_the_report_arrives(api, open_case, invoice):
    case = open_case("PAY-BAILIFF", [invoice("F-1", "2026-03-01", "800.00")])
    event = FundsCollected(
        mission_id=str(uuid.uuid4()),
        case_id=case["id"],
        creditor_id=case["creditor_id"],
        amount="300.00",
        currency="EUR",
        collected_on="2026-06-01",
        reference="CJ-2026-77",
    )
    clock = api.client.app.state.runtime.clock
    for _ in range(2):  # two deliveries with distinct envelope ids: the reference still makes it one payment
        envelope = CloudEvent.wrap(event, subject=case["id"], tenant=case["creditor_id"], time=clock.now())
        with Session(api.engine, expire_on_commit=False) as session, session.begin():
            assert claim(
                session, event_id=envelope.id, event_type=envelope.type, topic="legal.procedures", at=clock.now()
            )
            on_funds_collected(session=session, event=event, envelope=envelope, clock=clock)
    payments = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()["items"]
    assert [(p["source"], p["amount"], p["reference"]) for p in payments] == [("bailiff", "300.00", "CJ-2026-77")]
    receipt = api.client.get(payments[0]["receipt_url"], headers=api.creditor)
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")
