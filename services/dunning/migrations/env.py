"""Alembic environment of the dunning service: its own tables plus the kernel's outbox and inbox."""

from sqlmodel import SQLModel

import shared.audit
import shared.idempotency
import shared.inbox
import shared.outbox
import shared.waiting_room  # noqa: F401
from shared.migrations import run_env

import dunning.cases.models
import dunning.messages.models
import dunning.overrides.models
import dunning.responses.models
import dunning.responses.settlement_models
import dunning.scenarios.models
import dunning.steps.models  # noqa: F401

run_env(SQLModel.metadata)
