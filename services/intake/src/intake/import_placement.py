"""Whether an import row can be placed: the checks POST /cases and POST /cases/{id}/invoices make, for a row
that opens a case or adds invoices to an existing one."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from intake.cases import case_invoices
from intake.domain import RuleBroken, check_new_invoices
from intake.models import Case, Invoice
from intake.schemas import CaseCreate


def existing_case(session: Session, creditor_id: uuid.UUID, reference: str) -> Case | None:
    return session.exec(select(Case).where(Case.creditor_id == creditor_id, Case.reference == reference)).first()


def placement_problem(session: Session, creditor_id: uuid.UUID, debtor_id: uuid.UUID, case_in: CaseCreate,
                      seen: set[tuple[uuid.UUID, str]], opened: dict[str, tuple[Case, list[Invoice]]]
                      ) -> tuple[str, str] | None:
    """(column, reason) when the row cannot be placed, else None."""
    for invoice in case_in.invoices:
        if (debtor_id, invoice.number) in seen or session.exec(select(Invoice.id).where(
                Invoice.creditor_id == creditor_id, Invoice.debtor_id == debtor_id,
                Invoice.number == invoice.number)).first():
            return "number", f"invoice {invoice.number} of this debtor is already placed"
    if case_in.reference in opened:
        case, invoices = opened[case_in.reference]
    else:
        case = existing_case(session, creditor_id, case_in.reference)
        invoices = case_invoices(session, case.id) if case is not None else []
    if case is None:
        return None
    if case.debtor_id != debtor_id:
        return "reference", f"reference {case_in.reference} is already used for another debtor"
    if case.kind != case_in.kind:
        return "reference", f"case {case_in.reference} is {case.kind}, this row is {case_in.kind}"
    try:
        check_new_invoices(status=case.status, case_currency=invoices[0].currency if invoices else None,
                           currencies=[invoice.currency for invoice in case_in.invoices])
    except RuleBroken as exc:
        column = "currency" if exc.field == "currency" else "reference"
        return column, f"case {case_in.reference}: {exc.message}"
    return None
