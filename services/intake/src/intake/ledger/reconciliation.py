"""Bank reconciliation: a camt.053 statement of the client-money account is matched to cases; each matched
credit becomes a payment, the rest waits in suspense for an agent. A file or a credit is never counted twice."""

from __future__ import annotations

import hashlib
import uuid

import sqlalchemy
from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import DomainError, Invalid

from intake.cases.models import Case, Invoice
from intake.debtors.models import Debtor
from intake.documents.storage import DocumentStore
from intake.domain.filetypes import safe_filename
from intake.errors import field_error
from intake.ledger.models import BankCredit, BankStatementImport
from intake.ledger.posting import PaymentFacts, post_payment
from intake.ledger.receipts import issue_receipt
from intake.ledger.reversal_credits import credit_payment_reference
from intake.money.camt053 import CamtCredit, read_camt053
from intake.money.commission import FundsSource
from intake.money.errors import BankStatementUnreadable
from intake.money.matching import CreditMatch, OpenCase, match_credits
from intake.money.suspense_reasons import ShutCase

OPEN_STATUSES = ("submitted", "validated", "amicable", "legal", "claim_declaration")


def open_cases(session: Session) -> list[OpenCase]:
    """Cases a credit may pay, with their outstanding principal: the amount a debtor usually transfers."""
    # SQLAlchemy's own `select`: sqlmodel's is typed for four columns at most.
    rows = session.execute(
        sqlalchemy.select(
            col(Case.id),
            col(Case.rf_reference),
            col(Debtor.name),
            func.sum(Invoice.outstanding),
            func.min(Invoice.currency),
        )
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .join(Invoice, col(Invoice.case_id) == Case.id)
        .where(col(Case.status).in_(OPEN_STATUSES), col(Case.rf_reference).is_not(None))
        .group_by(col(Case.id), col(Case.rf_reference), col(Debtor.name))
    ).all()
    return [OpenCase(str(case_id), rf or "", name, balance, currency) for case_id, rf, name, balance, currency in rows]


def shut_cases(session: Session) -> dict[str, ShutCase]:
    """Cases carrying an RF reference that take no payment, by that reference: a credit naming one is explained."""
    rows = session.exec(
        select(Case.rf_reference, Case.reference, Case.status).where(
            col(Case.status).not_in(OPEN_STATUSES), col(Case.rf_reference).is_not(None)
        )
    ).all()
    return {rf: ShutCase(reference, status) for rf, reference, status in rows if rf}


def _credit_row(statement_id: uuid.UUID, credit: CamtCredit, match: CreditMatch) -> BankCredit:
    return BankCredit(
        statement_id=statement_id,
        entry_reference=credit.entry_reference,
        booking_date=credit.booking_date,
        amount=credit.amount,
        currency=credit.currency,
        debtor_name=credit.debtor_name,
        creditor_reference=credit.creditor_reference,
        remittance_text=credit.remittance_text,
        status="suspense",
        match_reason=match.reason.value,
        explanation=match.explanation,
        explanation_fr=match.explanation_fr,
    )


def pay_credit(
    session: Session, row: BankCredit, case: Case, *, principal: Principal, clock: Clock, store: DocumentStore
) -> None:
    """Records the credit as a payment to the agency; a refusal (closed case, currency) sends it to suspense."""
    facts = PaymentFacts(
        amount=row.amount,
        currency=row.currency,
        received_on=row.booking_date,
        source=FundsSource.DEBTOR_TO_AGENCY,
        reference=credit_payment_reference(session, row.entry_reference),
    )
    try:
        with session.begin_nested():
            payment = post_payment(session, case, facts, principal=principal, clock=clock)
            issue_receipt(session, payment, store=store)
    except DomainError as exc:
        why_fr = exc.message_fr or exc.message
        row.explanation_fr = f"{row.explanation_fr or row.explanation} ; non enregistré : {why_fr}"
        row.explanation = f"{row.explanation}; not recorded: {exc.message}"
        row.status = "suspense"
        return
    row.status, row.case_id, row.payment_id = "matched", case.id, payment.id


def import_bank_statement(
    *, session: Session, content: bytes, filename: str | None, principal: Principal, clock: Clock, store: DocumentStore
) -> tuple[BankStatementImport, bool]:
    """Returns the import and whether it is new. The same file again returns the first import unchanged."""
    digest = hashlib.sha256(content).hexdigest()
    known = session.exec(select(BankStatementImport).where(BankStatementImport.file_sha256 == digest)).first()
    if known is not None:
        return known, False
    try:
        reading = read_camt053(content)
    except BankStatementUnreadable as exc:
        raise field_error(Invalid, "file", str(exc), exc.message_fr) from exc
    credits = reading.credits
    statement = BankStatementImport(
        file_sha256=digest,
        filename=safe_filename(filename),  # never a path, like an upload's name
        credits=len(credits),
        refused=[{"entry_reference": r.entry_reference, "reason": r.reason} for r in reading.refused],
        imported_by=principal.subject,
        imported_at=clock.now(),
    )
    session.add(statement)
    seen = set(
        session.exec(
            select(BankCredit.entry_reference).where(
                col(BankCredit.entry_reference).in_([c.entry_reference for c in credits])
            )
        ).all()
    )
    fresh: list[CamtCredit] = []
    for credit in credits:  # a credit already booked, by an earlier file or twice in this one, counts once
        if credit.entry_reference not in seen:
            seen.add(credit.entry_reference)
            fresh.append(credit)
    statement.duplicates = len(credits) - len(fresh)
    session.flush()
    for match in match_credits(fresh, open_cases(session), shut=shut_cases(session)):
        row = _credit_row(statement.id, match.credit, match)
        session.add(row)
        case = session.get(Case, uuid.UUID(match.case_id)) if match.case_id else None
        if case is not None:
            pay_credit(session, row, case, principal=principal, clock=clock, store=store)
        statement.matched += row.status == "matched"
        statement.suspense += row.status == "suspense"
    audit(
        session,
        actor=principal,
        action="bank_statement.imported",
        entity="bank_statement",
        entity_id=statement.id,
        clock=clock,
        credits=statement.credits,
        matched=statement.matched,
        suspense=statement.suspense,
        refused=len(statement.refused),
    )
    session.commit()
    return statement, True


def statement_credits(session: Session, statement_id: uuid.UUID) -> list[BankCredit]:
    return list(
        session.exec(
            select(BankCredit)
            .where(BankCredit.statement_id == statement_id)
            .order_by(col(BankCredit.booking_date), col(BankCredit.entry_reference))
        ).all()
    )
