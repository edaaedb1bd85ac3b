"""An experiment: while it runs, a share of the new cases that would follow its champion scenario (one creditor's,
or every creditor's) follow its challenger instead; the cases keep their arm (`DunningCase.experiment_id`, `arm`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, Text, text
from sqlmodel import Field, SQLModel


def _instant(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Experiment(SQLModel, table=True):
    __tablename__ = "dunning_experiments"
    __table_args__ = (
        Index("uq_dunning_experiments_one_running", "champion", unique=True, postgresql_where=text("ended_at IS NULL")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(sa_column=Column(Text, nullable=False))
    champion: str
    challenger: str
    share: int  # per cent of the champion's new cases that follow the challenger
    creditor_id: uuid.UUID | None = None  # one creditor's cases only; None: every creditor's
    started_at: datetime = _instant()
    started_by: str
    ended_at: datetime | None = _instant(True)
    ended_by: str | None = None
