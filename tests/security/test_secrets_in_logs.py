"""Secrets never reach the logs. A small flow runs through the apps in-process with every logger at DEBUG: sign-ins
with the demo passwords (on the API and on the web page, right and mistyped), a partner system's client
credentials, pages and API calls of the five services with genuine and forged bearer tokens. Then everything the
run logged (the records, the JSON lines the services print, the embedded PostgreSQL's server log) is searched for
the passwords, the client secret, the tokens and the portal's signing key."""

from __future__ import annotations

import io
import logging
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from shared.auth import Role
from shared.clock import SettableClock
from shared.demo import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD
from shared.logs import JsonFormatter

from portal.config import Settings
from portal.main import create_app

CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
MISTYPED = "Demo-Passw0rd-Mistyped!"  # a mistyped password is most of the real one
LINK_KEY = "a-debtor-link-key-never-logged"


@pytest.fixture(scope="module")
def portal(security_databases, signing_key) -> Iterator[TestClient]:
    settings = Settings(
        profile="test",
        database_url=security_databases("portal"),
        kafka_bootstrap_servers="127.0.0.1:9",
        kafka_topic_prefix=f"log{uuid.uuid4().hex[:8]}.",
        run_workers=False,
        service_urls={},
        seed_demo=True,
        log_level="DEBUG",
        debtor_link_key=LINK_KEY,
        jwt_private_key_pem=signing_key.to_pem().decode(),
    )
    app = create_app(settings, clock=SettableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC)))
    with TestClient(app, follow_redirects=False, raise_server_exceptions=False) as client:
        yield client


def _signature(token: str) -> str:
    return token.rsplit(".", 1)[-1]


def _run_the_flow(portal: TestClient, platform: Any, issue_token: Any) -> list[str]:
    """Signs in and calls the services the way clients do; returns the bearer tokens it used or was given."""
    tokens: list[str] = []
    for password in (MISTYPED, DEMO_PASSWORD):
        body = {"grant_type": "password", "username": "agent@demo.example", "password": password}
        answer = portal.post("/api/v1/auth/token", data=body)
        if answer.status_code == 200:
            tokens.append(answer.json()["access_token"])
    client = {"grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET}
    tokens.append(portal.post("/api/v1/auth/token", data=client).json()["access_token"])
    wrong_client = {**client, "client_secret": DEMO_CLIENT_SECRET + "x"}
    assert portal.post("/api/v1/auth/token", data=wrong_client).status_code == 401
    for password in (MISTYPED, DEMO_PASSWORD):
        csrf = CSRF_FIELD.search(portal.get("/sign-in").text)
        assert csrf
        portal.post("/sign-in", data={"email": "creditor@demo.example", "password": password, "csrf": csrf.group(1)})
    portal.get("/cases")  # a page that reads intake, which the portal cannot reach here: a logged warning
    portal.get("/api/v1/cases", headers={"Authorization": f"Bearer {tokens[0]}"})  # through the gateway
    genuine = issue_token(Role.AGENT)
    forged = genuine[:-8] + ("A" * 8 if not genuine.endswith("A" * 8) else "B" * 8)
    tokens += [genuine, forged]
    for service, client_of_service in platform.clients.items():
        for token in (genuine, forged):
            headers = {"Authorization": f"Bearer {token}"}
            client_of_service.get("/api/v1/cases" if service == "intake" else "/healthz", headers=headers)
            client_of_service.get(f"/api/v1/{service}/no-such-route", headers=headers)
        client_of_service.post("/api/v1/cases", json={"reference": 1}, headers={"Authorization": f"Bearer {forged}"})
    assert len(tokens) >= 4, "the flow was not given its tokens: the sign-ins failed"
    return tokens


def test_no_password_client_secret_token_or_key_is_ever_logged(
    portal, platform, issue_token, signing_key, postgres, caplog
):
    server_log = postgres.root / "server.log"
    logged_before = server_log.stat().st_size if server_log.exists() else 0
    caplog.set_level(logging.DEBUG)
    for name in ("portal", "intake", "scoring", "dunning", "legal", "shared", "httpx", "sqlalchemy"):
        caplog.set_level(logging.DEBUG, logger=name)

    printed = io.StringIO()
    json_lines = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    assert json_lines, "the services' JSON log handler is not installed"
    streams = [h.setStream(printed) for h in json_lines if isinstance(h, logging.StreamHandler)]
    try:
        tokens = _run_the_flow(portal, platform, issue_token)
    finally:
        for handler, stream in zip(json_lines, streams, strict=True):
            handler.setStream(stream)  # type: ignore[attr-defined]  # typed Handler, but each is a StreamHandler

    records = "\n".join(f"{r.name} {r.getMessage()} {r.args!r} {r.__dict__!r}" for r in caplog.records)
    assert printed.getvalue(), "the services printed no JSON log line: the capture is broken"
    database = server_log.read_bytes()[logged_before:].decode("utf-8", "replace") if server_log.exists() else ""
    assert caplog.records, "nothing was logged: the capture is broken"
    pem_line = signing_key.to_pem().decode().splitlines()[3]
    secrets = {
        "the demo password": DEMO_PASSWORD,
        "a mistyped password": MISTYPED,
        "the partner client's secret": DEMO_CLIENT_SECRET,
        "the debtor link key": LINK_KEY,
        "the signing key": pem_line,
        **{f"bearer token {i}": _signature(token) for i, token in enumerate(tokens)},
    }
    leaks = [
        f"{what} in {where}"
        for what, secret in secrets.items()
        for where, text in (
            ("log records", records),
            ("printed logs", printed.getvalue()),
            ("PostgreSQL's log", database),
        )
        if secret in text
    ]
    assert leaks == []
