"""The five services in-process on fresh databases, with creditor A's records created through the APIs.

One set for the whole folder (package scope): creditor A with a mandate, a validated case with an invoice, a
document, a payment, an import, a remittance; creditor B with a mandate and a case of its own; a suspense bank
credit; scoring's projection fed with intake's own recorded events, replayed through scoring's handlers."""

from __future__ import annotations

import importlib
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient

from shared.clock import SettableClock

sys.path.insert(0, str(Path(__file__).parent))  # the fixture's helper modules, beside this file

from security_population import Platform, populate
from security_records import AGENCY_IBAN

SERVICES = ("portal", "intake", "scoring", "dunning", "legal")


@pytest.fixture(scope="package")
def security_databases(postgres, _templates) -> Iterator[Callable[[str], str]]:
    created: list[str] = []
    admin = f"host={postgres.host} port={postgres.port} user=postgres dbname=postgres"

    def make(service: str) -> str:
        name = f"security_{service}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_templates(service)}"')
        created.append(name)
        return postgres.url(name)

    yield make
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _settings(service: str, database_url: str, signing_key: Any, tmp: Any) -> Any:
    values: dict[str, Any] = {
        "profile": "test",
        "database_url": database_url,
        "kafka_bootstrap_servers": "127.0.0.1:9",
        "kafka_topic_prefix": f"sec{uuid.uuid4().hex[:8]}.",
        "run_workers": False,
        "service_urls": {},
    }
    if service == "portal":
        values["jwt_private_key_pem"] = signing_key.to_pem().decode()
    if service == "intake":
        values.update(documents_dir=tmp / "documents", agency_iban=AGENCY_IBAN, agency_bic="AGRIFRPP")
    return importlib.import_module(f"{service}.config").Settings(**values)


@pytest.fixture(scope="package")
def platform(security_databases, signing_key, verifier, issue_token, tmp_path_factory) -> Iterator[Platform]:
    clock = SettableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    tmp = tmp_path_factory.mktemp("security")
    clients: dict[str, TestClient] = {}
    for service in SERVICES:
        settings = _settings(service, security_databases(service), signing_key, tmp)
        factory = importlib.import_module(f"{service}.main").create_app
        app = (
            factory(settings, clock=clock) if service == "portal" else factory(settings, clock=clock, verifier=verifier)
        )
        clients[service] = TestClient(app)
        clients[service].__enter__()
        clients[service].headers["Accept-Language"] = "en"
    try:
        yield populate(clients, issue_token, clock)
    finally:
        for client in clients.values():
            client.__exit__(None, None, None)
