"""The cases whose debtor's contact detail came back: the last e-mail to the debtor bounced, or its last letter was
returned. The scheduler skips that detail until it is corrected (`dunning.messages.came_back`); this is the queue of
details to correct, for the agency's staff (every creditor's) and for a creditor (its own cases). A closed case is
left out: nothing more will be sent on it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from shared.deps import CreditorOrStaffDep, SessionDep
from shared.plain_reads import plain_rows
from shared.tenancy import creditor_filter

from dunning.messages.came_back import CAME_BACK

router = APIRouter(prefix="/api/v1/dunning/came-back", tags=["dunning messages"])


class CameBackPublic(BaseModel):
    case_id: uuid.UUID
    case_reference: str
    creditor_id: uuid.UUID
    debtor_id: uuid.UUID
    channel: str = Field(description="email | letter")
    recipient: str = Field(description="the e-mail address or the postal address it went to")
    status: str = Field(description="bounced (an e-mail) | returned (a letter)")
    detail: str | None = Field(description="what the provider said")
    sent_at: datetime


class CameBackPage(BaseModel):
    items: list[CameBackPublic]
    total: int


# Each case's last message to its debtor on each channel, kept when it came back; the newest first.
_CAME_BACK = """
SELECT case_id, reference, creditor_id, debtor_id, channel, recipient, status, detail, sent_at, count(*) OVER ()
FROM (
    SELECT DISTINCT ON (m.case_id, m.channel) m.case_id, c.reference, c.creditor_id, c.debtor_id, m.channel,
           m.recipient, m.status, m.detail, m.sent_at
    FROM dunning_messages m JOIN dunning_cases c ON c.case_id = m.case_id
    WHERE m.audience = 'debtor' AND m.channel IN ({channels}) AND m.sent_at IS NOT NULL
      AND c.status <> 'closed' AND (%(creditor)s::uuid IS NULL OR c.creditor_id = %(creditor)s::uuid)
    ORDER BY m.case_id, m.channel, m.sent_at DESC
) AS last
WHERE {came_back}
ORDER BY sent_at DESC, case_id, channel
OFFSET %(offset)s LIMIT %(limit)s
"""


# what `dunning.messages.came_back` skips: each channel with the status that says its detail does not work
_CAME_BACK = _CAME_BACK.format(
    channels=", ".join(f"'{channel.value}'" for channel in CAME_BACK),
    came_back=" OR ".join(f"(channel = '{c.value}' AND status = '{status}')" for c, (status, _) in CAME_BACK.items()),
)


@router.get("", summary="the cases whose last e-mail bounced or last letter came back: the details to correct")
def list_came_back(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    creditor_id: uuid.UUID | None = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> CameBackPage:
    creditor = creditor_filter(principal, creditor_id)
    rows = plain_rows(session, _CAME_BACK, {"creditor": creditor, "offset": offset, "limit": limit})
    items = [
        CameBackPublic(
            case_id=case_id,
            case_reference=reference,
            creditor_id=owner,
            debtor_id=debtor_id,
            channel=channel,
            recipient=recipient,
            status=status,
            detail=detail,
            sent_at=sent_at,
        )
        for case_id, reference, owner, debtor_id, channel, recipient, status, detail, sent_at, _ in rows
    ]
    total = rows[0][-1] if rows else 0
    return CameBackPage(items=items, total=total)
