"""Commission invoices' numbers: one continuous sequence without gaps (art. 242 nonies A, 7° of annex II to the CGI),
given to each remittance that carries a commission, in the run's own transaction."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session, func, select

from intake.ledger.models import Remittance

PREFIX = "FC-"
_SEQUENCE_LOCK = "intake.commission_invoices"


def invoice_number(seq: int) -> str:
    """FC-000042: the prefix, then the sequence's number on six digits at least."""
    return f"{PREFIX}{seq:06d}"


def number_invoices(session: Session, remittances: list[Remittance]) -> None:
    """Each remittance with a commission gets the sequence's next number, in the caller's transaction: a second run
    at the same moment waits for this one's commit (a transaction-level advisory lock), and a run rolled back gives
    its numbers back, so that the sequence has no gap."""
    invoiced = [remittance for remittance in remittances if remittance.commission > 0]
    if not invoiced:
        return
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": _SEQUENCE_LOCK})
    last = session.exec(select(func.max(Remittance.invoice_seq))).one() or 0
    for offset, remittance in enumerate(invoiced, start=1):
        remittance.invoice_seq = last + offset
        session.add(remittance)
