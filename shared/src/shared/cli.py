"""`recouvra` command, the runtime's (in the image): bring a service's database to its latest migration (the
production migration jobs) and publish again a service's outbox events. Settings come from the environment only;
the development commands (`recouvra-dev run`, `makemigration`, `exec`) are the workbench's (workbench.stack.cli)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from shared.config import SERVICE_PORTS, service_settings

SERVICES = tuple(SERVICE_PORTS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="recouvra", description="Recouvra runtime commands")
    commands = parser.add_subparsers(dest="command", required=True)
    migrate = commands.add_parser(
        "migrate", help="apply a service's migrations to its database (<SERVICE>_DATABASE_URL)"
    )
    migrate.add_argument("service", choices=SERVICES)
    replay = commands.add_parser("replay", help="publish again a service's outbox events since a date")
    replay.add_argument("service", choices=SERVICES)
    replay.add_argument(
        "--since", required=True, help="ISO date or instant, e.g. 2026-11-01 or 2026-11-01T08:00:00+01:00"
    )
    args = parser.parse_args(argv)

    if args.command == "migrate":
        return migrate_database(args.service)
    if args.command == "replay":
        return replay_since(args.service, parse_since(args.since))
    return 2


def migrate_database(service: str) -> int:
    """Production: the database exists (created by the operator); its schema is brought to the head revision.
    Run once per release, before the new web processes start (a Job), never by the web processes themselves."""
    from shared.migrations import upgrade

    settings = service_settings(service)
    if not settings.database_url:
        print(f"error: set {service.upper()}_DATABASE_URL to the {service} service's database", file=sys.stderr)
        return 2
    upgrade(service, settings.database_url)
    print(f"{service}: database migrated to the latest revision")
    return 0


def replay_since(service: str, since: datetime) -> int:
    from shared.db import make_engine
    from shared.kafka import make_producer
    from shared.replay import replay_outbox

    settings = service_settings(service)
    if not settings.database_url:
        print(
            f"error: set {service.upper()}_DATABASE_URL to the {service} service's database "
            f"(beside `make run`: recouvra-dev exec recouvra replay {service} --since …)",
            file=sys.stderr,
        )
        return 2
    engine, producer = make_engine(settings.database_url), make_producer(settings)
    try:
        count = replay_outbox(engine=engine, producer=producer, since=since, topic_prefix=settings.kafka_topic_prefix)
    finally:
        producer.close()
        engine.dispose()
    print(f"{service}: {count} events published again since {since.isoformat()}")
    return 0


def parse_since(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        sys.exit(f"--since: '{value}' is not an ISO date such as 2026-11-01")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


if __name__ == "__main__":
    sys.exit(main())
