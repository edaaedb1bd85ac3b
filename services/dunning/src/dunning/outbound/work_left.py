"""What a scheduler pass still has to do, as a requested pass's progress shows it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from dunning.messages.models import Message
from dunning.steps.models import DunningStep


def work_left(session: Session, now: datetime) -> tuple[int, int]:
    """(scheduled steps due by `now`, messages prepared and not yet handed to their channel): two index counts."""
    due = session.exec(
        select(func.count())
        .select_from(DunningStep)
        .where(col(DunningStep.status) == "scheduled", col(DunningStep.due_at) <= now)
    ).one()
    to_send = session.exec(select(func.count()).select_from(Message).where(col(Message.status) == "prepared")).one()
    return due, to_send
