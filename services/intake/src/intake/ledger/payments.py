"""Recording a payment through the API (idempotent by external reference) and reading payments."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict, Forbidden, NotFound
from shared.idempotency_records import created

from intake.api.access import get_owned, visible_creditor
from intake.cases.records import get_case
from intake.documents.storage import DocumentStore
from intake.errors import field_error
from intake.ledger.models import Payment, PaymentAllocation
from intake.ledger.posting import PaymentFacts, post_payment
from intake.ledger.receipts import issue_receipt
from intake.ledger.schemas import PaymentIn
from intake.money.commission import FundsSource

# A creditor reports what it received itself, its credit notes and write-offs; money paid to the agency or a
# bailiff is recorded by the agency (bank reconciliation, agents) or the legal service's events.
CREDITOR_SOURCES = frozenset({FundsSource.DEBTOR_TO_CREDITOR, FundsSource.CREDIT_NOTE, FundsSource.WRITE_OFF})


class PaymentNotFound(NotFound):
    pass


def find_payment(session: Session, creditor_id: uuid.UUID, reference: str) -> Payment | None:
    return session.exec(
        select(Payment).where(Payment.creditor_id == creditor_id, Payment.reference == reference)
    ).first()


def _same_payment(existing: Payment, payment_in: PaymentIn) -> Payment:
    """The same reference with the same content is the same payment; with another content it is a mistake
    (or a second payment that needs its own reference), never silently the first one."""
    if existing.case_id != payment_in.case_id:
        raise field_error(
            Conflict,
            "reference",
            f"{payment_in.reference} is already the reference of a payment on another case",
            f"{payment_in.reference} est déjà la référence d'un paiement d'un autre dossier",
        )
    differences = [
        f"{name} {mine} (recorded: {theirs})"
        for name, mine, theirs in (
            ("amount", payment_in.amount, existing.amount),
            ("currency", payment_in.currency, existing.currency),
            ("received_on", payment_in.received_on, existing.received_on),
            ("source", payment_in.source, existing.source),
        )
        if mine != theirs
    ]
    if differences:
        raise field_error(
            Conflict,
            "reference",
            f"{payment_in.reference} is already the reference of a payment on this case with "
            f"other content: {', '.join(differences)}; give a new payment its own reference",
            f"{payment_in.reference} est déjà la référence d'un paiement de ce dossier au contenu différent "
            f"({', '.join(differences)}) ; donnez à un nouveau paiement sa propre référence",
        )
    return existing


def record_payment(
    *, session: Session, payment_in: PaymentIn, principal: Principal, clock: Clock, store: DocumentStore
) -> tuple[Payment, bool]:
    """One payment, once: the same external reference twice returns the first payment and creates nothing.
    Returns the payment and whether it was created now."""
    case = get_case(session=session, case_id=payment_in.case_id, principal=principal)
    source = FundsSource(payment_in.source)
    if not principal.is_staff and source not in CREDITOR_SOURCES:
        raise Forbidden(
            f"source: a creditor reports payments it received itself, credit notes and write-offs; "
            f"'{source.value}' is recorded by the agency",
            message_fr=f"source : un créancier déclare les paiements qu'il a reçus lui-même, les avoirs et les "
            f"abandons de créance ; « {source.value} » est enregistré par l'agence",
        )
    existing = find_payment(session, case.creditor_id, payment_in.reference)
    if existing is None:
        facts = PaymentFacts(
            amount=payment_in.amount,
            currency=payment_in.currency,
            received_on=payment_in.received_on,
            source=source,
            reference=payment_in.reference,
            instruction=tuple(payment_in.invoices),
        )
        try:
            payment = post_payment(session, case, facts, principal=principal, clock=clock)
            issue_receipt(session, payment, store=store)
            created(f"/api/v1/payments/{payment.id}")  # a retry whose answer was lost is sent there
            session.commit()
            return payment, True
        except IntegrityError:
            # A concurrent twin with the same reference got there first: it was inserted while this request
            # waited for the case's lock (the insert fails at the flush) or on another case (at the commit).
            session.rollback()
            existing = find_payment(session, case.creditor_id, payment_in.reference)
            if existing is None:
                raise
    return _same_payment(existing, payment_in), False


def get_payment(*, session: Session, payment_id: uuid.UUID, principal: Principal) -> Payment:
    return get_owned(session, Payment, payment_id, principal, missing=PaymentNotFound, what="payment")


def list_payments(
    *, session: Session, principal: Principal, case_id: uuid.UUID | None, offset: int, limit: int
) -> tuple[list[Payment], int]:
    conditions = []
    scope = visible_creditor(principal)
    if scope is not None:
        conditions.append(Payment.creditor_id == scope)
    if case_id is not None:
        get_case(session=session, case_id=case_id, principal=principal)
        conditions.append(Payment.case_id == case_id)
    total = session.exec(select(func.count()).select_from(Payment).where(*conditions)).one()
    items = session.exec(
        select(Payment)
        .where(*conditions)
        .order_by(col(Payment.received_on).desc(), col(Payment.recorded_at).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return list(items), total


def allocations_of(session: Session, payment_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[PaymentAllocation]]:
    rows = session.exec(
        select(PaymentAllocation)
        .where(col(PaymentAllocation.payment_id).in_(payment_ids))
        .order_by(col(PaymentAllocation.id))
    ).all()
    grouped: dict[uuid.UUID, list[PaymentAllocation]] = {pid: [] for pid in payment_ids}
    for row in rows:
        grouped[row.payment_id].append(row)
    return grouped
