"""Retraining: fit a logistic scorecard on closed cases with a known outcome, version it, activate it if it
is good enough. The expert scorecard stays the fallback whenever no fitted model is active."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, func, select, update

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.db import is_conflict

from scoring.domain.inputs import CATEGORICAL_FACTORS, NUMERIC_FACTORS
from scoring.errors import NotEnoughOutcomes
from scoring.portfolio.models import ScoringCase
from scoring.scorecard.model import KIND
from scoring.scorecard.models import ModelVersion
from scoring.scorecard.training import FeatureSpec, train_and_evaluate
from scoring.scores.models import Score
from scoring.scores.rescoring import rescore_debtor

SERVICE_FEATURES = FeatureSpec(numeric=NUMERIC_FACTORS, categorical=CATEGORICAL_FACTORS)
RECOVERED = frozenset({"paid", "settled"})
NOT_RECOVERED = frozenset({"written_off", "insolvency"})  # "withdrawn" says nothing about the debtor
MIN_CLASS_ROWS = 10
MIN_AUC_TO_ACTIVATE = 0.60
"""A fitted model replaces the expert scorecard only when its held-out AUC is at least this with 95 % confidence
(`Evaluation.auc_lower_bound`), not merely as measured: on the few dozen cases an agency's first outcomes give, the
AUC of one held-out split moves by a tenth from one split to the next."""
RESCORED_PER_COMMIT = 500
STEP_ATTEMPTS = 5
log = logging.getLogger(__name__)


def training_set(session: Session) -> tuple[pd.DataFrame, list[int]]:
    """The inputs of each closed case's first score, given when it was validated, with 1 when the case was
    recovered. Not its last: a paid case is last scored once its balance reached 0, so its last inputs (nothing
    outstanding, nothing past due) would teach the model the outcome itself rather than what foretold it."""
    first_scores = (
        select(Score.case_id, Score.inputs, ScoringCase.outcome)
        .join(ScoringCase, col(ScoringCase.case_id) == Score.case_id)
        .where(Score.subject == "case", col(ScoringCase.outcome).in_(RECOVERED | NOT_RECOVERED))
        .ext(distinct_on(col(Score.case_id)))
        .order_by(col(Score.case_id), col(Score.scored_at).asc(), col(Score.id).asc())
    )
    rows = session.execute(first_scores).all()
    frame = pd.DataFrame([inputs for _, inputs, _ in rows], columns=[*NUMERIC_FACTORS, *CATEGORICAL_FACTORS])
    return frame, [1 if outcome in RECOVERED else 0 for _, _, outcome in rows]


def retrain(*, session: Session, clock: Clock, min_rows: int, actor: Principal | None) -> ModelVersion:
    frame, outcome = training_set(session)
    recovered = sum(outcome)
    if len(outcome) < min_rows or min(recovered, len(outcome) - recovered) < MIN_CLASS_ROWS:
        raise NotEnoughOutcomes(found=len(outcome), recovered=recovered, needed=min_rows, of_each=MIN_CLASS_ROWS)
    count = session.exec(select(func.count()).select_from(ModelVersion)).one()
    version = f"scorecard-{count + 1}"
    model, evaluation = train_and_evaluate(frame, outcome, spec=SERVICE_FEATURES, version=version)
    active = evaluation.auc_lower_bound >= MIN_AUC_TO_ACTIVATE
    metrics = {**evaluation.as_dict(), "activation_threshold": MIN_AUC_TO_ACTIVATE}
    if active:
        session.execute(update(ModelVersion).values(active=False))
    row = ModelVersion(
        version=version,
        kind=KIND,
        trained_at=clock.now(),
        training_rows=len(outcome),
        metrics=metrics,
        definition=model.as_dict(),
        active=active,
    )
    session.add(row)
    audit(
        session,
        actor=actor,
        action="model.trained",
        entity="model",
        entity_id=version,
        clock=clock,
        metrics=metrics,
        active=active,
    )
    session.commit()
    return row


def decision(metrics: dict[str, Any], *, active: bool) -> tuple[str, str] | None:
    """Why a fitted model is in use or not, in English and in French; None for a version trained before the
    lower bound was recorded."""
    if "auc_lower_bound" not in metrics:
        return None
    auc, bound, held_out = metrics["auc"], metrics["auc_lower_bound"], metrics["test_rows"]
    threshold = metrics.get("activation_threshold", MIN_AUC_TO_ACTIVATE)
    measured = (
        f"AUC {auc:.2f} on {held_out} held-out cases, at least {bound:.2f} with 95 % confidence",
        f"AUC de {_fr(auc)} sur {held_out} dossiers mis de côté, au moins {_fr(bound)} avec 95 % de confiance",
    )
    if bound >= threshold:
        state_en, state_fr = (
            ("in use", "utilisé") if active else ("activated, since replaced", "activé, remplacé depuis")
        )
        return (
            f"{state_en}: {measured[0]} (threshold {threshold:.2f})",
            f"{state_fr} : {measured[1]} (seuil {_fr(threshold)})",
        )
    return (
        f"not activated: {measured[0]}, under the threshold of {threshold:.2f}; the outcomes are too few or too "
        "noisy to be sure it ranks debtors well enough, so the scorecard in use stays",
        f"non activé : {measured[1]}, sous le seuil de {_fr(threshold)} ; les issues sont trop peu nombreuses ou "
        "trop bruitées pour être sûr qu'il classe assez bien les débiteurs, le modèle en service reste",
    )


def _fr(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def rescore_all(*, session: Session, clock: Clock, per_commit: int = RESCORED_PER_COMMIT) -> int:
    """Rescore every debtor with an open case (after a retraining, or daily as debts age); returns how many.

    Each debtor is held while it is rescored (`hold_debtors`), and a consumer with news of it waits until the
    rescoring commits: one transaction for the whole run held every debtor it had passed until the last one was
    done, and a deadlock with a consumer undid the whole run. The debtors go in id order, the order consumers hold
    them in, `per_commit` to a transaction of their own, run again if PostgreSQL picks it as a deadlock's victim
    (`_rescore_step`). `session`'s transaction stays open until the end, then
    commits: what its caller took in it is held for the whole run (the daily job's one-replica lock)."""
    bind = session.get_bind()  # the caller's engine
    rescored, after = 0, None
    while True:
        debtor_ids = _rescore_step(bind, after=after, per_commit=per_commit, clock=clock)
        rescored += len(debtor_ids)
        if len(debtor_ids) < per_commit:
            break
        after = debtor_ids[-1]
    session.commit()
    return rescored


def _rescore_step(
    bind: Engine | Connection, *, after: uuid.UUID | None, per_commit: int, clock: Clock
) -> list[uuid.UUID]:
    """The next `per_commit` open debtors after `after`, rescored in a transaction of their own. A step PostgreSQL
    chose as a deadlock's victim (a consumer held one of its debtors and wanted one the step held) was rolled back
    whole: it is run again, up to `STEP_ATTEMPTS` times, the other transaction having gone on meanwhile."""
    for attempt in range(1, STEP_ATTEMPTS + 1):
        try:
            with Session(bind, expire_on_commit=False) as chunk, chunk.begin():
                query = select(ScoringCase.debtor_id).where(col(ScoringCase.closed_on).is_(None))
                if after is not None:
                    query = query.where(col(ScoringCase.debtor_id) > after)
                debtor_ids = list(
                    chunk.exec(query.distinct().order_by(col(ScoringCase.debtor_id)).limit(per_commit)).all()
                )
                for debtor_id in debtor_ids:
                    rescore_debtor(session=chunk, debtor_id=debtor_id, clock=clock)
            return debtor_ids
        except DBAPIError as exc:
            if not is_conflict(exc) or attempt == STEP_ATTEMPTS:
                raise
            log.info("a rescoring step conflicted with another transaction (%s); running it again", exc.orig)
    raise AssertionError("unreachable: the last attempt returns or raises")
