"""Reading a case's timeline: the entries the caller may see, oldest first, a page at a time."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, case
from sqlmodel import Session, col, func, select

from shared.auth import Principal
from shared.errors import NotFound
from shared.fresh_reads import FreshReader
from shared.tenancy import creditor_filter, may_see_creditor

from portal.timeline.catalogue import RANKS
from portal.timeline.models import TimelineEntry


class CaseNotFound(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(f"no case {case_id}", message_fr=f"aucun dossier {case_id}")


def _rank() -> Any:
    """Entries of one instant in the catalogue's order, then by event id: the same order on every read."""
    whens = [
        (and_(col(TimelineEntry.service) == service, col(TimelineEntry.type) == kind), rank)
        for (service, kind), rank in RANKS.items()
    ]
    return case(*whens, else_=len(RANKS))


def read_timeline(
    *,
    session: Session,
    case_id: uuid.UUID,
    principal: Principal,
    intake: FreshReader | None,
    offset: int,
    limit: int,
) -> tuple[list[TimelineEntry], int]:
    """A creditor sees its own case's entries, staff every case's. A case with no entry the caller may see is
    asked of intake before answering 404: one opened a moment ago has an empty timeline, not a missing one."""
    conditions = [col(TimelineEntry.case_id) == case_id]
    creditor = creditor_filter(principal)
    if creditor is not None:
        conditions.append(col(TimelineEntry.creditor_id) == creditor)
    total = session.exec(select(func.count()).select_from(TimelineEntry).where(*conditions)).one()
    if total == 0:
        _confirm_case(case_id, principal=principal, intake=intake)
        return [], 0
    entries = session.exec(
        select(TimelineEntry)
        .where(*conditions)
        .order_by(col(TimelineEntry.at), _rank(), col(TimelineEntry.event_id))
        .offset(offset)
        .limit(limit)
    ).all()
    return list(entries), total


def _confirm_case(case_id: uuid.UUID, *, principal: Principal, intake: FreshReader | None) -> None:
    record = intake.read(f"/api/v1/cases/{case_id}") if intake is not None else None
    if record is None or not may_see_creditor(principal, record.get("creditor_id")):
        raise CaseNotFound(case_id)
