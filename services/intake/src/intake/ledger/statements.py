"""Statement of account (décompte) of a case from the database: invoices, payments, mandate terms, rates."""

from __future__ import annotations

import uuid
from datetime import date
from functools import cache

import sqlalchemy
from sqlalchemy import Select, bindparam
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from shared.auth import Principal
from shared.errors import Conflict, Invalid

from intake.cases.models import Case, Invoice
from intake.cases.records import case_insolvency, case_invoices, get_case
from intake.creditors.models import Mandate
from intake.debtors.models import Debtor
from intake.errors import field_error
from intake.ledger.models import Payment
from intake.ledger.reversal_models import PaymentReversal
from intake.money.commission import FundsSource
from intake.money.errors import ContractualRateBelowFloor, RateNotFound
from intake.money.kinds import DebtorKind
from intake.money.penalties import DEFAULT_TERMS, PenaltyTerms
from intake.money.rates import RateTable
from intake.money.statement import compose_statement
from intake.money.statement_lines import Settlement, Statement, StatementInvoice, StatementPayment
from intake.money.statement_texts import notice_sent_note
from intake.rates.table import load_rate_table


def principal_base(invoice: Invoice) -> StatementInvoice:
    """The principal as placed: the outstanding amount before the ledger took any payment on the case."""
    placed = invoice.principal_placed if invoice.principal_placed is not None else invoice.outstanding
    return StatementInvoice(str(invoice.id), invoice.number, invoice.due_date, placed)


def case_payments(session: Session, case_id: uuid.UUID) -> list[Payment]:
    """The payments that count: a reversed one stays in the ledger beside its reversing entry, out of the replay."""
    return list(session.exec(_payments_that_count(), params={"case_id": case_id}).all())


@cache
def _payments_that_count() -> SelectOfScalar[Payment]:
    """Built once: building a statement costs more CPU than PostgreSQL takes to run it (issue 17)."""
    return (
        select(Payment)
        .where(Payment.case_id == bindparam("case_id"), col(Payment.id).not_in(select(PaymentReversal.payment_id)))
        .order_by(col(Payment.received_on), col(Payment.recorded_at), col(Payment.id))
    )


@cache
def _case_with_parties() -> Select[Case, Debtor, Mandate]:
    return (
        sqlalchemy.select(Case, Debtor, Mandate)
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .outerjoin(Mandate, col(Mandate.id) == Case.mandate_id)
        .where(col(Case.id) == bindparam("case_id"))
    )


def penalty_terms(session: Session, case: Case) -> PenaltyTerms:
    mandate = session.get(Mandate, case.mandate_id) if case.mandate_id else None
    if mandate is None:
        return DEFAULT_TERMS
    return PenaltyTerms(contractual_rate=mandate.penalty_rate, freeze_rate=mandate.freeze_penalty_rate)


SETTLEMENTS = {FundsSource.CREDIT_NOTE.value: Settlement.CREDIT_NOTE, FundsSource.WRITE_OFF.value: Settlement.WRITE_OFF}


def statement_payment(payment: Payment) -> StatementPayment:
    return StatementPayment(
        payment.received_on,
        payment.amount,
        tuple(payment.instruction),
        str(payment.id),
        settles=SETTLEMENTS.get(payment.source, Settlement.CASH),
    )


def compute_statement(
    session: Session, case: Case, *, as_of: date, payments: list[Payment] | None = None, rates: RateTable | None = None
) -> Statement:
    """Raises the money package's errors; `statement_for` turns them into plain API errors. A semester rate
    not yet recorded is carried forward from the latest one and the statement says it is provisional."""
    debtor = session.get(Debtor, case.debtor_id)
    received = payments if payments is not None else case_payments(session, case.id)
    insolvency = case_insolvency(case, debtor)
    opened_on = date.fromisoformat(insolvency["opened_on"]) if insolvency and insolvency.get("opened_on") else None
    # Art. 1231-6 and 1344-1 C. civ.: interest runs from the notice as received; the sending date stands in,
    # and the statement says so, when the receipt date is not recorded.
    notice = case.formal_notice_received_on or case.formal_notice_on
    by_sending = case.formal_notice_on is not None and case.formal_notice_received_on is None
    invoices = case_invoices(session, case.id)
    return compose_statement(
        debtor_kind=DebtorKind(case.kind),
        invoices=[principal_base(i) for i in invoices],
        payments=[statement_payment(p) for p in received],
        as_of=as_of,
        rates=(rates or load_rate_table(session)).carrying_forward(),
        penalty_terms=penalty_terms(session, case),
        formal_notice_date=notice,
        insolvency_forbids_payment=bool(insolvency),
        insolvency_opened_on=opened_on,
        notice_note=notice_sent_note(case.formal_notice_on) if by_sending and case.formal_notice_on else ("", ""),
        currency=invoices[0].currency if invoices else "EUR",  # the case's (docs/rules.md §0.1)
    )


def statement_for(*, session: Session, case_id: uuid.UUID, as_of: date, principal: Principal) -> tuple[Case, Statement]:
    # The case, its debtor and its mandate in one round trip: the reads below by id then find them in the session,
    # as long as something holds them: the session holds what it loaded only weakly, so this row stays referenced
    # until the statement is made (dropped at once, it let the case, debtor and mandate be read again one by one).
    _held = session.execute(_case_with_parties(), {"case_id": case_id}).first()
    case = get_case(session=session, case_id=case_id, principal=principal)
    try:
        return case, compute_statement(session, case, as_of=as_of)
    except ContractualRateBelowFloor as exc:
        raise field_error(Invalid, "penalty_rate", str(exc), exc.message_fr) from exc
    except RateNotFound as exc:  # no earlier rate at all to carry forward
        raise field_error(
            Conflict, "as_of", f"{exc} (POST /api/v1/intake/rates)", f"{exc.message_fr} (POST /api/v1/intake/rates)"
        ) from exc
