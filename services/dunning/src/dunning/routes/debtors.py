"""A debtor's opt-outs, honoured for every creditor: agency staff record what the debtor asked."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from shared.deps import ClockDep, SessionDep, StaffDep

from dunning.domain.fields import ChannelName
from dunning.responses import opt_outs
from dunning.responses.schemas import OptOutIn, OptOutPublic

router = APIRouter(prefix="/api/v1/dunning/debtors/{debtor_id}/opt-outs", tags=["dunning opt-outs"])


@router.post("", status_code=201, summary="the debtor opts out of a channel, for every creditor's case")
def record_opt_out(
    debtor_id: uuid.UUID, opt_out_in: OptOutIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> OptOutPublic:
    record = opt_outs.record_opt_out(
        session=session, debtor_id=debtor_id, channel=opt_out_in.channel, principal=staff, clock=clock
    )
    session.commit()
    return OptOutPublic.model_validate(record.model_dump())


@router.get("", summary="the channels the debtor opted out of")
def list_opt_outs(debtor_id: uuid.UUID, session: SessionDep, staff: StaffDep) -> list[OptOutPublic]:
    return [
        OptOutPublic.model_validate(r.model_dump())
        for r in opt_outs.list_opt_outs(session=session, debtor_id=debtor_id)
    ]


@router.delete("/{channel}", status_code=204, summary="the debtor may be contacted on the channel again")
def lift_opt_out(
    debtor_id: uuid.UUID, channel: ChannelName, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> Response:
    opt_outs.lift_opt_out(session=session, debtor_id=debtor_id, channel=channel, principal=staff, clock=clock)
    session.commit()
    return Response(status_code=204)
