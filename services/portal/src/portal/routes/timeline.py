"""The case timeline, served by the portal from its read model: everything that happened to a case, oldest first.

The path sits inside intake's `/api/v1/cases` family: the gateway leaves it to this route (`PORTAL_PATHS`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header

from shared.deps import CreditorOrStaffDep, SessionDep
from shared.i18n import negotiate
from shared.limits import LimitQuery, OffsetQuery

from portal.deps import IntakeReaderDep
from portal.timeline.models import TimelineItem, TimelinePage
from portal.timeline.reading import read_timeline

router = APIRouter(prefix="/api/v1/cases", tags=["timeline"])


@router.get(
    "/{case_id}/timeline",
    summary="everything that happened to the case, oldest first: reminders, promises, plans, disputes, legal "
    "steps, payments (the creditor of the case, agency staff)",
    responses={503: {"description": "intake could not confirm a case the timeline has not heard of yet"}},
)
def get_timeline(
    case_id: uuid.UUID,
    session: SessionDep,
    principal: CreditorOrStaffDep,
    intake: IntakeReaderDep,
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> TimelinePage:
    entries, total = read_timeline(
        session=session, case_id=case_id, principal=principal, intake=intake, offset=offset, limit=limit
    )
    language = negotiate(accept_language)
    items = [
        TimelineItem(
            **entry.model_dump(exclude={"case_id", "creditor_id"}),
            summary=entry.summary_fr if language == "fr" else entry.summary_en,
        )
        for entry in entries
    ]
    return TimelinePage(items=items, total=total)
