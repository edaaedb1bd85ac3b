"""The legal app on a fresh database for the partner missions' tests, with what intake would answer for each case
supplied by `StaticIntake` (tests of legal alone; tests/e2e/test_partner_bailiff.py reads intake itself), and a
partner's webhook receiver (`workbench.testing.webhooks`: a real HTTP server on 127.0.0.1 that checks deliveries the
way docs/partners.md tells partners to)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.db import make_engine
from shared.outbox import OutboxMessage
from shared.webhook_delivery import DeliveryPass
from shared.webhooks import DeliveryPolicy
from workbench.testing.webhooks import Receiver, running_receiver

from legal.main import create_app
from legal.partners.delivery import deliver_due
from legal.partners.models import Partner

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class StaticIntake:
    """What intake answers to legal's fresh reads: each case, and its documents."""

    def __init__(self) -> None:
        self.cases: dict[str, dict[str, Any]] = {}
        self.documents: dict[str, list[dict[str, Any]]] = {}
        self.reads: list[str] = []

    def add_case(self, *, creditor_id: uuid.UUID, status: str = "validated", currency: str = "EUR") -> uuid.UUID:
        case_id = uuid.uuid4()
        self.cases[str(case_id)] = {
            "id": str(case_id),
            "creditor_id": str(creditor_id),
            "reference": f"CRED-{case_id.hex[:6]}",
            "kind": "b2b",
            "status": status,
            "outstanding": "1200.00",
            "currency": currency,
            "debtor": {
                "id": str(uuid.uuid4()),
                "type": "company",
                "name": "Dupont SARL",
                "siren": "732829320",
                "email": "compta@dupont.example",
                "address": {"line1": "3 avenue des Tilleuls", "postal_code": "33000", "city": "Bordeaux"},
            },
        }
        self.documents[str(case_id)] = [
            {
                "id": str(uuid.uuid4()),
                "case_id": str(case_id),
                "kind": "contract",
                "sha256": "0" * 64,
                "media_type": "application/pdf",
                "size": 1234,
                "filename": "contrat.pdf",
                "uploaded_at": "2026-11-02T10:00:00+00:00",
            }
        ]
        return case_id

    def read(self, path: str) -> dict[str, Any] | None:
        self.reads.append(path)
        parts = path.strip("/").split("/")  # api v1 cases {id} [documents]
        case = self.cases.get(parts[3])
        if case is None:
            return None
        if parts[4:] == ["documents"]:
            items = self.documents.get(parts[3], [])
            return {"items": items, "total": len(items)}
        return case


class Legal:
    def __init__(self, client: TestClient, engine: Engine, clock: Any, issue_token: Any, intake: StaticIntake) -> None:
        self.client, self.engine, self.clock, self._issue, self.intake = client, engine, clock, issue_token, intake
        self.settings = client.app.state.runtime.settings  # type: ignore[attr-defined]  # .app is typed as ASGIApp

    def headers(
        self, role: str = "agent", *, creditor_id: object = None, partner_id: object = None, subject: str | None = None
    ) -> dict[str, str]:
        token = self._issue(role, creditor_id=creditor_id, partner_id=partner_id, subject=subject)
        return {"Authorization": f"Bearer {token}"}

    def bailiff(self, partner_id: uuid.UUID) -> dict[str, str]:
        """A firm's API client, as the portal signs it in: the same subject at every token."""
        return self.headers("bailiff", partner_id=partner_id, subject=f"client:{partner_id}")

    def add_partner(self, name: str = "Étude Martin, commissaires de justice", kind: str = "bailiff") -> uuid.UUID:
        with Session(self.engine) as session:
            partner = Partner(kind=kind, name=name, created_at=self.clock.now())
            session.add(partner)
            session.commit()
            return partner.id

    def assign(self, case_id: uuid.UUID, partner_id: uuid.UUID, kind: str = "enforcement", **extra: Any) -> Any:
        response = self.client.post(
            f"/api/v1/legal/cases/{case_id}/missions",
            json={"partner_id": str(partner_id), "kind": kind, "instructions": "Signifier puis exécuter.", **extra},
            headers=self.headers("agent"),
        )
        assert response.status_code == 201, response.text
        return response.json()

    def report(
        self, mission_id: str, partner_id: uuid.UUID, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> httpx.Response:
        return self.client.post(
            f"/api/v1/partner/missions/{mission_id}/events",
            json=body,
            headers={**self.bailiff(partner_id), **(headers or {})},
        )

    def outbox(self, event_type: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(OutboxMessage).where(OutboxMessage.event_type == event_type).order_by(col(OutboxMessage.seq))
            ).all()
            return [row.envelope["data"] for row in rows]

    def register_webhook(self, partner_id: uuid.UUID, url: str, secret: str) -> Any:
        response = self.client.put(
            f"/api/v1/legal/partners/{partner_id}/webhook",
            json={"url": url, "secret": secret},
            headers=self.headers("admin"),
        )
        assert response.status_code == 200, response.text
        return response.json()

    def deliver(self, wall_clock: Any = None) -> DeliveryPass:
        with httpx.Client() as http:
            return deliver_due(
                engine=self.engine,
                http=http,
                clock=self.clock,
                policy=DeliveryPolicy.of(self.settings),
                wall_clock=wall_clock,
            )

    def deliveries(self, partner_id: uuid.UUID) -> list[dict[str, Any]]:
        response = self.client.get(
            f"/api/v1/legal/partners/{partner_id}/webhook-deliveries", headers=self.headers("admin")
        )
        assert response.status_code == 200, response.text
        return list(response.json()["items"])


@pytest.fixture
def legal_settings() -> dict[str, Any]:
    """Overrides of legal's settings for a test (`legal_settings["deed_max_bytes"] = ...` before `legal` starts)."""
    return {"webhook_backoff_s": 30.0, "webhook_max_attempts": 4, "deed_max_bytes": 64 * 1024}


@pytest.fixture
def legal(settings_for, clock, verifier, issue_token, legal_settings) -> Iterator[Legal]:
    settings = settings_for("legal", **legal_settings)
    engine = make_engine(settings.database_url, pool_size=2)
    intake = StaticIntake()
    with TestClient(create_app(settings, clock=clock, verifier=verifier)) as client:
        client.app.state.intake_reader = intake  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        client.headers["Accept-Language"] = "en"
        yield Legal(client, engine, clock, issue_token, intake)
    engine.dispose()


# -- a partner's webhook receiver -------------------------------------------------------------------------------


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver("partner-secret-" + "k" * 32) as state:
        yield state
