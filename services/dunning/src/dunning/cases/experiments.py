"""An experiment: while it runs, a share of the new cases that would follow its champion scenario (one creditor's,
or every creditor's) follow its challenger instead; the cases keep their arm (`DunningCase.experiment_id`, `arm`).
Which arm a case starts in: the experiments running are read once per run of validations; a case whose scenario is
one's champion (for its creditor, or every creditor) goes to the challenger or stays, as `domain.experiments.arm_for`
decides from the case itself. Starting, stopping and reading experiments: `dunning.experiments`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, Text, text
from sqlmodel import Field, Session, SQLModel, col, select

from dunning.cases.models import DunningCase
from dunning.domain.experiments import arm_for


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


def running_experiments(session: Session) -> list[Experiment]:
    return list(session.exec(select(Experiment).where(col(Experiment.ended_at).is_(None))).all())


def put_in_arm(case: DunningCase, experiments: Sequence[Experiment]) -> None:
    for experiment in experiments:
        if experiment.champion != case.scenario:
            continue
        if experiment.creditor_id is not None and experiment.creditor_id != case.creditor_id:
            continue
        case.experiment_id, case.arm = experiment.id, arm_for(case.case_id, experiment.id, experiment.share)
        if case.arm == "challenger":
            case.scenario = experiment.challenger
        return
