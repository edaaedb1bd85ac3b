"""E-mail steps executed by the scheduler's sending pass against raw smtplib, to the same mail server in the same run.

The mail server is the platform's (`workbench.stack.mail`), in a process of its own as under `make run`, storing
every message in a Maildir and acknowledging a Message-ID it already stored. The e-mails are the first reminder
of the default scenario, rendered once by the real templates (every R124-4 mention, text and HTML), prepared in
the database as the prepare pass leaves them: a `prepared` message per case, its step `sending`.

- raw: the same messages, composed and serialised beforehand (fresh Message-IDs, so the server stores each one),
  sent by smtplib `sendmail` over one connection: the most this machine and this server take;
- before: `send_prepared` with `send_batch` 1, one e-mail per transaction and per SMTP connection (the first
  version of the sending pass);
- ours: `send_prepared` with the default `send_batch`, which for each e-mail also composes it, marks it sent,
  schedules the case's next step and writes the `message.sent` event, committing a batch at a time;
- the channel alone: `SmtpEmail.send_many` over one connection, composing and sending, no database: what the
  composing costs (`dunning.channels.mime`) apart from the scheduler's own bookkeeping.

Raw and ours run in turn, three rounds of a third of the e-mails each; the ratio is the median of the rounds'
ratios, so that the machine (two shared cores) slowing down or speeding up weighs on both sides alike."""

from __future__ import annotations

import hashlib
import smtplib
import statistics
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from shared.clock import PARIS, SettableClock
from shared.db import make_engine
from workbench.stack.broker import free_port, port_open

from dunning.cases.composing import agency_of, message_reference
from dunning.channels.email import SmtpEmail
from dunning.config import Settings
from dunning.domain.compliance import missing_mentions
from dunning.domain.context import Figures, InvoiceLine, MessageContext, Party, Rendered
from dunning.domain.scenarios import Channel
from dunning.messages.models import Message
from dunning.messages.outgoing import outgoing_builder
from dunning.outbound.sending import send_prepared
from dunning.rendering.templates import render

AGENCY_IBAN = "FR7630006000011234567890189"
ROUNDS = 3
MAIL_SERVER = (
    "import sys\nfrom pathlib import Path\nfrom workbench.stack.mail import MailServer\n"
    "server = MailServer(Path(sys.argv[1]), port=int(sys.argv[2]))\nserver.start()\nsys.stdin.read()\nserver.stop()\n"
)


def first_reminder(settings: Settings, now: datetime) -> Rendered:
    today = now.astimezone(PARIS).date()
    principal = Decimal("1200.00")
    context = MessageContext(
        language="fr",
        channel="email",
        step="email-1",
        template="email-courteous",
        kind="b2b",
        sent_on=today,
        message_reference=message_reference(uuid.uuid4()),
        case_reference="CRED-0000001",
        rf_reference="RF18539007547034",
        agency=agency_of(settings),
        creditor=Party(name="Demo Créancier SAS", address_lines=("1 rue du Commerce", "69002 Lyon")),
        debtor=Party(name="Dupont SARL", address_lines=("3 avenue des Tilleuls", "33000 Bordeaux")),
        figures=Figures(
            as_of=today,
            currency="EUR",
            principal=principal,
            penalties=Decimal("12.34"),
            indemnities=Decimal("40.00"),
            interest=Decimal("0.00"),
            fees=Decimal("0.00"),
            paid=Decimal("0.00"),
            balance=principal + Decimal("52.34"),
            invoices=(InvoiceLine("F-001", today - timedelta(days=45), today - timedelta(days=15), principal),),
        ),
        self_service_url="http://127.0.0.1:8000/debtor/bench-link",
    )
    rendered = render(context)
    assert not missing_mentions(context, rendered)
    return rendered


