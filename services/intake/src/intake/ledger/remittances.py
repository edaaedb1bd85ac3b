"""Remittance runs (reversements, R124-6 CPCE): what each creditor is owed, a statement showing the commission
arithmetic, and one SEPA credit-transfer file (pain.001) paying them from the client-money account."""

from __future__ import annotations

import io
import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict
from shared.events.intake import RemittanceIssued
from shared.outbox import record_event
from shared.target2 import next_target2_business_day

from intake.config import Settings
from intake.creditors.models import Creditor
from intake.documents.storage import DocumentStore
from intake.ledger.invoice_numbers import number_invoices
from intake.ledger.models import Payment, Remittance, RemittanceRun
from intake.ledger.remittance_schemas import RemittanceRunIn
from intake.ledger.reversal_debts import NOT_REVERSED, mark_netted, with_netted_debts
from intake.ledger.reversal_models import PaymentReversal
from intake.money.commission import COMMISSIONABLE_SOURCES, CommissionLine, FundsSource
from intake.money.errors import RemittanceRefused
from intake.money.remittance import RemittanceStatement
from intake.money.sepa_transfer import BankAccount, build_remittance_transfer

MAX_TRANSFER_BYTES = 20 * 1024 * 1024


def commission_line(payment: Payment) -> CommissionLine:
    """What the payment paid of the debt: a surplus is held for the debtor's refund, never remitted."""
    return CommissionLine(
        payment_id=str(payment.id),
        case_id=str(payment.case_id),
        received_on=payment.received_on,
        source=FundsSource(payment.source),
        amount=payment.amount - payment.overpayment,
        rate=payment.commission_rate,
        commission_excl_vat=payment.commission_excl_vat,
        vat=payment.commission_vat,
        commission=payment.commission,
        held=payment.held,
        net=payment.net,
    )


def unremitted(session: Session, creditor_id: uuid.UUID | None, *, lock: bool = False) -> list[Payment]:
    query = select(Payment).where(
        col(Payment.remittance_id).is_(None),
        col(Payment.source).in_([s.value for s in COMMISSIONABLE_SOURCES]),
        NOT_REVERSED,
    )
    if creditor_id is not None:
        query = query.where(Payment.creditor_id == creditor_id)
    query = query.order_by(col(Payment.creditor_id), col(Payment.received_on), col(Payment.id))
    if not lock:
        return list(session.exec(query).all())
    payments = list(session.exec(query.with_for_update()).all())
    # NOT_REVERSED was judged on the statement's snapshot, taken before any wait for a payment's lock: a reversal
    # that held the lock and committed meanwhile is seen only by a new statement (READ COMMITTED).
    reversed_now = set(
        session.exec(
            select(PaymentReversal.payment_id).where(col(PaymentReversal.payment_id).in_([p.id for p in payments]))
        ).all()
    )
    return [p for p in payments if p.id not in reversed_now]


def _account(creditor: Creditor) -> BankAccount | None:
    return BankAccount(creditor.name[:70], creditor.iban, creditor.bic) if creditor.iban else None


