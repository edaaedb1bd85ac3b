"""Assignment batches (bordereaux de cession): the creditor's open invoices its factoring contract covers, selected
oldest first within the contract's maximum, each assigned once, with the control totals the factor checks."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict
from shared.tenancy import check_visible, creditor_filter

from legal.domain.factoring import Candidate, control_totals, select_receivables
from legal.errors import BatchNotFound
from legal.insurance.case_models import InsuranceCase, InsuranceCaseInvoice
from legal.insurance.cases import CLOSED
from legal.insurance.factoring_contracts import contract_rule
from legal.insurance.factoring_models import FactoringAssignment, FactoringBatch, FactoringContract
from legal.insurance.factoring_schemas import AssignmentPublic, BatchIn, BatchPage, BatchPublic, BatchSummary
from legal.procedures.models import LegalCase

ZERO = Decimal("0.00")


def _candidates(session: Session, batch_in: BatchIn) -> dict[uuid.UUID, tuple[InsuranceCase, InsuranceCaseInvoice]]:
    """The creditor's unpaid invoices on open cases never assigned before (a receivable the factor handed back is
    not offered to it again), narrowed to the cases and due date asked for."""
    ever_assigned = select(FactoringAssignment.invoice_id)
    query = (
        select(InsuranceCase, InsuranceCaseInvoice)
        .join(InsuranceCaseInvoice, col(InsuranceCaseInvoice.case_id) == InsuranceCase.case_id)
        .join(LegalCase, col(LegalCase.case_id) == InsuranceCase.case_id)
        .where(
            InsuranceCase.creditor_id == batch_in.creditor_id,
            col(LegalCase.status) != CLOSED,
            col(InsuranceCaseInvoice.outstanding) > 0,
            col(InsuranceCaseInvoice.invoice_id).not_in(ever_assigned),
        )
    )
    if batch_in.case_ids is not None:
        query = query.where(col(InsuranceCase.case_id).in_(batch_in.case_ids))
    if batch_in.due_on_or_before is not None:
        query = query.where(col(InsuranceCaseInvoice.due_date) <= batch_in.due_on_or_before)
    return {invoice.invoice_id: (case, invoice) for case, invoice in session.exec(query).all()}


def held_by_factor(session: Session, creditor_id: uuid.UUID) -> Decimal:
    """What the factor holds of the creditor's receivables and is still unpaid: each assigned invoice up to what
    remains due on it (nothing once its case is closed)."""
    rows = session.exec(
        select(
            col(FactoringAssignment.assigned_amount),
            col(InsuranceCaseInvoice.outstanding),
            col(LegalCase.status),
        )
        .join(InsuranceCaseInvoice, col(InsuranceCaseInvoice.invoice_id) == FactoringAssignment.invoice_id)
        .join(LegalCase, col(LegalCase.case_id) == InsuranceCaseInvoice.case_id)
        .where(FactoringAssignment.creditor_id == creditor_id, FactoringAssignment.status == "assigned")
    ).all()
    return sum((min(assigned, outstanding) for assigned, outstanding, status in rows if status != CLOSED), ZERO)


def _number(session: Session, creditor_id: uuid.UUID, today: date) -> str:
    count = session.exec(
        select(func.count()).select_from(FactoringBatch).where(FactoringBatch.creditor_id == creditor_id)
    ).one()
    return f"BC-{today:%Y%m%d}-{count + 1:03d}"


def create_batch(*, session: Session, batch_in: BatchIn, principal: Principal, clock: Clock) -> BatchPublic:
    contract = session.get(FactoringContract, batch_in.creditor_id, with_for_update=True)  # one batch at a time
    if contract is None:
        raise Conflict(
            f"creditor {batch_in.creditor_id} has no factoring contract on file: enter it first",
            field="creditor_id",
            message_fr=f"le créancier {batch_in.creditor_id} n'a pas de contrat d'affacturage enregistré : "
            "saisissez-le d'abord",
        )
    found = _candidates(session, batch_in)
    candidates = [
        Candidate(str(i.invoice_id), str(c.case_id), c.debtor_siren, i.due_date, i.outstanding, i.currency)
        for c, i in found.values()
    ]
    selection = select_receivables(
        candidates, contract_rule(contract), held=held_by_factor(session, contract.creditor_id)
    )
    over = [uuid.UUID(c.invoice_id) for c in selection.left_over_ceiling]
    if not selection.chosen:
        reason_en = f"; {len(over)} eligible invoice(s) would exceed the contract's maximum" if over else ""
        reason_fr = f" ; {len(over)} facture(s) éligible(s) dépasseraient le plafond du contrat" if over else ""
        raise Conflict(
            f"no receivable of creditor {contract.creditor_id} to assign under contract {contract.contract_number}"
            + reason_en,
            field="creditor_id",
            message_fr=f"aucune créance du créancier {contract.creditor_id} à céder au titre du contrat "
            f"{contract.contract_number}" + reason_fr,
        )
    today = today_in_paris(clock)
    totals = control_totals([c.outstanding for c in selection.chosen])
    batch = FactoringBatch(
        creditor_id=contract.creditor_id,
        number=_number(session, contract.creditor_id, today),
        factor_id=contract.factor_id,
        contract_number=contract.contract_number,
        with_recourse=contract.with_recourse,
        assigned_on=today,
        count=totals.count,
        total=totals.total,
        currency=contract.currency,
        created_at=clock.now(),
        created_by=principal.subject,
    )
    session.add(batch)
    session.flush()
    for line, chosen in enumerate(selection.chosen, start=1):
        case, invoice = found[uuid.UUID(chosen.invoice_id)]
        session.add(
            FactoringAssignment(
                batch_id=batch.id,
                line=line,
                creditor_id=case.creditor_id,
                case_id=case.case_id,
                case_reference=case.reference,
                invoice_id=invoice.invoice_id,
                invoice_number=invoice.number,
                issue_date=invoice.issue_date,
                due_date=invoice.due_date,
                debtor_id=case.debtor_id,
                debtor_name=case.debtor_name,
                debtor_siren=case.debtor_siren,
                amount=invoice.amount,
                assigned_amount=invoice.outstanding,
                currency=invoice.currency,
            )
        )
    session.flush()
    audit(
        session,
        actor=principal,
        action="factoring_batch.created",
        entity="creditor",
        entity_id=contract.creditor_id,
        clock=clock,
        batch_id=str(batch.id),
        number=batch.number,
        count=totals.count,
        total=str(totals.total),
    )
    return batch_public(session, batch, left_over_ceiling=over)


def visible_batch(session: Session, batch_id: uuid.UUID, principal: Principal) -> FactoringBatch:
    batch = session.get(FactoringBatch, batch_id)
    if batch is None:
        raise BatchNotFound(batch_id)
    check_visible(principal, missing=lambda: BatchNotFound(batch_id), creditor_id=batch.creditor_id)
    return batch


def batch_assignments(session: Session, batch_id: uuid.UUID) -> list[FactoringAssignment]:
    return list(
        session.exec(
            select(FactoringAssignment)
            .where(FactoringAssignment.batch_id == batch_id)
            .order_by(col(FactoringAssignment.line))
        ).all()
    )


def batch_public(
    session: Session, batch: FactoringBatch, *, left_over_ceiling: list[uuid.UUID] | None = None
) -> BatchPublic:
    base = f"/api/v1/legal/factoring/batches/{batch.id}"
    return BatchPublic.model_validate(
        {
            **batch.model_dump(),
            "csv_url": f"{base}.csv",
            "notices_url": f"{base}/notices.pdf",
            "assignments": [
                AssignmentPublic.model_validate(a, from_attributes=True) for a in batch_assignments(session, batch.id)
            ],
            "left_over_ceiling": left_over_ceiling or [],
        }
    )


def list_batches(
    *, session: Session, principal: Principal, creditor_id: uuid.UUID | None, offset: int, limit: int
) -> BatchPage:
    scope = creditor_filter(principal, creditor_id)
    conditions = [FactoringBatch.creditor_id == scope] if scope is not None else []
    total = session.exec(select(func.count()).select_from(FactoringBatch).where(*conditions)).one()
    batches = session.exec(
        select(FactoringBatch)
        .where(*conditions)
        .order_by(col(FactoringBatch.created_at).desc(), col(FactoringBatch.number).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return BatchPage(items=[BatchSummary.model_validate(b, from_attributes=True) for b in batches], total=total)
