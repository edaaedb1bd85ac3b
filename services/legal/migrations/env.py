"""Alembic environment of the legal service: its own tables plus the kernel's outbox and inbox."""

from sqlmodel import SQLModel

import shared.audit
import shared.idempotency
import shared.inbox
import shared.outbox
import shared.waiting_room  # noqa: F401
from shared.migrations import run_env

import legal.insurance
import legal.partners
import legal.procedures  # noqa: F401  (register the service's tables)

run_env(SQLModel.metadata)
