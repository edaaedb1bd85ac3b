"""What an admin sends and reads about the bailiff firms' API clients (the table is
`portal.api_clients.models.ApiClient`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from shared.limits import Name


class ApiClientCreate(BaseModel):
    partner_id: uuid.UUID = Field(description="the bailiff firm, as legal registered it (POST /api/v1/legal/partners)")
    name: Name = Field(max_length=200, description="who the client is, as admins read it", examples=["Étude Martin"])


class ApiClientPublic(BaseModel):
    client_id: str
    name: str
    role: str
    partner_id: uuid.UUID | None
    active: bool
    created_at: datetime


class ApiClientCreated(ApiClientPublic):
    client_secret: str = Field(
        description="shown in this answer only: the portal keeps its hash; a lost secret means a new client"
    )


class ApiClientPage(BaseModel):
    items: list[ApiClientPublic]
    total: int
