"""Access withdrawn at once: an admin deactivates an account (or gives it a new password), and the tokens it already
holds are refused by the portal at once and by another service as soon as it reads the portal's list again, over
real HTTP, as intake reads it; a token issued after a reactivation is good."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from shared.auth import InvalidToken, TokenVerifier
from shared.revocations import Revocations

from portal.main import create_app

STRONG = "Quatre chevaux bleus dansent sous la pluie"


@pytest.fixture
def portal_app(settings_for, clock):
    return create_app(settings_for("portal", seed_demo=True), clock=clock)


def token(client, email: str, password: str) -> str:
    answer = client.post("/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


def test_a_deactivated_accounts_tokens_are_refused_at_once_by_the_portal_and_by_a_service_at_its_next_read(
    portal_app, serve
):
    with httpx.Client(base_url=serve(portal_app)) as portal:
        url = str(portal.base_url).rstrip("/")
        admin = bearer(token(portal, "admin@demo.example", "demo-password"))
        body = {"email": "paul.martin@agence.example", "password": STRONG, "role": "agent"}
        agent = portal.post("/api/v1/users", json=body, headers=admin).json()
        held = token(portal, body["email"], STRONG)
        assert portal.get("/api/v1/webhooks/event-types", headers=bearer(held)).status_code == 200

        intake = TokenVerifier(
            issuer="recouvra-portal",
            audience="recouvra",
            jwks_url=f"{url}/.well-known/jwks.json",
            revocations=Revocations.published_at(f"{url}/.well-known/revocations.json"),
        )
        assert intake.revocations.refresh() is True
        assert intake.verify(held).subject == agent["id"]

        assert portal.post(f"/api/v1/users/{agent['id']}/deactivate", headers=admin).status_code == 200

        refused = portal.get("/api/v1/webhooks/event-types", headers=bearer(held))
        assert refused.status_code == 401, "the portal refuses it at once"
        listed = portal.get("/.well-known/revocations.json").json()["revoked"]
        assert [entry["subject"] for entry in listed] == [agent["id"]]
        assert intake.verify(held).subject == agent["id"], "until its next read of the list"
        assert intake.revocations.refresh() is True
        with pytest.raises(InvalidToken, match="withdrawn"):
            intake.verify(held)

        assert portal.post(f"/api/v1/users/{agent['id']}/reactivate", headers=admin).status_code == 200
        fresh = token(portal, body["email"], STRONG)
        assert intake.verify(fresh).subject == agent["id"], "a token issued after the reactivation is good"
        with pytest.raises(InvalidToken):
            intake.verify(held)


def test_a_new_password_given_by_an_admin_ends_the_tokens_issued_before_it(portal_app):
    with TestClient(portal_app) as portal:
        admin = bearer(token(portal, "admin@demo.example", "demo-password"))
        body = {"email": "lea.petit@agence.example", "password": STRONG, "role": "agent"}
        agent = portal.post("/api/v1/users", json=body, headers=admin).json()
        held = token(portal, body["email"], STRONG)
        new = "Le phare de Sein clignote trois fois"
        assert (
            portal.put(f"/api/v1/users/{agent['id']}/password", json={"password": new}, headers=admin).status_code
            == 200
        )
        assert portal.get("/api/v1/webhooks/event-types", headers=bearer(held)).status_code == 401
