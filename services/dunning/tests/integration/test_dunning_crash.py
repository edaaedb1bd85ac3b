"""Killing the dunning service with SIGKILL in the middle of sending 1,000 due e-mails, then restarting it,
delivers each e-mail exactly once (issue 13's "done when"), counted in the Maildir of the real SMTP server.

The 1,000 first e-mails are prepared in this process (cases validated through the handlers, the scheduler's
prepare pass with the conftest's `StaticFacts`), so the service, started as a separate process on the same
database, only sends: it needs neither intake nor the portal, and with every case's step already `sending`
nothing else is due whatever the system clock says."""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from shared.outbox import OutboxMessage
from workbench.stack.broker import free_port
from workbench.testing.moments import at

from dunning.domain.context import Party
from dunning.main import contact_rules
from dunning.messages.models import Message
from dunning.outbound.preparing import prepare_due_steps
from dunning.steps.models import DunningStep

EMAILS = 1_000
KILL_AFTER = 225  # e-mails in the Maildir when the process is killed: in the middle of the fifth batch of 50
UVICORN = (sys.executable, "-m", "uvicorn", "--factory", "dunning.main:create_app", "--host", "127.0.0.1")
DUE = date(2026, 11, 2)  # a Monday: the first e-mail falls due on Saturday 7 November


def wait_until(condition: Callable[[], bool], *, timeout_s: float, what: str, poll_s: float = 0.005) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout_s:.0f} s: {what}")
        time.sleep(poll_s)


@pytest.fixture
def service_process(dunning, mail_server, broker, topic_prefix, tmp_path) -> Iterator[Callable[[], subprocess.Popen]]:
    """`start()` runs the dunning service as uvicorn runs it in production, with its workers (scheduler,
    relay, consumer) on; every process started is killed at the end of the test whatever happened."""
    settings = dunning.facts.settings
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("RECOUVRA_", "DUNNING_"))}
    environment.update(
        {
            "XDG_RUNTIME_DIR": os.environ.get("XDG_RUNTIME_DIR", "/tmp"),
            "DUNNING_DATABASE_URL": settings.database_url,
            "DUNNING_SCHEDULER_INTERVAL_S": "0.2",
            "DUNNING_SEND_BATCH": "50",
            "DUNNING_AGENCY_IBAN": settings.agency_iban,
            "RECOUVRA_RUN_WORKERS": "true",
            "RECOUVRA_PROFILE": "test",
            "RECOUVRA_SERVICE_URLS": "{}",
            "RECOUVRA_SMTP_HOST": mail_server.host,
            "RECOUVRA_SMTP_PORT": str(mail_server.port),
            "RECOUVRA_KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
            "RECOUVRA_KAFKA_TOPIC_PREFIX": topic_prefix,
            "RECOUVRA_KAFKA_SESSION_TIMEOUT_MS": "1500",
            "RECOUVRA_KAFKA_HEARTBEAT_INTERVAL_MS": "300",
        }
    )
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        log = open(tmp_path / f"dunning-{len(started)}.log", "wb")  # noqa: SIM115  (closed with the process)
        process = subprocess.Popen(
            [*UVICORN, "--port", str(free_port()), "--log-level", "warning"],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def maildir_files(mail_server) -> int:
    return len(os.listdir(Path(mail_server.path) / "new"))


def recipients_in_maildir(mail_server, ours: set[str]) -> collections.Counter[str]:
    """How many stored messages each of `ours` received (the Maildir is shared by the whole test run)."""
    received: collections.Counter[str] = collections.Counter()
    for message in mail_server.messages():
        for address in message["To"].addresses:
            if address.addr_spec in ours:
                received[address.addr_spec] += 1
    return received


def test_a_sigkill_in_the_middle_of_sending_1000_emails_delivers_each_exactly_once(
    dunning, mail_server, service_process, tmp_path
):
    tag = uuid.uuid4().hex[:8]
    addresses = [f"crash-{tag}-{n}@debiteur.example" for n in range(EMAILS)]
    dunning.clock.set(at(DUE, 8))
    for address in addresses:
        case = dunning.validate_case(due=DUE)
        dunning.facts.debtors[uuid.UUID(case.case_id)] = Party(
            name="Débiteur SARL", address_lines=("3 avenue des Tilleuls", "33000 Bordeaux"), email=address
        )
    dunning.clock.set(at(date(2026, 11, 9), 10))  # Monday 9 November: the first e-mail of every case is due
    rules = contact_rules(dunning.facts.settings)
    engine, clock, facts = dunning.engine, dunning.clock, dunning.facts
    prepared = prepare_due_steps(engine=engine, clock=clock, facts=facts, rules=rules, batch=200)
    assert prepared.prepared == EMAILS, prepared

    def messages_by_status() -> dict[str, int]:
        with Session(dunning.engine) as session:
            rows = session.exec(select(Message.status, func.count()).group_by(col(Message.status))).all()
        return dict(rows)

    assert messages_by_status() == {"prepared": EMAILS}
    before = maildir_files(mail_server)

    first = service_process()

    def killed_mid_sending() -> bool:
        assert first.poll() is None, (tmp_path / "dunning-0.log").read_text(errors="replace")
        return maildir_files(mail_server) - before >= KILL_AFTER

    wait_until(killed_mid_sending, timeout_s=60, what=f"{KILL_AFTER} e-mails in the Maildir")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    delivered_at_kill = maildir_files(mail_server) - before
    sent_at_kill = messages_by_status().get("sent", 0)
    assert 0 < delivered_at_kill < EMAILS, delivered_at_kill
    assert sent_at_kill <= delivered_at_kill  # a batch commits only once all of it reached the server
    print(f"\nkilled with {delivered_at_kill} e-mails in the Maildir and {sent_at_kill} marked sent")

    second = service_process()

    def all_sent() -> bool:
        assert second.poll() is None, (tmp_path / "dunning-1.log").read_text(errors="replace")
        return messages_by_status() == {"sent": EMAILS}

    wait_until(all_sent, timeout_s=120, what=f"{EMAILS} messages sent", poll_s=0.2)
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=30)

    received = recipients_in_maildir(mail_server, set(addresses))
    assert len(received) == EMAILS and set(received.values()) == {1}, collections.Counter(received.values())
    assert maildir_files(mail_server) - before == EMAILS
    with Session(dunning.engine) as session:
        sent_events = session.exec(
            select(OutboxMessage.envelope).where(OutboxMessage.event_type == "recouvra.dunning.message.sent.v1")
        ).all()
        steps = collections.Counter(session.exec(select(DunningStep.code, DunningStep.status)).all())
    assert len(sent_events) == EMAILS and len({e["data"]["message_id"] for e in sent_events}) == EMAILS
    assert steps == {("email-1", "done"): EMAILS, ("email-2", "scheduled"): EMAILS}
