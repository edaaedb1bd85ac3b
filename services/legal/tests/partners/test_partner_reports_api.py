"""What a bailiff reports on its mission: steps, funds collected (a payment for intake, through `FundsCollected`) and
costs with who bears them, each idempotent on its content and on the Idempotency-Key header; the costs of a case
shown to its creditor."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import update
from sqlmodel import Session

from shared.idempotency_records import IdempotencyRecord

FUNDS = {
    "type": "funds_collected",
    "occurred_on": "2026-11-24",
    "amount": "300.00",
    "currency": "EUR",
    "reference": "ENC-42",
}


@pytest.fixture
def mission(legal):
    creditor, partner = uuid.uuid4(), legal.add_partner()
    case_id = legal.intake.add_case(creditor_id=creditor)
    created = legal.assign(case_id, partner)
    return {**created, "partner": partner, "creditor": creditor}


def test_served_moves_the_mission_and_is_published_once_per_day(legal, mission):
    first = legal.report(mission["id"], mission["partner"], {"type": "served", "occurred_on": "2026-11-24"})
    assert first.status_code == 201, first.text
    again = legal.report(mission["id"], mission["partner"], {"type": "served", "occurred_on": "2026-11-24"})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    [reported] = legal.outbox("recouvra.legal.mission.reported.v1")
    assert reported["report"] == "served" and reported["occurred_on"] == "2026-11-24"
    seizure = legal.report(
        mission["id"], mission["partner"], {"type": "seizure_carried_out", "occurred_on": "2026-11-24"}
    )
    assert seizure.status_code == 201 and seizure.json()["type"] == "seizure"
    detail = legal.client.get(f"/api/v1/partner/missions/{mission['id']}", headers=legal.bailiff(mission["partner"]))
    assert detail.json()["status"] == "seizure"
    assert [r["type"] for r in detail.json()["reports"]] == ["served", "seizure"]


def test_funds_collected_become_a_payment_event_for_intake_and_the_same_reference_is_the_same_collection(
    legal, mission
):
    first = legal.report(mission["id"], mission["partner"], FUNDS)
    assert first.status_code == 201, first.text
    assert first.json()["amount"] == "300.00"
    again = legal.report(mission["id"], mission["partner"], FUNDS)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    [funds] = legal.outbox("recouvra.legal.mission.funds_collected.v1")
    assert funds == {
        "mission_id": mission["id"],
        "case_id": mission["case_id"],
        "creditor_id": str(mission["creditor"]),
        "amount": "300.00",
        "currency": "EUR",
        "collected_on": "2026-11-24",
        "reference": f"bailiff:{mission['id']}:ENC-42",
    }
    other_amount = legal.report(mission["id"], mission["partner"], {**FUNDS, "amount": "301.00"})
    assert other_amount.status_code == 409 and other_amount.json()["field"] == "reference"
    assert len(legal.outbox("recouvra.legal.mission.funds_collected.v1")) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"occurred_on": "2026-11-25"}, "occurred_on"),  # tomorrow in Paris
        ({"occurred_on": "2026-11-23"}, "occurred_on"),  # before the mission was given
        ({"currency": "USD"}, "currency"),
        ({"amount": "0.00"}, None),
        ({"amount": "12.345"}, None),
        ({"amount": 12.5}, None),
        ({"reference": ""}, None),
    ],
)
def test_funds_with_a_wrong_date_currency_amount_or_reference_are_refused(legal, mission, change, field):
    response = legal.report(mission["id"], mission["partner"], {**FUNDS, **change})
    assert response.status_code == 422, response.text
    if field is not None:
        assert response.json()["field"] == field
    assert legal.outbox("recouvra.legal.mission.funds_collected.v1") == []


def test_an_unknown_report_type_is_refused(legal, mission):
    response = legal.report(mission["id"], mission["partner"], {"type": "paid_in_cash", "occurred_on": "2026-11-24"})
    assert response.status_code == 422


def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer_and_records_nothing_twice(legal, mission):
    costs = {"type": "costs", "occurred_on": "2026-11-24", "amount": "21.28", "tariff": "A444-32"}
    headers = {"Idempotency-Key": "report-1"}
    first = legal.report(mission["id"], mission["partner"], costs, headers=headers)
    second = legal.report(mission["id"], mission["partner"], costs, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.headers.get("idempotent-replayed") == "true"
    assert second.json() == first.json()
    assert len(legal.outbox("recouvra.legal.mission.cost_incurred.v1")) == 1
    changed = legal.report(mission["id"], mission["partner"], {**costs, "amount": "1.00"}, headers=headers)
    assert changed.status_code == 422


@pytest.mark.parametrize(
    ("cost", "status", "borne_by"),
    [
        ({"tariff": "A444-32"}, 201, "creditor"),
        ({"tariff": "A444-31", "borne_by": "debtor"}, 201, "debtor"),
        ({"tariff": "A444-31", "borne_by": "creditor"}, 422, None),
        ({"tariff": "signification IP (A444-10)", "borne_by": "debtor"}, 201, "debtor"),
        ({"tariff": "signification IP (A444-10)"}, 422, None),
    ],
)
def test_who_bears_a_cost_follows_its_tariff_or_what_the_bailiff_states(legal, mission, cost, status, borne_by):
    body = {"type": "costs_incurred", "occurred_on": "2026-11-24", "amount": "25.79", **cost}
    response = legal.report(mission["id"], mission["partner"], body)
    assert response.status_code == status, response.text
    if status == 201:
        assert response.json()["borne_by"] == borne_by and response.json()["type"] == "costs"
        [event] = legal.outbox("recouvra.legal.mission.cost_incurred.v1")
        assert event["borne_by"] == borne_by and event["cost_id"] == response.json()["id"]
    else:
        assert response.json()["field"] == "borne_by"


def test_an_amicable_mission_puts_no_cost_on_the_debtor(legal):
    partner = legal.add_partner()
    mission = legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner, kind="amicable")
    body = {"type": "costs", "occurred_on": "2026-11-24", "amount": "40.00", "tariff": "honoraires"}
    refused = legal.report(mission["id"], partner, {**body, "borne_by": "debtor"})
    assert refused.status_code == 422 and "L111-8" in refused.json()["detail"]
    assert legal.report(mission["id"], partner, body).json()["borne_by"] == "creditor"


def test_the_creditor_reads_the_costs_of_its_case_with_who_bears_each(legal, mission):
    for body in (
        {"tariff": "signification IP (A444-10)", "borne_by": "debtor", "amount": "25.79", "reference": "ACTE-1"},
        {"tariff": "A444-32", "amount": "21.28"},
    ):
        response = legal.report(
            mission["id"], mission["partner"], {"type": "costs", "occurred_on": "2026-11-24", **body}
        )
        assert response.status_code == 201, response.text
    owner = legal.headers("creditor", creditor_id=mission["creditor"])
    costs = legal.client.get(f"/api/v1/legal/cases/{mission['case_id']}/costs", headers=owner)
    assert costs.status_code == 200, costs.text
    body = costs.json()
    lines = {c["tariff"]: c for c in body["items"]}  # the same instant on the frozen clock: no order between them
    assert {tariff: line["borne_by"] for tariff, line in lines.items()} == {
        "signification IP (A444-10)": "debtor",
        "A444-32": "creditor",
    }
    assert lines["signification IP (A444-10)"]["basis_fr"].startswith("L111-8 al. 1")
    assert lines["A444-32"]["basis"].startswith("A444-32")
    assert (body["borne_by_debtor"], body["borne_by_creditor"], body["total"]) == ("25.79", "21.28", "47.07")
    assert (
        legal.client.get(f"/api/v1/legal/cases/{mission['case_id']}/costs", headers=legal.headers("agent")).json()
        == body
    )
    stranger = legal.headers("creditor", creditor_id=uuid.uuid4())
    assert legal.client.get(f"/api/v1/legal/cases/{mission['case_id']}/costs", headers=stranger).status_code == 404
    bailiff = legal.bailiff(mission["partner"])
    assert legal.client.get(f"/api/v1/legal/cases/{mission['case_id']}/costs", headers=bailiff).status_code == 403


def test_a_report_whose_answer_was_lost_sends_its_retry_to_the_mission(legal, mission):
    """Committed, the kept answer lost to a kill: the retry with the same Idempotency-Key is answered 303 See Other to
    the mission, which lists the report, not 409 (issue 18's proof, run 15, lost such an answer for a payment)."""
    headers = {"Idempotency-Key": "funds-lost-answer"}
    first = legal.report(mission["id"], mission["partner"], FUNDS, headers=headers)
    assert first.status_code == 201, first.text
    with Session(legal.engine) as session:  # what the kill leaves: the stamp, no kept answer
        session.execute(update(IdempotencyRecord).values(status_code=None, body=None))
        session.commit()
    again = legal.client.post(
        f"/api/v1/partner/missions/{mission['id']}/events",
        json=FUNDS,
        headers={**legal.bailiff(mission["partner"]), **headers},
        follow_redirects=False,
    )
    assert again.status_code == 303, again.text
    assert again.headers["Location"] == f"/api/v1/partner/missions/{mission['id']}"
    detail = legal.client.get(again.headers["Location"], headers=legal.bailiff(mission["partner"]))
    assert [r["id"] for r in detail.json()["reports"]] == [first.json()["id"]]
