"""An agent leaves, on the running platform: the admin deactivates the account, and the token it already holds is
refused by intake within seconds, directly on intake's port and through the one base URL, on the reads answered
ahead of the framework as on the others (`shared.revocations`)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from .desk import Desk

pytestmark = pytest.mark.e2e

STRONG = "Quatre chevaux bleus dansent sous la pluie"


def test_a_deactivated_agents_token_is_refused_everywhere_within_seconds(platform):
    desk = Desk(platform)
    url, admin = desk.url, desk.admin
    email = f"depart.{uuid.uuid4().hex[:8]}@agence.example"
    created = httpx.post(
        f"{url}/api/v1/users", json={"email": email, "password": STRONG, "role": "agent"}, headers=admin
    )
    assert created.status_code == 201, created.text
    agent = platform.sign_in(email, STRONG)
    reads = [
        f"{platform.url('intake')}/api/v1/cases?limit=1",  # a lane read, directly on intake
        f"{url}/api/v1/cases?limit=1",  # through the gateway
        f"{platform.url('dunning')}/api/v1/dunning/approvals",
    ]
    assert [httpx.get(read, headers=agent).status_code for read in reads] == [200, 200, 200]

    off = httpx.post(f"{url}/api/v1/users/{created.json()['id']}/deactivate", headers=admin)
    assert off.status_code == 200, off.text

    def refused() -> bool:
        return all(httpx.get(read, headers=agent).status_code == 401 for read in reads)

    assert platform.eventually(refused, timeout_s=30), "a deactivated agent's token still read cases"
