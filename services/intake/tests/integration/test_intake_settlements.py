"""A settlement dunning reports honoured: intake writes off what the case still owes that day (no money moved, no
commission, no receipt) and closes the case as settled, once however often the event comes; a case of another
creditor is refused. A mandate says how low the agency may settle alone, and its event carries its bounds."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from shared.consumer import EventRefused
from shared.demo import DEMO_CREDITOR_ID
from shared.events.dunning_settlements import SettlementHonoured
from shared.events.envelope import CloudEvent
from shared.outbox import OutboxMessage

from intake.handlers import HANDLERS


def honoured(case: dict, *, on: str, creditor_id: str | None = None, settlement_id: str | None = None):
    return SettlementHonoured(
        case_id=case["id"],
        creditor_id=creditor_id or case["creditor_id"],
        debtor_id=case["debtor"]["id"] if "debtor" in case else str(uuid.uuid4()),
        settlement_id=settlement_id or str(uuid.uuid4()),
        amount=Decimal("800.00"),
        paid=Decimal("800.00"),
        honoured_on=date.fromisoformat(on),
    )


def apply(api, event) -> None:
    clock = api.client.app.state.runtime.clock
    envelope = CloudEvent.wrap(event, subject=event.case_id, tenant=event.creditor_id, time=clock.now())
    with Session(api.engine, expire_on_commit=False) as session, session.begin():
        HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=clock)


def test_an_honoured_settlement_writes_off_the_rest_once_and_closes_the_case_as_settled(
    api, open_case, pay, invoice, set_today
):
    case = open_case("SETTLE-1", [invoice("F-1", "2026-03-01", "1000.00")], kind="b2c")
    set_today("2026-05-05")
    assert pay(case, "800.00", "2026-05-04").status_code == 201
    event = honoured(case, on="2026-05-05")
    apply(api, event)
    apply(api, event)  # delivered twice: written off once

    payments = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()["items"]
    [write_off] = [p for p in payments if p["source"] == "write_off"]
    assert (write_off["amount"], write_off["reference"], write_off["commission"], write_off["receipt_url"]) == (
        "200.00",
        f"ACCORD-{event.settlement_id}",
        "0.00",
        None,
    )
    closed = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()
    assert (closed["status"], closed["closure_reason"]) == ("closed", "settled")
    with Session(api.engine) as session:
        closings = session.exec(
            select(OutboxMessage).where(OutboxMessage.event_type == "recouvra.intake.case.closed.v1")
        ).all()
    assert [row.envelope["data"]["reason"] for row in closings if row.envelope["data"]["case_id"] == case["id"]] == [
        "settled"
    ]
    apply(api, honoured(case, on="2026-05-05"))  # another settlement's event on a closed case: nothing more
    after = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()["items"]
    assert len(after) == len(payments)


def test_the_write_off_covers_the_penalties_and_indemnity_the_statement_gives_on_the_day(
    api, open_case, pay, invoice, set_today, statement
):
    case = open_case("SETTLE-B2B", [invoice("F-1", "2026-03-01", "1000.00")])
    set_today("2026-05-05")
    assert pay(case, "800.00", "2026-05-04").status_code == 201
    owed = Decimal(statement(case, "2026-05-05")["balance"])
    assert owed > Decimal("200.00")  # the B2B case owes the 40.00 indemnity and penalties besides the principal
    apply(api, honoured(case, on="2026-05-05"))
    payments = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()["items"]
    [write_off] = [p for p in payments if p["source"] == "write_off"]
    assert Decimal(write_off["amount"]) == owed
    assert Decimal(statement(case, "2026-05-05")["balance"]) == 0


def test_a_settlement_naming_another_creditor_or_an_unknown_case_is_refused(api, open_case, invoice):
    case = open_case("SETTLE-OTHER", [invoice("F-1", "2026-03-01", "1000.00")], kind="b2c")
    with pytest.raises(EventRefused, match="belongs to creditor"):
        apply(api, honoured(case, on="2026-05-05", creditor_id=str(uuid.uuid4())))
    with pytest.raises(EventRefused, match="which intake does not hold"):
        apply(api, honoured({**case, "id": str(uuid.uuid4())}, on="2026-05-05"))


def test_a_mandate_says_how_low_the_agency_may_settle_alone_and_its_event_carries_its_bounds(api):
    path = f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates"
    body = {"commission_rate": "0.15", "phases": ["amicable"], "max_instalments": 6, "max_plan_months": 4}
    as_float = api.client.post(path, headers=api.admin, json={**body, "settlement_floor": 0.8})
    assert as_float.status_code == 422 and "never" in as_float.text
    too_high = api.client.post(path, headers=api.admin, json={**body, "settlement_floor": "1.5"})
    assert too_high.status_code == 422, too_high.text
    signed = api.client.post(path, headers=api.admin, json={**body, "settlement_floor": "0.80"})
    assert signed.status_code == 201, signed.text
    assert Decimal(signed.json()["settlement_floor"]) == Decimal("0.8")
    with Session(api.engine) as session:
        rows = session.exec(
            select(OutboxMessage).where(OutboxMessage.event_type == "recouvra.intake.mandate.signed.v1")
        ).all()
    [event] = [row.envelope["data"] for row in rows if row.envelope["data"]["mandate_id"] == signed.json()["id"]]
    assert (event["max_instalments"], event["min_instalment"], event["max_plan_months"]) == (6, "50.00", 4)
    assert Decimal(event["settlement_floor"]) == Decimal("0.8")
