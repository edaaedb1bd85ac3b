"""Issue 9 on the running platform: through the one base URL, dot-segments never reach a service's internals,
and an admin creates a creditor then its first user at once."""

from __future__ import annotations

import http.client
import json
import uuid

import httpx
import pytest

pytestmark = pytest.mark.e2e

FINDINGS = [
    "/api/v1/cases/../../../metrics",
    "/api/v1/cases/%2e%2e/%2e%2e/%2e%2e/openapi.json",
    "/api/v1/legal/../../../docs",
    "/api/v1/cases/../admin/clock",
    "/api/v1/cases/%2E%2e%2F%2e%2E%2fmetrics",
]


def raw_get(port: int, path: str, headers: dict[str, str]) -> tuple[int, str]:
    """GET `path` byte for byte: http.client neither normalises nor re-encodes it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_dot_segments_through_the_portal_are_refused_before_any_service_answers(platform):
    admin = platform.sign_in("admin@demo.example")
    for path in FINDINGS:
        status, text = raw_get(platform.ports["portal"], path, admin)
        assert status == 400, (path, text)
        body = json.loads(text)
        assert body["detail_fr"] and body["detail_en"], path
        assert "http_requests" not in text and "openapi" not in text and "frozen" not in text, path


def test_an_admin_creates_a_creditor_and_at_once_its_first_user(platform):
    admin = platform.sign_in("admin@demo.example")
    creditor = httpx.post(
        f"{platform.url()}/api/v1/creditors",
        headers=admin,
        json={"name": "Transports Martin SAS", "email": "compta@martin.example"},
    )
    assert creditor.status_code == 201, creditor.text
    user = httpx.post(
        f"{platform.url()}/api/v1/users",
        headers=admin,
        json={
            "email": f"first-{uuid.uuid4().hex[:8]}@martin.example",
            "password": "a-long-password-1",
            "role": "creditor",
            "creditor_id": creditor.json()["id"],
        },
    )
    assert user.status_code == 201, user.text
