"""Dunning's promises, payment plans and disputes count against the debtor and move its score, whenever they come."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from shared.consumer import EventConsumer, EventRefused
from shared.db import make_engine
from shared.events.dunning import (
    DisputeOpened,
    Instalment,
    PlanAgreed,
    PlanBreached,
    PromiseBroken,
    PromiseKept,
)
from shared.waiting_room import ParkedEvent
from workbench.testing.kafka import read_topic, relay_one

from scoring.handlers import HANDLERS
from scoring.portfolio.models import DebtorBehaviour

CREDITOR = str(uuid.uuid4())


def about(case, **fields):
    """The case fields every dunning event carries."""
    return {"case_id": case.case_id, "creditor_id": case.creditor_id, "debtor_id": case.debtor.debtor_id, **fields}


def placed(intake, debtor=None):
    debtor = debtor or intake.debtor("Dupont SARL")
    return intake.validated(CREDITOR, debtor, [intake.invoice("F-001", date(2026, 6, 1), date(2026, 7, 1), "1200.00")])


def behaviour(scoring, debtor_id: str) -> DebtorBehaviour:
    with Session(scoring.engine) as session:
        found = session.get(DebtorBehaviour, uuid.UUID(debtor_id))
        assert found is not None
        return found


def reasons(scoring, debtor_id: str) -> dict[str, dict]:
    response = scoring.client.get(f"/api/v1/debtors/{debtor_id}/score", headers=scoring.headers("agent"))
    assert response.status_code == 200, response.text
    return {reason["code"]: reason for reason in response.json()["reasons"]}


def test_promises_a_dispute_and_a_breached_plan_count_against_the_debtor_and_move_its_score(scoring, intake):
    case = placed(intake)
    scoring.apply(case, subject=case.case_id, tenant=CREDITOR)
    before = reasons(scoring, case.debtor.debtor_id)
    assert "PROMISES_BROKEN" not in before or before["PROMISES_BROKEN"]["value"] == 0

    for event in (
        PromiseKept(**about(case, promise_id="p-1", paid=Decimal("100.00"), kept_on=date(2026, 11, 2))),
        PromiseBroken(**about(case, promise_id="p-2", paid=Decimal("0"), broken_on=date(2026, 11, 9))),
        DisputeOpened(**about(case, dispute_id="d-1", reason="goods damaged", opened_on=date(2026, 11, 10))),
        PlanAgreed(
            **about(
                case,
                plan_id="pl-1",
                total=Decimal("1100.00"),
                instalments=[Instalment(due_on=date(2026, 12, 1), amount=Decimal("550.00"))] * 2,
            )
        ),
        PlanBreached(
            **about(
                case,
                plan_id="pl-1",
                missed_due_on=date(2026, 12, 1),
                breached_on=date(2026, 12, 9),
                next_action="resume",
            )
        ),
    ):
        scoring.apply(event, subject=case.case_id, tenant=CREDITOR)

    counted = behaviour(scoring, case.debtor.debtor_id)
    assert (
        counted.promises_kept,
        counted.promises_broken,
        counted.disputes_opened,
        counted.plans_agreed,
        counted.plans_breached,
    ) == (1, 1, 1, 1, 1)
    after = reasons(scoring, case.debtor.debtor_id)
    # the breached plan is a broken promise to the scorecard: two broken, one kept, one dispute
    assert (after["PROMISES_BROKEN"]["value"], after["PROMISES_BROKEN"]["contribution"]) == (2, "-0.80")
    assert (after["PROMISES_KEPT"]["value"], after["PROMISES_KEPT"]["contribution"]) == (1, "0.20")
    assert (after["DISPUTES"]["value"], after["DISPUTES"]["contribution"]) == (1, "-0.50")
    case_score = scoring.client.get(f"/api/v1/scoring/cases/{case.case_id}", headers=scoring.headers("agent")).json()
    assert Decimal(case_score["probability"]) < Decimal("0.7685"), "below the score it had at validation"


def test_a_dunning_event_naming_another_creditor_than_the_cases_is_refused(scoring, intake):
    case = placed(intake)
    scoring.apply(case, subject=case.case_id, tenant=CREDITOR)
    stranger = PromiseBroken(
        **{**about(case), "creditor_id": str(uuid.uuid4())},
        promise_id="p-9",
        paid=Decimal("0"),
        broken_on=date(2026, 11, 9),
    )
    with pytest.raises(EventRefused, match="belongs to creditor"):
        scoring.apply(stranger, subject=case.case_id, tenant=stranger.creditor_id)
    assert behaviour(scoring, case.debtor.debtor_id).promises_broken == 0


def publish(settings_for, clock, event) -> None:
    """Stand in for the producing service: stage the event in an outbox of another database and relay it."""
    # any migrated database with an outbox will do
    relay_one(settings_for("scoring"), clock, event, subject=event.case_id, tenant=event.creditor_id)


def test_a_promise_broken_before_its_case_was_validated_waits_for_the_validation_and_counts_once(
    scoring, intake, settings_for, clock, broker
):
    settings = scoring.client.app.state.runtime.settings
    engine = make_engine(settings.database_url, pool_size=1)
    consumer = EventConsumer(engine=engine, settings=settings, handlers=HANDLERS, clock=clock)

    def consume(expected: int) -> list[str]:
        outcomes = []
        for _ in range(60):
            outcomes += consumer.poll_once(timeout_ms=200)
            if len(outcomes) >= expected:
                break
        return [outcome.status for outcome in outcomes]

    try:
        case = placed(intake)
        broken = PromiseBroken(**about(case, promise_id="p-1", paid=Decimal("0"), broken_on=date(2026, 11, 9)))
        publish(settings_for, clock, broken)
        assert consume(1) == ["parked"], "dunning's event overtook intake's validation: it waits"

        publish(settings_for, clock, case)
        assert consume(1) == ["applied"]
        with Session(engine) as session:
            assert session.exec(select(func.count()).select_from(ParkedEvent)).one() == 0
        assert behaviour(scoring, case.debtor.debtor_id).promises_broken == 1
        assert reasons(scoring, case.debtor.debtor_id)["PROMISES_BROKEN"]["value"] == 1

        # both delivered again (an offset commit lost): the inbox knows them
        again = [
            record
            for topic in ("dunning.actions", "intake.cases")
            for record in read_topic(broker.bootstrap, settings.kafka_topic_prefix + topic, expected=1)
        ]
        assert [consumer.handle_record(record).status for record in again] == ["duplicate", "duplicate"]
        assert behaviour(scoring, case.debtor.debtor_id).promises_broken == 1
    finally:
        consumer.close()
        engine.dispose()
