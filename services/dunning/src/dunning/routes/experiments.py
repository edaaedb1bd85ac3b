"""Champion and challenger scenarios (`dunning.experiments`): staff read them and their results; supervisors start
and stop them."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func
from sqlmodel import col, select

from shared.deps import ClockDep, SessionDep, StaffDep
from shared.idempotency_records import created

from dunning.cases.experiments import Experiment
from dunning.deps import SupervisorDep
from dunning.experiments import experiments
from dunning.experiments.schemas import ExperimentIn, ExperimentPage, ExperimentPublic

router = APIRouter(prefix="/api/v1/dunning/experiments", tags=["dunning scenarios"])


@router.post(
    "",
    status_code=201,
    summary="start an experiment: a share of the champion scenario's new cases follow the challenger instead",
)
def start_experiment(
    experiment_in: ExperimentIn, session: SessionDep, clock: ClockDep, supervisor: SupervisorDep
) -> ExperimentPublic:
    experiment = experiments.start_experiment(
        session=session, experiment_in=experiment_in, principal=supervisor, clock=clock
    )
    created(f"/api/v1/dunning/experiments/{experiment.id}")
    session.commit()
    return experiments.experiment_public(session, experiment)


@router.get("", summary="the experiments, the running first then the latest, each with how its arms do")
def list_experiments(
    session: SessionDep,
    staff: StaffDep,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> ExperimentPage:
    query = select(Experiment).order_by(
        col(Experiment.ended_at).desc().nulls_first(), col(Experiment.started_at).desc()
    )
    total = session.exec(select(func.count()).select_from(Experiment)).one()
    found = session.exec(query.offset(offset).limit(limit)).all()
    return ExperimentPage(items=[experiments.experiment_public(session, e) for e in found], total=total)


@router.get("/{experiment_id}", summary="one experiment and how its arms do")
def get_experiment(experiment_id: uuid.UUID, session: SessionDep, staff: StaffDep) -> ExperimentPublic:
    return experiments.experiment_public(session, experiments.get_experiment(session, experiment_id))


@router.post("/{experiment_id}/stop", summary="stop an experiment: its cases keep their scenario, its results stay")
def stop_experiment(
    experiment_id: uuid.UUID, session: SessionDep, clock: ClockDep, supervisor: SupervisorDep
) -> ExperimentPublic:
    experiment = experiments.stop_experiment(
        session=session, experiment_id=experiment_id, principal=supervisor, clock=clock
    )
    session.commit()
    return experiments.experiment_public(session, experiment)
