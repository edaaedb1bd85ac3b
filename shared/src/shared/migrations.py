"""Alembic, driven from code: each service keeps its own migrations in `services/<name>/migrations`."""

from __future__ import annotations

import importlib
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, engine_from_config, pool


def migrations_dir(service: str) -> Path:
    package = importlib.import_module(service)
    assert package.__file__ is not None
    # services/<name>/src/<name>/__init__.py -> services/<name>/migrations
    return Path(package.__file__).resolve().parents[2] / "migrations"


def alembic_config(service: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir(service)))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["service"] = service
    return config


def upgrade(service: str, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(service, database_url), revision)


def run_env(target_metadata: MetaData) -> None:
    """Body of every service's `migrations/env.py` (online mode only: we always migrate a live database)."""
    config = context.config
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
