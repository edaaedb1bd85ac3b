"""A formal notice dunning reports as received sets the case's notice: a consumer's legal interest runs from its
receipt (docs/rules.md §3.1). Delivered through intake's real consumer path: inbox, dead-letter topic and all."""

from __future__ import annotations

import uuid
from datetime import date

from kafka.consumer.fetcher import ConsumerRecord
from sqlmodel import Session

from shared.consumer import EventConsumer
from shared.events.dunning import FormalNoticeReceived
from shared.events.envelope import CloudEvent
from workbench.testing.kafka import read_topic

from intake.cases.models import Case
from intake.handlers import HANDLERS


def notice(case: dict, sent_on: str, received_on: str, **changes: str) -> FormalNoticeReceived:
    return FormalNoticeReceived(
        **{
            "case_id": case["id"],
            "creditor_id": case["creditor_id"],
            "debtor_id": case["debtor"]["id"],
            "message_id": f"msg-{sent_on}",
            "sent_on": date.fromisoformat(sent_on),
            "received_on": date.fromisoformat(received_on),
            **changes,
        }
    )


def as_record(api, event: FormalNoticeReceived, offset: int = 0) -> ConsumerRecord:
    """The record the broker would hand intake: dunning's envelope, keyed by the case."""
    clock = api.client.app.state.runtime.clock
    envelope = CloudEvent.wrap(event, subject=event.case_id, tenant=event.creditor_id, time=clock.now())
    return ConsumerRecord(
        topic=api.settings.kafka_topic_prefix + event.topic,
        partition=0,
        leader_epoch=-1,
        offset=offset,
        timestamp=0,
        timestamp_type=0,
        key=event.case_id.encode(),
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


def held_notice(api, case: dict) -> tuple[str | None, str | None]:
    with Session(api.engine) as session:
        held = session.get(Case, uuid.UUID(case["id"]))
        assert held is not None
        return (
            held.formal_notice_on.isoformat() if held.formal_notice_on else None,
            held.formal_notice_received_on.isoformat() if held.formal_notice_received_on else None,
        )


def test_a_formal_notice_dunning_reports_as_received_starts_a_consumers_interest_from_its_receipt(
    api, open_case, statement, invoice
):
    case = open_case("FN-CONSO", [invoice("F-K", "2026-01-05", "2000.00")], kind="b2c")
    assert statement(case, "2026-04-10")["interest"] == "0.00"

    assert deliver(api, as_record(api, notice(case, "2026-01-07", "2026-01-10"))) == ["applied"]

    account = statement(case, "2026-04-10")
    # 2,000.00 at 2.62 % for the 90 days after the receipt (11 January to 10 April): docs/rules.md §3.1
    assert (account["formal_notice_on"], account["interest"], account["balance"]) == ("2026-01-07", "12.92", "2012.92")
    interest = next(line for line in account["lines"] if line["kind"] == "interest")
    assert interest["periods"][0]["start"] == "2026-01-11"
    audit = api.client.get(f"/api/v1/cases/{case['id']}/audit", headers=api.creditor).json()
    entry = next(e for e in audit if e["action"] == "case.formal_notice_received")
    assert (entry["actor"], entry["details"]["source"], entry["details"]["message_id"]) == (
        "system",
        "dunning",
        "msg-2026-01-07",
    )
    assert (entry["details"]["previous_sent_on"], entry["details"]["previous_received_on"]) == (None, None)


def test_the_case_keeps_the_earliest_receipt_whatever_comes_again_or_later(api, open_case, invoice):
    case = open_case("FN-KEEP", [invoice("F-1", "2026-03-01", "500.00")], kind="b2c")
    first = as_record(api, notice(case, "2026-04-01", "2026-04-03"), offset=0)
    later = as_record(api, notice(case, "2026-05-02", "2026-05-05"), offset=1)
    assert deliver(api, first, first, later) == ["applied", "duplicate", "applied"]
    assert held_notice(api, case) == ("2026-04-01", "2026-04-03"), "a later notice does not move the interest"

    # a notice that reached the debtor earlier still wins, whenever it is reported
    earlier = as_record(api, notice(case, "2026-03-20", "2026-03-25"), offset=2)
    assert deliver(api, earlier) == ["applied"]
    assert held_notice(api, case) == ("2026-03-20", "2026-03-25")
    received = [
        e
        for e in api.client.get(f"/api/v1/cases/{case['id']}/audit", headers=api.agent).json()
        if e["action"] == "case.formal_notice_received"
    ]
    assert len(received) == 2, "one entry per change, none for the later notice or the second delivery"

    corrected = api.client.put(
        f"/api/v1/cases/{case['id']}/formal-notice",
        json={"sent_on": "2026-03-20", "received_on": "2026-03-27"},
        headers=api.agent,
    )
    assert corrected.status_code == 200, "staff can still correct the dates by hand"
    assert held_notice(api, case) == ("2026-03-20", "2026-03-27")


def test_a_receipt_replaces_a_sending_date_staff_recorded_alone(api, open_case, invoice, statement):
    case = open_case("FN-SENT", [invoice("F-1", "2026-01-05", "2000.00")], kind="b2c")
    api.client.put(f"/api/v1/cases/{case['id']}/formal-notice", json={"sent_on": "2026-01-05"}, headers=api.agent)

    assert deliver(api, as_record(api, notice(case, "2026-01-07", "2026-01-10"))) == ["applied"]

    assert held_notice(api, case) == ("2026-01-07", "2026-01-10")
    assert statement(case, "2026-04-10")["interest"] == "12.92", "from the receipt, no longer from the sending"


def test_a_notice_for_a_case_intake_does_not_hold_or_of_another_creditor_goes_to_the_dead_letter_topic(
    api, open_case, invoice, broker
):
    case = open_case("FN-REFUSED", [invoice("F-1", "2026-03-01", "500.00")])
    unknown = notice({**case, "id": str(uuid.uuid4())}, "2026-04-01", "2026-04-03")
    stranger = notice(case, "2026-04-01", "2026-04-03", creditor_id=str(uuid.uuid4()))
    backwards = notice(case, "2026-04-03", "2026-04-01")

    assert (
        deliver(api, *(as_record(api, e, offset=i) for i, e in enumerate((unknown, stranger, backwards))))
        == ["dead_lettered"] * 3
    )

    dead = read_topic(broker.bootstrap, api.settings.kafka_topic_prefix + "dunning.actions.dlq", expected=3)
    errors = [dict(record.headers)["error"].decode() for record in dead]
    assert "which intake does not hold" in errors[0]
    assert "but the case belongs to creditor" in errors[1]
    assert "before it was sent" in errors[2]
    assert held_notice(api, case) == (None, None)
