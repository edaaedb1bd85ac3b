"""The agency's invoice of its commission, one per remittance that carries one: the remittance statement already
spells out each payment's commission (R124-5, R124-6 CPCE); the invoice is the same arithmetic as the tax document the
creditor books (art. 289 and 242 nonies A of annex II to the CGI, L441-9 C. com.): a number in one continuous sequence,
the agency and the creditor named, each payment's commission excluding VAT, its VAT and the totals, what the
remittance already settled by offset and what is left to pay.

A remittance whose netted reversals make its commission negative is the agency's credit note (facture d'avoir) instead:
numbered in a sequence of its own, it names the invoices it corrects (those of the remittances that first carried the
reversed payments) and is settled by the remittance itself, which gives the commission back. A remittance whose
payments carry no commission, or whose reversals cancel it exactly, has neither."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.errors import NotFound

from intake.cases.models import Case
from intake.config import Settings
from intake.creditors.models import Creditor
from intake.ledger.invoice_numbers import document_number
from intake.ledger.models import Payment, Remittance
from intake.ledger.remittance_views import get_remittance, remittance_view


@dataclass(frozen=True)
class InvoiceLine:
    received_on: date
    case_reference: str
    amount: Decimal
    rate: Decimal
    excl_vat: Decimal
    vat: Decimal
    total: Decimal


@dataclass(frozen=True)
class InvoiceFacts:
    number: str
    issued_on: date
    agency_name: str
    agency_address: tuple[str, ...]
    agency_siren: str | None
    agency_vat_number: str | None
    creditor_name: str
    creditor_address: tuple[str, ...]
    creditor_siren: str | None
    lines: tuple[InvoiceLine, ...]
    excl_vat: Decimal
    vat: Decimal
    total: Decimal
    settled_by_offset: Decimal
    to_pay: Decimal
    currency: str = "EUR"
    credit_note: bool = False
    corrects: tuple[str, ...] = ()  # a credit note's: the invoices it corrects


def invoice_facts(
    *, session: Session, remittance_id: uuid.UUID, principal: Principal, settings: Settings
) -> InvoiceFacts:
    """What the invoice of a remittance the principal may see says; 404 when the remittance has none."""
    remittance = get_remittance(session=session, remittance_id=remittance_id, principal=principal)
    number = document_number(remittance)
    if number is None:
        raise NotFound(
            f"remittance {remittance_id} has no commission invoice: it carries no commission",
            message_fr=f"le reversement {remittance_id} n'a pas de facture de commission : il ne porte aucune "
            "commission",
        )
    view = remittance_view(session, remittance)
    case_ids = {uuid.UUID(line.case_id) for line in view.lines}
    references = dict(session.exec(select(Case.id, Case.reference).where(col(Case.id).in_(case_ids))).all())
    creditor = session.get(Creditor, remittance.creditor_id)
    assert creditor is not None  # a remittance's foreign key
    address = creditor.address or {}
    lines = tuple(
        InvoiceLine(
            received_on=line.received_on,
            case_reference=references.get(uuid.UUID(line.case_id), line.case_id),
            amount=line.amount,
            rate=line.rate,
            excl_vat=line.commission_excl_vat,
            vat=line.vat,
            total=line.commission,
        )
        for line in view.lines
        if line.commission != 0
    )
    return InvoiceFacts(
        number=number,
        issued_on=remittance.issued_on,
        agency_name=settings.agency_name,
        agency_address=tuple(part.strip() for part in settings.agency_address.split("|") if part.strip()),
        agency_siren=settings.agency_siren,
        agency_vat_number=settings.agency_vat_number,
        creditor_name=creditor.name,
        creditor_address=tuple(
            part
            for part in (
                address.get("line1"),
                address.get("line2"),
                " ".join(p for p in (address.get("postal_code"), address.get("city")) if p),
            )
            if part
        ),
        creditor_siren=creditor.siren,
        lines=lines,
        excl_vat=remittance.commission_excl_vat,
        vat=remittance.commission_vat,
        total=remittance.commission,
        settled_by_offset=remittance.commission - remittance.commission_to_invoice,
        to_pay=remittance.commission_to_invoice,
        credit_note=remittance.credit_note_seq is not None,
        corrects=corrected_invoices(session, [uuid.UUID(line.payment_id) for line in view.lines if line.commission < 0])
        if remittance.credit_note_seq is not None
        else (),
    )


def corrected_invoices(session: Session, payment_ids: list[uuid.UUID]) -> tuple[str, ...]:
    """The numbers of the invoices that first carried these payments' commission, in their order."""
    first = select(Payment.remittance_id).where(col(Payment.id).in_(payment_ids))
    remittances = session.exec(
        select(Remittance).where(col(Remittance.id).in_(first)).order_by(col(Remittance.invoice_seq))
    ).all()
    return tuple(number for remittance in remittances if (number := document_number(remittance)) is not None)
