"""Intake's own FastAPI dependencies (the kernel's are in shared.deps)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from intake.config import Settings
from intake.documents.storage import DocumentStore


async def get_store(request: Request) -> DocumentStore:
    store: DocumentStore = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.runtime.settings
    return settings


StoreDep = Annotated[DocumentStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
