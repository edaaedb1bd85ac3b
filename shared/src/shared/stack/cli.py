"""`recouvra` command: run the embedded platform, replay a service's outbox, write a migration, and bring a
service's database to its latest migration (the production migration jobs)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from shared.stack.services import SERVICES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="recouvra", description="Recouvra platform commands")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run the whole platform on the embedded default (what `make run` does)")
    replay = commands.add_parser("replay", help="publish again a service's outbox events since a date")
    replay.add_argument("service", choices=SERVICES)
    replay.add_argument(
        "--since", required=True, help="ISO date or instant, e.g. 2026-11-01 or 2026-11-01T08:00:00+01:00"
    )
    migration = commands.add_parser("makemigration", help="autogenerate a migration for a service (needs its database)")
    migration.add_argument("service", choices=SERVICES)
    migration.add_argument("message")
    migrate = commands.add_parser(
        "migrate", help="apply a service's migrations to its database (<SERVICE>_DATABASE_URL)"
    )
    migrate.add_argument("service", choices=SERVICES)
    args = parser.parse_args(argv)

    if args.command == "run":
        from shared.stack.launcher import run
        from shared.stack.services import default_layout

        return run(default_layout())
    if args.command == "replay":
        from shared.db import make_engine
        from shared.kafka import make_producer
        from shared.replay import replay_outbox
        from shared.stack.services import service_settings

        since = _parse_since(args.since)
        settings = service_settings(args.service)
        engine, producer = make_engine(settings.database_url), make_producer(settings)
        try:
            count = replay_outbox(
                engine=engine, producer=producer, since=since, topic_prefix=settings.kafka_topic_prefix
            )
        finally:
            producer.close()
            engine.dispose()
        print(f"{args.service}: {count} events published again since {since.isoformat()}")
        return 0
    if args.command == "makemigration":
        return _make_migration(args.service, args.message)
    if args.command == "migrate":
        return _migrate(args.service)
    return 2


def _migrate(service: str) -> int:
    """Production: the database exists (created by the operator); its schema is brought to the head revision.
    Run once per release, before the new web processes start (a Job), never by the web processes themselves."""
    from shared.migrations import upgrade
    from shared.stack.services import service_settings

    settings = service_settings(service, embedded_fallback=False)
    if not settings.database_url:
        print(f"error: set {service.upper()}_DATABASE_URL to the {service} service's database", file=sys.stderr)
        return 2
    upgrade(service, settings.database_url)
    print(f"{service}: database migrated to the latest revision")
    return 0


def _make_migration(service: str, message: str) -> int:
    """Autogenerate a migration against a throw-away embedded PostgreSQL migrated to the current head,
    so that a developer needs no running platform to write one."""
    import tempfile
    from pathlib import Path

    import psycopg
    from alembic import command

    from shared.migrations import alembic_config, upgrade
    from shared.stack.broker import free_port
    from shared.stack.postgres import EmbeddedPostgres

    with tempfile.TemporaryDirectory(prefix="recouvra-migration-") as folder:
        server = EmbeddedPostgres(Path(folder), port=free_port())
        server.start()
        try:
            with psycopg.connect(
                f"host={server.host} port={server.port} user=postgres dbname=postgres", autocommit=True
            ) as conn:
                conn.execute(f'CREATE DATABASE "{service}"')
            url = server.url(service)
            upgrade(service, url)
            rev_id = f"{service}_{len(list(_versions(service))) + 1:04d}"
            command.revision(alembic_config(service, url), message=message, autogenerate=True, rev_id=rev_id)
        finally:
            server.stop()
    return 0


def _versions(service: str) -> list[Path]:
    from shared.migrations import migrations_dir

    return sorted((migrations_dir(service) / "versions").glob(f"{service}_*.py"))


def _parse_since(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        sys.exit(f"--since: '{value}' is not an ISO date such as 2026-11-01")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


if __name__ == "__main__":
    sys.exit(main())
