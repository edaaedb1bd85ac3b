"""Whether an import row can be placed: the checks POST /cases and POST /cases/{id}/invoices make, for a row
that opens a case or adds invoices to an existing one. What the checks read is loaded once per batch."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from shared.plain_reads import plain_rows

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
    """Two or three plain statements for a batch of rows, each given with its recognised debtor (None: a debtor not
    on record, who has nothing placed). Plain (`shared.plain_reads`), each list one array parameter: SQLAlchemy
    bound and rendered each of a 2,000-row batch's references and numbers as a parameter of its own."""
    references = list({case_in.reference for case_in, _ in rows})
    cases = plain_rows(session, _CASES, {"creditor": creditor_id, "references": references}) if references else []
    currencies: dict[uuid.UUID, str] = {}
    if cases:
        currencies = dict(plain_rows(session, _CURRENCIES, {"cases": [case[0] for case in cases]}))  # (case, currency)
    debtor_ids = list({debtor_id for _, debtor_id in rows if debtor_id is not None})
    numbers = list(
        {invoice.number for case_in, debtor_id in rows if debtor_id is not None for invoice in case_in.invoices}
    )
    placed: set[tuple[uuid.UUID, str]] = set()
    if debtor_ids:
        found = plain_rows(session, _PLACED, {"creditor": creditor_id, "debtors": debtor_ids, "numbers": numbers})
        placed = {(debtor_id, number) for debtor_id, number in found}
    return Placements(
        cases={
            reference: PlacedCase(case_id, debtor_id, kind, status, currencies.get(case_id))
            for case_id, reference, debtor_id, kind, status in cases
        },
        placed=placed,
    )


# Looked up through the unique indexes `uq_cases_creditor_reference` and `uq_invoices_creditor_debtor_number`.
_CASES = (
    "SELECT id, reference, debtor_id, kind, status FROM cases "
    "WHERE creditor_id = %(creditor)s AND reference = ANY(%(references)s)"
)
# The currency of each case's first invoice, by due date then number, as `cases.case_invoices` orders them.
_CURRENCIES = (
    "SELECT DISTINCT ON (case_id) case_id, currency FROM invoices WHERE case_id = ANY(%(cases)s) "
    "ORDER BY case_id, due_date, number"
)
_PLACED = (
    "SELECT debtor_id, number FROM invoices "
    "WHERE creditor_id = %(creditor)s AND debtor_id = ANY(%(debtors)s) AND number = ANY(%(numbers)s)"
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
