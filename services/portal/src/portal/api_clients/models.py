"""The API clients' table: the partner systems that sign in with OAuth2 client credentials (API models in
`portal.api_clients.schemas`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

from shared.auth import Role


class ApiClient(SQLModel, table=True):
    """A partner system that signs in with OAuth2 client credentials (a bailiff's software)."""

    __tablename__ = "api_clients"

    client_id: str = Field(primary_key=True)
    secret_hash: str
    role: str = Role.BAILIFF.value
    partner_id: uuid.UUID | None = None
    name: str
    active: bool = True
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    # Tokens issued up to this instant are refused everywhere (`shared.revocations`): set at deactivation.
    access_withdrawn_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
