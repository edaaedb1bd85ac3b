"""Reads behind the score endpoints, with the tenant rule: a creditor sees a debtor or a case only through
its own cases."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.tenancy import check_visible, creditor_filter

from scoring.errors import CaseNotFound, DebtorNotScored
from scoring.portfolio.models import ScoringCase
from scoring.scores.models import Score


def creditor_has_debtor(session: Session, creditor_id: uuid.UUID, debtor_id: uuid.UUID) -> bool:
    return (
        session.exec(
            select(ScoringCase.case_id)
            .where(ScoringCase.debtor_id == debtor_id, ScoringCase.creditor_id == creditor_id)
            .limit(1)
        ).first()
        is not None
    )


def latest_debtor_score(session: Session, *, debtor_id: uuid.UUID, principal: Principal) -> Score:
    """A creditor sees the score of a debtor it has a case against; for it, other debtors do not exist."""
    own = creditor_filter(principal)
    visible = own is None or creditor_has_debtor(session, own, debtor_id)
    score = (
        session.exec(
            select(Score)
            .where(Score.subject == "debtor", Score.debtor_id == debtor_id)
            .order_by(col(Score.scored_at).desc(), col(Score.id).desc())
            .limit(1)
        ).first()
        if visible
        else None
    )
    if score is None:
        raise DebtorNotScored(debtor_id)
    return score


def visible_case(session: Session, *, case_id: uuid.UUID, principal: Principal) -> ScoringCase:
    def missing() -> CaseNotFound:
        return CaseNotFound(case_id)

    case = session.get(ScoringCase, case_id)
    if case is None:
        raise missing()
    check_visible(principal, missing=missing, creditor_id=case.creditor_id)
    return case


def latest_case_score(session: Session, *, case_id: uuid.UUID) -> Score | None:
    return session.exec(
        select(Score)
        .where(Score.subject == "case", Score.case_id == case_id)
        .order_by(col(Score.scored_at).desc(), col(Score.id).desc())
        .limit(1)
    ).first()


def score_history(session: Session, *, debtor_id: uuid.UUID, limit: int) -> list[Score]:
    return list(
        session.exec(
            select(Score)
            .where(Score.debtor_id == debtor_id)
            .order_by(col(Score.scored_at).desc(), col(Score.id).desc())
            .limit(limit)
        ).all()
    )
