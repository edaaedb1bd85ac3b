"""Feeds the portal's own records of creditor A (not a test module): its timeline from intake's recorded events, a
webhook, and an API client for its bailiff firm."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from security_records import ok, recorded_events, replay
from sqlmodel import Session, select

from shared.auth import Role


def feed_portal(clients: dict[str, TestClient], *, creditor_a: dict[str, str]) -> dict[str, str]:
    """Replays intake's recorded events through the portal's handlers: creditor A's case has a timeline. Creditor A
    registers a webhook and has a test queued for it (never sent: no worker runs here)."""
    from portal.handlers import HANDLERS
    from portal.timeline.models import TimelineEntry

    runtime = clients["portal"].app.state.runtime  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    envelopes = recorded_events(clients)
    replay(envelopes, HANDLERS, runtime)
    with Session(runtime.engine) as session:
        assert session.exec(select(TimelineEntry)).first() is not None, "the portal's timeline was not fed"
    portal = clients["portal"]
    webhook = ok(portal.post("/api/v1/webhooks", json={"url": "http://127.0.0.1:9/alpha"}, headers=creditor_a), 201)
    test = ok(portal.post(f"/api/v1/webhooks/{webhook['id']}/test", headers=creditor_a), 202)
    return {"webhook_id": webhook["id"], "delivery_id": test["id"]}


def feed_portal_api_client(
    clients: dict[str, TestClient], issue_token: Callable[..., str], *, partner_id: str, admin: dict[str, str]
) -> dict[str, str]:
    """An API client for creditor A's bailiff firm, created through the portal's route. The portal confirms the
    firm by reading legal over HTTP: here it reads the in-process legal app, through its test client."""
    from shared.fresh_reads import FreshReader

    clients["portal"].app.state.legal_reader = FreshReader(  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        service="legal", base_url="http://testserver", client=clients["legal"], token=lambda: issue_token(Role.SERVICE)
    )
    body = {"name": "Étude Alpha", "partner_id": partner_id}
    created = ok(clients["portal"].post("/api/v1/api-clients", json=body, headers=admin), 201)
    return {"client_id": created["client_id"]}
