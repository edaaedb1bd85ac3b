"""Sign-in, tokens, users and the platform clock through the portal's HTTP API, on a real database."""

import pytest
from fastapi.testclient import TestClient

from shared.demo import DEMO_CREDITOR_ID

from portal.main import create_app

PASSWORD = {"grant_type": "password", "username": "admin@demo.example", "password": "demo-password"}


@pytest.fixture
def portal(settings_for, clock):
    settings = settings_for("portal", seed_demo=True, login_max_failures=3)
    with TestClient(create_app(settings, clock=clock)) as client:
        client.headers["Accept-Language"] = "en"  # the tests read the English texts
        yield client


def token(client, **form) -> str:
    response = client.post("/api/v1/auth/token", data=form)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def test_the_password_grant_returns_a_bearer_token_verifiable_with_the_published_keys(portal, verifier):
    response = portal.post("/api/v1/auth/token", data={**PASSWORD, "username": "creditor@demo.example"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    jwks = portal.get("/.well-known/jwks.json").json()
    assert jwks["keys"][0]["alg"] == "RS256" and "d" not in jwks["keys"][0]
    principal = verifier.verify(body["access_token"])  # the test key is the portal's key
    assert principal.role == "creditor" and principal.creditor_id == str(DEMO_CREDITOR_ID)


def test_client_credentials_sign_in_a_partner_system_scoped_to_its_firm(portal, verifier):
    form = {"grant_type": "client_credentials", "client_id": "demo-bailiff", "client_secret": "demo-bailiff-secret"}
    principal = verifier.verify(token(portal, **form))
    assert principal.role == "bailiff" and principal.partner_id is not None
    basic = portal.post(
        "/api/v1/auth/token", data={"grant_type": "client_credentials"}, auth=("demo-bailiff", "demo-bailiff-secret")
    )
    assert basic.status_code == 200


def test_wrong_credentials_are_refused_without_saying_which_part_was_wrong(portal):
    unknown = portal.post("/api/v1/auth/token", data={**PASSWORD, "username": "nobody@demo.example"})
    wrong = portal.post("/api/v1/auth/token", data={**PASSWORD, "password": "not-the-password"})
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json()["detail"] == wrong.json()["detail"]
    assert portal.post("/api/v1/auth/token", data={"grant_type": "implicit"}).status_code == 400


def test_sign_in_is_throttled_after_repeated_failures_until_the_window_passes(portal, clock):
    for _ in range(3):
        assert portal.post("/api/v1/auth/token", data={**PASSWORD, "password": "guess"}).status_code == 401
    throttled = portal.post("/api/v1/auth/token", data=PASSWORD)
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) > 0
    clock.advance(minutes=16)
    assert portal.post("/api/v1/auth/token", data=PASSWORD).status_code == 200


def test_an_admin_creates_a_creditor_user_for_a_known_creditor_only(portal):
    admin = {"Authorization": f"Bearer {token(portal, **PASSWORD)}"}
    user = {
        "email": "Compta@Client.example",
        "password": "a-long-password-1",
        "role": "creditor",
        "creditor_id": str(DEMO_CREDITOR_ID),
    }
    created = portal.post("/api/v1/users", json=user, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["email"] == "compta@client.example" and "password_hash" not in created.json()
    assert portal.post("/api/v1/users", json=user, headers=admin).status_code == 409
    unknown = portal.post(
        "/api/v1/users",
        json={**user, "email": "x@client.example", "creditor_id": "00000000-0000-0000-0000-000000000001"},
        headers=admin,
    )
    assert unknown.status_code == 422 and "creditor" in unknown.json()["detail"]
    short = portal.post("/api/v1/users", json={**user, "email": "y@client.example", "password": "short"}, headers=admin)
    assert short.status_code == 422
    assert token(portal, grant_type="password", username="compta@client.example", password="a-long-password-1")
    listing = portal.get("/api/v1/users", headers=admin, params={"limit": 2})
    assert listing.json()["total"] == 4 and len(listing.json()["items"]) == 2


def test_only_an_admin_creates_users_and_anonymous_callers_are_asked_to_sign_in(portal):
    agent = {"Authorization": f"Bearer {token(portal, **{**PASSWORD, 'username': 'agent@demo.example'})}"}
    body = {"email": "z@client.example", "password": "a-long-password-1", "role": "agent"}
    assert portal.post("/api/v1/users", json=body, headers=agent).status_code == 403
    anonymous = portal.post("/api/v1/users", json=body)
    assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"] == "Bearer"


def test_the_admin_sets_the_platform_clock_in_the_test_profile(portal, clock):
    admin = {"Authorization": f"Bearer {token(portal, **PASSWORD)}"}
    response = portal.put("/api/v1/admin/clock", json={"now": "2027-03-01T09:00:00+01:00"}, headers=admin)
    assert response.status_code == 200
    assert response.json() == {"now": "2027-03-01T08:00:00Z", "frozen": True}
    assert clock.now().isoformat() == "2027-03-01T08:00:00+00:00"
    agent = {"Authorization": f"Bearer {token(portal, **{**PASSWORD, 'username': 'agent@demo.example'})}"}
    assert portal.put("/api/v1/admin/clock", json={"now": None}, headers=agent).status_code == 403


def test_production_refuses_to_set_the_clock(settings_for, clock, issue_token):
    settings = settings_for("portal", profile="production")
    with TestClient(create_app(settings, clock=clock)) as client:
        response = client.put(
            "/api/v1/admin/clock",
            json={"now": "2027-03-01T09:00:00+01:00"},
            headers={"Authorization": f"Bearer {issue_token('admin')}"},
        )
    assert response.status_code == 403


def test_operations_routes_answer(portal):
    assert portal.get("/healthz").json() == {"status": "ok"}
    ready = portal.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": True, "broker": True}
    portal.get("/healthz", headers={"X-Request-ID": "req-123"})
    metrics = portal.get("/metrics").text
    assert 'http_requests_total{method="GET",route="/healthz",status="200"}' in metrics
    assert portal.get("/healthz", headers={"X-Request-ID": "req-123"}).headers["X-Request-ID"] == "req-123"


def test_one_users_wrong_passwords_do_not_lock_out_colleagues_behind_the_same_address(portal):
    for _ in range(3):
        assert portal.post("/api/v1/auth/token", data={**PASSWORD, "password": "guess"}).status_code == 401
    assert portal.post("/api/v1/auth/token", data=PASSWORD).status_code == 429  # this account is locked
    colleague = {**PASSWORD, "username": "agent@demo.example"}
    assert portal.post("/api/v1/auth/token", data=colleague).status_code == 200  # the shared address is not


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_one_slowed_down(settings_for, clock):
    settings = settings_for(
        "portal",
        seed_demo=True,
        login_max_failures=100,
        login_max_failures_per_address=4,
        trusted_proxies=["testclient", "10.0.0.0/8"],
    )
    with TestClient(create_app(settings, clock=clock)) as client:
        attacker = {"X-Forwarded-For": "198.51.100.9, 203.0.113.7, 10.1.2.3"}  # left-most is the client's claim
        for n in range(4):
            wrong = {**PASSWORD, "username": f"nobody{n}@example.org", "password": "guess"}
            assert client.post("/api/v1/auth/token", data=wrong, headers=attacker).status_code == 401
        assert client.post("/api/v1/auth/token", data=PASSWORD, headers=attacker).status_code == 429
        spoofing = {"X-Forwarded-For": "1.2.3.4, 203.0.113.7"}  # a forged left part changes nothing
        assert client.post("/api/v1/auth/token", data=PASSWORD, headers=spoofing).status_code == 429
        neighbour = {"X-Forwarded-For": "203.0.113.8"}
        assert client.post("/api/v1/auth/token", data=PASSWORD, headers=neighbour).status_code == 200
