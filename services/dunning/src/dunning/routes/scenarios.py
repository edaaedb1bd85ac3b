"""Scenarios as data: staff read them and supervisors edit them, without code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from shared.deps import ClockDep, SessionDep, StaffDep

from dunning.deps import SupervisorDep
from dunning.scenarios import scenarios
from dunning.scenarios.schemas import ScenarioIn, ScenarioPage, ScenarioPublic

router = APIRouter(prefix="/api/v1/dunning/scenarios", tags=["dunning scenarios"])
Code = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9-]*$")]


@router.get("", summary="every scenario, the shipped default included")
def list_scenarios(session: SessionDep, staff: StaffDep) -> ScenarioPage:
    items = scenarios.list_scenarios(session=session)
    return ScenarioPage(items=items, total=len(items))


@router.get("/{code}", summary="one scenario and its steps")
def get_scenario(code: Code, session: SessionDep, staff: StaffDep) -> ScenarioPublic:
    return scenarios.read_scenario(session=session, code=code)


@router.put("/{code}", summary="create or replace a scenario (cases take the new steps from their next step on)")
def save_scenario(
    code: Code, scenario_in: ScenarioIn, session: SessionDep, clock: ClockDep, supervisor: SupervisorDep
) -> ScenarioPublic:
    return scenarios.save_scenario(
        session=session, code=code, scenario_in=scenario_in, principal=supervisor, clock=clock
    )
