"""Identity's tables: users, sign-in failures and the creditor directory (API models in `portal.identity.schemas`; the
API clients' table is `portal.api_clients.models`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(unique=True, index=True)
    password_hash: str
    role: str
    creditor_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    active: bool = True
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    # Tokens issued up to this instant (the wall clock's, as tokens are dated) are refused everywhere
    # (`shared.revocations`): set when the account is deactivated or given a new password by an admin.
    access_withdrawn_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class LoginFailure(SQLModel, table=True):
    __tablename__ = "login_failures"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True)
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))


class CreditorDirectoryEntry(SQLModel, table=True):
    """The creditors the portal knows of, projected from intake's `creditor.registered` and `creditor.updated`
    events."""

    __tablename__ = "creditor_directory"

    creditor_id: uuid.UUID = Field(primary_key=True)
    name: str
    registered_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
