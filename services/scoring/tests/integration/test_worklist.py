"""The worklist orders open cases by the documented priority; a creditor sees only its own cases."""

import uuid
from datetime import date
from decimal import Decimal

import pytest

from shared.events.intake import CaseClosed

from scoring.domain.priority import priority_of

CREDITOR_A, CREDITOR_B = str(uuid.uuid4()), str(uuid.uuid4())
TODAY = date(2026, 11, 24)


@pytest.fixture
def cases(scoring, intake):
    placed = {}
    for reference, creditor, amount, due, insolvent in [
        ("W1", CREDITOR_A, "20000.00", date(2026, 5, 1), False),
        ("W2", CREDITOR_A, "500.00", date(2026, 11, 10), False),
        ("W3", CREDITOR_A, "5000.00", date(2026, 8, 15), True),
        ("W4", CREDITOR_B, "3000.00", date(2026, 9, 1), False),
        ("W5", CREDITOR_A, "100.00", date(2026, 1, 1), False),
    ]:
        debtor = intake.debtor(f"Debtor {reference}", insolvency=insolvent)
        case = intake.validated(
            creditor, debtor, [intake.invoice(f"{reference}-1", date(2026, 1, 1), due, amount)], reference=reference
        )
        scoring.apply(case)
        placed[reference] = case
    closed = placed["W5"]
    scoring.apply(
        CaseClosed(
            case_id=closed.case_id,
            creditor_id=CREDITOR_A,
            debtor_id=closed.debtor.debtor_id,
            reason="paid",
            closed_on=TODAY,
        )
    )
    return placed


def read(scoring, headers, **params):
    response = scoring.client.get("/api/v1/worklist", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_open_cases_come_in_the_order_of_the_documented_priority(scoring, cases):
    body = read(scoring, scoring.headers("agent"))
    assert body["total"] == 4  # the closed case left the worklist
    for item in body["items"]:
        expected = priority_of(
            outstanding=Decimal(item["outstanding"]),
            days_past_due=item["days_past_due"],
            probability=Decimal(item["probability"]),
        )
        assert item["priority"] == expected
    priorities = [item["priority"] for item in body["items"]]
    assert priorities == sorted(priorities, reverse=True)
    # W1 is the largest and oldest; W3 is older and larger than W2 but its debtor is insolvent, so its low
    # chance of recovery puts it last
    assert [item["reference"] for item in body["items"]] == ["W1", "W4", "W2", "W3"]


def test_a_creditor_token_sees_only_its_own_cases(scoring, cases):
    own = read(scoring, scoring.headers("creditor", CREDITOR_B))
    assert [item["case_id"] for item in own["items"]] == [cases["W4"].case_id] and own["total"] == 1
    other = scoring.client.get(
        "/api/v1/worklist", params={"creditor_id": CREDITOR_A}, headers=scoring.headers("creditor", CREDITOR_B)
    )
    assert other.status_code == 404
    stranger_case = scoring.client.get(
        f"/api/v1/scoring/cases/{cases['W1'].case_id}", headers=scoring.headers("creditor", CREDITOR_B)
    )
    assert stranger_case.status_code == 404


def test_the_worklist_filters_by_creditor_bucket_grade_and_agent(scoring, cases):
    staff = scoring.headers("agent")
    assert read(scoring, staff, creditor_id=CREDITOR_A)["total"] == 3
    recent = read(scoring, staff, bucket="0-30")
    assert [(i["case_id"], i["bucket"], i["days_past_due"]) for i in recent["items"]] == [
        (cases["W2"].case_id, "0-30", 14)
    ]
    assert [i["case_id"] for i in read(scoring, staff, grade="E")["items"]] == [cases["W3"].case_id]
    bad = scoring.client.get("/api/v1/worklist", params={"bucket": "45-50"}, headers=staff)
    assert bad.status_code == 422 and "bucket" in bad.json()["detail"]


def test_an_agent_is_assigned_cases_and_finds_them_in_the_worklist(scoring, cases):
    case_id = cases["W3"].case_id
    assigned = scoring.client.put(
        f"/api/v1/worklist/{case_id}/agent", json={"agent": "agent-7"}, headers=scoring.headers("supervisor")
    )
    assert assigned.status_code == 200 and assigned.json() == {"case_id": case_id, "agent": "agent-7"}
    mine = read(scoring, scoring.headers("agent"), agent="agent-7", page_size=1)
    assert [i["case_id"] for i in mine["items"]] == [case_id] and mine["items"][0]["agent"] == "agent-7"
    refused = scoring.client.put(
        f"/api/v1/worklist/{case_id}/agent", json={"agent": "x"}, headers=scoring.headers("creditor", CREDITOR_A)
    )
    assert refused.status_code == 403
    missing = scoring.client.put(
        f"/api/v1/worklist/{uuid.uuid4()}/agent", json={"agent": "x"}, headers=scoring.headers("agent")
    )
    assert missing.status_code == 404


def test_debts_age_without_events_and_the_next_business_day_rescores_them(scoring, cases):
    from scoring.scores.daily import daily_rescoring

    daily = daily_rescoring(engine=scoring.engine, clock=scoring.clock)
    assert daily.tick() == 4 and daily.tick() is None  # once per business day
    before = {item["reference"]: item for item in read(scoring, scoring.headers("agent"))["items"]}
    scoring.clock.advance(days=40)
    assert daily.tick() == 4
    after = {item["reference"]: item for item in read(scoring, scoring.headers("agent"))["items"]}
    assert after["W2"]["days_past_due"] == before["W2"]["days_past_due"] + 40
    assert after["W2"]["priority"] > before["W2"]["priority"]


def test_when_another_replica_is_already_rescoring_this_one_skips_the_day(scoring, cases):
    import zlib

    from sqlalchemy import text

    from scoring.scores.daily import daily_rescoring

    with scoring.engine.connect() as other_replica:
        other_replica.execute(
            text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(b"recouvra-daily:scoring-rescoring")}
        )
        assert daily_rescoring(engine=scoring.engine, clock=scoring.clock).tick() is None
        other_replica.rollback()
    assert daily_rescoring(engine=scoring.engine, clock=scoring.clock).tick() == 4
