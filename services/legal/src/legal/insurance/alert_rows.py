"""Insurance alerts as rows: one open alert per case and kind, raised by the daily pass and resolved when what it
announced no longer holds (a declaration made, the indemnity paid, the case closed)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from legal.insurance.models import InsuranceAlert

DECLARATION_DUE, DECLARATION_MISSED, INDEMNITY_AWAITED, EXPOSURE = (
    "declaration_due",
    "declaration_missed",
    "indemnity_awaited",
    "exposure",
)


def open_alerts(session: Session, case_id: uuid.UUID) -> dict[str, InsuranceAlert]:
    rows = session.exec(
        select(InsuranceAlert).where(InsuranceAlert.case_id == case_id, col(InsuranceAlert.resolved_on).is_(None))
    ).all()
    return {row.kind: row for row in rows}


def resolve_alerts(session: Session, case_id: uuid.UUID, kinds: Iterable[str], *, today: date) -> None:
    for kind, alert in open_alerts(session, case_id).items():
        if kind in kinds:
            alert.resolved_on = today
            session.add(alert)


def keep_alerts(
    session: Session,
    *,
    creditor_id: uuid.UUID,
    case_id: uuid.UUID,
    wanted: dict[str, date | None],
    today: date,
) -> int:
    """Make the case's open alerts exactly `wanted` (kind -> the date it is about); returns how many were raised."""
    current = open_alerts(session, case_id)
    raised = 0
    for kind, alert in current.items():
        if kind not in wanted:
            alert.resolved_on = today
        else:
            alert.due_on = wanted[kind]
        session.add(alert)
    for kind, due_on in wanted.items():
        if kind not in current:
            session.add(
                InsuranceAlert(creditor_id=creditor_id, case_id=case_id, kind=kind, due_on=due_on, raised_on=today)
            )
            raised += 1
    return raised
