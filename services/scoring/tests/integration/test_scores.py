"""A case validated in intake gets a score with reasons, through the real relay, broker and consumer."""

import uuid
from datetime import date

from shared.consumer import EventConsumer
from shared.db import make_engine
from shared.events.intake import CaseStatusChanged
from workbench.testing.kafka import relay_one

from scoring.config import Settings
from scoring.handlers import HANDLERS

CREDITOR = str(uuid.uuid4())


def publish_from_another_database(settings_for, clock, event) -> None:
    """Stand in for intake: stage the event in an outbox of another database and relay it to the broker."""
    # any migrated database with an outbox will do
    relay_one(settings_for("scoring"), clock, event, subject=event.case_id, tenant=event.creditor_id)


def consume(settings: Settings, clock, *, expected: int) -> list[str]:
    engine = make_engine(settings.database_url, pool_size=1)
    consumer = EventConsumer(engine=engine, settings=settings, handlers=HANDLERS, clock=clock)
    outcomes = []
    try:
        for _ in range(60):
            outcomes += consumer.poll_once(timeout_ms=200)
            if len(outcomes) >= expected:
                break
    finally:
        consumer.close()
        engine.dispose()
    return [outcome.status for outcome in outcomes]


def test_a_validated_case_has_a_score_with_reasons_readable_through_the_api(scoring, intake, settings_for, clock):
    debtor = intake.debtor("Dupont SARL")
    case = intake.validated(CREDITOR, debtor, [intake.invoice("F-001", date(2026, 6, 1), date(2026, 7, 1), "1200.00")])
    publish_from_another_database(settings_for, clock, case)
    settings = scoring.client.app.state.runtime.settings
    assert consume(settings, clock, expected=1) == ["applied"]

    response = scoring.client.get(f"/api/v1/debtors/{debtor.debtor_id}/score", headers=scoring.headers("agent"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["model_version"] == "expert-1" and body["grade"] in "ABCDE" and 0 < float(body["probability"]) < 1
    reasons = {reason["code"]: reason for reason in body["reasons"]}
    # 1200 EUR, 146 days past due, a 14-year-old SARL reachable on three channels
    assert reasons["DEBT_AGE"]["value"] == 146 and reasons["DEBT_AGE"]["contribution"] == "-0.30"
    assert reasons["AMOUNT"]["contribution"] == "0.10"
    assert "lowers the chance of recovery" in reasons["DEBT_AGE"]["text"]
    # 0.80 + 0.10 - 0.30 + 0.30 (company age) + 0.30 (contactability) = 1.20 -> 0.7685, grade B
    assert body["probability"] == "0.7685" and body["grade"] == "B"

    own = scoring.client.get(f"/api/v1/debtors/{debtor.debtor_id}/score", headers=scoring.headers("creditor", CREDITOR))
    assert own.status_code == 200
    stranger = scoring.client.get(
        f"/api/v1/debtors/{debtor.debtor_id}/score", headers=scoring.headers("creditor", uuid.uuid4())
    )
    assert stranger.status_code == 404

    case_score = scoring.client.get(f"/api/v1/scoring/cases/{case.case_id}", headers=scoring.headers("agent")).json()
    assert case_score["probability"] == "0.7685" and case_score["band"] in {"P1", "P2", "P3", "P4"}
    stored = scoring.client.get(f"/api/v1/scoring/scores/{body['score_id']}", headers=scoring.headers("agent")).json()
    assert stored["inputs"]["outstanding"] == "1200.00" and stored["inputs"]["days_past_due"] == 146

    assert scoring.outbox("recouvra.scoring.debtor.scored.v1") == [
        {
            "debtor_id": debtor.debtor_id,
            "probability": "0.7685",
            "grade": "B",
            "previous_grade": None,
            "model_version": "expert-1",
        }
    ]
    assert [e["band"] for e in scoring.outbox("recouvra.scoring.case.prioritized.v1")] == [case_score["band"]]


def test_the_grade_is_published_only_when_it_changes(scoring, intake):
    debtor = intake.debtor("Martin SAS")
    case = intake.validated(CREDITOR, debtor, [intake.invoice("F-1", date(2026, 10, 1), date(2026, 11, 1), "900.00")])
    scoring.apply(case)
    scoring.apply(
        CaseStatusChanged(case_id=case.case_id, creditor_id=CREDITOR, from_status="amicable", to_status="formal_notice")
    )
    assert len(scoring.outbox("recouvra.scoring.debtor.scored.v1")) == 1
    scoring.apply(intake.debtor_updated(debtor, insolvency=True))
    published = scoring.outbox("recouvra.scoring.debtor.scored.v1")
    assert [(e["grade"], e.get("previous_grade")) for e in published] == [("A", None), ("E", "A")]
    history = scoring.client.get(f"/api/v1/debtors/{debtor.debtor_id}/scores", headers=scoring.headers("agent")).json()
    assert len([s for s in history["items"] if s["case_id"] is None]) == 3


def test_an_unknown_debtor_or_a_malformed_id_is_answered_plainly(scoring):
    missing = scoring.client.get(f"/api/v1/debtors/{uuid.uuid4()}/score", headers=scoring.headers("agent"))
    assert missing.status_code == 404 and "no score" in missing.json()["detail"]
    assert scoring.client.get("/api/v1/debtors/not-an-id/score", headers=scoring.headers("agent")).status_code == 422
    assert scoring.client.get(f"/api/v1/debtors/{uuid.uuid4()}/score").status_code == 401
