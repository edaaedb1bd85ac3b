"""Which arm a case starts in: read once per run of validations, the experiments running; a case whose scenario is
one's champion (for its creditor, or every creditor) goes to the challenger or stays, as `domain.experiments.arm_for`
decides from the case itself."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from dunning.cases.models import DunningCase
from dunning.domain.experiments import arm_for
from dunning.experiments.models import Experiment


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
