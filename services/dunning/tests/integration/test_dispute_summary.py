"""Disputes by what the debtors said was wrong, over the real database: opened, open, settled with the claim
maintained or cancelled, the average calendar days to settle (Paris), the documents judged not enough; a creditor
sees its own, staff every creditor's or one's."""

from __future__ import annotations

import uuid
from datetime import date

from shared.events.intake_documents import DocumentAttached
from workbench.testing.moments import at

DUE = date(2026, 10, 1)


def opened(dunning, creditor_id: uuid.UUID, body: dict, day: date, minute: int = 600) -> tuple[object, str]:
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    dunning.clock.set(at(day, minute // 60, minute % 60))
    answer = dunning.client.post(f"/api/v1/dunning/cases/{case.case_id}/disputes", json=body, headers=dunning.headers())
    assert answer.status_code == 201, answer.text
    return case, answer.json()["id"]


def settle(dunning, case, dispute_id: str, outcome: str, day: date) -> None:
    dunning.clock.set(at(day, 10))
    path = f"/api/v1/dunning/cases/{case.case_id}/disputes/{dispute_id}/resolve"
    assert dunning.client.post(path, json={"outcome": outcome}, headers=dunning.headers()).status_code == 200


def summary(dunning, headers: dict, **params: str) -> dict:
    answer = dunning.client.get("/api/v1/dunning/disputes/summary", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_disputes_are_counted_by_category_with_their_outcomes_and_days_to_settle_and_tenancy_holds(dunning):
    alpha, beta = uuid.uuid4(), uuid.uuid4()
    dunning.register_creditor(alpha)
    dunning.register_creditor(beta)
    never = {"reason": "Jamais livré", "category": "not_received"}
    lost, lost_id = opened(dunning, alpha, never, date(2026, 11, 2), minute=30)  # 00:30 in Paris: 1 November in UTC
    settle(dunning, lost, lost_id, "cancelled", date(2026, 11, 5))  # three days in Paris, four by UTC dates
    opened(dunning, alpha, {"reason": "Toujours rien reçu", "category": "not_received"}, date(2026, 11, 3))
    priced, priced_id = opened(dunning, alpha, {"reason": "Prix faux", "category": "wrong_amount"}, date(2026, 11, 2))
    order = DocumentAttached(
        case_id=priced.case_id,
        creditor_id=str(alpha),
        document_id=str(uuid.uuid4()),
        kind="purchase_order",
        filename="bc.pdf",
        attached_at=at(date(2026, 11, 3)),
    )
    dunning.apply(order, subject=priced.case_id)
    judged = dunning.client.post(
        f"/api/v1/dunning/cases/{priced.case_id}/disputes/{priced_id}/proof-insufficient",
        json={"note": "Bon de commande non signé"},
        headers=dunning.headers(),
    )
    assert judged.status_code == 200, judged.text
    settle(dunning, priced, priced_id, "upheld", date(2026, 11, 12))
    opened(dunning, alpha, {"reason": "Payé le 1er", "kind": "payment_declared"}, date(2026, 11, 4))
    opened(dunning, alpha, {"reason": "Pas d'accord"}, date(2026, 11, 4))
    opened(dunning, beta, {"reason": "Abîmé", "category": "not_compliant"}, date(2026, 11, 4))

    own = summary(dunning, dunning.headers("creditor", alpha))

    lines = {line["category"]: line for line in own["lines"]}
    assert [line["category"] for line in own["lines"]] == [
        "not_received",
        "wrong_amount",
        "unspecified",
        "payment_declared",
    ]
    assert lines["not_received"] == {
        "category": "not_received",
        "opened": 2,
        "open": 1,
        "upheld": 0,
        "cancelled": 1,
        "average_days_to_settle": "3.0",
        "proof_judged_insufficient": 0,
    }
    assert (lines["wrong_amount"]["upheld"], lines["wrong_amount"]["average_days_to_settle"]) == (1, "10.0")
    assert lines["wrong_amount"]["proof_judged_insufficient"] == 1
    assert lines["payment_declared"]["average_days_to_settle"] is None
    total = own["total"]
    assert (total["opened"], total["open"], total["upheld"], total["cancelled"]) == (5, 3, 1, 1)
    assert total["average_days_to_settle"] == "6.5" and total["proof_judged_insufficient"] == 1

    everyone = summary(dunning, dunning.headers())
    assert everyone["total"]["opened"] >= 6
    assert "not_compliant" in {line["category"] for line in everyone["lines"]}
    only_beta = summary(dunning, dunning.headers(), creditor_id=str(beta))
    assert [line["category"] for line in only_beta["lines"]] == ["not_compliant"]
    assert only_beta["total"]["opened"] == 1
    other = dunning.client.get(
        "/api/v1/dunning/disputes/summary",
        params={"creditor_id": str(beta)},
        headers=dunning.headers("creditor", alpha),
    )
    assert other.status_code == 404
