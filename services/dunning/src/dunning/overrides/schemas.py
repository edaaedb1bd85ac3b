"""The template overrides API's models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from dunning.domain.fields import TemplateSource, check_template_source


class TemplateOverrideIn(BaseModel):
    subject: Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(check_template_source)]
    text: TemplateSource
    html: TemplateSource | None = Field(default=None, description="left out: the default HTML is kept")
    creditor_id: uuid.UUID | None = Field(default=None, description="staff name the creditor; creditors leave it out")


class TemplateOverridePublic(BaseModel):
    creditor_id: uuid.UUID
    template: str
    language: str
    subject: str
    text: str
    html: str | None
    updated_at: datetime


class TemplateOverridePage(BaseModel):
    items: list[TemplateOverridePublic]
    total: int
