"""An admin gives a bailiff firm registered in legal its API client: the secret is answered once (only its hash
kept), the client signs in with client credentials as a `bailiff` naming the firm and reaches the firm's missions;
the list never shows a secret; only admins may; a partner_id that names no active bailiff firm is refused (422)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from shared.audit import AuditEntry

from portal.api_clients.models import ApiClient
from portal.main import create_app as create_portal


@pytest.fixture
def portal(settings_for, clock, verifier, serve) -> Iterator[TestClient]:
    from legal.main import create_app as create_legal

    legal_url = serve(create_legal(settings_for("legal"), clock=clock, verifier=verifier))
    settings = settings_for("portal", service_urls={"legal": legal_url})
    with TestClient(create_portal(settings, clock=clock)) as client:
        yield client


@pytest.fixture
def admin(issue_token) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token('admin')}"}


def register(portal: TestClient, admin: dict[str, str], kind: str, name: str) -> str:
    partner = portal.post("/api/v1/legal/partners", json={"kind": kind, "name": name}, headers=admin)
    assert partner.status_code == 201, partner.text
    return str(partner.json()["id"])


def sign_in(portal: TestClient, client_id: str, secret: str):
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    return portal.post("/api/v1/auth/token", data=form)


def test_a_bailiff_firm_gets_its_client_whose_secret_is_shown_once_and_signs_in_as_the_firm(portal, admin):
    firm = register(portal, admin, "bailiff", "Étude Martin & Associés")
    created = portal.post("/api/v1/api-clients", json={"partner_id": firm, "name": "Étude Martin"}, headers=admin)

    assert created.status_code == 201, created.text
    assert created.headers["cache-control"] == "no-store"
    client = created.json()
    assert client["client_id"].startswith("etude-martin-") and client["role"] == "bailiff"
    assert client["partner_id"] == firm and client["active"] is True and len(client["client_secret"]) >= 40
    token = sign_in(portal, client["client_id"], client["client_secret"])
    assert token.status_code == 200, token.text
    claims = jwt.decode(token.json()["access_token"], options={"verify_signature": False})
    assert claims["role"] == "bailiff" and claims["partner_id"] == firm
    missions = portal.get(
        "/api/v1/partner/missions", headers={"Authorization": f"Bearer {token.json()['access_token']}"}
    )
    assert missions.status_code == 200, missions.text
    assert sign_in(portal, client["client_id"], "not-the-secret").status_code == 401

    listed = portal.get("/api/v1/api-clients", headers=admin)
    assert listed.status_code == 200
    assert {"client_id": client["client_id"], "partner_id": firm} in [
        {"client_id": item["client_id"], "partner_id": item["partner_id"]} for item in listed.json()["items"]
    ]
    assert client["client_secret"] not in listed.text and "secret" not in listed.text
    assert "service" not in {item["role"] for item in listed.json()["items"]}, "the platform's own clients stay out"
    engine = portal.app.state.runtime.engine
    with Session(engine) as session:
        stored = session.get(ApiClient, client["client_id"])
        trail = session.exec(select(AuditEntry).where(AuditEntry.entity_id == client["client_id"])).all()
    assert stored is not None and client["client_secret"] not in stored.secret_hash
    assert [(entry.action, entry.actor_role) for entry in trail] == [("api_client.created", "admin")]
    assert client["client_secret"] not in str(trail[0].details)


def test_a_deactivated_client_signs_in_no_more(portal, admin):
    firm = register(portal, admin, "bailiff", "Étude Durand")
    client = portal.post("/api/v1/api-clients", json={"partner_id": firm, "name": "Durand"}, headers=admin).json()
    url = f"/api/v1/api-clients/{client['client_id']}/deactivate"

    done = portal.post(url, headers=admin)
    again = portal.post(url, headers=admin | {"Accept-Language": "fr"})

    assert done.status_code == 200 and done.json()["active"] is False
    assert again.status_code == 409 and "déjà désactivé" in again.text
    assert sign_in(portal, client["client_id"], client["client_secret"]).status_code == 401
    assert portal.post("/api/v1/api-clients/nobody-123/deactivate", headers=admin).status_code == 404
    assert portal.post("/api/v1/api-clients/legal/deactivate", headers=admin).status_code == 404


def test_only_admins_create_or_list_clients_and_only_for_an_active_bailiff_firm(portal, admin, issue_token):
    firm = register(portal, admin, "bailiff", "Étude Petit")
    insurer = register(portal, admin, "insurer", "Coface")
    supervisor = {"Authorization": f"Bearer {issue_token('supervisor')}"}
    body = {"partner_id": firm, "name": "Petit"}

    assert portal.post("/api/v1/api-clients", json=body, headers=supervisor).status_code == 403
    assert portal.get("/api/v1/api-clients", headers=supervisor).status_code == 403
    assert portal.get("/api/v1/api-clients").status_code == 401
    for partner_id in (str(uuid.uuid4()), insurer):
        refused = portal.post(
            "/api/v1/api-clients",
            json={**body, "partner_id": partner_id},
            headers=admin | {"Accept-Language": "fr"},
        )
        assert refused.status_code == 422, refused.text
        assert "n'est pas une étude de commissaire de justice active" in refused.json()["detail"]
        assert "not an active bailiff firm" in refused.json()["detail_en"]
    assert portal.post("/api/v1/api-clients", json={**body, "partner_id": "x"}, headers=admin).status_code == 422
    assert portal.post("/api/v1/api-clients", json={**body, "name": " "}, headers=admin).status_code == 422
    assert portal.get("/api/v1/api-clients", headers=admin).json()["total"] == 0
