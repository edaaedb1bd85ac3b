"""What the « Webhooks » pages show of the API's answers: event types named and grouped by the service they come from,
each delivery's status and last answer in words, its body laid out to be read, and the creditors' names for staff."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from portal.web.errors import PageError
from portal.web.language import Translator
from portal.web.upstream import Upstream

SERVICES = ("intake", "dunning", "legal", "portal")  # the order of the form's groups
STATUSES = ("pending", "delivered", "failed", "cancelled")
SENT_AGAIN = frozenset({"failed", "cancelled", "delivered"})  # the API sends these again; a pending one is being tried
STATUS_TONES = {"delivered": "ok", "failed": "bad", "pending": "warn", "cancelled": ""}


def event_label(name: str, t: Translator) -> str:
    """ "Paiement enregistré" for intake.payment.recorded; the type itself when the catalogue does not name it."""
    key = f"webhooks.event.{name}"
    return t(key) if t.has(key) else name


@dataclass(frozen=True)
class EventGroup:
    service: str
    title: str
    events: tuple[tuple[str, str], ...]  # (type, label)


def event_groups(types: list[dict[str, Any]], t: Translator) -> list[EventGroup]:
    """The types of GET /api/v1/webhooks/event-types by service, intake, dunning, legal and portal first, each in the
    API's order."""
    by_service: dict[str, list[tuple[str, str]]] = {}
    for item in types:
        by_service.setdefault(str(item["service"]), []).append((str(item["name"]), event_label(str(item["name"]), t)))
    order = [*SERVICES, *sorted(set(by_service) - set(SERVICES))]
    return [
        EventGroup(service, _service_title(service, t), tuple(by_service[service]))
        for service in order
        if service in by_service
    ]


def _service_title(service: str, t: Translator) -> str:
    key = f"webhooks.service.{service}"
    return t(key) if t.has(key) else service


def attempt_outcome(status_code: int | None, error: str | None, t: Translator) -> tuple[str, str]:
    """An attempt's outcome in words, and the technical detail beside it ("" when the words say it all)."""
    if status_code is not None:
        key = "deliveries.outcome.accepted" if error is None else "deliveries.outcome.http"
        return t(key, code=status_code), ""
    if not error:
        return t("deliveries.outcome.none"), ""
    if error.startswith(("the webhook is deactivated", "the webhook was deactivated")):
        return t("deliveries.outcome.deactivated"), ""
    if error.startswith("url:"):
        return t("deliveries.outcome.refused_target"), error.removeprefix("url:").strip()
    kind = error.split(":", 1)[0]
    if "Timeout" in kind:
        return t("deliveries.outcome.timeout"), error
    if kind in ("ConnectError", "RemoteProtocolError"):
        return t("deliveries.outcome.unreachable"), error
    return t("deliveries.outcome.error"), error


def readable_body(body: str) -> str:
    """The JSON sent, indented to be read (the receiver got it compact: the signature covers those exact bytes)."""
    try:
        return json.dumps(json.loads(body), ensure_ascii=False, indent=2)
    except ValueError:
        return body


def delivery_rows(items: list[dict[str, Any]], t: Translator) -> list[dict[str, Any]]:
    """Each delivery of the API with what the page says of it: its event's name, its status, its last answer and
    each attempt's in words, its body laid out."""
    rows = []
    for item in items:
        attempts = [
            {"at": attempt.get("at"), "outcome": attempt_outcome(attempt.get("status_code"), attempt.get("error"), t)}
            for attempt in item.get("attempts_log") or []
        ]
        rows.append(
            item
            | {
                "label": event_label(item["event_type"], t),
                "status_label": _status_label(item["status"], t),
                "tone": STATUS_TONES.get(item["status"], ""),
                "last": attempt_outcome(item.get("last_status_code"), item.get("last_error"), t),
                "tried": bool(attempts or item.get("last_status_code") is not None or item.get("last_error")),
                "attempt_rows": list(reversed(attempts)),
                "readable": readable_body(item.get("body") or ""),
                "may_send_again": item["status"] in SENT_AGAIN,
            }
        )
    return rows


def _status_label(status: str, t: Translator) -> str:
    key = f"deliveries.status.{status}"
    return t(key) if t.has(key) else status


async def creditor_names(upstream: Upstream) -> dict[str, str]:
    """Every creditor's name by id, as intake knows them (agency staff only); empty when intake cannot say now: the
    page shows the ids then."""
    try:
        found = await upstream.read_or_none("intake", "/api/v1/creditors", {"limit": 200})
    except PageError:
        return {}
    return {str(item["id"]): str(item["name"]) for item in (found or {}).get("items", [])}
