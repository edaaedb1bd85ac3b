"""`recouvra-dev` command, the workbench's: run the embedded platform, write a migration, and run any command
(`recouvra replay`, `python -m scoring rescore` …) with the embedded platform's settings. The runtime commands
(`recouvra migrate`, `recouvra replay`) are the kernel's (shared.cli), in the image."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from workbench.stack.services import SERVICES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="recouvra-dev", description="Recouvra development commands")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run the whole platform on the embedded default (what `make run` does)")
    migration = commands.add_parser("makemigration", help="autogenerate a migration for a service (needs its database)")
    migration.add_argument("service", choices=SERVICES)
    migration.add_argument("message")
    beside = commands.add_parser(
        "exec", help="run a command with the settings of the platform `make run` started (what it does not set)"
    )
    beside.add_argument("argv", nargs=argparse.REMAINDER, metavar="command ...")
    args = parser.parse_args(argv)

    if args.command == "run":
        from workbench.stack.launcher import run
        from workbench.stack.services import default_layout

        return run(default_layout())
    if args.command == "makemigration":
        return _make_migration(args.service, args.message)
    if args.command == "exec":
        from workbench.stack.services import embedded_environment

        command = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
        if not command:
            parser.error("exec: name the command to run, e.g. recouvra-dev exec python -m scoring rescore")
        environment = embedded_environment()  # the virtual environment's commands first (recouvra, python)
        environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment.get("PATH", "")])
        os.execvpe(command[0], command, environment)
    return 2


def _make_migration(service: str, message: str) -> int:
    """Autogenerate a migration against a throw-away embedded PostgreSQL migrated to the current head,
    so that a developer needs no running platform to write one."""
    import tempfile

    import psycopg
    from alembic import command

    from shared.migrations import alembic_config, upgrade
    from workbench.stack.broker import free_port
    from workbench.stack.postgres import EmbeddedPostgres

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


if __name__ == "__main__":
    sys.exit(main())
