"""Scoring's projection of intake's facts: debtors, cases, invoices and their outstanding history.

Each function applies one fact inside the caller's transaction and is safe to apply twice (the inbox
already skips duplicates; the upserts make a replay from an empty database converge too).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from shared.events.intake import DebtorIdentity, DebtorSnapshot, InvoiceSnapshot
from shared.table_rows import new_row

from scoring.domain.currency import totals_by_currency
from scoring.portfolio.debtor_views import take_snapshot
from scoring.portfolio.models import DebtorBehaviour, InvoiceOutstanding, ScoringCase, ScoringDebtor, ScoringInvoice

# Reads that replace what the session holds of the rows they find with what the database has: what another worker
# committed while this transaction waited for the debtor (after a flush, which every ORM read does first).
FRESH = {"populate_existing": True}


def upsert_debtor(session: Session, snapshot: DebtorIdentity) -> ScoringDebtor:
    """A case's snapshot and a debtor's own update both carry the debtor; only the latter says whether it is merged
    (`record_merge`), so that a validation read late cannot undo a merge made after it."""
    debtor_id = uuid.UUID(snapshot.debtor_id)
    debtor = hold_debtors(session, [debtor_id]).get(debtor_id)
    if debtor is None:
        debtor = ScoringDebtor(debtor_id=debtor_id, type=snapshot.type)
        session.add(debtor)
        session.add(DebtorBehaviour(debtor_id=debtor_id))
    # The shared identity, order-free: intake never changes a debtor's type or SIREN, and records insolvency
    # proceedings once, never lifting them; so a snapshot read late cannot undo what a newer one said.
    debtor.type, debtor.siren = snapshot.type, debtor.siren or snapshot.siren
    debtor.insolvency = debtor.insolvency or snapshot.insolvency
    if isinstance(snapshot, DebtorSnapshot):  # a case's: its creditor's view of the debtor
        take_snapshot(session, debtor, snapshot)
    session.flush()
    return debtor


def record_merge(debtor: ScoringDebtor, merged_into_id: str | None) -> None:
    debtor.merged_into_id = uuid.UUID(merged_into_id) if merged_into_id else None


def upsert_invoice(session: Session, snapshot: InvoiceSnapshot, *, case: ScoringCase) -> None:
    """A new invoice starts its history at its issue date with the outstanding the snapshot carries."""
    invoice_id = uuid.UUID(snapshot.invoice_id)
    if session.get(ScoringInvoice, invoice_id) is not None:
        return
    invoice = new_invoice(snapshot, case=case)
    session.add(invoice)
    session.flush()
    record_outstanding(
        session, invoice_id=invoice_id, as_of=snapshot.issue_date, outstanding=snapshot.outstanding, invoice=invoice
    )


def new_invoice(snapshot: InvoiceSnapshot, *, case: ScoringCase) -> ScoringInvoice:
    """The invoice as its case's validation brings it: its outstanding holds from its issue date."""
    return new_row(
        ScoringInvoice,
        invoice_id=uuid.UUID(snapshot.invoice_id),
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor_id,
        number=snapshot.number,
        issue_date=snapshot.issue_date,
        due_date=snapshot.due_date,
        amount=snapshot.amount,
        currency=snapshot.currency,
        outstanding=snapshot.outstanding,
        outstanding_since=snapshot.issue_date,
    )


def record_outstanding(
    session: Session,
    *,
    invoice_id: uuid.UUID,
    as_of: date,
    outstanding: Decimal,
    invoice: ScoringInvoice | None = None,
) -> None:
    """Keep the outstanding of `invoice_id` from `as_of` on; the latest business date is the current value,
    and the value before it is kept beside it. `invoice`: the invoice itself when the caller has it (the session
    holds an object it has written only while someone refers to it; reading it by id would ask PostgreSQL again)."""
    session.execute(
        insert(InvoiceOutstanding)
        .values(invoice_id=invoice_id, as_of=as_of, outstanding=outstanding)
        .on_conflict_do_update(index_elements=["invoice_id", "as_of"], set_={"outstanding": outstanding})
    )
    invoice = invoice or session.get(ScoringInvoice, invoice_id)
    if invoice is None:
        return
    if as_of >= invoice.outstanding_since:
        invoice.outstanding, invoice.outstanding_since = outstanding, as_of
    previous = session.exec(
        select(InvoiceOutstanding)
        .where(InvoiceOutstanding.invoice_id == invoice_id, col(InvoiceOutstanding.as_of) < invoice.outstanding_since)
        .order_by(col(InvoiceOutstanding.as_of).desc())
        .limit(1)
    ).first()
    invoice.previous_outstanding = previous.outstanding if previous else None
    invoice.previous_since = previous.as_of if previous else None
    session.add(invoice)


def settle_case_invoices(session: Session, *, case_id: uuid.UUID, as_of: date) -> None:
    """A closed case leaves the agency's books on its closing date, whatever remained (written off, withdrawn)."""
    for invoice in session.exec(select(ScoringInvoice).where(ScoringInvoice.case_id == case_id)).all():
        if invoice.outstanding != 0:
            record_outstanding(session, invoice_id=invoice.invoice_id, as_of=as_of, outstanding=Decimal("0"))


