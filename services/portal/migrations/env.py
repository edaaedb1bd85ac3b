"""Alembic environment of the portal service: its own tables plus the kernel's outbox and inbox."""

from sqlmodel import SQLModel

import shared.audit  # noqa: F401
import shared.idempotency  # noqa: F401
import shared.inbox  # noqa: F401
import shared.outbox  # noqa: F401
import shared.waiting_room  # noqa: F401
import portal.models  # noqa: F401  (registers the service's tables)
from shared.migrations import run_env

run_env(SQLModel.metadata)
