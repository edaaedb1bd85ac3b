"""Reading the cases insurance and factoring work on, within the caller's tenancy: another creditor's case answers
404, as one that does not exist. A case is in collection once intake validated it and until it closes: procedures'
`legal_cases` says so; this package's own projection adds the debtor's SIREN and the invoices."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.tenancy import check_visible

from legal.domain.insurance import Receivable
from legal.errors import CaseNotInCollection
from legal.insurance.case_models import InsuranceCase, InsuranceCaseInvoice
from legal.procedures.models import LegalCase

CLOSED = "closed"


def visible_case(session: Session, case_id: uuid.UUID, principal: Principal) -> InsuranceCase:
    """The case, once validated (closed ones included: `is_closed` tells)."""
    case = session.get(InsuranceCase, case_id)
    if case is None or session.get(LegalCase, case_id) is None:
        raise CaseNotInCollection(case_id)
    check_visible(principal, missing=lambda: CaseNotInCollection(case_id), creditor_id=case.creditor_id)
    return case


def is_closed(session: Session, case_id: uuid.UUID) -> bool:
    validated = session.get(LegalCase, case_id)
    return validated is None or validated.status == CLOSED


def case_invoices(session: Session, case_id: uuid.UUID) -> list[InsuranceCaseInvoice]:
    return list(
        session.exec(
            select(InsuranceCaseInvoice)
            .where(InsuranceCaseInvoice.case_id == case_id)
            .order_by(col(InsuranceCaseInvoice.due_date), col(InsuranceCaseInvoice.number))
        ).all()
    )


def receivables(invoices: Sequence[InsuranceCaseInvoice]) -> list[Receivable]:
    return [Receivable(due_date=i.due_date, outstanding=i.outstanding) for i in invoices]


def open_cases(session: Session, creditor_ids: Sequence[uuid.UUID]) -> list[InsuranceCase]:
    """The creditors' cases in collection (validated, not closed), by creditor and reference."""
    if not creditor_ids:
        return []
    return list(
        session.exec(
            select(InsuranceCase)
            .join(LegalCase, col(LegalCase.case_id) == InsuranceCase.case_id)
            .where(col(InsuranceCase.creditor_id).in_(creditor_ids), col(LegalCase.status) != CLOSED)
            .order_by(col(InsuranceCase.creditor_id), col(InsuranceCase.reference))
        ).all()
    )
