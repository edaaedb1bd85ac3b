"""Call-backs the debtor asks for: the slots offered and the one waiting, and a request (the debtor's page, through
the portal, or an agent on the debtor's behalf)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep
from shared.idempotency_records import created

from dunning.domain.windows import Window, parse_windows
from dunning.responses import callbacks
from dunning.responses.callback_schemas import CallbackIn, CallbackPublic, CallbacksPublic

router = APIRouter(prefix="/api/v1/dunning/cases/{case_id}/callbacks", tags=["dunning calls"])


def _call_windows(request: Request) -> tuple[Window, ...]:
    return parse_windows(request.app.state.runtime.settings.call_windows)


@router.get("", summary="the call-back slots offered now (the call windows of the next ten days) and the one waiting")
def get_callbacks(
    case_id: uuid.UUID, request: Request, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> CallbacksPublic:
    return callbacks.callbacks(
        session=session, case_id=case_id, windows=_call_windows(request), principal=principal, clock=clock
    )


@router.post(
    "",
    status_code=201,
    summary="ask for a call-back in an offered slot: a phone task in the agents' queue (a later request moves it)",
)
def post_callback(
    case_id: uuid.UUID,
    callback_in: CallbackIn,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
) -> CallbackPublic:
    task = callbacks.request_callback(
        session=session,
        case_id=case_id,
        callback_in=callback_in,
        windows=_call_windows(request),
        principal=staff,
        clock=clock,
    )
    created(f"/api/v1/dunning/cases/{case_id}/callbacks")  # where a retry whose answer was lost is sent
    session.commit()
    return callbacks.callback_public(task)
