"""The inputs of a score, read from the projection: a debtor's, or one of its cases'."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from scoring.domain.aging import days_past_due
from scoring.domain.currency import EUR
from scoring.domain.inputs import ScoringInputs, company_age_years
from scoring.portfolio.models import DebtorBehaviour, InsurerCover, ScoringDebtor, ScoringDebtorView

INSOLVENCY_STATUSES = frozenset({"claim_declaration", "insolvency"})


def inputs_for(
    *,
    debtor: ScoringDebtor,
    behaviour: DebtorBehaviour,
    cover: InsurerCover | None,
    owed: Mapping[str, Decimal],
    oldest_due_date: date | None,
    open_cases: int,
    insolvency_status: bool,
    today: date,
    view: ScoringDebtorView | None = None,
) -> ScoringInputs:
    """`owed`: outstanding per currency. The scorecards count euros only (their thresholds are in euros and
    scoring applies no exchange rate); the other currencies are named, not added. `view`: for a case, its
    creditor's view of the debtor, whose legal form, creation date and contacts the case is scored with (never
    another creditor's); without one, the debtor's record, which sums up every view."""
    given: ScoringDebtor | ScoringDebtorView = view if view is not None else debtor
    others = tuple(sorted(currency for currency, amount in owed.items() if currency != EUR and amount != 0))
    euros = owed.get(EUR, Decimal("0"))
    return ScoringInputs(
        outstanding=None if euros == 0 and others else euros,
        days_past_due=max(0, days_past_due(oldest_due_date, today)) if oldest_due_date else 0,
        open_cases=open_cases,
        partial_payments=behaviour.partial_payments,
        promises_kept=behaviour.promises_kept,
        # a payment plan (échéancier) is a promise to pay by instalments: a breached one is a broken promise to the
        # scorecards, counted apart in `debtor_behaviour` so that a fitted scorecard can later weigh it on its own
        promises_broken=behaviour.promises_broken + behaviour.plans_breached,
        disputes=behaviour.disputes_opened,
        legal_failures=behaviour.legal_failures,
        debtor_type=debtor.type,
        legal_form=given.legal_form,
        company_age_years=company_age_years(given.created_on, today) if debtor.type == "company" else None,
        insolvency=debtor.insolvency or insolvency_status,
        contact_channels=int(given.has_email) + int(given.has_phone) + int(given.has_address),
        insurer_grade=cover.grade if cover else None,
        # a limit compares with euros only; a refusal of cover (0) says the same in any currency
        insurer_limit=cover.limit if cover and (cover.currency == EUR or cover.limit == 0) else None,
        other_currencies=others,
    )