def run_remittances(
    *,
    session: Session,
    run_in: RemittanceRunIn,
    principal: Principal,
    clock: Clock,
    store: DocumentStore,
    settings: Settings,
) -> RemittanceRun:
    """Every unremitted payment of each creditor, with its commission fixed when it was recorded. A creditor
    owed money but without a bank account is skipped and reported: its funds stay held (and will alert)."""
    today = today_in_paris(clock)
    by_creditor: dict[uuid.UUID, list[Payment]] = defaultdict(list)
    for payment in unremitted(session, run_in.creditor_id, lock=True):
        by_creditor[payment.creditor_id].append(payment)
    if not by_creditor:
        raise Conflict("no collected funds await remittance", message_fr="aucun fonds encaissé n'attend d'être reversé")
    run = RemittanceRun(
        execution_date=next_target2_business_day(run_in.execution_date or today),  # no transfer settles on a Sunday
        message_id="",
        total=Decimal(0),
        run_by=principal.subject,
        run_at=clock.now(),
    )
    run.message_id = f"RCV-{today:%Y%m%d}-{run.id.hex[:8].upper()}"
    included: list[tuple[Creditor, RemittanceStatement, list[Payment]]] = []
    netting: dict[uuid.UUID, list[PaymentReversal]] = {}
    accounts: dict[str, BankAccount] = {}
    for creditor_id, payments in by_creditor.items():
        creditor = session.get(Creditor, creditor_id)
        assert creditor is not None
        lines, netting[creditor_id] = with_netted_debts(
            session, creditor_id, [commission_line(p) for p in payments], run.skipped
        )
        statement = RemittanceStatement(str(creditor_id), lines)
        account = _account(creditor)
        if statement.net_to_remit > 0 and account is None:
            run.skipped.append({"creditor_id": str(creditor_id), "reason": "no bank account (IBAN) recorded"})
            continue
        if account is not None:
            accounts[str(creditor_id)] = account
        included.append((creditor, statement, payments))
    if not included:
        raise Conflict(
            "no creditor can be remitted: record their bank account (IBAN) first",
            message_fr="aucun créancier ne peut recevoir de reversement : enregistrez d'abord son compte (IBAN)",
        )
    _write_transfer(run, [s for _, s, _ in included], accounts, settings=settings, store=store)
    session.add(run)
    session.flush()
    issued = [
        _issue(session, run, creditor, statement, payments, netting[creditor.id], issued_on=today, clock=clock)
        for creditor, statement, payments in included
    ]
    number_invoices(session, issued)
    audit(
        session,
        actor=principal,
        action="remittance.run",
        entity="remittance_run",
        entity_id=run.id,
        clock=clock,
        transfers=run.transfers,
        total=str(run.total),
        skipped=len(run.skipped),
    )
    session.commit()
    return run


def _write_transfer(
    run: RemittanceRun,
    statements: list[RemittanceStatement],
    accounts: dict[str, BankAccount],
    *,
    settings: Settings,
    store: DocumentStore,
) -> None:
    payable = [s for s in statements if s.net_to_remit > 0]
    run.transfers, run.total = len(payable), sum((s.net_to_remit for s in payable), Decimal(0))
    if not payable:
        return  # only commission to invoice: nothing to transfer
    if not settings.agency_iban or not settings.agency_bic:
        raise Conflict(
            "the agency's client-money account is not configured: set INTAKE_AGENCY_IBAN and INTAKE_AGENCY_BIC "
            "(R124-2 CPCE: collected funds are held on a dedicated account) before running remittances",
            message_fr="le compte de fonds clients de l'agence n'est pas configuré : renseignez INTAKE_AGENCY_IBAN et "
            "INTAKE_AGENCY_BIC (R124-2 CPCE : les fonds encaissés sont détenus sur un compte dédié) avant tout "
            "reversement",
        )
    agency = BankAccount(settings.agency_account_name, settings.agency_iban, settings.agency_bic)
    try:
        document = build_remittance_transfer(
            payable,
            agency=agency,
            creditor_accounts=accounts,
            execution_date=run.execution_date,
            message_id=run.message_id,
            created_at=run.run_at,
        )
    except RemittanceRefused as exc:
        raise Conflict(str(exc), message_fr=exc.message_fr) from exc
    run.transfer_sha256, _ = store.put_stream(io.BytesIO(document), max_bytes=MAX_TRANSFER_BYTES)


def _issue(
    session: Session,
    run: RemittanceRun,
    creditor: Creditor,
    statement: RemittanceStatement,
    payments: list[Payment],
    netted: list[PaymentReversal],
    *,
    issued_on: date,
    clock: Clock,
) -> Remittance:
    remittance = Remittance(
        run_id=run.id,
        creditor_id=creditor.id,
        issued_on=issued_on,
        collected=statement.total_collected,
        held=statement.total_held,
        commission_excl_vat=statement.total_commission_excl_vat,
        commission_vat=statement.total_vat,
        commission=statement.total_commission,
        remitted=statement.net_to_remit,
        commission_to_invoice=statement.commission_to_invoice,
        iban=creditor.iban,
    )
    session.add(remittance)
    session.flush()
    for payment in payments:
        payment.remittance_id = remittance.id
        session.add(payment)
    mark_netted(session, netted, remittance.id)
    record_event(
        session,
        RemittanceIssued(
            remittance_id=str(remittance.id),
            creditor_id=str(creditor.id),
            collected=remittance.collected,
            commission=remittance.commission,
            remitted=remittance.remitted,
            issued_on=issued_on,
        ),
        clock=clock,
        subject=str(creditor.id),
        tenant=str(creditor.id),
    )
    return remittance
