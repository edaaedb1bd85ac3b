"""Helpers of the money tests: open a case with chosen invoices, record a payment, read a statement."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.relay import OutboxRelay
from workbench.testing.kafka import read_topic

CONSUMER = {
    "type": "person",
    "name": "Jean Martin",
    "email": "jean.martin@example.org",
    "address": {"line1": "8 rue des Lilas", "postal_code": "69003", "city": "Lyon", "country": "FR"},
}


def _invoice(number: str, due: str, amount: str, issued: str | None = None) -> dict[str, str]:
    day = datetime.fromisoformat(due)
    issue = issued or f"{day.year if day.month > 1 else day.year - 1}-{(day.month - 2) % 12 + 1:02d}-01"
    return {"number": number, "issue_date": issue, "due_date": due, "amount": amount, "currency": "EUR"}


@pytest.fixture
def invoice() -> Callable[..., dict[str, str]]:
    """`invoice(number, due_date, amount)` -> an invoice of a case body, issued about a month before it is due."""
    return _invoice


@pytest.fixture
def open_case(api, a_case) -> Callable[..., dict[str, Any]]:
    """`open_case(reference, [invoice(...)], kind="b2b", headers=api.creditor)` -> the case, as the API returns it."""

    def open_(
        reference: str, invoices: list[dict[str, str]], kind: str = "b2b", headers: dict | None = None, **changes: Any
    ) -> dict[str, Any]:
        body = a_case(reference, invoices=invoices, kind=kind, **changes)
        if kind == "b2c":
            body["debtor"] = CONSUMER
        response = api.client.post("/api/v1/cases", json=body, headers=headers or api.creditor)
        assert response.status_code == 201, response.text
        return response.json()

    return open_


@pytest.fixture
def pay(api) -> Callable[..., Any]:
    """`pay(case, amount, received_on, reference=..., source=..., headers=api.agent)` -> the response."""

    def pay_(
        case: dict[str, Any],
        amount: str,
        received_on: str,
        *,
        reference: str | None = None,
        source: str = "debtor_to_agency",
        headers: dict | None = None,
        **extra: Any,
    ) -> Any:
        body = {
            "case_id": case["id"],
            "amount": amount,
            "currency": "EUR",
            "received_on": received_on,
            "source": source,
            "reference": reference or f"VIR-{case['reference']}-{received_on}-{amount}",
            **extra,
        }
        return api.client.post("/api/v1/payments", json=body, headers=headers or api.agent)

    return pay_


@pytest.fixture
def statement(api) -> Callable[..., dict[str, Any]]:
    def read(case: dict[str, Any], as_of: str, headers: dict | None = None) -> dict[str, Any]:
        response = api.client.get(
            f"/api/v1/cases/{case['id']}/statement", params={"as_of": as_of}, headers=headers or api.creditor
        )
        assert response.status_code == 200, response.text
        return response.json()

    return read


@pytest.fixture
def published(api, broker) -> Callable[[str, int], list[dict[str, Any]]]:
    """`published(topic, expected)` -> the envelopes the relay published on that topic."""

    def read(topic: str, expected: int) -> list[dict[str, Any]]:
        OutboxRelay(engine=api.engine, settings=api.settings).publish_pending()
        records = read_topic(broker.bootstrap, api.settings.kafka_topic_prefix + topic, expected=expected)
        return [json.loads(r.value) for r in records]

    return read


@pytest.fixture
def set_today(api) -> Callable[[str], None]:
    def set_(day: str) -> None:
        api.client.app.state.runtime.clock.set(datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC))

    return set_


@pytest.fixture
def other_creditor(api, issue_token) -> dict[str, str]:
    """The bearer header of a second, registered creditor with a mandate."""
    response = api.client.post("/api/v1/creditors", headers=api.admin, json={"name": "Autre Créancier SA"})
    assert response.status_code == 201, response.text
    mandate = api.client.post(
        f"/api/v1/creditors/{response.json()['id']}/mandates",
        headers=api.admin,
        json={"commission_rate": "0.10", "phases": ["amicable"]},
    )
    assert mandate.status_code == 201, mandate.text
    return {"Authorization": f"Bearer {issue_token('creditor', creditor_id=response.json()['id'])}"}
