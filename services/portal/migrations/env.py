"""Alembic environment of the portal service: its own tables plus the kernel's outbox and inbox."""

from sqlmodel import SQLModel

import shared.audit
import shared.idempotency
import shared.inbox
import shared.outbox
import shared.waiting_room  # noqa: F401
from shared.migrations import run_env

import portal.api_clients.models
import portal.identity.models
import portal.timeline.models
import portal.webhooks.models  # noqa: F401  (the four register the service's tables)

run_env(SQLModel.metadata)
