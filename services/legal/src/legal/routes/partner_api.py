"""The partner bailiff API: a bailiff firm's systems, signed in with client credentials (`POST /api/v1/auth/token`,
grant_type=client_credentials), read the missions given to the firm and report on them. Another firm's mission
answers 404; any other role 403. Every POST honours `Idempotency-Key` (a retry with the same key gets the first
answer back) and is idempotent on its own content too (docs/partners.md)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, File, Form, Query, Response, UploadFile, status

from shared.deps import BailiffDep, ClockDep, SessionDep
from shared.limits import LimitQuery, OffsetQuery

from legal.deps import IntakeReaderDep, SettingsDep
from legal.partners import missions
from legal.partners.deeds import DEED_KINDS, deed_of, upload_deed
from legal.partners.files import download_headers
from legal.partners.report_schemas import EXAMPLES, ReportIn
from legal.partners.reports import partner_mission, record_report
from legal.partners.schemas import DeedPublic, MissionPage, PartnerMission, ReportPublic
from legal.partners.views import mission_public, partner_mission_view

router = APIRouter(prefix="/api/v1/partner/missions", tags=["partner API"])

_SAME = "the same report or deed was already recorded: the first record, nothing new"
MissionStatus = Annotated[
    str | None,
    Query(
        alias="status",
        pattern=r"^(assigned|served|search_unsuccessful|seizure|withdrawn|closed)$",
        description="only missions in this status",
    ),
]


@router.get("", summary="the missions given to the caller's firm, newest first (paged)")
def list_missions(
    session: SessionDep,
    bailiff: BailiffDep,
    status_: MissionStatus = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> MissionPage:
    items, total = missions.partner_missions(
        session=session, principal=bailiff, status=status_, offset=offset, limit=limit
    )
    return MissionPage(items=[mission_public(m) for m in items], total=total)


@router.get(
    "/{mission_id}",
    summary="a mission with the case (debtor's identity and address) and its documents: the agency's references, "
    "the case's documents in intake, the deeds uploaded",
)
def get_mission(
    mission_id: uuid.UUID, session: SessionDep, reader: IntakeReaderDep, bailiff: BailiffDep
) -> PartnerMission:
    mission = partner_mission(session=session, mission_id=mission_id, principal=bailiff)
    return partner_mission_view(session, reader, mission)


@router.post(
    "/{mission_id}/events",
    status_code=status.HTTP_201_CREATED,
    summary="report on the mission: served, search_unsuccessful, seizure, funds_collected (recorded as a payment of "
    "the case) or costs (with its tariff and who bears it)",
    responses={200: {"model": ReportPublic, "description": _SAME}},
)
def post_event(
    mission_id: uuid.UUID,
    report_in: Annotated[ReportIn, Body(openapi_examples=EXAMPLES)],
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    bailiff: BailiffDep,
) -> ReportPublic:
    report, new = record_report(
        session=session, mission_id=mission_id, report_in=report_in, principal=bailiff, clock=clock
    )
    if not new:
        response.status_code = status.HTTP_200_OK
    return ReportPublic.model_validate(report)


@router.post(
    "/{mission_id}/documents",
    status_code=status.HTTP_201_CREATED,
    summary="upload a deed (multipart: kind, file): a PDF, read from its content, at most LEGAL_DEED_MAX_BYTES",
    responses={200: {"model": DeedPublic, "description": _SAME}},
)
def post_deed(
    mission_id: uuid.UUID,
    file: Annotated[UploadFile, File(description="the deed, a PDF")],
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    bailiff: BailiffDep,
    kind: Annotated[str, Form(max_length=40, description=f"one of {', '.join(DEED_KINDS)}")] = "other",
) -> DeedPublic:
    deed, new = upload_deed(
        session=session,
        mission_id=mission_id,
        kind=kind,
        source=file.file,
        filename=file.filename,
        max_bytes=settings.deed_max_bytes,
        principal=bailiff,
        clock=clock,
    )
    if not new:
        response.status_code = status.HTTP_200_OK
    return DeedPublic.model_validate(deed)


@router.get(
    "/{mission_id}/deeds/{deed_id}/content", summary="download a deed uploaded on the mission", response_class=Response
)
def download_deed(mission_id: uuid.UUID, deed_id: uuid.UUID, session: SessionDep, bailiff: BailiffDep) -> Response:
    mission = partner_mission(session=session, mission_id=mission_id, principal=bailiff)
    deed = deed_of(session, mission.id, deed_id)
    return Response(deed.content, media_type=deed.media_type, headers=download_headers(deed.filename))
