"""After a run settles: each case's state as every service shows it, the Maildir, and the platform's leftovers
(unpublished outbox rows, parked events, inbox rows parked or dead-lettered, dead-letter topics' records).

Left out of the comparison, because they legitimately differ between two platforms: ids (UUIDs, `id`, `*_id`),
instants of the machine's clock (`*_at`), links and tokens (`href`, `url`, `link`, `token`), Message-IDs, the
RF creditor reference (random per case) and so the SHA-256 of a message's content (which prints it and the
debtor's link), a payment's receipt number (random).
Lists are compared as sorted lists: two records made in the same platform-clock instant may list either way."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from email.utils import getaddresses
from typing import Any

import psycopg
from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient
from kafka.errors import KafkaError

from proof.client import Api
from proof.flow import AS_OF, Case
from workbench.stack.launcher import Stack
from workbench.stack.mail import MailDir
from workbench.stack.services import SERVICES

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DROPPED = (
    "id",
    "href",
    "url",
    "link",
    "token",
    "message_id",
    "etag",
    "rf_reference",
    "content_sha256",
    "receipt_number",
)


def scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: scrub(v)
            for k, v in sorted(value.items())
            if k not in DROPPED and not k.endswith(("_id", "_ids", "_at", "_url", "_link")) and k != "total_count"
        }
    if isinstance(value, list):
        return sorted((scrub(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    if isinstance(value, str):
        return UUID.sub("<uuid>", value)
    return value


def case_view(api: Api, case: Case) -> dict[str, Any]:
    def get(path: str, **params: str) -> Any:
        answer = api.request("GET", path, signed_in="agent", ok=(200, 404), params=params)
        return answer.json() if answer.status_code == 200 else {"absent": answer.status_code}

    return scrub(
        {
            "case": get(f"/api/v1/cases/{case.id}"),
            "statement": get(f"/api/v1/cases/{case.id}/statement", as_of=AS_OF.isoformat()),
            "payments": get(f"/api/v1/cases/{case.id}/payments"),
            "score": get(f"/api/v1/scoring/cases/{case.id}"),
            "aged": get("/api/v1/aged-balance", as_of=AS_OF.isoformat(), debtor_id=case.debtor_id),
            "steps": get(f"/api/v1/dunning/cases/{case.id}/steps"),
            "messages": get(f"/api/v1/dunning/cases/{case.id}/messages"),
            "timeline": get(f"/api/v1/cases/{case.id}/timeline"),
        }
    )


def mail_counts(stack: Stack) -> dict[str, tuple[int, int]]:
    """Recipient -> (messages in the Maildir, distinct Message-IDs)."""
    sent: dict[str, list[str]] = {}
    for message in MailDir(stack.layout.maildir).messages():
        for _, recipient in getaddresses([str(message.get("To", ""))]):
            sent.setdefault(recipient.strip().lower(), []).append(str(message.get("Message-ID", "")))
    return {who: (len(ids), len(set(ids))) for who, ids in sent.items()}


def leftovers(stack: Stack) -> dict[str, int]:
    figures: Counter[str] = Counter()
    for service in SERVICES:
        url = stack.layout.database_url(service).replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(url) as conn:
            figures["outbox unpublished"] += conn.execute(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL"
            ).fetchone()[0]  # type: ignore[index]  # fetchone() may give None; count(*) always gives a row
            for table, where in (("parked_events", "true"), ("inbox", "status = 'parked'")):
                figures[f"{table} parked"] += _count(conn, table, where)
            figures["inbox dead-lettered"] += _count(conn, "inbox", "status = 'dead_lettered'")
    figures["dead-letter topic records"] = dead_letter_records(stack.layout.bootstrap)
    return dict(figures)


def _count(conn: psycopg.Connection[Any], table: str, where: str) -> int:
    exists = conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()
    if not exists or exists[0] is None:
        return 0
    row = conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()
    return int(row[0])  # type: ignore[index]  # fetchone() may give None; count(*) always gives a row


def dead_letter_records(bootstrap: str) -> int:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    try:
        partitions = _dead_letter_partitions(consumer)
        return sum(consumer.end_offsets(partitions).values()) if partitions else 0
    finally:
        consumer.close()


def _dead_letter_partitions(consumer: KafkaConsumer) -> list[TopicPartition]:
    return [
        TopicPartition(topic, p)
        for topic in consumer.topics()
        if topic.endswith(".dlq")
        for p in consumer.partitions_for_topic(topic) or ()
    ]


def inbox_total(stack: Stack) -> int:
    total = 0
    for service in SERVICES:
        url = stack.layout.database_url(service).replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(url) as conn:
            total += _count(conn, "inbox", "true")
    return total


def settle(stack: Stack, *, quiet_s: float = 8.0, timeout_s: float = 900.0) -> float:
    """Waits until no outbox row is unpublished, every consumer group has committed every record of the topics
    it reads, and no consumer applied anything for `quiet_s`. Returns the seconds it took; raises when the
    platform does not settle in `timeout_s`."""
    started = time.monotonic()
    last, since = -1, time.monotonic()
    while time.monotonic() - started < timeout_s:
        try:
            pending = leftovers_unpublished(stack) + consumer_lag(stack)
            seen = inbox_total(stack)
        except (psycopg.Error, KafkaError):
            pending, seen = 1, -1
        if pending or seen != last:
            last, since = seen, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return time.monotonic() - started
        time.sleep(1.0)
    raise RuntimeError(f"the platform did not settle within {timeout_s:.0f} s")


def leftovers_unpublished(stack: Stack) -> int:
    total = 0
    for service in SERVICES:
        url = stack.layout.database_url(service).replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(url) as conn:
            total += _count(conn, "outbox", "published_at IS NULL")
    return total


def consumer_lag(stack: Stack) -> int:
    """Records published but not yet committed by the services' consumer groups (`<prefix><service>`), over every
    partition of each topic a group has committed on (a group that has read nothing of a topic is not seen; the
    inbox criterion of `settle` covers it). The embedded broker's end offsets can lag a multi-record batch,
    never exceed what was written: a caught-up group shows no lag."""
    admin = KafkaAdminClient(bootstrap_servers=stack.layout.bootstrap, request_timeout_ms=10_000)
    reader = KafkaConsumer(bootstrap_servers=stack.layout.bootstrap)
    try:
        lag = 0
        for service in SERVICES:
            group = stack.layout.topic_prefix + service
            committed = admin.list_group_offsets(group).get(group, {})
            partitions = [
                TopicPartition(topic, partition)
                for topic in {tp.topic for tp in committed}
                for partition in reader.partitions_for_topic(topic) or ()
            ]
            for tp, end in reader.end_offsets(partitions).items():
                done = committed.get(tp)
                lag += max(0, end - (done.offset if done is not None else 0))
        return lag
    finally:
        reader.close()
        admin.close()


def post_mortem(stack: Stack) -> dict[str, Any]:
    """What a failed proof needs read afterwards, the platform being gone: dunning's steps and messages with their
    instants, and the records of the dead-letter topics with the error they carry."""
    url = stack.layout.database_url("dunning").replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(url) as conn:
        steps = conn.execute(
            "SELECT c.reference, s.code, s.status, s.due_at, s.executed_at, s.attempts, s.note, s.message_id"
            " FROM dunning_steps s JOIN dunning_cases c USING (case_id) ORDER BY c.reference, s.position"
        ).fetchall()
        messages = conn.execute(
            "SELECT c.reference, m.id, m.step_id, m.template, m.status, m.attempts, m.prepared_at, m.sent_at,"
            " m.detail FROM dunning_messages m JOIN dunning_cases c USING (case_id) ORDER BY c.reference, m.prepared_at"
        ).fetchall()
    consumer = KafkaConsumer(bootstrap_servers=stack.layout.bootstrap, consumer_timeout_ms=2000)
    try:
        partitions = _dead_letter_partitions(consumer)
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        dead = (
            [
                {
                    "topic": r.topic,
                    "headers": {k: v.decode(errors="replace") for k, v in r.headers or []},
                    "value": r.value[:600].decode(errors="replace"),
                }
                for r in consumer
            ]
            if partitions
            else []
        )
    finally:
        consumer.close()
    return {"dunning steps": steps, "dunning messages": messages, "dead letters": dead}
