"""Staff give a case to a partner bailiff and follow the mission; the case's creditor reads its missions and costs."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep

from legal.deps import IntakeReaderDep
from legal.partners import missions
from legal.partners.case_reads import check_case_visible
from legal.partners.costs import case_costs
from legal.partners.deeds import deed_of
from legal.partners.files import download_headers
from legal.partners.schemas import CaseCosts, MissionChange, MissionDetail, MissionIn, MissionPage, MissionPublic
from legal.partners.views import mission_detail, mission_public

router = APIRouter(prefix="/api/v1/legal", tags=["legal missions"])


@router.post(
    "/cases/{case_id}/missions",
    status_code=status.HTTP_201_CREATED,
    summary="give a validated case to a partner bailiff (service, enforcement, search or amicable collection); "
    "the bailiff is told by a signed webhook",
)
def assign_mission(
    case_id: uuid.UUID,
    mission_in: MissionIn,
    session: SessionDep,
    reader: IntakeReaderDep,
    clock: ClockDep,
    staff: StaffDep,
) -> MissionPublic:
    mission = missions.assign_mission(
        session=session, reader=reader, case_id=case_id, mission_in=mission_in, principal=staff, clock=clock
    )
    return mission_public(mission)


@router.get("/cases/{case_id}/missions", summary="the case's missions, oldest first")
def list_case_missions(
    case_id: uuid.UUID, session: SessionDep, reader: IntakeReaderDep, principal: CreditorOrStaffDep
) -> MissionPage:
    check_case_visible(session=session, reader=reader, case_id=case_id, principal=principal)
    items = [mission_public(m) for m in missions.missions_of_case(session=session, case_id=case_id)]
    return MissionPage(items=items, total=len(items))


@router.get(
    "/cases/{case_id}/costs",
    summary="the legal costs of the case, each with who bears it (debtor or creditor) and why",
)
def get_case_costs(
    case_id: uuid.UUID, session: SessionDep, reader: IntakeReaderDep, principal: CreditorOrStaffDep
) -> CaseCosts:
    check_case_visible(session=session, reader=reader, case_id=case_id, principal=principal)
    return case_costs(session=session, case_id=case_id)


@router.get("/missions/{mission_id}", summary="a mission with the bailiff's reports and deeds")
def get_mission(mission_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> MissionDetail:
    mission = missions.get_mission(session=session, mission_id=mission_id, principal=principal)
    return mission_detail(session, mission)


@router.patch(
    "/missions/{mission_id}",
    summary="change a mission's instructions, or end it (withdrawn or closed); the bailiff is told by webhook",
)
def change_mission(
    mission_id: uuid.UUID, change: MissionChange, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> MissionPublic:
    mission = missions.change_mission(
        session=session, mission_id=mission_id, change=change, principal=staff, clock=clock
    )
    return mission_public(mission)


@router.get(
    "/missions/{mission_id}/deeds/{deed_id}/content",
    summary="download a deed the bailiff uploaded (PDF)",
    response_class=Response,
)
def download_deed(
    mission_id: uuid.UUID, deed_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep
) -> Response:
    mission = missions.get_mission(session=session, mission_id=mission_id, principal=principal)
    deed = deed_of(session, mission.id, deed_id)
    return Response(deed.content, media_type=deed.media_type, headers=download_headers(deed.filename))
