"""Rescoring a debtor and its open cases after a relevant fact; events when a grade, a band or an alert changes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from shared.bulk_copy import copy_rows
from shared.clock import Clock, today_in_paris
from shared.events.base import Event
from shared.events.scoring import CasePrioritized, DebtorScored, ExposureAlerted
from shared.logs import request_id_var
from shared.outbox import record_events_of_requests

from scoring.domain.aging import days_past_due
from scoring.domain.currency import EUR, totals_by_currency
from scoring.domain.exposure import exposure_alert, should_alert
from scoring.domain.grades import grade_for
from scoring.domain.inputs import Assessment, ScoringInputs
from scoring.domain.priority import band_of, priority_of
from scoring.portfolio.debtor_views import views_of_many
from scoring.portfolio.models import (
    DebtorBehaviour,
    InsurerCover,
    ScoringCase,
    ScoringDebtor,
    ScoringDebtorView,
    ScoringInvoice,
)
from scoring.portfolio.projection import FRESH, case_totals, hold_debtors, invoices_of_many, open_cases_of_many
from scoring.scorecard.store import Scorer, active_scorer
from scoring.scores.inputs import INSOLVENCY_STATUSES, inputs_for
from scoring.scores.models import Score


@dataclass(frozen=True)
class Holdings:
    """What rescoring a debtor reads: the debtor, its behaviour and insurer cover, its open cases (by case id) with
    each one's invoices (by issue date and number), and every creditor's view of it."""

    debtor: ScoringDebtor
    behaviour: DebtorBehaviour
    cover: InsurerCover | None
    cases: list[ScoringCase]
    invoices: dict[uuid.UUID, list[ScoringInvoice]]
    views: dict[uuid.UUID, ScoringDebtorView]


@dataclass
class Staged:
    """What rescorings stage, written together (`write`): scores, and events with the request each is on the
    account of (the one current when staged)."""

    scores: list[dict[str, Any]] = field(default_factory=list)
    events: list[tuple[Event, str | None, str | None, str | None]] = field(default_factory=list)

    def event(self, event: Event, *, subject: str, tenant: str | None = None) -> None:
        self.events.append((event, subject, tenant, request_id_var.get()))

    def write(self, session: Session, *, clock: Clock) -> None:
        """The scores and the events, with one COPY each (no ORM object a score)."""
        copy_rows(session, Score, self.scores)
        record_events_of_requests(session, self.events, clock=clock)


def rescore_debtor(*, session: Session, debtor_id: uuid.UUID, clock: Clock) -> ScoringDebtor | None:
    """The debtor held (`hold_debtors`) and rescored from what it holds, read fresh; None when it is not known."""
    held = holdings_of(session, [debtor_id])
    if not held:
        return None
    staged = Staged()
    rescore(held[0], scorer=active_scorer(session), clock=clock, staged=staged)
    staged.write(session, clock=clock)
    session.flush()
    return held[0].debtor


def holdings_of(session: Session, debtor_ids: Sequence[uuid.UUID]) -> list[Holdings]:
    """The holdings of the debtors of `debtor_ids` that exist, in that order, the debtors held until the transaction
    ends and everything read fresh (`hold_debtors`); a debtor without a behaviour row gets one (as `behaviour_of`
    gives it)."""
    ids = list(dict.fromkeys(debtor_ids))
    if not ids:
        return []
    debtors = hold_debtors(session, ids)
    behaviours = {
        b.debtor_id: b
        for b in session.exec(
            select(DebtorBehaviour).where(col(DebtorBehaviour.debtor_id).in_(ids)).execution_options(**FRESH)
        )
    }
    covers = {
        c.debtor_id: c
        for c in session.exec(
            select(InsurerCover).where(col(InsurerCover.debtor_id).in_(ids)).execution_options(**FRESH)
        )
    }
    cases: dict[uuid.UUID, list[ScoringCase]] = {debtor_id: [] for debtor_id in ids}
    for case in open_cases_of_many(session, ids):
        cases[case.debtor_id].append(case)
    invoices = invoices_of_many(session, [case.case_id for open_cases in cases.values() for case in open_cases])
    views = views_of_many(session, ids)
    held = []
    for debtor_id in ids:
        if (debtor := debtors.get(debtor_id)) is None:
            continue
        if (behaviour := behaviours.get(debtor_id)) is None:
            behaviour = DebtorBehaviour(debtor_id=debtor_id)
            session.add(behaviour)
        held.append(
            Holdings(
                debtor=debtor,
                behaviour=behaviour,
                cover=covers.get(debtor_id),
                cases=cases[debtor_id],
                invoices={case.case_id: invoices.get(case.case_id, []) for case in cases[debtor_id]},
                views=views.get(debtor_id, {}),
            )
        )
    return held


def rescore(holdings: Holdings, *, scorer: Scorer, clock: Clock, staged: Staged) -> None:
    """The debtor and each of its open cases scored from `holdings` (read nothing more): the scores and events
    staged in `staged`, the debtor's and cases' rows changed (written at the session's next flush)."""
    debtor, behaviour, cover, cases, views = (
        holdings.debtor,
        holdings.behaviour,
        holdings.cover,
        holdings.cases,
        holdings.views,
    )
    debtor_id = debtor.debtor_id
    today = today_in_paris(clock)
    owed_by_case = {case.case_id: case_totals(case, holdings.invoices[case.case_id]) for case in cases}

    def owed(outstanding_cases: list[ScoringCase]) -> dict[str, Decimal]:
        return totals_by_currency(pair for c in outstanding_cases for pair in owed_by_case[c.case_id].items())

    def inputs(outstanding_cases: list[ScoringCase], view: ScoringDebtorView | None = None) -> ScoringInputs:
        dues = [c.oldest_due_date for c in outstanding_cases if c.oldest_due_date is not None]
        return inputs_for(
            debtor=debtor,
            behaviour=behaviour,
            cover=cover,
            open_cases=len(cases),
            today=today,
            owed=owed(outstanding_cases),
            oldest_due_date=min(dues, default=None),
            insolvency_status=any(c.status in INSOLVENCY_STATUSES for c in cases),
            view=view,
        )

    debtor_inputs = inputs(cases)
    assessment = scorer.assess(debtor_inputs)
    _store(
        staged,
        subject="debtor",
        debtor_id=debtor_id,
        case_id=None,
        inputs=debtor_inputs,
        assessment=assessment,
        clock=clock,
    )
    previous_grade, grade = debtor.grade, grade_for(assessment.probability)
    debtor.probability, debtor.grade = assessment.probability, grade
    debtor.model_version, debtor.scored_at = assessment.model_version, clock.now()
    if grade != previous_grade:
        # keyed by the debtor id, not a case id: a debtor event, so that a debtor's grades stay in order
        staged.event(
            DebtorScored(
                debtor_id=str(debtor_id),
                probability=assessment.probability,
                grade=grade,
                previous_grade=previous_grade,
                model_version=assessment.model_version,
            ),
            subject=str(debtor_id),
        )
    for case in cases:
        case_inputs = inputs([case], views.get(case.creditor_id))  # what the case's creditor gave, only
        _rescore_case(
            staged, case=case, inputs=case_inputs, assessment=scorer.assess(case_inputs), today=today, clock=clock
        )
    _check_exposure(staged, debtor=debtor, owed=owed(cases), cover=cover)


def _rescore_case(
    staged: Staged, *, case: ScoringCase, inputs: ScoringInputs, assessment: Assessment, today: date, clock: Clock
) -> None:
    _store(
        staged,
        subject="case",
        debtor_id=case.debtor_id,
        case_id=case.case_id,
        inputs=inputs,
        assessment=assessment,
        clock=clock,
    )
    case.probability, case.grade = assessment.probability, grade_for(assessment.probability)
    case.scored_at = clock.now()
    overdue = days_past_due(case.oldest_due_date, today) if case.oldest_due_date else 0
    case.priority = priority_of(outstanding=case.outstanding, days_past_due=overdue, probability=case.probability)
    previous_band, case.band = case.band, band_of(case.priority)
    if case.band != previous_band:
        staged.event(
            CasePrioritized(
                case_id=str(case.case_id),
                creditor_id=str(case.creditor_id),
                priority=case.priority,
                band=case.band,
                previous_band=previous_band,
            ),
            subject=str(case.case_id),
            tenant=str(case.creditor_id),
        )


def _check_exposure(
    staged: Staged, *, debtor: ScoringDebtor, owed: dict[str, Decimal], cover: InsurerCover | None
) -> None:
    """Exposure is what the debtor owes across all open cases, every creditor included, in the currency of the
    insurer's limit (EUR without a limit): amounts in other currencies are not converted, and the import
    refuses a limit in a currency the debtor's debts are not in."""
    amount = owed.get(cover.currency if cover else EUR, Decimal("0"))
    alert = exposure_alert(
        exposure=amount,
        limit=cover.limit if cover else None,
        grade=cover.grade if cover else None,
        previous_grade=cover.previous_grade if cover else None,
    )
    if alert is not None and should_alert(current=alert, previous=debtor.exposure_alert):
        # keyed by the debtor, not a case: the alert is about the debtor, and its events stay in order
        staged.event(
            ExposureAlerted(
                debtor_id=str(debtor.debtor_id),
                exposure=amount,
                limit=cover.limit if cover else None,
                grade=debtor.grade,
                insurer_grade=cover.grade if cover else None,
                reason=alert,
            ),
            subject=str(debtor.debtor_id),
        )
    debtor.exposure, debtor.exposure_alert = amount, alert


def _store(
    staged: Staged,
    *,
    subject: str,
    debtor_id: uuid.UUID,
    case_id: uuid.UUID | None,
    inputs: ScoringInputs,
    assessment: Assessment,
    clock: Clock,
) -> None:
    staged.scores.append(
        {
            "subject": subject,
            "debtor_id": debtor_id,
            "case_id": case_id,
            "probability": assessment.probability,
            "grade": grade_for(assessment.probability),
            "model_version": assessment.model_version,
            "inputs": inputs.record(),
            "reasons": [reason.as_dict() for reason in assessment.reasons],
            "scored_at": clock.now(),
        }
    )
