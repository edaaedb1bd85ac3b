"""The request id follows one piece of work across processes: from the caller's `X-Request-ID` header,
into the JSON log lines written while the request runs, into the outbox row's Kafka headers, and from a
consumed record's headers into the consumer's log lines."""

import json
import logging
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from shared.consumer import EventConsumer
from shared.db import make_engine
from shared.events.identity import UserCreated
from shared.logs import REQUEST_ID_HEADER, configure_logging, request_id_var
from shared.outbox import OutboxMessage
from shared.relay import OutboxRelay
from workbench.testing.kafka import read_topic

from portal.main import create_app

ADMIN = {"grant_type": "password", "username": "admin@demo.example", "password": "demo-password"}


@pytest.fixture
def json_logs(capsys) -> Iterator[Callable[[], list[dict[str, object]]]]:
    """The JSON lines the production logging configuration wrote to stdout during the test. The root
    logger's handlers are put back afterwards, since `configure_logging` replaces them."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level

    def read() -> list[dict[str, object]]:
        out = capsys.readouterr().out
        return [json.loads(line) for line in out.splitlines() if line.startswith("{")]

    yield read
    root.handlers[:] = handlers
    root.setLevel(level)


def test_a_json_log_line_written_during_a_request_carries_that_request_id(json_logs):
    configure_logging("portal", "INFO")
    token = request_id_var.set("req-log-1")
    try:
        logging.getLogger("recouvra.tests").info("collection file opened")
    finally:
        request_id_var.reset(token)
    logging.getLogger("recouvra.tests").info("outside any request")
    inside, outside = json_logs()[-2:]
    assert inside["message"] == "collection file opened" and inside["request_id"] == "req-log-1"
    assert inside["service"] == "portal" and inside["level"] == "INFO"
    assert outside["request_id"] is None


def test_the_request_id_of_an_http_call_reaches_the_kafka_headers_then_the_consumer_logs(
    settings_for, clock, broker, json_logs
):
    settings = settings_for("portal", seed_demo=True)
    with TestClient(create_app(settings, clock=clock)) as portal:
        token = portal.post("/api/v1/auth/token", data=ADMIN).json()["access_token"]
        created = portal.post(
            "/api/v1/users",
            json={"email": "traced@client.example", "password": "a-long-password-1", "role": "agent"},
            headers={"Authorization": f"Bearer {token}", REQUEST_ID_HEADER: "req-trace-42"},
        )
    assert created.status_code == 201, created.text
    assert created.headers[REQUEST_ID_HEADER] == "req-trace-42"

    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            row = session.exec(select(OutboxMessage).where(OutboxMessage.event_type == UserCreated.type)).one()
        assert row.headers == {REQUEST_ID_HEADER: "req-trace-42"}

        relay = OutboxRelay(engine=engine, settings=settings)
        try:
            assert relay.publish_pending() == 1
        finally:
            relay.close()
        record = read_topic(broker.bootstrap, settings.kafka_topic_prefix + UserCreated.topic, expected=1)[0]
        assert (REQUEST_ID_HEADER, b"req-trace-42") in list(record.headers)

        seen_in_handler: list[str | None] = []

        def remember_request_id(*, session, event, envelope, clock):
            seen_in_handler.append(request_id_var.get())
            logging.getLogger("portal.tests").info("user noticed")

        consumer = EventConsumer(
            engine=engine, settings=settings, handlers={UserCreated: remember_request_id}, clock=clock
        )
        try:
            outcome = consumer.handle_record(record)
        finally:
            consumer.close()
    finally:
        engine.dispose()

    assert outcome.status == "applied"
    assert seen_in_handler == ["req-trace-42"]
    consumer_lines = [e for e in json_logs() if e["message"] in ("user noticed", "event applied")]
    assert {e["message"] for e in consumer_lines} == {"user noticed", "event applied"}
    assert all(e["request_id"] == "req-trace-42" for e in consumer_lines)
    assert request_id_var.get() is None  # the consumer does not leak the id into the next record
