"""Rescoring a debtor and its open cases after a relevant fact; events when a grade, a band or an alert changes."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from shared.clock import Clock, today_in_paris
from shared.events.scoring import CasePrioritized, DebtorScored, ExposureAlerted
from shared.outbox import record_event

from scoring.domain.aging import days_past_due
from scoring.domain.currency import EUR, totals_by_currency
from scoring.domain.exposure import exposure_alert, should_alert
from scoring.domain.grades import grade_for
from scoring.domain.inputs import Assessment, ScoringInputs
from scoring.domain.priority import band_of, priority_of
from scoring.portfolio.debtor_views import views_of
from scoring.portfolio.models import InsurerCover, ScoringCase, ScoringDebtor, ScoringDebtorView
from scoring.portfolio.projection import behaviour_of, open_cases_of, refresh_case_totals
from scoring.scorecard.store import active_scorer
from scoring.scores.inputs import INSOLVENCY_STATUSES, inputs_for
from scoring.scores.models import Score


def rescore_debtor(*, session: Session, debtor_id: uuid.UUID, clock: Clock) -> ScoringDebtor | None:
    debtor = session.get(ScoringDebtor, debtor_id)
    if debtor is None:
        return None
    today = today_in_paris(clock)
    behaviour, cover = behaviour_of(session, debtor_id), session.get(InsurerCover, debtor_id)
    cases = open_cases_of(session, debtor_id)
    owed_by_case = {case.case_id: refresh_case_totals(session, case) for case in cases}
    scorer = active_scorer(session)

    def owed(outstanding_cases: list[ScoringCase]) -> dict[str, Decimal]:
        return totals_by_currency(pair for c in outstanding_cases for pair in owed_by_case[c.case_id].items())

    views = views_of(session, debtor_id)

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
        session,
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
        record_event(
            session,
            DebtorScored(
                debtor_id=str(debtor_id),
                probability=assessment.probability,
                grade=grade,
                previous_grade=previous_grade,
                model_version=assessment.model_version,
            ),
            clock=clock,
            subject=str(debtor_id),
        )
    for case in cases:
        case_inputs = inputs([case], views.get(case.creditor_id))  # what the case's creditor gave, only
        _rescore_case(
            session, case=case, inputs=case_inputs, assessment=scorer.assess(case_inputs), today=today, clock=clock
        )
    _check_exposure(session, debtor=debtor, owed=owed(cases), cover=cover, clock=clock)
    session.add(debtor)
    session.flush()
    return debtor


def _rescore_case(
    session: Session, *, case: ScoringCase, inputs: ScoringInputs, assessment: Assessment, today: date, clock: Clock
) -> None:
    _store(
        session,
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
        record_event(
            session,
            CasePrioritized(
                case_id=str(case.case_id),
                creditor_id=str(case.creditor_id),
                priority=case.priority,
                band=case.band,
                previous_band=previous_band,
            ),
            clock=clock,
            subject=str(case.case_id),
            tenant=str(case.creditor_id),
        )
    session.add(case)


def _check_exposure(
    session: Session, *, debtor: ScoringDebtor, owed: dict[str, Decimal], cover: InsurerCover | None, clock: Clock
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
        record_event(
            session,
            ExposureAlerted(
                debtor_id=str(debtor.debtor_id),
                exposure=amount,
                limit=cover.limit if cover else None,
                grade=debtor.grade,
                insurer_grade=cover.grade if cover else None,
                reason=alert,
            ),
            clock=clock,
            subject=str(debtor.debtor_id),
        )
    debtor.exposure, debtor.exposure_alert = amount, alert


def _store(
    session: Session,
    *,
    subject: str,
    debtor_id: uuid.UUID,
    case_id: uuid.UUID | None,
    inputs: ScoringInputs,
    assessment: Assessment,
    clock: Clock,
) -> None:
    session.add(
        Score(
            subject=subject,
            debtor_id=debtor_id,
            case_id=case_id,
            probability=assessment.probability,
            grade=grade_for(assessment.probability),
            model_version=assessment.model_version,
            inputs=inputs.record(),
            reasons=[reason.as_dict() for reason in assessment.reasons],
            scored_at=clock.now(),
        )
    )
