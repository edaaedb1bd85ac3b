"""Legal's court procedures reach intake through its real consumer path (inbox, dead-letter topic and all): a
procedure opened moves the case to the legal phase, once, so that dunning stops; what an insolvency administrator
pays becomes a payment, once per reference; an event for a case intake does not hold, or of another creditor, is
refused."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from kafka.consumer.fetcher import ConsumerRecord

from shared.consumer import EventConsumer
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.events.legal_procedures import AdministratorPaid, ProcedureClosed, ProcedureOpened
from workbench.testing.kafka import read_topic

from intake.handlers import HANDLERS


def as_record(api, event: Event, case_id: str, offset: int, envelope: CloudEvent | None = None) -> ConsumerRecord:
    clock = api.client.app.state.runtime.clock
    envelope = envelope or CloudEvent.wrap(event, subject=case_id, tenant=None, time=clock.now())
    return ConsumerRecord(
        topic=api.settings.kafka_topic_prefix + event.topic,
        partition=0,
        leader_epoch=-1,
        offset=offset,
        timestamp=0,
        timestamp_type=0,
        key=case_id.encode(),
        value=envelope.to_bytes(),
        headers=[],
        checksum=None,
        serialized_key_size=-1,
        serialized_value_size=-1,
        serialized_header_size=-1,
    )


def deliver(api, *records: ConsumerRecord) -> list[str]:
    consumer = EventConsumer(
        engine=api.engine, settings=api.settings, handlers=HANDLERS, clock=api.client.app.state.runtime.clock
    )
    try:
        return [consumer.handle_record(record).status for record in records]
    finally:
        consumer.close()


def opened(case: dict, **changes: str) -> ProcedureOpened:
    fields = {
        "case_id": case["id"],
        "creditor_id": case["creditor_id"],
        "debtor_id": case["debtor"]["id"],
        "procedure_id": str(uuid.uuid4()),
        "kind": "injonction_de_payer",
        "court": "tribunal_de_commerce",
        "opened_on": date(2026, 11, 24),
        "approved_by": "supervisor-1",
    }
    return ProcedureOpened(**{**fields, **changes})


def validated(api, open_case, invoice, reference: str) -> dict:
    case = open_case(reference, [invoice("F-1", "2026-06-01", "1200.00")])
    answer = api.client.post(
        f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "pièces vues"}, headers=api.agent
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_procedure_opened_moves_the_case_to_the_legal_phase_once(api, open_case, invoice):
    case = validated(api, open_case, invoice, "LEG-1")
    assert case["status"] == "amicable"
    event = opened(case)
    envelope = CloudEvent.wrap(event, subject=case["id"], tenant=None, time=api.client.app.state.runtime.clock.now())
    first, redelivered = (as_record(api, event, case["id"], n, envelope) for n in (0, 1))
    assert deliver(api, first, redelivered) == [
        "applied",
        "duplicate",
    ]
    again = opened(case)  # a second procedure after a rejected one: the case is already there
    assert deliver(api, as_record(api, again, case["id"], 2)) == ["applied"]

    shown = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.agent).json()
    assert shown["status"] == "legal"
    audit = api.client.get(f"/api/v1/cases/{case['id']}/audit", headers=api.agent).json()
    assert [(e["action"], e["actor"]) for e in audit if e["action"] == "case.legal"] == [("case.legal", "system")]


def test_an_administrators_payment_is_recorded_once(api, open_case, invoice, statement):
    case = validated(api, open_case, invoice, "LEG-2")
    paid = AdministratorPaid(
        case_id=case["id"],
        creditor_id=case["creditor_id"],
        claim_id=str(uuid.uuid4()),
        amount=Decimal("300.00"),
        paid_on=date(2026, 11, 20),
        reference="MJ-2026-0042",
    )
    assert deliver(api, as_record(api, paid, case["id"], 0)) == ["applied"]
    assert deliver(api, as_record(api, paid.model_copy(), case["id"], 1)) == ["applied"]  # a new delivery, same ref

    payments = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.agent).json()
    items = payments["items"] if isinstance(payments, dict) else payments
    assert [(p["amount"], p["reference"], p["source"]) for p in items] == [
        ("300.00", "MJ-2026-0042", "debtor_to_agency")
    ]
    assert statement(case, "2026-11-24")["paid"] == "300.00"


def test_events_for_a_case_intake_does_not_hold_or_of_another_creditor_are_refused(api, open_case, invoice, broker):
    case = validated(api, open_case, invoice, "LEG-3")
    unknown = opened({**case, "id": str(uuid.uuid4())})
    stranger = opened(case, creditor_id=str(uuid.uuid4()))
    draft = open_case("LEG-4", [invoice("F-4", "2026-06-01", "100.00")])
    records = [
        as_record(api, unknown, unknown.case_id, 0),
        as_record(api, stranger, case["id"], 1),
        as_record(api, opened(draft), draft["id"], 2),
    ]
    assert deliver(api, *records) == ["dead_lettered"] * 3
    dead = read_topic(broker.bootstrap, api.settings.kafka_topic_prefix + "legal.procedures.dlq", expected=3)
    errors = [dict(record.headers)["error"].decode() for record in dead]
    assert "which intake does not hold" in errors[0]
    assert "but the case belongs to creditor" in errors[1]
    assert "which is submitted" in errors[2]
    assert api.client.get(f"/api/v1/cases/{case['id']}", headers=api.agent).json()["status"] == "amicable"


def test_a_procedure_closed_is_written_in_the_cases_history_once_and_the_case_stays_in_the_legal_phase(
    api, open_case, invoice
):
    case = validated(api, open_case, invoice, "LEG-5")
    procedure = opened(case)
    closed = ProcedureClosed(
        case_id=case["id"],
        creditor_id=case["creditor_id"],
        procedure_id=procedure.procedure_id,
        last_state="rejected",
        closed_on=date(2026, 12, 1),
        note="ordonnance de rejet, pièces insuffisantes",
    )
    replayed = closed.model_copy()  # the same close under another event id (a replay from legal's outbox)
    records = [as_record(api, event, case["id"], n) for n, event in enumerate((procedure, closed, replayed))]
    assert deliver(api, *records) == ["applied", "applied", "applied"]

    assert api.client.get(f"/api/v1/cases/{case['id']}", headers=api.agent).json()["status"] == "legal"
    audit = api.client.get(f"/api/v1/cases/{case['id']}/audit", headers=api.agent).json()
    [entry] = [e for e in audit if e["action"] == "case.procedure_closed"]
    assert entry["actor"] == "system" and entry["reason"] == "ordonnance de rejet, pièces insuffisantes"
    assert entry["details"] == {
        "procedure_id": procedure.procedure_id,
        "last_state": "rejected",
        "closed_on": "2026-12-01",
    }
    stranger = closed.model_copy(update={"creditor_id": str(uuid.uuid4())})
    assert deliver(api, as_record(api, stranger, case["id"], 3)) == ["dead_lettered"]
