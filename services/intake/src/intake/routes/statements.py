from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from shared.async_reads import reads_of
from shared.clock import today_in_paris
from shared.deps import ClockDep, CreditorOrStaffDep, RuntimeDep, SessionDep, StaffDep
from shared.i18n import negotiate

from intake.api.fields import Day
from intake.ledger.bank_accounts import record_formal_notice
from intake.ledger.schemas import FormalNoticeIn, StatementPublic
from intake.ledger.statements import statement_answer

router = APIRouter(prefix="/api/v1/cases/{case_id}", tags=["statements"])


@router.get(
    "/statement",
    summary="statement of account (décompte) as of a date; default: today",
    response_model=StatementPublic,
)
async def get_statement(
    case_id: uuid.UUID,
    runtime: RuntimeDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
    as_of: Annotated[Day | None, Query()] = None,
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    day = as_of or today_in_paris(clock)

    reads, language = reads_of(runtime), negotiate(accept_language)
    body = await statement_answer(reads=reads, case_id=case_id, as_of=day, language=language, principal=principal)
    return Response(body, media_type="application/json")


@router.put("/formal-notice", summary="record the formal notice date (consumer interest runs from it)")
def put_formal_notice(
    case_id: uuid.UUID, notice_in: FormalNoticeIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> FormalNoticeIn:
    case = record_formal_notice(session=session, case_id=case_id, notice_in=notice_in, principal=staff, clock=clock)
    assert case.formal_notice_on is not None
    return FormalNoticeIn(sent_on=case.formal_notice_on, received_on=case.formal_notice_received_on)
