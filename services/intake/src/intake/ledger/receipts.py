"""Receipts: rendered once, stored in the document store, downloadable by the creditor and the agency."""

from __future__ import annotations

import io
from typing import BinaryIO

from sqlmodel import Session

from shared.errors import NotFound

from intake.cases.models import Case
from intake.creditors.models import Creditor
from intake.debtors.models import Debtor
from intake.debtors.records import creditor_view
from intake.documents.storage import DocumentStore
from intake.ledger.models import Payment
from intake.ledger.receipt_pdf import ReceiptFacts, render_receipt

AGENCY_NAME = "Recouvra"
MAX_RECEIPT_BYTES = 2 * 1024 * 1024


def _facts(session: Session, payment: Payment) -> ReceiptFacts:
    case, creditor, debtor = (
        session.get(Case, payment.case_id),
        session.get(Creditor, payment.creditor_id),
        session.get(Debtor, payment.debtor_id),
    )
    assert case is not None and creditor is not None and debtor is not None and payment.receipt_number
    view = creditor_view(session, debtor, case.creditor_id)  # the debtor as this case's creditor named it
    return ReceiptFacts(
        number=payment.receipt_number,
        agency=AGENCY_NAME,
        creditor=creditor.name,
        debtor=view.name if view is not None and view.name else debtor.name,
        case_reference=case.reference,
        rf_reference=case.rf_reference,
        received_on=payment.received_on,
        amount=payment.amount,
        currency=payment.currency,
        source=payment.source,
        payment_reference=payment.reference,
        issued_on=payment.recorded_at.date(),
    )


def issue_receipt(session: Session, payment: Payment, *, store: DocumentStore) -> None:
    """Stages the receipt's digest on the payment; the caller commits."""
    if payment.receipt_number is None:
        return
    digest, _ = store.put_stream(io.BytesIO(render_receipt(_facts(session, payment))), max_bytes=MAX_RECEIPT_BYTES)
    payment.receipt_sha256 = digest
    session.add(payment)


def open_receipt(*, session: Session, payment: Payment, store: DocumentStore) -> BinaryIO:
    """Payments recorded from events (bailiff funds) get their receipt rendered on first download."""
    if payment.receipt_number is None:
        raise NotFound(
            f"payment {payment.id} is a {payment.source.replace('_', ' ')}: no money moved, so no receipt",
            message_fr=f"le paiement {payment.id} est de type « {payment.source} » : aucun argent n'a circulé, "
            "donc pas de quittance",
        )
    if payment.receipt_sha256 is None or not store.exists(payment.receipt_sha256):
        issue_receipt(session, payment, store=store)
        session.commit()
    assert payment.receipt_sha256 is not None
    return store.open(payment.receipt_sha256)
