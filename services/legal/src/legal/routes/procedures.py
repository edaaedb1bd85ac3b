"""One procedure: read it, record its steps, download its request file."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from shared.clock import today_in_paris
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep

from legal.deps import AgencyDep, DeciderDep, IntakeReaderDep
from legal.procedures.models import RequestFile
from legal.procedures.schemas import ProcedureEventIn, ProcedurePublic
from legal.procedures.service.opening import ensure_request_file
from legal.procedures.service.steps import record_step, visible_procedure
from legal.procedures.service.views import procedure_public

router = APIRouter(prefix="/api/v1/legal/procedures/{procedure_id}", tags=["legal procedures"])


@router.get("", summary="a procedure: its state, court, steps, deadlines (art. 640 to 642 CPC) and request file")
def get_procedure(
    procedure_id: uuid.UUID, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> ProcedurePublic:
    procedure = visible_procedure(session, procedure_id, principal)
    return procedure_public(session, procedure, today=today_in_paris(clock))


@router.post(
    "/events",
    summary="record a step: filed, granted or rejected (the order's date), served, opposed, enforceable, "
    "enforcement, closed",
    responses={409: {"description": "the step cannot follow the procedure's state, or came too late or too early"}},
)
def post_procedure_event(
    procedure_id: uuid.UUID, event_in: ProcedureEventIn, session: SessionDep, clock: ClockDep, decider: DeciderDep
) -> ProcedurePublic:
    procedure = record_step(
        session=session, procedure_id=procedure_id, step_in=event_in, principal=decider, clock=clock
    )
    return procedure_public(session, procedure, today=today_in_paris(clock))


@router.get(
    "/request.pdf",
    summary="the request file (requête) as PDF: parties, amounts, basis of the claim, list of exhibits",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, 503: {"description": "intake could not be read"}},
)
def get_request_file(
    procedure_id: uuid.UUID,
    session: SessionDep,
    clock: ClockDep,
    reader: IntakeReaderDep,
    agency: AgencyDep,
    principal: CreditorOrStaffDep,
) -> Response:
    procedure = visible_procedure(session, procedure_id, principal)
    request = session.get(RequestFile, procedure.id)
    if request is None:
        ensure_request_file(session=session, reader=reader, agency=agency, procedure=procedure, clock=clock)
        request = session.get(RequestFile, procedure.id)
        assert request is not None
    return Response(
        request.pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="requete-{procedure.id.hex[:10]}.pdf"',
            "X-Content-Type-Options": "nosniff",
        },
    )
