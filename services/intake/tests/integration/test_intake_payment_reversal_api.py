"""Reversing a payment (issue 12, finding 5): a reversing entry, the statement replayed without it, its commission
and receipt void, a remittance that already paid it over netted on the next run, the case reopened and audited."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
from sqlmodel import Session, col, select

from shared.demo import DEMO_CREDITOR_ID
from shared.outbox import OutboxMessage

from intake.cases.models import Invoice

IBAN = "FR14 2004 1010 0505 0001 3M02 606"
REASON = "recorded on the wrong case: the transfer was for CRED-0002"


@pytest.fixture
def paid_and_remitted(api, open_case, pay, invoice):
    """A validated case paid in full on 2026-04-15 (closed as paid), its payment remitted to the creditor."""
    case = open_case("REV-1", [invoice("F-A", "2026-01-15", "10000.00")])
    validated = api.client.post(
        f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "documents by post"}, headers=api.agent
    )
    assert validated.status_code == 200, validated.text
    payment = pay(case, "10339.59", "2026-04-15").json()
    assert payment["net"] == "8478.46"
    account = api.client.put(
        f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json={"iban": IBAN}, headers=api.admin
    )
    assert account.status_code == 200, account.text
    run = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)
    assert run.status_code == 201 and run.json()["total"] == "8478.46", run.text
    return case, payment


def reverse(api, payment, reason=REASON, headers=None):
    return api.client.post(
        f"/api/v1/payments/{payment['id']}/reversal", json={"reason": reason}, headers=headers or api.agent
    )


def outbox_types(api, case_id: str) -> list[str]:
    with Session(api.engine) as session:
        rows = session.exec(
            select(OutboxMessage).where(OutboxMessage.key == case_id).order_by(col(OutboxMessage.seq))
        ).all()
    return [row.event_type for row in rows]


def test_a_reversed_payment_leaves_the_statement_the_commission_and_the_next_remittance_and_the_audit_says_why(
    api, paid_and_remitted, open_case, pay, invoice, statement
):
    case, payment = paid_and_remitted

    response = reverse(api, payment)

    assert response.status_code == 201, response.text
    reversal = response.json()
    assert (reversal["amount"], reversal["commission"], reversal["debt"]) == ("-10339.59", "-1861.13", "8478.46")
    assert (reversal["reopened_to"], reversal["receipt_void"], reversal["netted_in"]) == ("amicable", True, None)
    account = statement(case, "2026-11-24")
    assert account["paid"] == "0.00" and account["principal"] == "10000.00"
    assert payment["id"] not in {line.get("payment_id") for line in account["lines"]}
    reopened = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()
    assert (reopened["status"], reopened["closure_reason"], reopened["outstanding"]) == ("amicable", None, "10000.00")
    with Session(api.engine) as session:
        [placed] = session.exec(select(Invoice).where(Invoice.case_id == uuid.UUID(case["id"]))).all()
    assert placed.last_partial_payment_on is None  # art. 2240 C. civ.: it never restarted prescription
    audit = api.client.get(f"/api/v1/cases/{case['id']}/audit", headers=api.creditor).json()
    [entry] = [e for e in audit if e["action"] == "payment.reversed"]
    assert (entry["actor"], entry["reason"], entry["details"]["payment_id"]) == ("agent-1", REASON, payment["id"])
    assert entry["details"]["prescription_restart"] == {"F-A": "2026-04-15 -> None"}
    assert [e["action"] for e in audit][-2:] == ["payment.reversed", "case.amicable"]
    listed = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()["items"]
    assert [(p["id"], p["reversed_on"]) for p in listed] == [(payment["id"], "2026-11-24")]
    receipt = api.client.get(f"/api/v1/payments/{payment['id']}/receipt", headers=api.creditor)
    assert receipt.status_code == 410 and "reversed" in receipt.json()["detail"]
    assert outbox_types(api, case["id"])[-3:] == [
        "recouvra.intake.payment.reversed.v1",
        "recouvra.intake.case.balance_changed.v2",
        "recouvra.intake.case.status_changed.v1",
    ]

    other = open_case("REV-2", [invoice("F-B", "2026-09-01", "20000.00")])
    later = pay(other, "12000.00", "2026-11-20").json()
    assert later["reversed_on"] is None
    run = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)

    assert run.status_code == 201, run.text
    [remittance] = run.json()["remittances"]
    assert Decimal(remittance["remitted"]) == Decimal(later["net"]) - Decimal("8478.46")
    assert Decimal(remittance["commission"]) == Decimal(later["commission"]) - Decimal("1861.13")
    assert [line["payment_id"] for line in remittance["lines"]] == [later["id"], payment["id"]]
    assert remittance["lines"][1]["commission"] == "-1861.13" and remittance["lines"][1]["net"] == "-8478.46"
    seen = api.client.get(f"/api/v1/payments/{payment['id']}/reversal", headers=api.creditor)
    assert seen.status_code == 200 and seen.json()["netted_in"] == remittance["id"]
    assert api.client.get(f"/api/v1/payments/{payment['id']}/reversal", headers=api.other).status_code == 404


def test_a_debt_larger_than_the_next_run_is_carried_and_shown(api, paid_and_remitted, open_case, pay, invoice):
    _, payment = paid_and_remitted
    assert reverse(api, payment).status_code == 201
    other = open_case("REV-3", [invoice("F-C", "2026-09-01", "900.00")])
    small = pay(other, "100.00", "2026-11-20").json()

    run = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent).json()

    assert run["total"] == small["net"]
    [carried] = run["skipped"]
    assert carried["payment_id"] == payment["id"] and "8478.46" in carried["reason"]


def test_a_payment_reversed_before_any_remittance_is_never_remitted(api, open_case, pay, invoice):
    case = open_case("REV-4", [invoice("F-D", "2026-09-01", "900.00")])
    payment = pay(case, "100.00", "2026-11-20").json()
    reversal = reverse(api, payment).json()
    assert (reversal["debt"], reversal["remitted_in"], reversal["reopened_to"]) == ("0.00", None, None)
    api.client.put(f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json={"iban": IBAN}, headers=api.admin)

    run = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)

    assert run.status_code == 409  # nothing left to remit


def test_reversing_twice_is_a_409_in_french_and_english_and_only_staff_may_reverse(api, open_case, pay, invoice):
    case = open_case("REV-5", [invoice("F-E", "2026-09-01", "900.00")])
    payment = pay(case, "100.00", "2026-11-20").json()
    assert api.client.get(f"/api/v1/payments/{payment['id']}/reversal", headers=api.agent).status_code == 404
    assert reverse(api, payment, headers=api.creditor).status_code == 403
    assert reverse(api, payment, reason="x" * 501).status_code == 422
    assert reverse(api, payment, reason="").status_code == 422
    assert reverse(api, payment).status_code == 201

    again_en = reverse(api, payment)
    again_fr = reverse(api, payment, headers={**api.agent, "Accept-Language": "fr"})

    assert again_en.status_code == again_fr.status_code == 409
    assert again_en.json()["detail"].startswith(f"payment {payment['reference']} was already reversed on 2026-11-24")
    assert again_fr.json()["detail"].startswith(f"le paiement {payment['reference']} a déjà été contrepassé le 24/11")
    other_tenant = api.client.post(
        f"/api/v1/payments/{payment['id']}/reversal", json={"reason": REASON}, headers=api.other
    )
    assert other_tenant.status_code in (403, 404)


def test_a_retry_with_the_same_idempotency_key_answers_the_first_reversal_again(api, open_case, pay, invoice):
    case = open_case("REV-6", [invoice("F-F", "2026-09-01", "900.00")])
    payment = pay(case, "100.00", "2026-11-20").json()
    headers = {**api.agent, "Idempotency-Key": "reversal-REV-6"}

    first = reverse(api, payment, headers=headers)
    retry = reverse(api, payment, headers=headers)

    assert first.status_code == retry.status_code == 201
    assert retry.headers.get("idempotent-replayed") == "true" and json.loads(retry.content) == first.json()


def test_the_fixed_fee_reversed_with_the_first_payment_is_charged_on_the_next(api, open_case, pay, invoice):
    mandate = api.client.post(
        f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates",
        json={"commission_rate": "0.10", "phases": ["amicable"], "scenario": "default-fr", "fixed_fee": "25.00"},
        headers=api.admin,
    )
    assert mandate.status_code == 201, mandate.text
    case = open_case("REV-7", [invoice("F-G", "2026-09-01", "900.00")])
    first = pay(case, "100.00", "2026-11-20").json()
    assert first["commission_excl_vat"] == "35.00"  # 10 % of 100.00 and the case's fixed fee
    assert reverse(api, first).status_code == 201

    second = pay(case, "100.00", "2026-11-21").json()

    assert second["commission_excl_vat"] == "35.00"