def prepared_messages(rendered: Rendered, count: int, now: datetime) -> list[Message]:
    messages = []
    for n in range(count):
        address = f"debiteur-{uuid.uuid4().hex[:12]}-{n}@dupont.example"
        messages.append(
            Message(
                id=uuid.uuid4(),
                case_id=uuid.uuid4(),
                debtor_id=uuid.uuid4(),
                step_id=uuid.uuid4(),
                channel=Channel.EMAIL.value,
                template="email-courteous",
                recipient=address,
                subject=rendered.subject,
                body=rendered.text,
                html=rendered.html,
                content_sha256=hashlib.sha256(rendered.text.encode()).hexdigest(),
                recipient_data={"name": "Dupont SARL", "address_lines": [], "email": address, "phone": None},
                first_contact=True,
                prepared_at=now,
            )
        )
    return messages


def store(conninfo: str, messages: list[Message], now: datetime) -> None:
    """Each message with its case (active) and its step (`sending`), as the prepare pass commits them."""
    due_on = now.astimezone(PARIS).date() - timedelta(days=5)
    with psycopg.connect(conninfo, autocommit=True) as conn, conn.cursor() as cur:
        with cur.copy(
            "COPY dunning_cases (case_id, creditor_id, debtor_id, reference, kind, scenario, status, due_on, currency,"
            " balance, next_position, first_message_id, first_contact_on, validated_at, updated_at) FROM STDIN"
        ) as copy:
            creditor = uuid.uuid4()
            for n, m in enumerate(messages):
                row = (m.case_id, creditor, m.debtor_id, f"CRED-{n:07d}", "b2b", "default-fr", "active", due_on, "EUR")
                copy.write_row((*row, Decimal("1200.00"), 0, m.id, now.date(), now, now))
        with cur.copy(
            "COPY dunning_steps (id, case_id, position, code, channel, template, due_at, status, attempts, message_id)"
            " FROM STDIN"
        ) as copy:
            for m in messages:
                copy.write_row((m.step_id, m.case_id, 0, "email-1", "email", m.template, now, "sending", 0, m.id))
        with cur.copy(
            "COPY dunning_messages (id, case_id, debtor_id, step_id, audience, channel, template, language, recipient,"
            " subject, body, html, content_sha256, recipient_data, first_contact, status, attempts, prepared_at)"
            " FROM STDIN"
        ) as copy:
            for m in messages:
                head = (m.id, m.case_id, m.debtor_id, m.step_id, "debtor", m.channel, m.template, "fr", m.recipient)
                body = (m.subject, m.body, m.html, m.content_sha256, Jsonb(m.recipient_data), True, "prepared", 0)
                copy.write_row((*head, *body, now))


def raw_rate(settings: Settings, messages: list[Message]) -> float:
    """smtplib over one connection, the messages composed and serialised beforehand under fresh Message-IDs."""
    outgoing_for, composer = outgoing_builder(settings), SmtpEmail("", 0, settings.smtp_sender, "", 1.0)
    wire = []
    for message in messages:
        fresh = message.model_copy(update={"id": uuid.uuid4()})
        wire.append((fresh.recipient, composer.compose(outgoing_for(fresh)).data))
    started = time.perf_counter()
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_s) as smtp:
        for recipient, data in wire:
            smtp.sendmail(settings.smtp_sender, [recipient], data)
    return len(wire) / (time.perf_counter() - started)


def channel_rate(settings: Settings, messages: list[Message]) -> float:
    """`SmtpEmail.send_many` alone over one connection: composing and sending, no database."""
    outgoing_for = outgoing_builder(settings)
    outgoings = [outgoing_for(message.model_copy(update={"id": uuid.uuid4()})) for message in messages]
    email = SmtpEmail(settings.smtp_host, settings.smtp_port, settings.smtp_sender, "", settings.smtp_timeout_s)
    started = time.perf_counter()
    results = email.send_many(outgoings)
    elapsed = time.perf_counter() - started
    assert all(not isinstance(result, Exception) for result in results)
    return len(outgoings) / elapsed


