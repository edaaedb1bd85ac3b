"""Intake and scoring agree per currency (docs/rules.md §0.1): a case's invoices are all in the case's currency, so
scoring's aged balance, fed by intake's own recorded events, files a dollar case's principal under USD, exactly the
principal intake's statement shows, and nothing of it (not its indemnities, owed in euros apart) under EUR."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from shared.demo import DEMO_CREDITOR_ID
from shared.events.base import event_class_for
from shared.events.envelope import CloudEvent
from shared.outbox import OutboxMessage

from intake.main import create_app as create_intake
from scoring.handlers import HANDLERS as SCORING_HANDLERS
from scoring.main import create_app as create_scoring

DEBTOR = {
    "type": "company",
    "name": "Yankee Trading SARL",
    "siren": "732829320",
    "address": {"line1": "3 rue du Louvre", "postal_code": "75001", "city": "Paris", "country": "FR"},
}


def invoice(number: str, due: str, amount: str, currency: str) -> dict[str, str]:
    return {"number": number, "issue_date": "2026-06-01", "due_date": due, "amount": amount, "currency": currency}


@pytest.fixture
def apps(settings_for, clock, verifier, tmp_path) -> Iterator[tuple[TestClient, TestClient]]:
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    intake_settings = settings_for(
        "intake", seed_demo=True, documents_dir=tmp_path / "documents", agency_iban="FR7630006000011234567890189"
    )
    with (
        TestClient(create_intake(intake_settings, clock=clock, verifier=verifier)) as intake,
        TestClient(create_scoring(settings_for("scoring"), clock=clock, verifier=verifier)) as scoring,
    ):
        intake.headers["Accept-Language"] = scoring.headers["Accept-Language"] = "en"
        yield intake, scoring


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


def replay_intake_into_scoring(intake: TestClient, scoring: TestClient) -> None:
    """Intake's outbox, in the order it recorded it, through scoring's handlers, one transaction each."""
    engine = intake.app.state.runtime.engine  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    with Session(engine) as session:
        envelopes = [
            CloudEvent.model_validate(row.envelope)
            for row in session.exec(select(OutboxMessage).order_by(col(OutboxMessage.seq))).all()
        ]
    runtime = scoring.app.state.runtime  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    for envelope in envelopes:
        event_cls = event_class_for(envelope.type)
        if event_cls is None or event_cls not in SCORING_HANDLERS:
            continue
        with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
            SCORING_HANDLERS[event_cls](
                session=session, event=event_cls.model_validate(envelope.data), envelope=envelope, clock=runtime.clock
            )


def test_scorings_aged_balance_files_a_dollar_case_under_usd_as_intakes_statement_shows_it(apps, issue_token):
    intake, scoring = apps
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    agent = {"Authorization": f"Bearer {issue_token('agent', subject='agent-1')}"}

    def open_case(reference: str, invoices: list[dict[str, str]]) -> dict[str, Any]:
        body = {"reference": reference, "kind": "b2b", "debtor": DEBTOR, "invoices": invoices}
        case = ok(intake.post("/api/v1/cases", json=body, headers=creditor))
        reason = {"override_reason": "documents received by post"}
        return ok(intake.post(f"/api/v1/cases/{case['id']}/validate", json=reason, headers=agent))

    mixed = [invoice("M-1", "2026-07-01", "100.00", "USD"), invoice("M-2", "2026-07-01", "100.00", "EUR")]
    refused = intake.post(
        "/api/v1/cases",
        json={"reference": "MIX-1", "kind": "b2b", "debtor": DEBTOR, "invoices": mixed},
        headers=creditor,
    )
    assert refused.status_code == 422 and refused.json()["field"] == "invoices[1].currency"
    dollars = open_case(
        "USD-1", [invoice("U-1", "2026-07-01", "100.00", "USD"), invoice("U-2", "2026-09-01", "250.00", "USD")]
    )
    open_case("EUR-1", [invoice("E-1", "2026-08-01", "300.00", "EUR")])
    payment = {
        "case_id": dollars["id"],
        "amount": "120.00",
        "currency": "USD",
        "received_on": "2026-10-15",
        "source": "debtor_to_agency",
        "reference": "WIRE-USD-1",
    }
    ok(intake.post("/api/v1/payments", json=payment, headers=agent))
    statement = ok(intake.get(f"/api/v1/cases/{dollars['id']}/statement?as_of=2026-11-24", headers=creditor))
    replay_intake_into_scoring(intake, scoring)

    def aged(currency: str) -> dict[str, Any]:
        query = f"/api/v1/aged-balance?as_of=2026-11-24&currency={currency}"
        return ok(scoring.get(query, headers={"Authorization": f"Bearer {issue_token('supervisor')}"}))

    principal_left = sum((Decimal(line["principal"]) for line in statement["invoices"]), Decimal(0))
    assert statement["currency"] == "USD" and principal_left > 0
    assert Decimal(aged("USD")["total"]) == principal_left
    # the euro balance holds the euro case alone: nothing of the dollar case, not its indemnities in euros either
    assert (statement["indemnities_apart"], statement["indemnities_apart_currency"]) == ("80.00", "EUR")
    assert Decimal(aged("EUR")["total"]) == Decimal("300.00")
