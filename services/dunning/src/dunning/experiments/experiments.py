"""Starting, stopping and reading experiments. One runs per champion scenario at a time; stopping one leaves its cases
in the scenario they were given (a case does not change course midway) and its results readable."""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict, Invalid, NotFound

from dunning.cases.experiments import Experiment
from dunning.cases.models import DunningCase
from dunning.domain.experiments import compare
from dunning.experiments.schemas import ArmResult, Comparison, ExperimentIn, ExperimentPublic
from dunning.responses.models import COLLECTED, CasePayment, Dispute
from dunning.scenarios.scenarios import list_scenarios

TENTH = Decimal("0.1")


def start_experiment(
    *, session: Session, experiment_in: ExperimentIn, principal: Principal, clock: Clock
) -> Experiment:
    known = {scenario.code for scenario in list_scenarios(session=session)}
    for field in ("champion", "challenger"):
        code = getattr(experiment_in, field)
        if code not in known:
            raise Invalid(f"{field}: no scenario {code}", field=field, message_fr=f"{field} : aucun scénario {code}")
    if experiment_in.champion == experiment_in.challenger:
        raise Invalid(
            "the challenger must be another scenario than the champion",
            field="challenger",
            message_fr="le challenger doit être un autre scénario que le champion",
        )
    experiment = Experiment(**experiment_in.model_dump(), started_at=clock.now(), started_by=principal.subject)
    try:
        with session.begin_nested():
            session.add(experiment)
    except IntegrityError as exc:
        raise Conflict(
            f"an experiment already runs on {experiment_in.champion}: stop it first",
            field="champion",
            message_fr=f"une expérience porte déjà sur {experiment_in.champion} : arrêtez-la d'abord",
        ) from exc
    audit(
        session, actor=principal, action="experiment.started", entity="experiment", entity_id=experiment.id, clock=clock
    )
    return experiment


def stop_experiment(*, session: Session, experiment_id: uuid.UUID, principal: Principal, clock: Clock) -> Experiment:
    """Idempotent: an experiment stopped stays as it was stopped."""
    experiment = get_experiment(session, experiment_id, lock=True)
    if experiment.ended_at is None:
        experiment.ended_at, experiment.ended_by = clock.now(), principal.subject
        audit(
            session,
            actor=principal,
            action="experiment.stopped",
            entity="experiment",
            entity_id=experiment.id,
            clock=clock,
        )
    return experiment


def get_experiment(session: Session, experiment_id: uuid.UUID, *, lock: bool = False) -> Experiment:
    experiment = session.get(Experiment, experiment_id, with_for_update=lock)
    if experiment is None:
        raise NotFound(
            f"no experiment {experiment_id}", field="experiment_id", message_fr=f"aucune expérience {experiment_id}"
        )
    return experiment


def experiment_public(session: Session, experiment: Experiment) -> ExperimentPublic:
    """The experiment with its arms' figures: one grouped read of its cases."""
    collected = (
        select(col(CasePayment.case_id), func.sum(col(CasePayment.amount)).label("paid"))
        .where(col(CasePayment.origin).in_(COLLECTED), col(CasePayment.reversed_on).is_(None))
        .group_by(col(CasePayment.case_id))
        .subquery()
    )
    disputed = exists().where(col(Dispute.case_id) == col(DunningCase.case_id))
    rows = session.execute(
        select(
            col(DunningCase.arm),
            col(DunningCase.currency),
            func.count(),
            func.coalesce(func.sum(col(DunningCase.placed_balance)), 0),
            func.coalesce(func.sum(collected.c.paid), 0),
            func.count().filter(col(DunningCase.balance) <= 0),
            func.count().filter(disputed),
        )
        .outerjoin(collected, collected.c.case_id == col(DunningCase.case_id))
        .where(col(DunningCase.experiment_id) == experiment.id)
        .group_by(col(DunningCase.arm), col(DunningCase.currency))
        .order_by(col(DunningCase.arm).desc(), col(DunningCase.currency))  # the champion first
    ).all()
    results = [
        ArmResult(
            arm=arm,
            currency=currency,
            cases=cases,
            placed=placed,
            collected=paid,
            recovery_rate=_rate(Decimal(paid), Decimal(placed)),
            settled=settled,
            disputed=in_dispute,
        )
        for arm, currency, cases, placed, paid, settled, in_dispute in rows
    ]
    return ExperimentPublic(
        **experiment.model_dump(), running=experiment.ended_at is None, results=results, comparison=_compare(results)
    )


def _compare(results: list[ArmResult]) -> Comparison:
    cases = {arm: sum(r.cases for r in results if r.arm == arm) for arm in ("champion", "challenger")}
    settled = {arm: sum(r.settled for r in results if r.arm == arm) for arm in ("champion", "challenger")}
    test = compare(settled["champion"], cases["champion"], settled["challenger"], cases["challenger"])
    return Comparison(
        champion_settled_rate=_rate(Decimal(settled["champion"]), Decimal(cases["champion"])),
        challenger_settled_rate=_rate(Decimal(settled["challenger"]), Decimal(cases["challenger"])),
        z=test.z,
        significant=test.significant,
    )


def _rate(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part * 100 / whole).quantize(TENTH, rounding=ROUND_HALF_EVEN) if whole > 0 else None
