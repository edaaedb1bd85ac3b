"""Audit trail: who did what, when and why, written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, Session, SQLModel

from shared.auth import Principal
from shared.clock import Clock


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    actor: str
    actor_role: str
    action: str
    entity: str
    entity_id: str
    reason: str | None = None
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))


def audit(
    session: Session,
    *,
    actor: Principal | None,
    action: str,
    entity: str,
    entity_id: object,
    clock: Clock,
    reason: str | None = None,
    **details: Any,
) -> None:
    session.add(
        AuditEntry(
            at=clock.now(),
            actor=actor.subject if actor else "system",
            actor_role=actor.role.value if actor else "system",
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            reason=reason,
            details=details,
        )
    )
