"""Commission invoices' and credit notes' numbers: each in one continuous sequence without gaps (art. 242 nonies A, 7°
of annex II to the CGI), given in the run's own transaction: an invoice to each remittance that carries a commission,
a credit note to each whose netted reversals make the commission negative (the agency gives commission back)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from intake.ledger.models import Remittance

PREFIX, CREDIT_NOTE_PREFIX = "FC-", "AV-"
_SEQUENCE_LOCK, _CREDIT_NOTE_LOCK = "intake.commission_invoices", "intake.commission_credit_notes"


def invoice_number(seq: int) -> str:
    """FC-000042: the prefix, then the sequence's number on six digits at least."""
    return f"{PREFIX}{seq:06d}"


def credit_note_number(seq: int) -> str:
    """AV-000007: a credit note (facture d'avoir), in its own sequence."""
    return f"{CREDIT_NOTE_PREFIX}{seq:06d}"


def document_number(remittance: Remittance) -> str | None:
    """The number of the remittance's commission document: its invoice, its credit note, or None (no commission)."""
    if remittance.invoice_seq is not None:
        return invoice_number(remittance.invoice_seq)
    if remittance.credit_note_seq is not None:
        return credit_note_number(remittance.credit_note_seq)
    return None


def number_invoices(session: Session, remittances: list[Remittance]) -> None:
    """Each remittance with a commission gets the invoices' next number, each with a negative one the credit notes'
    next number, in the caller's transaction: a second run at the same moment waits for this one's commit (a
    transaction-level advisory lock per sequence), and a run rolled back gives its numbers back, so that neither
    sequence has a gap."""
    _number(session, [r for r in remittances if r.commission > 0], col(Remittance.invoice_seq), _SEQUENCE_LOCK)
    _number(session, [r for r in remittances if r.commission < 0], col(Remittance.credit_note_seq), _CREDIT_NOTE_LOCK)


def _number(session: Session, remittances: list[Remittance], column: Any, lock: str) -> None:
    if not remittances:
        return
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": lock})
    last = session.exec(select(func.max(column))).one() or 0
    for offset, remittance in enumerate(remittances, start=1):
        setattr(remittance, column.key, last + offset)
        session.add(remittance)
