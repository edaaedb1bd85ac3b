"""The daily insurance pass and the alerts it keeps: on every open case of an insured creditor, the threat-of-loss
declaration coming up (from `alert_days` before the policy's deadline) or missed, the indemnity awaited past the
waiting period, and scoring's exposure alert on the debtor (scoring owns the insurer's limits; this names them)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, Engine
from sqlmodel import Session, col, func, select

from shared.auth import Principal
from shared.clock import Clock
from shared.daily import DailyJob, only_one_replica
from shared.i18n import Language
from shared.tenancy import creditor_filter

from legal.domain import insurance as domain
from legal.insurance.alert_rows import (
    DECLARATION_DUE,
    DECLARATION_MISSED,
    EXPOSURE,
    INDEMNITY_AWAITED,
    keep_alerts,
)
from legal.insurance.case_models import InsuranceCase
from legal.insurance.cases import case_invoices, open_cases, receivables
from legal.insurance.models import DebtorExposure, InsuranceAlert, InsuranceClaim, InsurancePolicy
from legal.insurance.policies import policy_terms
from legal.insurance.schemas import AlertPage, AlertPublic


def _wanted(
    session: Session, case: InsuranceCase, policy: InsurancePolicy, *, today: date, alert_days: int
) -> dict[str, date | None]:
    terms = policy_terms(policy)
    claims = session.exec(select(InsuranceClaim).where(InsuranceClaim.case_id == case.case_id)).all()
    wanted: dict[str, date | None] = {}
    oldest = domain.oldest_unpaid_due_date(receivables(case_invoices(session, case.case_id)))
    declared = any(claim.state != domain.WITHDRAWN for claim in claims)
    if oldest is not None and not declared:
        deadline = domain.declaration_deadline(oldest, terms)
        if today > deadline:
            wanted[DECLARATION_MISSED] = deadline
        elif today >= domain.alert_from(deadline, alert_days):
            wanted[DECLARATION_DUE] = deadline
    for claim in claims:
        if claim.state == domain.ACCEPTED and today > claim.indemnity_due_from:
            wanted[INDEMNITY_AWAITED] = claim.indemnity_due_from
    if session.get(DebtorExposure, case.debtor_id) is not None:
        wanted[EXPOSURE] = None
    return wanted


def raise_insurance_alerts(*, session: Session, today: date, alert_days: int) -> int:
    """One pass over every insured creditor's open cases; returns how many alerts were raised."""
    policies = {p.creditor_id: p for p in session.exec(select(InsurancePolicy)).all()}
    raised, seen = 0, set()
    for case in open_cases(session, list(policies)):
        seen.add(case.case_id)
        wanted = _wanted(session, case, policies[case.creditor_id], today=today, alert_days=alert_days)
        raised += keep_alerts(session, creditor_id=case.creditor_id, case_id=case.case_id, wanted=wanted, today=today)
    stale = session.exec(select(InsuranceAlert).where(col(InsuranceAlert.resolved_on).is_(None))).all()
    for alert in stale:
        if alert.case_id not in seen:  # the case closed, or its creditor's policy was removed
            alert.resolved_on = today
            session.add(alert)
    return raised


def daily_insurance_alerts(*, engine: Engine, clock: Clock, alert_days: int, interval_s: float = 60.0) -> DailyJob:
    def run(today: date) -> int | None:
        with Session(engine, expire_on_commit=False) as session:
            if not only_one_replica(session, "legal-insurance-alerts"):
                return None  # another replica runs the pass
            raised = raise_insurance_alerts(session=session, today=today, alert_days=alert_days)
            session.commit()
            return raised

    return DailyJob(name="legal-insurance-alerts", clock=clock, job=run, interval_s=interval_s)


# -- reading them -----------------------------------------------------------------------------------------------

_MESSAGES = {
    DECLARATION_DUE: (
        "declare the threat of loss to the credit insurer by {due}",
        "déclarer la menace de sinistre à l'assureur-crédit au plus tard le {due_fr}",
    ),
    DECLARATION_MISSED: (
        "the deadline to declare the threat of loss ran out on {due}: the insurer no longer covers this debt",
        "le délai de déclaration de la menace de sinistre a expiré le {due_fr} : l'assureur ne couvre plus "
        "cette créance",
    ),
    INDEMNITY_AWAITED: (
        "the indemnity is awaited since {due} (end of the waiting period): chase the insurer",
        "l'indemnité est attendue depuis le {due_fr} (fin du délai de carence) : relancer l'assureur",
    ),
    EXPOSURE: (
        "scoring raised an exposure alert on this debtor (insurer's limit exceeded or grade fallen): what is "
        "delivered beyond the limit is not covered",
        "le scoring signale une alerte d'encours sur ce débiteur (limite de l'assureur dépassée ou note dégradée) : "
        "ce qui est livré au-delà de la limite n'est pas couvert",
    ),
}


def _message(kind: str, due_on: date | None, language: Language) -> str:
    en, fr = _MESSAGES.get(kind, (kind, kind))
    template = fr if language == "fr" else en
    return template.format(due=due_on.isoformat() if due_on else "", due_fr=f"{due_on:%d/%m/%Y}" if due_on else "")


def list_alerts(
    *,
    session: Session,
    principal: Principal,
    creditor_id: uuid.UUID | None,
    language: Language,
    offset: int,
    limit: int,
) -> AlertPage:
    scope = creditor_filter(principal, creditor_id)
    conditions: list[ColumnElement[bool]] = [col(InsuranceAlert.resolved_on).is_(None)]
    if scope is not None:
        conditions.append(col(InsuranceAlert.creditor_id) == scope)
    total = session.exec(select(func.count()).select_from(InsuranceAlert).where(*conditions)).one()
    rows = session.exec(
        select(InsuranceAlert, InsuranceCase)
        .join(InsuranceCase, col(InsuranceCase.case_id) == InsuranceAlert.case_id)
        .where(*conditions)
        .order_by(col(InsuranceAlert.due_on).asc().nulls_last(), col(InsuranceAlert.raised_on), col(InsuranceAlert.id))
        .offset(offset)
        .limit(limit)
    ).all()
    items = [
        AlertPublic(
            id=alert.id,
            creditor_id=alert.creditor_id,
            case_id=alert.case_id,
            case_reference=case.reference,
            kind=alert.kind,
            due_on=alert.due_on,
            raised_on=alert.raised_on,
            message=_message(alert.kind, alert.due_on, language),
        )
        for alert, case in rows
    ]
    return AlertPage(items=items, total=total)
