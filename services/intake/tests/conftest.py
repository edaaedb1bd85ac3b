"""Intake API on a real database: the demo creditor and its mandate are seeded, the clock is frozen."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from intake.main import create_app
from shared.demo import DEMO_CREDITOR_ID


class Api:
    """A TestClient with one bearer token per role."""

    def __init__(self, client: TestClient, issue_token) -> None:
        self.client = client
        self.settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
        self.engine = client.app.state.runtime.engine  # type: ignore[attr-defined]
        self.creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
        self.other_creditor_id = uuid.uuid4()
        self.other = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=self.other_creditor_id)}"}
        self.agent = {"Authorization": f"Bearer {issue_token('agent', subject='agent-1')}"}
        self.admin = {"Authorization": f"Bearer {issue_token('admin')}"}


@pytest.fixture
def api(settings_for, clock, verifier, issue_token, tmp_path) -> Iterator[Api]:
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    settings = settings_for("intake", seed_demo=True, documents_dir=tmp_path / "documents")
    with TestClient(create_app(settings, clock=clock, verifier=verifier)) as client:
        yield Api(client, issue_token)


def _a_case(reference: str = "CRED-0001", **changes) -> dict:
    body = {
        "reference": reference, "kind": "b2b",
        "debtor": {"type": "company", "name": "Dupont SARL", "siren": "732829320", "email": "compta@dupont.example",
                   "phone": "01 42 68 53 00",
                   "address": {"line1": "3 rue du Louvre", "postal_code": "75001", "city": "Paris", "country": "FR"}},
        "invoices": [
            {"number": "F-001", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "1200.00",
             "vat": "200.00", "currency": "EUR"},
            {"number": "F-002", "issue_date": "2026-07-01", "due_date": "2026-08-01", "amount": "600.00",
             "currency": "EUR"},
        ],
    }
    body.update(changes)
    return body


@pytest.fixture
def a_case():
    """`a_case(reference, **changes)` -> the body of POST /api/v1/cases: a B2B case with two overdue invoices."""
    return _a_case
