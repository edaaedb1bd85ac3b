"""Identity's API models: what a client sends and reads about users and tokens (the tables are in
`portal.identity.models`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, EmailStr
from pydantic import Field as PydanticField

from shared.auth import Role


class UserCreate(BaseModel):
    email: EmailStr
    password: str = PydanticField(
        min_length=12,
        max_length=128,
        description="12 to 128 characters, not easy to guess (zxcvbn score 3 or more), "
        "neither the e-mail nor the product name",
    )
    role: Role
    creditor_id: uuid.UUID | None = PydanticField(default=None, description="required for the creditor role")
    partner_id: uuid.UUID | None = PydanticField(default=None, description="required for the bailiff role")


class PasswordReset(BaseModel):
    password: str = PydanticField(max_length=128, description="the account's new password, under the same policy")


class PasswordChange(BaseModel):
    current_password: str = PydanticField(max_length=128, description="the password the user signs in with now")
    password: str = PydanticField(max_length=128, description="the new one, under the policy of `UserCreate`")


class UserPublic(BaseModel):
    id: uuid.UUID
    email: str
    role: str
    creditor_id: uuid.UUID | None
    partner_id: uuid.UUID | None
    active: bool
    created_at: datetime


class UserPage(BaseModel):
    items: list[UserPublic]
    total: int


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
