"""Statement of account (décompte) of a case from the database: invoices, payments, mandate terms, rates."""

from __future__ import annotations

import uuid
from datetime import date
from functools import cache

from pydantic import TypeAdapter
from sqlalchemy import bindparam
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from shared.async_reads import PlainReads
from shared.auth import Principal
from shared.errors import Conflict, Invalid
from shared.i18n import Language
from shared.kept_answers import digest_sql, kept, rows_sql

from intake.api.access import check_owned
from intake.cases.models import Case, Invoice
from intake.cases.records import case_insolvency, case_invoices
from intake.creditors.models import Mandate
from intake.debtors.models import Debtor
from intake.errors import CaseNotFound, field_error
from intake.ledger.models import Payment
from intake.ledger.reversal_models import PaymentReversal
from intake.ledger.schemas import StatementPublic
from intake.ledger.statement_reads import (
    STATEMENT_SQL,
    STATEMENT_WIDTH,
    StatementInputs,
    statement_inputs_of,
    statement_payment_of,
)
from intake.ledger.views import statement_view
from intake.money.errors import ContractualRateBelowFloor, RateNotFound
from intake.money.kinds import DebtorKind
from intake.money.penalties import DEFAULT_TERMS, PenaltyTerms
from intake.money.rates import RateTable
from intake.money.statement import compose_statement
from intake.money.statement_lines import Statement, StatementInvoice, StatementPayment
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


def penalty_terms(session: Session, case: Case) -> PenaltyTerms:
    mandate = session.get(Mandate, case.mandate_id) if case.mandate_id else None
    if mandate is None:
        return DEFAULT_TERMS
    return PenaltyTerms(contractual_rate=mandate.penalty_rate, freeze_rate=mandate.freeze_penalty_rate)


def statement_payment(payment: Payment) -> StatementPayment:
    return statement_payment_of(
        payment.received_on, payment.amount, payment.instruction, str(payment.id), payment.source
    )


def compute_statement(
    session: Session, case: Case, *, as_of: date, payments: list[Payment] | None = None, rates: RateTable | None = None
) -> Statement:
    """Raises the money package's errors; `statement_for` turns them into plain API errors. A semester rate
    not yet recorded is carried forward from the latest one and the statement says it is provisional."""
    return compose(statement_inputs(session, case, payments), as_of=as_of, rates=rates or load_rate_table(session))


def statement_inputs(session: Session, case: Case, payments: list[Payment] | None = None) -> StatementInputs:
    """What a statement reads of a case loaded by the ORM (the ledger's writes hold it; the read route reads the
    same in one plain statement, `statement_reads.read_statement_inputs`)."""
    received = payments if payments is not None else case_payments(session, case.id)
    invoices = case_invoices(session, case.id)
    return StatementInputs(
        case=case,
        debtor=session.get(Debtor, case.debtor_id),
        terms=penalty_terms(session, case),
        invoices=[principal_base(i) for i in invoices],
        currency=invoices[0].currency if invoices else "EUR",  # the case's (docs/rules.md §0.1)
        payments=[statement_payment(p) for p in received],
    )


def compose(inputs: StatementInputs, *, as_of: date, rates: RateTable) -> Statement:
    """The statement from what was read of the case, by the ORM (`compute_statement`) or in one plain statement
    (`statement_reads`)."""
    case = inputs.case
    insolvency = case_insolvency(case, inputs.debtor)
    opened_on = date.fromisoformat(insolvency["opened_on"]) if insolvency and insolvency.get("opened_on") else None
    # Art. 1231-6 and 1344-1 C. civ.: interest runs from the notice as received; the sending date stands in,
    # and the statement says so, when the receipt date is not recorded.
    notice = case.formal_notice_received_on or case.formal_notice_on
    by_sending = case.formal_notice_on is not None and case.formal_notice_received_on is None
    return compose_statement(
        debtor_kind=DebtorKind(case.kind),
        invoices=inputs.invoices,
        payments=inputs.payments,
        as_of=as_of,
        rates=rates.carrying_forward(),
        penalty_terms=inputs.terms,
        formal_notice_date=notice,
        insolvency_forbids_payment=bool(insolvency),
        insolvency_opened_on=opened_on,
        notice_note=notice_sent_note(case.formal_notice_on) if by_sending and case.formal_notice_on else ("", ""),
        currency=inputs.currency,
    )


async def statement_answer(
    *, reads: PlainReads, case_id: uuid.UUID, as_of: date, language: Language, principal: Principal
) -> bytes:
    """The statement's JSON as of `as_of` in `language`, kept rendered (`shared.kept_answers`): replayed only when
    the case, its invoices, payments or mandate, or the rates changed since it was last rendered for that day."""
    digests = await reads.rows(_DIGEST_SQL, {"case_id": case_id})
    check_owned(digests[0][1] if digests else None, case_id, principal, missing=CaseNotFound, what="case")
    answer = STATEMENTS.get((case_id, digests[0][2], as_of, language))
    if answer is not None:
        return answer
    rows = await reads.rows(_ROWS_SQL, {"case_id": case_id})
    check_owned(rows[0][1] if rows else None, case_id, principal, missing=CaseNotFound, what="case")
    inputs, rates = statement_inputs_of(rows[0])
    try:
        statement = compose(inputs, as_of=as_of, rates=rates)
    except ContractualRateBelowFloor as exc:
        raise field_error(Invalid, "penalty_rate", str(exc), exc.message_fr) from exc
    except RateNotFound as exc:  # no earlier rate at all to carry forward
        raise field_error(
            Conflict, "as_of", f"{exc} (POST /api/v1/intake/rates)", f"{exc.message_fr} (POST /api/v1/intake/rates)"
        ) from exc
    view = statement_view(inputs.case, statement, statement.currency, language)
    body = _STATEMENT_JSON.dump_json(view, by_alias=True)
    return STATEMENTS.keep((case_id, rows[0][-1], as_of, language), body)


STATEMENTS = kept("statements")
_DIGEST_SQL = digest_sql(STATEMENT_SQL, width=STATEMENT_WIDTH, keys=(0, 1))
_ROWS_SQL = rows_sql(STATEMENT_SQL, width=STATEMENT_WIDTH)
_STATEMENT_JSON: TypeAdapter[StatementPublic] = TypeAdapter(StatementPublic)
