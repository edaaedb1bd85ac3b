"""Case events queued for the creditors' endpoints, in the transaction that writes them to the timeline: every new
timeline entry (a redelivered event writes none, so it queues nothing) becomes one delivery for each active endpoint
of its creditor that asked for its type and existed when it happened. An endpoint registered today does not receive
the whole history of the creditor's cases."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from shared.plain_reads import plain_execute, plain_rows
from shared.webhooks import webhook_body

WEBHOOK_QUEUED = threading.Event()
"""Set when a transaction that queued a delivery commits: the webhook worker of this process wakes at once."""


def event_name(service: str, kind: str) -> str:
    """The type a creditor subscribes to and receives: `dunning.message.sent`."""
    return f"{service}.{kind}"


def case_event_data(entry: dict[str, Any]) -> dict[str, Any]:
    """What a delivery says of a case event: the timeline entry, in both languages, with where to read more."""
    case_id = str(entry["case_id"])
    return {
        "event_id": entry["event_id"],
        "case_id": case_id,
        "creditor_id": str(entry["creditor_id"]),
        "occurred_at": entry["at"].isoformat(),
        "service": entry["service"],
        "event": entry["type"],
        "channel": entry["channel"],
        "summary_fr": entry["summary_fr"],
        "summary_en": entry["summary_en"],
        "document": entry["document"],
        "href": f"/api/v1/cases/{case_id}/timeline",
    }


def queue_entry_deliveries(session: Session, entries: Sequence[dict[str, Any]]) -> int:
    """Queues the deliveries of these new timeline entries (the caller's transaction); how many were queued. One
    read of the creditors' active endpoints, and nothing more when none has one."""
    if not entries:
        return 0
    creditors = sorted({entry["creditor_id"] for entry in entries})
    endpoints = plain_rows(session, _ENDPOINTS, {"creditors": creditors})
    if not endpoints:
        return 0
    columns: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
    for webhook_id, creditor_id, wanted, since in endpoints:
        for entry in entries:
            name = event_name(entry["service"], entry["type"])
            if entry["creditor_id"] != creditor_id or entry["at"] < since or (wanted and name not in wanted):
                continue
            delivery_id = uuid.uuid4()
            body = webhook_body(
                delivery_id=delivery_id, event_type=name, created_at=entry["at"], data=case_event_data(entry)
            )
            for column, value in zip(
                _COLUMNS,
                (delivery_id, webhook_id, creditor_id, entry["event_id"], entry["case_id"], name, body, entry["at"]),
                strict=True,
            ):
                columns[column].append(value)
    queued = plain_execute(session, _INSERT, columns) if columns["id"] else 0
    if queued:
        wake_after_commit(session)
    return queued


def wake_after_commit(session: Session) -> None:
    event.listen(session, "after_commit", lambda _session: WEBHOOK_QUEUED.set(), once=True)


_ENDPOINTS = (
    "SELECT id, creditor_id, events, created_at FROM creditor_webhooks "
    "WHERE active AND creditor_id = ANY(%(creditors)s::uuid[])"
)
_COLUMNS = ("id", "webhook_id", "creditor_id", "event_id", "case_id", "event_type", "body", "at")
_INSERT = (
    "INSERT INTO creditor_webhook_deliveries (id, webhook_id, creditor_id, event_id, case_id, event_type, body, "
    "status, attempts, attempts_log, created_at, next_attempt_at) "
    "SELECT d.id, d.webhook_id, d.creditor_id, d.event_id, d.case_id, d.event_type, d.body, 'pending', 0, "
    "'[]'::jsonb, d.at, d.at "
    "FROM unnest(%(id)s::uuid[], %(webhook_id)s::uuid[], %(creditor_id)s::uuid[], %(event_id)s::varchar[], "
    "%(case_id)s::uuid[], %(event_type)s::varchar[], %(body)s::text[], %(at)s::timestamptz[]) "
    "AS d(id, webhook_id, creditor_id, event_id, case_id, event_type, body, at) "
    "ON CONFLICT ON CONSTRAINT uq_creditor_webhook_deliveries_event DO NOTHING"
)
