"""A bank credit whose payment is reversed waits in suspense again, and an agent assigns it to the right case
(issue 12, finding 5; docs/rules.md §4.1): its first payment keeps `bank:<entry>`, the next one takes `/2`."""

from __future__ import annotations

from .test_intake_money_reconciliation_api import rf_of, upload

REASON = "matched to the wrong case: the debtor paid CRED-REV-B"


def test_a_reversed_bank_payment_puts_its_credit_back_in_suspense_and_it_can_be_assigned_to_the_right_case(
    api, open_case, invoice, camt053
):
    wrong = open_case("REV-BANK-A", [invoice("F-RA", "2026-04-01", "900.00")])
    right = open_case("REV-BANK-B", [invoice("F-RB", "2026-04-01", "500.00")])
    document = camt053.build(
        [
            camt053.entry(
                "500.00",
                booking_date="2026-05-04",
                reference="BNK-R1",
                debtor_name="DUPONT",
                structured_reference=rf_of(api, wrong),
            )
        ]
    )
    assert upload(api, document).json()["matched"] == 1
    [payment] = api.client.get(f"/api/v1/cases/{wrong['id']}/payments", headers=api.creditor).json()["items"]
    assert payment["reference"] == "bank:BNK-R1"

    reversed_ = api.client.post(
        f"/api/v1/payments/{payment['id']}/reversal", json={"reason": REASON}, headers=api.agent
    )
    assert reversed_.status_code == 201, reversed_.text

    [waiting] = api.client.get("/api/v1/intake/suspense", headers=api.agent).json()
    assert (waiting["entry_reference"], waiting["status"], waiting["match_reason"]) == (
        "BNK-R1",
        "suspense",
        "payment_reversed",
    )
    assert (waiting["case_id"], waiting["payment_id"]) == (None, None)
    english, french = waiting["explanation_en"], waiting["explanation_fr"]
    assert all(word in english for word in ("bank:BNK-R1", "REV-BANK-A", "was reversed", REASON))
    assert all(word in french for word in ("bank:BNK-R1", "REV-BANK-A", "a été contrepassé", REASON))

    resolved = api.client.post(
        f"/api/v1/intake/suspense/{waiting['id']}/resolve", json={"case_id": right["id"]}, headers=api.agent
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["status"] == "resolved"
    payments = api.client.get(f"/api/v1/cases/{right['id']}/payments", headers=api.creditor).json()["items"]
    assert [(p["amount"], p["reference"], p["reversed_on"]) for p in payments] == [("500.00", "bank:BNK-R1/2", None)]
    assert api.client.get("/api/v1/intake/suspense", headers=api.agent).json() == []
