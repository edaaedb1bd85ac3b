"""Whether an import row can be placed: the checks POST /cases and POST /cases/{id}/invoices make, for a row
that opens a case or adds invoices to an existing one. What the checks read is loaded once per batch."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy
from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import Session, col, select

from intake.cases.models import Case, Invoice
from intake.cases.schemas import CaseCreate
from intake.domain import RuleBroken, check_case_currency, check_new_invoices


@dataclass(frozen=True)
class PlacedCase:
    """What placing a row in a case checks; `currency` is that of the case's first invoice, the one
    POST /cases/{id}/invoices compares new invoices with."""

    id: uuid.UUID
    debtor_id: uuid.UUID
    kind: str
    status: str
    currency: str | None


@dataclass
class Placements:
    """What a batch's rows are placed against: the creditor's cases they name, on record or opened by an
    earlier row of the batch, and the invoice numbers already placed with each debtor."""

    cases: dict[str, PlacedCase]
    placed: set[tuple[uuid.UUID, str]]

    def accept(self, debtor_id: uuid.UUID, case_in: CaseCreate) -> None:
        self.placed.update((debtor_id, invoice.number) for invoice in case_in.invoices)


def load_placements(
    session: Session, creditor_id: uuid.UUID, rows: list[tuple[CaseCreate, uuid.UUID | None]]
) -> Placements:
    """Two or three queries for a batch of rows, each given with its recognised debtor (None: a debtor not on
    record, who has nothing placed)."""
    references = {case_in.reference for case_in, _ in rows}
    # SQLAlchemy's own `select`: sqlmodel's is typed for four columns at most.
    cases = (
        session.execute(
            sqlalchemy.select(
                col(Case.id), col(Case.reference), col(Case.debtor_id), col(Case.kind), col(Case.status)
            ).where(col(Case.creditor_id) == creditor_id, col(Case.reference).in_(references))
        ).all()
        if references
        else []
    )
    currencies: dict[uuid.UUID, str] = {}
    if cases:
        # The first by due date then number, as `cases.case_invoices` orders them.
        currencies = dict(
            session.exec(
                select(Invoice.case_id, Invoice.currency)
                .where(col(Invoice.case_id).in_([case.id for case in cases]))
                .ext(distinct_on(col(Invoice.case_id)))
                .order_by(col(Invoice.case_id), col(Invoice.due_date), col(Invoice.number))
            ).all()
        )
    debtor_ids = {debtor_id for _, debtor_id in rows if debtor_id is not None}
    numbers = {invoice.number for case_in, debtor_id in rows if debtor_id is not None for invoice in case_in.invoices}
    placed: set[tuple[uuid.UUID, str]] = set()
    if debtor_ids:
        placed = set(
            session.exec(
                select(Invoice.debtor_id, Invoice.number).where(
                    Invoice.creditor_id == creditor_id,
                    col(Invoice.debtor_id).in_(debtor_ids),
                    col(Invoice.number).in_(numbers),
                )
            ).all()
        )
    return Placements(
        cases={
            reference: PlacedCase(case_id, debtor_id, kind, status, currencies.get(case_id))
            for case_id, reference, debtor_id, kind, status in cases
        },
        placed=placed,
    )


@dataclass(frozen=True)
class PlacementProblem:
    """Why a row cannot be placed: the column to correct, and the reason in English and in French."""

    column: str
    reason: str
    reason_fr: str


def placement_problem(
    placements: Placements, debtor_id: uuid.UUID | None, case_in: CaseCreate
) -> PlacementProblem | None:
    """Why the row cannot be placed, else None. `debtor_id` is None for a debtor the row would create."""
    for invoice in case_in.invoices:
        if (debtor_id, invoice.number) in placements.placed:
            return PlacementProblem(
                "number",
                f"invoice {invoice.number} of this debtor is already placed",
                f"la facture {invoice.number} de ce débiteur est déjà confiée au recouvrement",
            )
    case = placements.cases.get(case_in.reference)
    if case is None:
        return _currency_problem(case_in, lambda: check_case_currency(_currencies(case_in), case_currency=None))
    if case.debtor_id != debtor_id:
        return PlacementProblem(
            "reference",
            f"reference {case_in.reference} is already used for another debtor",
            f"la référence {case_in.reference} est déjà utilisée pour un autre débiteur",
        )
    if case.kind != case_in.kind:
        return PlacementProblem(
            "reference",
            f"case {case_in.reference} is {case.kind}, this row is {case_in.kind}",
            f"le dossier {case_in.reference} est {case.kind}, cette ligne est {case_in.kind}",
        )
    return _currency_problem(
        case_in,
        lambda: check_new_invoices(status=case.status, case_currency=case.currency, invoices=_currencies(case_in)),
    )


def _currencies(case_in: CaseCreate) -> list[tuple[str, str]]:
    return [(invoice.number, invoice.currency) for invoice in case_in.invoices]


def _currency_problem(case_in: CaseCreate, check: Callable[[], None]) -> PlacementProblem | None:
    """The rule `check` applies, as the row's problem: a row whose invoices are not all in its case's currency
    is refused whole, with the invoice named (`domain.check_case_currency`, as POST /cases)."""
    try:
        check()
    except RuleBroken as exc:
        return PlacementProblem(
            "currency" if exc.field.endswith("currency") else "reference",
            f"case {case_in.reference}: {exc.message}",
            f"dossier {case_in.reference} : {exc.message_fr or exc.message}",
        )
    return None
