"""Sign-in throttling, across the portal's two doors (the token endpoint of the API and the web sign-in page): an
account's failures count once whichever door they came through and however its e-mail was capitalised, an address
spraying passwords over many accounts is slowed down on the page too, and a partner system's wrong secrets are
throttled like passwords. The per-door basics (a locked account, the window passing, colleagues behind one proxy)
are services/portal/tests/test_identity.py's and web/test_sessions.py's."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, delete

from shared.clock import SettableClock
from shared.demo import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD

from portal.config import Settings
from portal.identity.models import LoginFailure
from portal.main import create_app

CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
MAX_FAILURES, MAX_PER_ADDRESS = 3, 5


@pytest.fixture(scope="module")
def started(security_databases, signing_key) -> Iterator[TestClient]:
    settings = Settings(
        profile="test",
        database_url=security_databases("portal"),
        kafka_bootstrap_servers="127.0.0.1:9",
        kafka_topic_prefix=f"thr{uuid.uuid4().hex[:8]}.",
        run_workers=False,
        service_urls={},
        seed_demo=True,
        jwt_private_key_pem=signing_key.to_pem().decode(),
        login_max_failures=MAX_FAILURES,
        login_max_failures_per_address=MAX_PER_ADDRESS,
    )
    app = create_app(settings, clock=SettableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC)))
    with TestClient(app, follow_redirects=False) as client:
        yield client


@pytest.fixture
def portal(started) -> TestClient:
    """The module's portal with no failure on record: each test starts from a clean count."""
    with Session(started.app.state.runtime.engine) as session:
        session.exec(delete(LoginFailure))
        session.commit()
    return started


def _page(portal: TestClient) -> Callable[[str, str], Any]:
    token = CSRF_FIELD.search(portal.get("/sign-in").text)
    assert token, "the sign-in page has no CSRF field"

    def sign_in(email: str, password: str) -> Any:
        return portal.post("/sign-in", data={"email": email, "password": password, "csrf": token.group(1)})

    return sign_in


def _api(portal: TestClient, email: str, password: str) -> Any:
    return portal.post("/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password})


def test_an_accounts_failures_on_the_api_and_on_the_page_count_together(portal):
    page = _page(portal)
    assert _api(portal, "creditor@demo.example", "wrong-1").status_code == 401
    assert page("creditor@demo.example", "wrong-2").status_code == 401
    assert _api(portal, "creditor@demo.example", "wrong-3").status_code == 401

    assert page("creditor@demo.example", DEMO_PASSWORD).status_code == 429
    assert _api(portal, "creditor@demo.example", DEMO_PASSWORD).status_code == 429


def test_the_same_account_written_with_other_capitals_or_spaces_is_the_same_account(portal):
    page = _page(portal)
    for email in ("Creditor@Demo.Example", " creditor@demo.example ", "CREDITOR@DEMO.EXAMPLE"):
        assert page(email, "wrong").status_code == 401

    locked = page("creditor@demo.example", DEMO_PASSWORD)
    assert locked.status_code == 429 and locked.headers["Retry-After"]


def test_an_address_spraying_passwords_over_many_accounts_is_slowed_down_on_the_page(portal):
    page = _page(portal)
    for attempt in range(MAX_PER_ADDRESS):
        assert page(f"guess-{attempt}@demo.example", "password123").status_code == 401

    sprayed = page("agent@demo.example", DEMO_PASSWORD)
    assert sprayed.status_code == 429 and "Trop de tentatives" in sprayed.text


def test_a_partner_systems_wrong_secrets_are_throttled_like_passwords(portal):
    def grant(secret: str) -> Any:
        body = {"grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID, "client_secret": secret}
        return portal.post("/api/v1/auth/token", data=body)

    assert grant(DEMO_CLIENT_SECRET).status_code == 200, "the demo partner client is seeded"
    for attempt in range(MAX_FAILURES):
        assert grant(f"wrong-{attempt}").status_code == 401

    throttled = grant(DEMO_CLIENT_SECRET)
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
