"""A case validated under insolvency proceedings comes with its claim to declare; staff follow it to its outcome, and
what the administrator pays is published for intake's ledger, once per payment."""

from __future__ import annotations

from datetime import date


def claim(legal, case, body: dict, role: str = "agent"):
    return legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/insolvency-claim", json=body, headers=legal.headers(role)
    )


def test_a_claim_is_declared_admitted_and_paid_by_the_administrator(legal):
    case = legal.validate_case(status="claim_declaration", insolvency=True, amount="1200.00")
    legal.intake.cases[case.case_id]["claim_deadline"] = "2026-12-14"
    shown = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/insolvency-claim", headers=legal.headers()).json()
    assert shown["status"] == "to_declare" and shown["claim_deadline"] is None

    declared = claim(legal, case, {"status": "declared", "occurred_on": "2026-11-20", "amount": "1275.12"}).json()
    assert (declared["status"], declared["declared"], declared["claim_deadline"]) == (
        "declared",
        "1275.12",
        "2026-12-14",
    )
    too_much = claim(legal, case, {"status": "admitted", "occurred_on": "2026-11-21", "amount": "1300.00"})
    assert too_much.status_code == 422
    assert (
        claim(legal, case, {"status": "admitted", "occurred_on": "2026-11-21", "amount": "1200.00"}).status_code == 200
    )

    paid = {"status": "paid", "occurred_on": "2026-11-23", "amount": "400.00", "reference": "MJ-2026-0042"}
    first = claim(legal, case, paid).json()
    again = claim(legal, case, paid).json()
    assert first["paid"] == again["paid"] == "400.00"
    [published] = legal.outbox("recouvra.legal.insolvency.administrator_paid.v1")
    assert published == {
        "case_id": case.case_id,
        "creditor_id": case.creditor_id,
        "claim_id": first["id"],
        "amount": "400.00",
        "currency": "EUR",
        "paid_on": "2026-11-23",
        "reference": "MJ-2026-0042",
    }
    over = claim(legal, case, {**paid, "amount": "800.01", "reference": "MJ-2026-0043"})
    assert over.status_code == 422 and "exceed the 1200.00 admitted" in over.text
    assert [s["status"] for s in again["steps"]] == ["declared", "admitted", "paid"]


def test_a_claim_cannot_be_paid_before_it_is_admitted(legal):
    case = legal.validate_case(status="claim_declaration", insolvency=True)
    claim(legal, case, {"status": "declared", "occurred_on": "2026-11-20", "amount": "100.00"})
    early = claim(legal, case, {"status": "paid", "occurred_on": "2026-11-21", "amount": "50.00"})
    assert early.status_code == 409 and "cannot become paid" in early.text


def test_a_case_without_insolvency_has_no_claim_and_creditors_only_read_theirs(legal):
    case = legal.validate_case()
    assert (
        legal.client.get(f"/api/v1/legal/cases/{case.case_id}/insolvency-claim", headers=legal.headers()).status_code
        == 404
    )
    insolvent = legal.validate_case(status="claim_declaration", insolvency=True)
    own = legal.headers("creditor", creditor_id=insolvent.creditor_id)
    assert legal.client.get(f"/api/v1/legal/cases/{insolvent.case_id}/insolvency-claim", headers=own).status_code == 200
    body = {"status": "declared", "occurred_on": date(2026, 11, 20).isoformat(), "amount": "10.00"}
    assert claim(legal, insolvent, body, role="creditor").status_code == 403
