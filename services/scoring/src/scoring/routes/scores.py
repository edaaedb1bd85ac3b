"""Scores: a debtor's solvency, a case's recovery probability, each with its reasons; stored scores for audit.

A creditor reads the debtor-level score with the reasons that involve other creditors' cases pooled
without figures (see domain.disclosure); staff read everything."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from shared.deps import CreditorOrStaffDep, SessionDep, StaffDep

from scoring.errors import CaseNotScored, ScoreNotFound
from scoring.scores.models import Score
from scoring.scores.reads import latest_case_score, latest_debtor_score, score_history, visible_case
from scoring.scores.schemas import CaseScorePublic, ScoreDetailPublic, ScoreHistoryPublic, ScorePublic

debtors = APIRouter(prefix="/api/v1/debtors", tags=["scores"])
cases = APIRouter(prefix="/api/v1/scoring", tags=["scores"])

MAX_SCORE_ID = 2**63 - 1  # the column is a BIGINT


@debtors.get("/{debtor_id}/score", summary="the debtor's current score, grade and reasons")
def get_debtor_score(debtor_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> ScorePublic:
    score = latest_debtor_score(session, debtor_id=debtor_id, principal=principal)
    return ScorePublic.of(score, for_creditor=not principal.is_staff)


@debtors.get("/{debtor_id}/scores", summary="every score the debtor and its cases were given, with their inputs")
def get_debtor_scores(
    debtor_id: uuid.UUID, session: SessionDep, staff: StaffDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> ScoreHistoryPublic:
    scores = score_history(session, debtor_id=debtor_id, limit=limit)
    return ScoreHistoryPublic(items=[ScoreDetailPublic.of(score) for score in scores])


@cases.get("/cases/{case_id}", summary="the case's recovery probability, grade, reasons and priority")
def get_case_score(case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> CaseScorePublic:
    case = visible_case(session, case_id=case_id, principal=principal)
    score = latest_case_score(session, case_id=case_id)
    if score is None:
        raise CaseNotScored(case_id)
    scored = ScorePublic.of(score, for_creditor=not principal.is_staff)
    return CaseScorePublic(**scored.model_dump(), priority=case.priority, band=case.band)


@cases.get("/scores/{score_id}", summary="one stored score with the model version and the inputs it used")
def get_score(
    score_id: Annotated[int, Path(ge=1, le=MAX_SCORE_ID, description="a stored score's number")],
    session: SessionDep,
    staff: StaffDep,
) -> ScoreDetailPublic:
    score = session.get(Score, score_id)
    if score is None:
        raise ScoreNotFound(score_id)
    return ScoreDetailPublic.of(score)
