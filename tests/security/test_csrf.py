"""Every form of the portal's web pages refuses a missing or wrong CSRF token. The POST routes are read from the
app itself, so a form added later is walked too: each must be reachable by some visitor (a creditor, an agent or
an anonymous one) and, for that visitor, refuse the forged posts with the "form expired" page while the same post
carrying the page's token gets past the check (so that it is the token, not the form's fields, that refused)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from shared.clock import SettableClock
from shared.debtor_links import sign_link
from shared.demo import DEMO_PASSWORD

from portal.config import Settings
from portal.main import create_app
from portal.web.routes import ROUTERS

LINK_KEY = "a-csrf-test-link-key"
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
REFUSED = ("Formulaire expiré", "Form expired")
# The admin for the forms only an admin may use (users): an agent's post is the API's 403.
VISITORS = ("creditor@demo.example", "agent@demo.example", "admin@demo.example", None)
# What any of the forms may ask for, so that a field's validation is never what answers.
FIELDS = {
    "email": "creditor@demo.example",
    "password": "not-the-password",
    "next": "/",
    "language": "fr",
    "back": "/",
    "decision": "approve",
    "note": "note",
    "reason": "je conteste",
    "outcome": "reached",
    "amount": "10,00",
    "due_on": "2026-12-01",
    "override_reason": "pièces reçues",
    "reference": "CSRF-0001",
}


@pytest.fixture(scope="module")
def portal(security_databases, signing_key) -> Iterator[Any]:
    settings = Settings(
        profile="test",
        database_url=security_databases("portal"),
        kafka_bootstrap_servers="127.0.0.1:9",
        kafka_topic_prefix=f"csrf{uuid.uuid4().hex[:8]}.",
        run_workers=False,
        service_urls={},
        seed_demo=True,
        debtor_link_key=LINK_KEY,
        jwt_private_key_pem=signing_key.to_pem().decode(),
    )
    app = create_app(settings, clock=SettableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC)))
    with TestClient(app, follow_redirects=False, raise_server_exceptions=False):
        yield app


def _web_form_routes(app: Any) -> list[str]:
    """The POST routes of the web routers `portal.web.mount` includes (read from the routers themselves: FastAPI
    keeps each included router as one entry of `app.routes`)."""
    return sorted(
        route.path
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and "POST" in route.methods
    )


def _visitor(app: Any, email: str | None) -> tuple[TestClient, str]:
    """A browser, signed in as `email` (anonymous when None), and the CSRF token its forms carry."""
    client = TestClient(app, follow_redirects=False, raise_server_exceptions=False)
    page = client.get("/sign-in")
    token = CSRF_FIELD.search(page.text)
    assert token, "the sign-in page has no CSRF field"
    if email is None:
        return client, token.group(1)
    signed = client.post(
        "/sign-in", data={"email": email, "password": DEMO_PASSWORD, "csrf": token.group(1), "next": "/"}
    )
    assert signed.status_code == 303, signed.text
    form = CSRF_FIELD.search(client.get("/cases/new").text) or CSRF_FIELD.search(client.get("/worklist").text)
    assert form, f"no page of {email} carries a form"
    return client, form.group(1)


def _is_refused(response: Any) -> bool:
    return response.status_code == 403 and any(text in response.text for text in REFUSED)


def _filled(path: str) -> str:
    """Ids that name nothing; a debtor's link that is genuine (signed with the portal's key, for a case unknown)."""
    link = sign_link(
        case_id=uuid.uuid4(),
        debtor_id=uuid.uuid4(),
        expires_at=datetime.now(UTC) + timedelta(days=30),
        key=LINK_KEY.encode(),
    )
    return re.sub(r"\{token\}", link, re.sub(r"\{\w+_id\}", str(uuid.uuid4()), path))


def test_the_walk_finds_the_portals_forms(portal):
    assert {"/sign-in", "/sign-out", "/cases/new"} <= set(_web_form_routes(portal))


def _post(client: TestClient, url: str, csrf: dict[str, str]) -> Any:
    """The post as a browser would send it: the token alone, or (for a form whose fields FastAPI checks before
    the route runs) with the fields any form may ask for."""
    answer = client.post(url, data=csrf)
    # FastAPI's check of the fields, answered as the portal's page saying the form sent is incomplete
    if answer.status_code == 422 and "Formulaire incomplet" in answer.text:
        answer = client.post(url, data={**FIELDS, **csrf})
    return answer


def _json(response: Any) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _cannot_use(response: Any) -> bool:
    """The visitor may not use this form at all: a page for other roles, or asked to sign in first."""
    if response.status_code == 403 and not _is_refused(response):
        return True
    return response.status_code == 303 and "/sign-in?next=" in response.headers.get("location", "")


def test_every_form_refuses_a_missing_or_wrong_csrf_token_from_each_visitor_who_may_use_it(portal):
    failures: list[str] = []
    users: dict[str, list[str]] = {path: [] for path in _web_form_routes(portal)}
    for email in VISITORS:
        who = email or "anonymous"
        client, token = _visitor(portal, email)
        for path in sorted(users, key=lambda p: p == "/sign-out"):  # signing out last: it ends the session
            url = _filled(path)
            forged = {"missing": _post(client, url, {}), "wrong": _post(client, url, {"csrf": token[:-2] + "xx"})}
            genuine = _post(client, url, {"csrf": token})
            if _cannot_use(genuine):
                continue
            users[path].append(who)
            if _is_refused(genuine):
                failures.append(f"POST {path} as {who}: refused even with the page's own token")
            failures += [
                f"POST {path} as {who} with a {name} token: {answer.status_code} {answer.text[:100]!r}"
                for name, answer in forged.items()
                if not _is_refused(answer)
            ]
        client.close()
    failures += [f"POST {path}: no visitor of the test may use this form" for path, who in users.items() if not who]
    assert failures == []
