"""Alembic environment of the intake service: its own tables plus the kernel's outbox and inbox."""

from sqlmodel import SQLModel

import shared.audit
import shared.idempotency
import shared.inbox
import shared.outbox
import shared.waiting_room  # noqa: F401
from shared.migrations import run_env

import intake.cases.models
import intake.creditors.models
import intake.debtors.models
import intake.documents.models
import intake.imports.models
import intake.ledger.card_models
import intake.ledger.models
import intake.ledger.reversal_models
import intake.rates.models  # noqa: F401  (registers the service's tables)

run_env(SQLModel.metadata)