def refresh_case_totals(session: Session, case: ScoringCase) -> dict[str, Decimal]:
    """The case's outstanding and the due date of its oldest unpaid invoice, from its invoices' current values
    (`case_totals`); returns the outstanding per currency."""
    owed = case_totals(case, invoices_of(session, case.case_id))
    session.add(case)
    return owed


def case_totals(case: ScoringCase, invoices: Sequence[ScoringInvoice]) -> dict[str, Decimal]:
    """`refresh_case_totals` from the case's invoices, by issue date and number. Intake keeps one currency per case;
    were a case to mix them, its `outstanding` counts the currency of its first invoice only, never a sum of
    different currencies."""
    unpaid = [i for i in invoices if i.outstanding > 0]
    owed = totals_by_currency((i.currency, i.outstanding) for i in unpaid)
    case.outstanding = owed.get(invoices[0].currency, Decimal("0")) if invoices else Decimal("0")
    case.oldest_due_date = min((i.due_date for i in unpaid), default=None)
    return owed


def invoices_of(session: Session, case_id: uuid.UUID) -> list[ScoringInvoice]:
    """The case's invoices, by issue date and number."""
    return list(invoices_of_many(session, [case_id]).get(case_id, []))


def invoices_of_many(session: Session, case_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[ScoringInvoice]]:
    """Each case's invoices, by issue date and number; a case without any is not named."""
    found: dict[uuid.UUID, list[ScoringInvoice]] = {}
    if not case_ids:
        return found
    for invoice in session.exec(
        select(ScoringInvoice)
        .where(col(ScoringInvoice.case_id).in_(case_ids))
        .order_by(col(ScoringInvoice.issue_date), col(ScoringInvoice.number))
        .execution_options(**FRESH)
    ):
        found.setdefault(invoice.case_id, []).append(invoice)
    return found


def hold_debtors(session: Session, debtor_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, ScoringDebtor]:
    """The debtors of `debtor_ids` that exist, their rows locked until the transaction ends (in debtor id order, so
    that two transactions holding several wait for each other rather than deadlock) and read again.

    Everything about one debtor (its counters, its score, its cases' priorities, its exposure alert) is decided by
    one transaction at a time: scoring runs several workers, and events are keyed by case, so two cases of one debtor
    are handled at once. A handler holds the debtor before it reads anything it will decide from: a transaction that
    waited then reads (READ COMMITTED) what the one before it committed; what it reads after, it reads fresh
    (`FRESH`), not from the rows the session loaded before."""
    ids = sorted(set(debtor_ids))
    if not ids:
        return {}
    session.flush()  # what the session changed is written before its rows are read again
    held = session.exec(
        select(ScoringDebtor)
        .where(col(ScoringDebtor.debtor_id).in_(ids))
        .order_by(col(ScoringDebtor.debtor_id))
        .with_for_update()
        .execution_options(**FRESH)
    )
    return {debtor.debtor_id: debtor for debtor in held}


def behaviour_of(session: Session, debtor_id: uuid.UUID) -> DebtorBehaviour:
    """The debtor's counters, to change: the debtor held (`hold_debtors`), the counters read fresh."""
    hold_debtors(session, [debtor_id])
    behaviour = session.get(DebtorBehaviour, debtor_id, populate_existing=True)
    if behaviour is None:
        behaviour = DebtorBehaviour(debtor_id=debtor_id)
        session.add(behaviour)
    return behaviour


def open_cases_of(session: Session, debtor_id: uuid.UUID) -> list[ScoringCase]:
    return open_cases_of_many(session, [debtor_id])


def open_cases_of_many(session: Session, debtor_ids: Sequence[uuid.UUID]) -> list[ScoringCase]:
    """The open cases of the debtors, by case id."""
    if not debtor_ids:
        return []
    return list(
        session.exec(
            select(ScoringCase)
            .where(col(ScoringCase.debtor_id).in_(debtor_ids), col(ScoringCase.closed_on).is_(None))
            .order_by(col(ScoringCase.case_id))
            .execution_options(**FRESH)
        ).all()
    )


def place_case(
    session: Session,
    *,
    case_id: str,
    creditor_id: str,
    debtor_id: str,
    reference: str,
    kind: str,
    status: str,
    validated_on: date,
    invoices: list[InvoiceSnapshot],
) -> ScoringCase:
    """A validated case enters the projection with its receivables (a redelivery updates its status only)."""
    case = session.get(ScoringCase, uuid.UUID(case_id))
    if case is None:
        case = ScoringCase(
            case_id=uuid.UUID(case_id),
            creditor_id=uuid.UUID(creditor_id),
            debtor_id=uuid.UUID(debtor_id),
            reference=reference,
            kind=kind,
            status=status,
            validated_on=validated_on,
        )
        session.add(case)
        session.flush()
    else:
        case.status = status
    for snapshot in invoices:
        upsert_invoice(session, snapshot, case=case)
    refresh_case_totals(session, case)
    return case
