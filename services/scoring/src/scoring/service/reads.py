"""Reads behind the score endpoints, with the tenant rule: a creditor sees a debtor or a case only through
its own cases."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.errors import NotFound

from scoring.models import Score, ScoringCase


def creditor_has_debtor(session: Session, creditor_id: str, debtor_id: uuid.UUID) -> bool:
    return session.exec(
        select(ScoringCase.case_id).where(ScoringCase.debtor_id == debtor_id,
                                          ScoringCase.creditor_id == uuid.UUID(creditor_id)).limit(1)
    ).first() is not None


def latest_debtor_score(session: Session, *, debtor_id: uuid.UUID, principal: Principal) -> Score:
    visible = principal.is_staff or (
        principal.creditor_id is not None and creditor_has_debtor(session, principal.creditor_id, debtor_id)
    )
    score = session.exec(
        select(Score).where(Score.subject == "debtor", Score.debtor_id == debtor_id)
        .order_by(col(Score.scored_at).desc(), col(Score.id).desc()).limit(1)
    ).first() if visible else None
    if score is None:
        raise NotFound(f"no score for debtor {debtor_id}")
    return score


def visible_case(session: Session, *, case_id: uuid.UUID, principal: Principal) -> ScoringCase:
    case = session.get(ScoringCase, case_id)
    if case is None or not principal.may_see_creditor(case.creditor_id):
        raise NotFound(f"no case {case_id}")
    return case


def latest_case_score(session: Session, *, case_id: uuid.UUID) -> Score | None:
    return session.exec(
        select(Score).where(Score.subject == "case", Score.case_id == case_id)
        .order_by(col(Score.scored_at).desc(), col(Score.id).desc()).limit(1)
    ).first()


def score_history(session: Session, *, debtor_id: uuid.UUID, limit: int) -> list[Score]:
    return list(session.exec(
        select(Score).where(Score.debtor_id == debtor_id)
        .order_by(col(Score.scored_at).desc(), col(Score.id).desc()).limit(limit)
    ).all())
