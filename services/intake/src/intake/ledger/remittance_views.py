"""Reading remittances: the creditor sees its own, with the commission arithmetic of every payment."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.errors import NotFound

from intake.api.access import get_owned, visible_creditor
from intake.api.paging import page_of
from intake.ledger.invoice_numbers import document_number
from intake.ledger.models import Payment, Remittance, RemittanceRun
from intake.ledger.remittance_schemas import RemittanceLinePublic, RemittancePublic, RemittanceRunPublic
from intake.ledger.remittances import commission_line
from intake.ledger.reversal_debts import netted_on
from intake.money.commission import CommissionLine
from intake.money.rates import format_rate
from intake.money.statement_texts import eur


def arithmetic(line: CommissionLine) -> str:
    """The commission of one payment, spelled out for the creditor (R124-3 3° CPCE: the fee method is agreed)."""
    base = line.amount * line.rate
    fixed = line.commission_excl_vat - base.quantize(line.commission_excl_vat)
    fee = f"{eur(line.amount)} x {format_rate(line.rate)}" + (f" + frais fixes {eur(fixed)}" if fixed else "")
    return (
        f"commission HT {fee} = {eur(line.commission_excl_vat)} ; TVA {eur(line.vat)} ; "
        f"commission TTC {eur(line.commission)} ; fonds détenus {eur(line.held)} - {eur(line.commission)} "
        f"= {eur(line.net)}"
    )


def remittance_view(session: Session, remittance: Remittance) -> RemittancePublic:
    payments = session.exec(
        select(Payment)
        .where(Payment.remittance_id == remittance.id)
        .order_by(col(Payment.received_on), col(Payment.id))
    ).all()
    lines = []
    # a reversed payment's debt netted on this remittance shows as its negated commission line
    for line in [*(commission_line(p) for p in payments), *netted_on(session, remittance.id)]:
        lines.append(
            RemittanceLinePublic(
                payment_id=line.payment_id,
                case_id=line.case_id,
                received_on=line.received_on,
                source=line.source.value,
                amount=line.amount,
                rate=line.rate,
                commission_excl_vat=line.commission_excl_vat,
                vat=line.vat,
                commission=line.commission,
                held=line.held,
                net=line.net,
                arithmetic=arithmetic(line),
            )
        )
    return RemittancePublic(
        id=remittance.id,
        run_id=remittance.run_id,
        creditor_id=remittance.creditor_id,
        issued_on=remittance.issued_on,
        collected=remittance.collected,
        held=remittance.held,
        commission_excl_vat=remittance.commission_excl_vat,
        commission_vat=remittance.commission_vat,
        commission=remittance.commission,
        remitted=remittance.remitted,
        commission_to_invoice=remittance.commission_to_invoice,
        iban=remittance.iban,
        invoice_number=document_number(remittance),
        invoice_url=f"/api/v1/remittances/{remittance.id}/invoice" if document_number(remittance) else None,
        credit_note=remittance.credit_note_seq is not None,
        lines=lines,
    )


def run_view(session: Session, run: RemittanceRun) -> RemittanceRunPublic:
    remittances = session.exec(
        select(Remittance).where(Remittance.run_id == run.id).order_by(col(Remittance.creditor_id))
    ).all()
    return RemittanceRunPublic(
        id=run.id,
        message_id=run.message_id,
        execution_date=run.execution_date,
        transfers=run.transfers,
        total=run.total,
        skipped=run.skipped,
        transfer_url=f"/api/v1/remittances/runs/{run.id}/pain001" if run.transfer_sha256 else None,
        remittances=[remittance_view(session, r) for r in remittances],
    )


def get_remittance(*, session: Session, remittance_id: uuid.UUID, principal: Principal) -> Remittance:
    return get_owned(session, Remittance, remittance_id, principal, missing=NotFound, what="remittance")


def list_remittances(
    *, session: Session, principal: Principal, offset: int, limit: int
) -> tuple[list[Remittance], int]:
    scope = visible_creditor(principal)
    query = select(Remittance).order_by(col(Remittance.issued_on).desc(), col(Remittance.id))
    if scope:
        query = query.where(Remittance.creditor_id == scope)
    return page_of(session, query, offset=offset, limit=limit)


def get_run(*, session: Session, run_id: uuid.UUID) -> RemittanceRun:
    run = session.get(RemittanceRun, run_id)
    if run is None:
        raise NotFound(f"no remittance run {run_id}", message_fr=f"aucun lot de reversement {run_id}")
    return run
