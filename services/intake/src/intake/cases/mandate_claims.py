"""R124-3 1° CPCE: the mandate states the basis and amount of the sums due, each component listed apart.
The claims placed under a mandate are its cases' receivables: this is that breakdown, claim by claim."""

from __future__ import annotations

import uuid
from decimal import Decimal

from pydantic import BaseModel
from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.money import Amount

from intake.cases.models import Case, Invoice
from intake.creditors.models import Mandate
from intake.creditors.registry import get_creditor
from intake.errors import CreditorNotFound


class ClaimLine(BaseModel):
    case_id: uuid.UUID
    case_reference: str
    invoice_number: str
    issue_date: str
    due_date: str
    currency: str
    amount_incl_vat: Amount
    vat: Amount | None
    amount_excl_vat: Amount | None
    placed_principal: Amount
    outstanding: Amount


class MandateClaims(BaseModel):
    mandate_id: uuid.UUID
    creditor_id: uuid.UUID
    claims: list[ClaimLine]
    totals: dict[str, Amount]  # per currency: the principal placed under the mandate


def mandate_claims(
    *, session: Session, creditor_id: uuid.UUID, mandate_id: uuid.UUID, principal: Principal
) -> MandateClaims:
    get_creditor(session=session, creditor_id=creditor_id, principal=principal)
    mandate = session.get(Mandate, mandate_id)
    if mandate is None or mandate.creditor_id != creditor_id:
        raise CreditorNotFound(
            f"no mandate {mandate_id} for this creditor", message_fr=f"aucun mandat {mandate_id} pour ce créancier"
        )
    rows = session.exec(
        select(Case, Invoice)
        .join(Invoice, col(Invoice.case_id) == Case.id)
        .where(Case.mandate_id == mandate.id)
        .order_by(col(Case.reference), col(Invoice.due_date), col(Invoice.number))
    ).all()
    claims: list[ClaimLine] = []
    totals: dict[str, Decimal] = {}
    for case, invoice in rows:
        placed = invoice.principal_placed if invoice.principal_placed is not None else invoice.amount
        claims.append(
            ClaimLine(
                case_id=case.id,
                case_reference=case.reference,
                invoice_number=invoice.number,
                issue_date=invoice.issue_date.isoformat(),
                due_date=invoice.due_date.isoformat(),
                currency=invoice.currency,
                amount_incl_vat=invoice.amount,
                vat=invoice.vat,
                amount_excl_vat=invoice.amount - invoice.vat if invoice.vat is not None else None,
                placed_principal=placed,
                outstanding=invoice.outstanding,
            )
        )
        totals[invoice.currency] = totals.get(invoice.currency, Decimal("0")) + placed
    return MandateClaims(mandate_id=mandate.id, creditor_id=creditor_id, claims=claims, totals=totals)
