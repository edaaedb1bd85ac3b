"""E-mails leave in batches over one SMTP connection, committed together: a refused address fails alone, a case
paused after preparing withdraws its message, a mail server down leaves the batch prepared, and a process dying
in the middle of a batch resends it under the same Message-IDs, so the Maildir holds each e-mail once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

import pytest
from sqlmodel import Session, col, select

from workbench.stack.broker import free_port
from workbench.testing.moments import at

from dunning.channels.base import ChannelError, Outgoing, Sent
from dunning.channels.email import SmtpEmail
from dunning.domain.context import Party
from dunning.domain.scenarios import Channel
from dunning.main import contact_rules
from dunning.messages.models import Message
from dunning.messages.outgoing import outgoing_builder
from dunning.outbound.preparing import prepare_due_steps
from dunning.outbound.sending import SendReport, send_prepared
from dunning.steps.models import DunningStep

DUE = date(2026, 11, 2)  # a Monday: the first e-mail falls due on Saturday 7 November


class RecordingEmail:
    """The real SMTP channel, remembering the size of each batch it was handed."""

    def __init__(self, inner: SmtpEmail) -> None:
        self.inner, self.batches = inner, list[int]()

    def send(self, outgoing: Outgoing) -> Sent:
        self.batches.append(1)
        return self.inner.send(outgoing)

    def send_many(self, outgoings: Sequence[Outgoing]) -> list[Sent | ChannelError]:
        self.batches.append(len(outgoings))
        return self.inner.send_many(outgoings)


class DiesAfter(RecordingEmail):
    """Sends the first `count` e-mails of the batch handed to it, then the process "dies" before the commit."""

    def __init__(self, inner: SmtpEmail, count: int) -> None:
        super().__init__(inner)
        self.count = count

    def send_many(self, outgoings: Sequence[Outgoing]) -> list[Sent | ChannelError]:
        self.inner.send_many(outgoings[: self.count])
        raise RuntimeError("the process died between the SMTP session and the commit")


def smtp(mail_server, port: int | None = None) -> SmtpEmail:
    return SmtpEmail(mail_server.host, port or mail_server.port, "relances@recouvra.example", "Recouvra", 5.0)


def prepare_emails(dunning, addresses: list[str]) -> list[str]:
    """One validated case per address, its first e-mail prepared (not sent). Returns the case ids."""
    dunning.clock.set(at(DUE, 8))
    cases = []
    for address in addresses:
        case = dunning.validate_case(due=DUE)
        dunning.facts.debtors[uuid.UUID(case.case_id)] = Party(
            name="Dupont SARL", address_lines=("3 avenue des Tilleuls", "33000 Bordeaux"), email=address
        )
        cases.append(case.case_id)
    dunning.clock.set(at(date(2026, 11, 9)))
    rules = contact_rules(dunning.facts.settings)
    report = prepare_due_steps(engine=dunning.engine, clock=dunning.clock, facts=dunning.facts, rules=rules, batch=200)
    assert report.prepared == len(addresses), report
    return cases


def send(dunning, email, *, batch: int) -> SendReport:
    return send_prepared(
        engine=dunning.engine,
        clock=dunning.clock,
        channels={Channel.EMAIL: email},
        outgoing_for=outgoing_builder(dunning.facts.settings),
        limit=10_000,
        batch=batch,
    )


def statuses(dunning, case_ids: list[str]) -> list[str]:
    with Session(dunning.engine) as session:
        return list(
            session.exec(
                select(Message.status)
                .where(col(Message.case_id).in_([uuid.UUID(c) for c in case_ids]))
                .order_by(col(Message.prepared_at), col(Message.recipient))
            ).all()
        )


def addresses(count: int) -> list[str]:
    tag = uuid.uuid4().hex[:8]
    return [f"debiteur-{tag}-{n}@dupont.example" for n in range(count)]


def test_prepared_emails_leave_in_batches_over_one_connection_each(dunning, mail_server):
    recipients = addresses(12)
    cases = prepare_emails(dunning, recipients)
    email = RecordingEmail(smtp(mail_server))
    report = send(dunning, email, batch=5)
    assert report == SendReport(sent=12)
    assert email.batches == [5, 5, 2]
    assert statuses(dunning, cases) == ["sent"] * 12
    for address in recipients:
        assert len(mail_server.mailbox.find(to=address)) == 1
    assert len(dunning.outbox("recouvra.dunning.message.sent.v1")) == 12


def test_in_a_batch_a_refused_address_fails_alone_and_a_paused_case_withdraws_its_message(dunning, mail_server):
    recipients = addresses(4)
    recipients[1] = "pas-une-adresse"
    cases = prepare_emails(dunning, recipients)
    promise = dunning.client.post(
        f"/api/v1/dunning/cases/{cases[2]}/promises",
        json={"amount": "600.00", "due_on": "2026-11-20"},
        headers=dunning.headers(),
    )
    assert promise.status_code == 201, promise.text
    report = send(dunning, RecordingEmail(smtp(mail_server)), batch=50)
    assert report == SendReport(sent=2, failed=1, cancelled=1)
    refused = dunning.steps(cases[1])["items"]
    assert [(s["step"], s["status"]) for s in refused] == [("email-1", "failed"), ("email-2", "scheduled")]
    [paused] = dunning.steps(cases[2])["items"]
    assert paused["status"] == "scheduled"  # prepared again from that day's figures once the promise is broken
    for address in (recipients[0], recipients[3]):
        assert len(mail_server.mailbox.find(to=address)) == 1


def test_a_mail_server_down_leaves_the_batch_prepared_and_ends_the_pass(dunning, mail_server):
    cases = prepare_emails(dunning, addresses(3))
    down = RecordingEmail(smtp(mail_server, port=free_port()))
    report = send(dunning, down, batch=2)
    assert report == SendReport(postponed=2) and down.batches == [2]
    assert sorted(statuses(dunning, cases)) == ["prepared"] * 3
    with Session(dunning.engine) as session:
        attempts = session.exec(select(Message.attempts).where(col(Message.case_id).in_(map(uuid.UUID, cases))))
        assert sorted(attempts.all()) == [0, 1, 1]
    assert send(dunning, RecordingEmail(smtp(mail_server)), batch=2) == SendReport(sent=3)


def test_a_process_dying_mid_batch_resends_the_batch_and_each_email_arrives_once(dunning, mail_server):
    recipients = addresses(6)
    cases = prepare_emails(dunning, recipients)
    with pytest.raises(RuntimeError, match="died"):
        send(dunning, DiesAfter(smtp(mail_server), count=2), batch=4)
    assert statuses(dunning, cases) == ["prepared"] * 6  # the batch's transaction rolled back
    arrived = sum(len(mail_server.mailbox.find(to=address)) for address in recipients)
    assert arrived == 2  # two of them had left before the "crash"
    assert send(dunning, RecordingEmail(smtp(mail_server)), batch=4) == SendReport(sent=6)
    assert [len(mail_server.mailbox.find(to=address)) for address in recipients] == [1] * 6
    with Session(dunning.engine) as session:
        done = session.exec(
            select(DunningStep.status).where(
                col(DunningStep.case_id).in_(map(uuid.UUID, cases)), DunningStep.code == "email-1"
            )
        ).all()
        assert done == ["done"] * 6


def test_a_withdrawn_step_is_prepared_and_sent_again_once_its_case_resumes(dunning, mail_server):
    """The withdrawn message lets go of its step: preparing the step again used to collide with it (one message
    per step) and roll back the whole pass, for every case, at every pass (issue 18's proof at 100 cases)."""
    [address] = addresses(1)
    [case] = prepare_emails(dunning, [address])
    promise = dunning.client.post(
        f"/api/v1/dunning/cases/{case}/promises",
        json={"amount": "600.00", "due_on": "2026-11-20"},
        headers=dunning.headers(),
    )
    assert promise.status_code == 201, promise.text
    assert send(dunning, RecordingEmail(smtp(mail_server)), batch=50) == SendReport(cancelled=1)
    dunning.clock.set(at(date(2026, 11, 25)))  # the promise is broken: the case resumes
    report = dunning.run()
    assert report["promises_broken"] == 1, report
    assert report["prepared"].prepared == 1 and report["sent"].sent == 1, report
    [step, *_] = dunning.steps(case)["items"]
    assert (step["step"], step["status"]) == ("email-1", "done")
    assert statuses(dunning, [case]) == ["cancelled", "sent"]
    assert len(mail_server.mailbox.find(to=address)) == 1
