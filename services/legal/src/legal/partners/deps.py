"""Dependencies of the mission routes: intake read fresh, and legal's settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from legal.config import Settings
from legal.partners.case_reads import IntakeReader


def get_intake_reader(request: Request) -> IntakeReader:
    reader: IntakeReader = request.app.state.intake_reader
    return reader


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.runtime.settings
    return settings


IntakeReaderDep = Annotated[IntakeReader, Depends(get_intake_reader)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
