"""The portal's own dependencies (the kernel's are in shared.deps)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from shared.fresh_reads import FreshReader

from portal.config import Settings
from portal.domain.addresses import client_address


async def get_intake_reader(request: Request) -> FreshReader | None:
    reader: FreshReader | None = request.app.state.intake_reader
    return reader


IntakeReaderDep = Annotated[FreshReader | None, Depends(get_intake_reader)]


async def get_legal_reader(request: Request) -> FreshReader | None:
    reader: FreshReader | None = getattr(request.app.state, "legal_reader", None)
    return reader


LegalReaderDep = Annotated[FreshReader | None, Depends(get_legal_reader)]


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.runtime.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def request_address(request: Request, trusted_proxies: list[str]) -> str:
    """The address `request` really comes from, read behind the proxies in `trusted_proxies`
    (`portal.domain.addresses`)."""
    peer = request.client.host if request.client else "unknown"
    return client_address(peer, request.headers.get("x-forwarded-for", ""), trusted_proxies)
