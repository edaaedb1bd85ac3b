"""Legal's own dependencies (the kernel's are in `shared.deps`): intake's fresh reader, legal's settings, the agency
as the request file names it, and who may decide on going to court."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from shared.auth import Principal, Role
from shared.deps import RuntimeDep, require_roles
from shared.runtime import Runtime

from legal.config import Settings
from legal.procedures.service.request_file import Agency, IntakeReader


async def get_intake_reader(request: Request) -> IntakeReader:
    reader: IntakeReader = request.app.state.intake_reader
    return reader


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.runtime.settings
    return settings


async def get_agency(runtime: RuntimeDep) -> Agency:
    return agency_of(runtime)


def agency_of(runtime: Runtime) -> Agency:
    settings = runtime.settings
    if isinstance(settings, Settings):
        return Agency(name=settings.agency_name, address=settings.agency_address)
    defaults = Settings.model_fields
    return Agency(name=str(defaults["agency_name"].default), address=str(defaults["agency_address"].default))


IntakeReaderDep = Annotated[IntakeReader, Depends(get_intake_reader)]
"""`shared.fresh_reads.FreshReader` reading intake, set by the app's lifespan (tests put a fake in its place)"""
SettingsDep = Annotated[Settings, Depends(get_settings)]
AgencyDep = Annotated[Agency, Depends(get_agency)]
DeciderDep = Annotated[Principal, Depends(require_roles(Role.AGENT, Role.SUPERVISOR, Role.ADMIN))]
"""agency staff who take decisions on a case (approve a procedure, record its steps); not a service"""
SupervisorDep = Annotated[Principal, Depends(require_roles(Role.SUPERVISOR, Role.ADMIN))]