def pass_rate(url: str, settings: Settings, clock: SettableClock, count: int, batch: int) -> float:
    """`send_prepared` over the `count` prepared e-mails, as the scheduler calls it."""
    engine = make_engine(url, pool_size=2)
    email = SmtpEmail(
        settings.smtp_host, settings.smtp_port, settings.smtp_sender, settings.agency_name, settings.smtp_timeout_s
    )
    started = time.perf_counter()
    report = send_prepared(
        engine=engine,
        clock=clock,
        channels={Channel.EMAIL: email},
        outgoing_for=outgoing_builder(settings),
        limit=count,
        batch=batch,
    )
    elapsed = time.perf_counter() - started
    engine.dispose()
    assert report.sent == count, report
    return count / elapsed


def run(*, url: str, conninfo: str, folder: Path, emails: int, clock_at: datetime) -> dict[str, float]:
    port = free_port()
    maildir = folder / "Maildir"
    server = subprocess.Popen([sys.executable, "-c", MAIL_SERVER, str(maildir), str(port)], stdin=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not port_open("127.0.0.1", port):
            assert server.poll() is None and time.monotonic() < deadline, "the mail server did not start"
            time.sleep(0.05)
        settings = Settings(
            database_url=url,
            profile="test",
            run_workers=False,
            service_urls={},
            smtp_host="127.0.0.1",
            smtp_port=port,
            agency_iban=AGENCY_IBAN,
        )
        clock = SettableClock(clock_at)
        rendered = first_reminder(settings, clock_at)
        before_count = max(1, emails // 4)
        before_messages = prepared_messages(rendered, before_count, clock_at)
        messages = prepared_messages(rendered, emails, clock_at + timedelta(seconds=1))
        store(conninfo, before_messages, clock_at)
        before = pass_rate(url, settings, clock, before_count, batch=1)
        store(conninfo, messages, clock_at + timedelta(seconds=1))
        chunk = emails // ROUNDS
        rounds = []
        for n in range(ROUNDS):  # raw and ours in turn, so that a machine slowing down weighs on both alike
            raw = raw_rate(settings, messages[n * chunk : (n + 1) * chunk])
            rounds.append((raw, pass_rate(url, settings, clock, chunk, batch=settings.send_batch)))
        channel = channel_rate(settings, messages)
        stored = len(list((maildir / "new").iterdir()))
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=30)
    assert stored == before_count + 2 * ROUNDS * chunk + emails, stored
    ratio = statistics.median(ours / raw for raw, ours in rounds)
    raw = statistics.median(raw for raw, _ in rounds)
    ours = statistics.median(ours for _, ours in rounds)
    size = len(rendered.text.encode()) + len((rendered.html or "").encode())
    print(
        f"  e-mail steps (first reminder, {size / 1024:.1f} KiB of text and HTML) to the platform's mail server, "
        f"{ROUNDS} rounds of {chunk:,} raw then {chunk:,} ours: "
        + ", ".join(f"raw {r:,.0f}/s ours {o:,.0f}/s ({o / r:.0%})" for r, o in rounds)
        + f" | median: raw smtplib {raw:,.0f} e-mails/s (one connection), send_prepared {ours:,.0f}/s "
        f"({settings.send_batch} per connection and transaction), {ratio:.0%} of raw"
        f" | one per connection and transaction {before:,.0f}/s over {before_count:,} ({before / raw:.0%})"
        f" | the channel alone (send_many: composing and sending, no database) {channel:,.0f}/s ({channel / raw:.0%})"
    )
    return {
        "raw_per_s": raw,
        "ours_per_s": ours,
        "one_by_one_per_s": before,
        "channel_per_s": channel,
        "rate_ratio": ratio,
        "rounds": [{"raw_per_s": raw, "ours_per_s": ours} for raw, ours in rounds],
    }
