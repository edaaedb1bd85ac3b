"""The agents' worklist: open cases with something outstanding, highest priority first; and assignment."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock

from scoring.domain.aging import bucket_labels, due_date_bounds
from scoring.errors import CaseNotInWorklist, UnknownBucket
from scoring.portfolio.debtor_views import names_seen_by
from scoring.portfolio.models import ScoringCase, ScoringDebtor, ScoringInvoice


@dataclass(frozen=True)
class WorklistFilter:
    creditor_id: uuid.UUID | None = None
    grade: str | None = None
    band: str | None = None
    bucket: str | None = None
    agent: str | None = None


def _bucket_condition(label: str, *, today: date, limits: Sequence[int]) -> Any:
    labels = ["not_due", *bucket_labels(limits)]
    if label not in labels:
        raise UnknownBucket(labels)
    bounds = due_date_bounds(today, limits)
    due = col(ScoringCase.oldest_due_date)
    position = labels.index(label)
    if position == 0:
        return due >= bounds[0]
    if position == len(labels) - 1:
        return due < bounds[-1]
    return (due < bounds[position - 1]) & (due >= bounds[position])


def worklist(
    *, session: Session, filters: WorklistFilter, today: date, limits: Sequence[int], offset: int, limit: int
) -> tuple[list[tuple[ScoringCase, ScoringDebtor]], int]:
    conditions = [col(ScoringCase.closed_on).is_(None), col(ScoringCase.outstanding) > 0]
    if filters.creditor_id is not None:
        conditions.append(col(ScoringCase.creditor_id) == filters.creditor_id)
    if filters.grade is not None:
        conditions.append(col(ScoringCase.grade) == filters.grade.upper())
    if filters.band is not None:
        conditions.append(col(ScoringCase.band) == filters.band.upper())
    if filters.agent is not None:
        conditions.append(col(ScoringCase.agent) == filters.agent)
    if filters.bucket is not None:
        conditions.append(_bucket_condition(filters.bucket, today=today, limits=limits))
    on_debtor = col(ScoringDebtor.debtor_id) == ScoringCase.debtor_id
    joined = select(ScoringCase, ScoringDebtor).join(ScoringDebtor, on_debtor)
    total = session.exec(
        select(func.count()).select_from(ScoringCase).join(ScoringDebtor, on_debtor).where(*conditions)
    ).one()
    rows = session.exec(
        joined.where(*conditions)
        .order_by(
            col(ScoringCase.priority).desc().nulls_last(),
            col(ScoringCase.oldest_due_date).asc(),
            col(ScoringCase.case_id),
        )
        .offset(offset)
        .limit(limit)
    ).all()
    names = names_seen_by(session, [(case.debtor_id, case.creditor_id) for case, _ in rows])
    return [
        (case, _as_its_creditor_gave_it(debtor, names.get((case.debtor_id, case.creditor_id)))) for case, debtor in rows
    ], total


def _as_its_creditor_gave_it(debtor: ScoringDebtor, name: str | None) -> ScoringDebtor:
    """A detached copy of the debtor named as the case's creditor gave it (never another creditor's spelling);
    it is never added to the session, so the record itself is left as it is."""
    shown = ScoringDebtor.model_validate(debtor.model_dump())
    shown.name = name if name is not None else ""
    return shown


def case_currencies(*, session: Session, case_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The currency of each case's invoices (intake keeps one currency per case)."""
    if not case_ids:
        return {}
    rows = session.exec(
        select(ScoringInvoice.case_id, func.min(ScoringInvoice.currency))
        .where(col(ScoringInvoice.case_id).in_(list(case_ids)))
        .group_by(col(ScoringInvoice.case_id))
    ).all()
    return {case_id: currency for case_id, currency in rows}


def assign_case(
    *, session: Session, case_id: uuid.UUID, agent: str | None, actor: Principal, clock: Clock
) -> ScoringCase:
    case = session.get(ScoringCase, case_id)
    if case is None:
        raise CaseNotInWorklist(case_id)
    previous, case.agent = case.agent, agent
    session.add(case)
    audit(
        session,
        actor=actor,
        action="case.assigned",
        entity="case",
        entity_id=case_id,
        clock=clock,
        previous_agent=previous,
        agent=agent,
    )
    session.commit()
    return case
