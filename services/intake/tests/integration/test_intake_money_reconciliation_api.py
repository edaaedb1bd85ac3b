"""Bank reconciliation through the API: a camt.053 file is matched by RF reference, then amount and name."""

from __future__ import annotations

import io

from sqlmodel import Session, func, select

from shared.idempotency_records import IdempotencyRecord
from shared.outbox import OutboxMessage

from intake.ledger.models import BankCredit, Payment


def count(api, model, *where) -> int:
    with Session(api.engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def upload(api, document: bytes, headers=None):
    return api.client.post(
        "/api/v1/intake/bank-statements",
        files={"file": ("releve.xml", io.BytesIO(document))},
        headers=headers or api.agent,
    )


def test_three_credits_give_two_allocations_and_one_suspense_item_and_the_same_file_twice_changes_nothing(
    api, open_case, invoice, camt053, published
):
    by_reference = open_case("REC-RF", [invoice("F-RF", "2026-04-01", "900.00")])
    by_name = open_case(
        "REC-NAME",
        [invoice("F-NM", "2026-04-01", "1250.00")],
        debtor={"type": "company", "name": "Boulangerie Petit SAS", "siren": "404833048"},
    )
    document = camt053.build(
        [
            camt053.entry(
                "500.00",
                booking_date="2026-05-04",
                reference="BNK-1",
                debtor_name="DUPONT",
                structured_reference=rf_of(api, by_reference),
            ),
            camt053.entry("1250.00", booking_date="2026-05-04", reference="BNK-2", debtor_name="PETIT BOULANGERIE"),
            camt053.entry("77.00", booking_date="2026-05-04", reference="BNK-3", debtor_name="Inconnu au bataillon"),
        ]
    )
    first = upload(api, document)
    assert first.status_code == 201, first.text
    report = first.json()
    assert (report["credits"], report["matched"], report["suspense"], report["already_imported"]) == (3, 2, 1, False)
    reasons = {
        item["entry_reference"]: (item["status"], item["match_reason"], item["case_id"]) for item in report["items"]
    }
    assert reasons == {
        "BNK-1": ("matched", "structured_reference", by_reference["id"]),
        "BNK-2": ("matched", "amount_and_name", by_name["id"]),
        "BNK-3": ("suspense", "unmatched", None),
    }
    on_topic = published("intake.cases", count(api, OutboxMessage, OutboxMessage.topic == "intake.cases"))
    allocated = [e for e in on_topic if e["type"].endswith("payment.allocated.v2")]
    assert sorted(e["subject"] for e in allocated) == sorted([by_reference["id"], by_name["id"]])

    again = upload(api, document)
    assert again.status_code == 200 and again.json()["already_imported"] is True
    assert again.json()["items"] == report["items"]
    assert count(api, Payment) == 2 and count(api, BankCredit) == 3


def test_an_agent_assigns_a_suspense_credit_to_its_case_and_it_becomes_a_payment(api, open_case, invoice, camt053):
    case = open_case("REC-SUSP", [invoice("F-S", "2026-04-01", "900.00")])
    upload(
        api,
        camt053.build(
            [camt053.entry("77.00", booking_date="2026-05-04", reference="BNK-9", debtor_name="Cousin de M. Dupont")]
        ),
    )
    queue = api.client.get("/api/v1/intake/suspense", headers=api.agent).json()
    assert [item["entry_reference"] for item in queue] == ["BNK-9"]
    assert api.client.get("/api/v1/intake/suspense", headers=api.creditor).status_code == 403

    resolved = api.client.post(
        f"/api/v1/intake/suspense/{queue[0]['id']}/resolve", json={"case_id": case["id"]}, headers=api.agent
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["status"] == "resolved" and resolved.json()["payment_id"]
    assert api.client.get("/api/v1/intake/suspense", headers=api.agent).json() == []
    payments = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()["items"]
    assert [(p["amount"], p["source"], p["reference"]) for p in payments] == [
        ("77.00", "debtor_to_agency", "bank:BNK-9")
    ]


def test_an_unreadable_bank_file_is_a_422_naming_the_file_and_creditors_cannot_import(api, camt053):
    response = upload(api, b"<not-camt/>")
    assert response.status_code == 422 and response.json()["detail"].startswith("file: not a camt.053 statement")
    assert upload(api, camt053.build([camt053.entry("1.00")]), headers=api.creditor).status_code == 403


def rf_of(api, case) -> str:
    """The case's RF reference, as the statement of account prints it for the debtor."""
    account = api.client.get(
        f"/api/v1/cases/{case['id']}/statement", params={"as_of": "2026-05-01"}, headers=api.creditor
    )
    return account.json()["rf_reference"]


def test_a_statement_sent_again_with_the_same_key_after_its_answer_was_lost_is_told_it_was_imported(
    api, open_case, invoice, camt053
):
    case = open_case("REC-KEY", [invoice("F-KEY", "2026-04-01", "300.00")])
    entry = camt053.entry("300.00", booking_date="2026-05-04", reference="BNK-K", structured_reference=rf_of(api, case))
    headers = {**api.agent, "Idempotency-Key": "statement-lost-answer"}

    first = upload(api, camt053.build([entry]), headers=headers)
    again = upload(api, camt053.build([entry]), headers=headers)  # a kill lost the first answer: no key is kept

    assert first.status_code == 201 and again.status_code == 200, again.text
    assert again.json()["already_imported"] is True and again.json()["id"] == first.json()["id"]
    assert count(api, Payment) == 1 and count(api, IdempotencyRecord) == 0
