"""A user's account once created: an admin switches it off (it signs in no more, by the API or the sign-in page)
and on again, gives it a new password (which clears its lock), and a person changes their own password with the
current one; each is in the audit trail; the refusals answer in plain words, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from shared.audit import AuditEntry

from portal.main import create_app

STRONG = "Quatre chevaux bleus dansent sous la pluie"
OTHER = "Le phare de Sein clignote trois fois"


@pytest.fixture
def portal(settings_for, clock):
    settings = settings_for("portal", seed_demo=True, login_max_failures=3)
    with TestClient(create_app(settings, clock=clock)) as client:
        yield client


def sign_in(portal, email: str, password: str):
    return portal.post("/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password})


def bearer(portal, email: str, password: str) -> dict[str, str]:
    response = sign_in(portal, email, password)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def admin(portal) -> dict[str, str]:
    return bearer(portal, "admin@demo.example", "demo-password")


@pytest.fixture
def agent(portal, admin) -> dict[str, str]:
    body = {"email": "marie.leroy@agence.example", "password": STRONG, "role": "agent"}
    created = portal.post("/api/v1/users", json=body, headers=admin)
    assert created.status_code == 201, created.text
    return created.json()


def actions(portal) -> list[str]:
    with Session(portal.app.state.runtime.engine) as session:
        return [
            entry.action
            for entry in session.exec(select(AuditEntry).order_by(AuditEntry.id))
            if "user." in entry.action
        ]


def test_a_deactivated_account_signs_in_no_more_until_reactivated(portal, admin, agent):
    assert sign_in(portal, agent["email"], STRONG).status_code == 200
    off = portal.post(f"/api/v1/users/{agent['id']}/deactivate", headers=admin)
    assert off.status_code == 200, off.text
    assert off.json()["active"] is False
    refused = sign_in(portal, agent["email"], STRONG)
    assert refused.status_code == 401
    again = portal.post(f"/api/v1/users/{agent['id']}/deactivate", headers=admin | {"Accept-Language": "fr"})
    assert again.status_code == 409
    assert again.json()["detail"] == "le compte marie.leroy@agence.example est déjà désactivé"
    on = portal.post(f"/api/v1/users/{agent['id']}/reactivate", headers=admin)
    assert on.status_code == 200 and on.json()["active"] is True
    assert sign_in(portal, agent["email"], STRONG).status_code == 200
    assert portal.post(f"/api/v1/users/{agent['id']}/reactivate", headers=admin).status_code == 409
    assert actions(portal) == ["user.deactivated", "user.reactivated"]


def test_an_admin_cannot_deactivate_their_own_account_and_an_unknown_user_is_a_404(portal, admin):
    me = next(
        u for u in portal.get("/api/v1/users", headers=admin).json()["items"] if u["email"] == "admin@demo.example"
    )
    refused = portal.post(f"/api/v1/users/{me['id']}/deactivate", headers=admin | {"Accept-Language": "en"})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "you cannot deactivate your own account: another admin must"
    unknown = portal.post("/api/v1/users/00000000-0000-4000-8000-000000000000/reactivate", headers=admin)
    assert unknown.status_code == 404
    assert portal.post("/api/v1/users/not-an-id/deactivate", headers=admin).status_code == 422


def test_a_new_password_given_by_an_admin_replaces_the_old_and_unlocks_the_account(portal, admin, agent):
    for _ in range(3):
        assert sign_in(portal, agent["email"], "a wrong guess entirely").status_code == 401
    assert sign_in(portal, agent["email"], STRONG).status_code == 429  # locked
    weak = portal.put(f"/api/v1/users/{agent['id']}/password", json={"password": "password1234"}, headers=admin)
    assert weak.status_code == 422 and weak.json()["field"] == "password"
    given = portal.put(f"/api/v1/users/{agent['id']}/password", json={"password": OTHER}, headers=admin)
    assert given.status_code == 200, given.text
    assert sign_in(portal, agent["email"], STRONG).status_code == 401
    assert sign_in(portal, agent["email"], OTHER).status_code == 200
    assert actions(portal) == ["user.password_reset"]
    with Session(portal.app.state.runtime.engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "user.password_reset")).one()
    assert OTHER not in str(entry.details) and entry.entity_id == agent["id"]


def test_a_person_changes_their_own_password_with_the_current_one(portal, admin, agent):
    mine = bearer(portal, agent["email"], STRONG)
    wrong = portal.put(
        "/api/v1/auth/password", json={"current_password": "not it at all", "password": OTHER}, headers=mine
    )
    assert wrong.status_code == 422 and wrong.json()["field"] == "current_password"
    same = portal.put("/api/v1/auth/password", json={"current_password": STRONG, "password": STRONG}, headers=mine)
    assert same.status_code == 422 and same.json()["field"] == "password"
    weak = portal.put(
        "/api/v1/auth/password", json={"current_password": STRONG, "password": "azertyuiop123"}, headers=mine
    )
    assert weak.status_code == 422
    changed = portal.put("/api/v1/auth/password", json={"current_password": STRONG, "password": OTHER}, headers=mine)
    assert changed.status_code == 204, changed.text
    assert sign_in(portal, agent["email"], STRONG).status_code == 401
    assert sign_in(portal, agent["email"], OTHER).status_code == 200
    assert actions(portal) == ["user.password_changed"]


def test_wrong_current_passwords_lock_the_account_as_wrong_sign_ins_do(portal, admin, agent):
    mine = bearer(portal, agent["email"], STRONG)
    body = {"current_password": "not it at all", "password": OTHER}
    answers = [portal.put("/api/v1/auth/password", json=body, headers=mine).status_code for _ in range(4)]
    assert answers == [422, 422, 422, 429]
    assert sign_in(portal, agent["email"], STRONG).status_code == 429


def test_an_api_client_has_no_password_to_change(portal, issue_token):
    client = {"Authorization": f"Bearer {issue_token('bailiff', partner_id='p-1', subject='client:etude-alpha')}"}
    refused = portal.put("/api/v1/auth/password", json={"current_password": "x", "password": OTHER}, headers=client)
    assert refused.status_code == 403
