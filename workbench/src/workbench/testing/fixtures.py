"""pytest plugin (loaded with `-p workbench.testing.fixtures`).

One embedded PostgreSQL server and one embedded broker serve the whole run (under pytest-xdist, each worker's
run: see `workbench.testing.scheduling`). Each test gets a fresh database per service, cloned from a template migrated
once (`CREATE DATABASE … TEMPLATE`, a few tens of milliseconds), and a topic prefix of its own (its topics deleted
after it), so tests neither see nor disturb each other's data.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from shared.auth import Principal, Role, SigningKey, TokenVerifier
from shared.clock import SettableClock
from shared.config import BaseServiceSettings
from shared.migrations import upgrade
from shared.topics import all_topics, ensure_topics
from workbench.stack.broker import EmbeddedBroker, free_port
from workbench.stack.postgres import EmbeddedPostgres
from workbench.testing.mail import mail_server  # noqa: F401  (a fixture of this plugin)
from workbench.testing.providers import fake_provider  # noqa: F401  (a fixture of this plugin)

ISSUER, AUDIENCE = "recouvra-portal", "recouvra"


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedPostgres]:
    server = EmbeddedPostgres(Path(tmp_path_factory.mktemp("postgres")), port=free_port(), durable=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    log = Path(tmp_path_factory.mktemp("broker")) / "broker.log"
    server = EmbeddedBroker(port=free_port(), log_path=log)
    server.start()
    yield server
    server.stop()


def _admin_conninfo(postgres: EmbeddedPostgres) -> str:
    return f"host={postgres.host} port={postgres.port} user=postgres dbname=postgres"


@pytest.fixture(scope="session")
def _templates(postgres: EmbeddedPostgres) -> Callable[[str], str]:
    made: dict[str, str] = {}

    def template_for(service: str) -> str:
        if service not in made:
            name = f"template_{service}"
            with psycopg.connect(_admin_conninfo(postgres), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
            upgrade(service, postgres.url(name))
            made[service] = name
        return made[service]

    return template_for


@pytest.fixture
def fresh_database(postgres: EmbeddedPostgres, _templates: Callable[[str], str]) -> Iterator[Callable[[str], str]]:
    """`fresh_database("intake")` -> URL of a new, migrated database dropped after the test."""
    created: list[str] = []

    def make(service: str) -> str:
        template = _templates(service)
        name = f"test_{service}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(_admin_conninfo(postgres), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        created.append(name)
        return postgres.url(name)

    yield make
    with psycopg.connect(_admin_conninfo(postgres), autocommit=True) as conn:
        for name in created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def topic_prefix(broker: EmbeddedBroker) -> Iterator[str]:
    """A topic namespace for this test, every platform topic created in it, deleted after it (`topic_namespace`)."""
    with topic_namespace(broker) as prefix:
        yield prefix


@contextmanager
def topic_namespace(broker: EmbeddedBroker) -> Iterator[str]:
    """A new topic prefix with every platform topic created under it; on leaving, every topic under it is deleted
    (those a test made itself too), so that the broker holds one test's topics at a time. Left in place, they piled
    up (14 a test, thousands in a run) and every topic request, each test's creation included, slowed down with them:
    from 30 ms a test at the start of a run to 0.9 s after 300 tests."""
    from shared.kafka import make_admin

    prefix = f"t{uuid.uuid4().hex[:10]}."
    settings = BaseServiceSettings(kafka_bootstrap_servers=broker.bootstrap, service_name="tests")
    admin = make_admin(settings)
    try:
        ensure_topics(admin, all_topics(prefix))
    finally:
        admin.close()
    try:
        yield prefix
    finally:
        admin = make_admin(settings)
        try:
            admin.delete_topics([topic for topic in admin.list_topics() if topic.startswith(prefix)])
        finally:
            admin.close()


@pytest.fixture(scope="session")
def signing_key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture(scope="session")
def verifier(signing_key: SigningKey) -> TokenVerifier:
    return TokenVerifier(issuer=ISSUER, audience=AUDIENCE, jwks={"keys": [signing_key.jwk()]})


@pytest.fixture(scope="session")
def issue_token(signing_key: SigningKey) -> Callable[..., str]:
    """`issue_token(role, creditor_id=..., partner_id=..., lifetime=...)` -> a bearer token signed like the portal's."""

    def issue(
        role: Role | str,
        *,
        creditor_id: object = None,
        partner_id: object = None,
        lifetime: timedelta = timedelta(hours=1),
        subject: str | None = None,
    ) -> str:
        principal = Principal(
            subject=subject or str(uuid.uuid4()),
            role=Role(role),
            creditor_id=str(creditor_id) if creditor_id else None,
            partner_id=str(partner_id) if partner_id else None,
        )
        return signing_key.issue(principal, issuer=ISSUER, audience=AUDIENCE, now=datetime.now(UTC), lifetime=lifetime)

    return issue


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))


@pytest.fixture
def settings_for(
    fresh_database: Callable[[str], str], broker: EmbeddedBroker, topic_prefix: str, signing_key: SigningKey
) -> Callable[..., BaseServiceSettings]:
    """`settings_for("intake", **overrides)` -> the service's Settings on a fresh database and this test's topics."""
    import importlib

    def make(service: str, **overrides: object) -> BaseServiceSettings:
        module = importlib.import_module(f"{service}.config")
        values: dict[str, object] = {
            "profile": "test",
            "database_url": fresh_database(service),
            "kafka_bootstrap_servers": broker.bootstrap,
            "kafka_topic_prefix": topic_prefix,
            "kafka_session_timeout_ms": 1500,
            "kafka_heartbeat_interval_ms": 300,
            "kafka_fetch_max_wait_ms": 20,
            "relay_interval_ms": 20,
            "consumer_backoff_ms": 1,
            "run_workers": False,
            "service_urls": {},
            "revocations_url": "",  # a test's verifier holds the list it is given, never a running platform's
        }
        if service == "portal":
            values["jwt_private_key_pem"] = signing_key.to_pem().decode()
        values.update(overrides)
        settings: BaseServiceSettings = module.Settings(**values)
        return settings

    return make


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
