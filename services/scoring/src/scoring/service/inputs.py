"""The inputs of a score, read from the projection: a debtor's, or one of its cases'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from scoring.domain.aging import days_past_due
from scoring.domain.inputs import ScoringInputs, company_age_years
from scoring.models import DebtorBehaviour, InsurerCover, ScoringDebtor

INSOLVENCY_STATUSES = frozenset({"claim_declaration", "insolvency"})


def inputs_for(*, debtor: ScoringDebtor, behaviour: DebtorBehaviour, cover: InsurerCover | None, outstanding: Decimal,
               oldest_due_date: date | None, open_cases: int, insolvency_status: bool, today: date) -> ScoringInputs:
    return ScoringInputs(
        outstanding=outstanding,
        days_past_due=max(0, days_past_due(oldest_due_date, today)) if oldest_due_date else 0,
        open_cases=open_cases,
        partial_payments=behaviour.partial_payments,
        promises_kept=behaviour.promises_kept,
        promises_broken=behaviour.promises_broken,
        disputes=behaviour.disputes_opened,
        legal_failures=behaviour.legal_failures,
        debtor_type=debtor.type,
        legal_form=debtor.legal_form,
        company_age_years=company_age_years(debtor.created_on, today) if debtor.type == "company" else None,
        insolvency=debtor.insolvency or insolvency_status,
        contact_channels=int(debtor.has_email) + int(debtor.has_phone) + int(debtor.has_address),
        insurer_grade=cover.grade if cover else None,
        insurer_limit=cover.limit if cover else None,
    )
