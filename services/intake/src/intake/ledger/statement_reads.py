"""The statement of account's read (`GET /api/v1/cases/{id}/statement`) in one plain statement: the case, its
debtor's insolvency, its mandate's penalty terms, its invoices and the payments that count, read together as
`statements.compute_statement` reads them through the ORM in four round trips (issue 17: the statement was the
slowest read, and SQLAlchemy's objects half of its CPU). Both hand the same inputs to `statements.compose`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from pydantic import TypeAdapter

from shared.async_reads import PlainReads
from shared.auth import Principal

from intake.api.access import check_owned
from intake.errors import CaseNotFound
from intake.money.commission import FundsSource
from intake.money.penalties import DEFAULT_TERMS, PenaltyTerms
from intake.money.rates import RateTable
from intake.money.statement_lines import Settlement, StatementInvoice, StatementPayment
from intake.rates.table import RATES_JSON, rate_table_of_json


class StatedCase(NamedTuple):
    """What a statement reads of its case (`statements.compose` and `views.statement_view` take it or a `Case`)."""

    id: uuid.UUID
    creditor_id: uuid.UUID
    kind: str
    rf_reference: str | None
    formal_notice_on: date | None
    formal_notice_received_on: date | None
    declared_insolvency: dict[str, Any] | None


class StatedDebtor(NamedTuple):
    insolvency: dict[str, Any] | None


class Stated(Protocol):
    """A `StatedCase` or a `Case`: what composing a statement and its view read."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def kind(self) -> str: ...
    @property
    def rf_reference(self) -> str | None: ...
    @property
    def formal_notice_on(self) -> date | None: ...
    @property
    def formal_notice_received_on(self) -> date | None: ...
    @property
    def declared_insolvency(self) -> dict[str, Any] | None: ...


class Insolvent(Protocol):
    @property
    def insolvency(self) -> dict[str, Any] | None: ...


class StatementInputs(NamedTuple):
    case: Stated
    debtor: Insolvent | None
    terms: PenaltyTerms
    invoices: list[StatementInvoice]
    currency: str
    payments: list[StatementPayment]


# The payments that count: a reversed one stays in the ledger beside its reversing entry, out of the replay. Amounts
# travel as text inside the JSON (a JSON number would be read as a float).
STATEMENT_SQL = (
    "SELECT c.id, c.creditor_id, c.kind, c.rf_reference, c.formal_notice_on, c.formal_notice_received_on,"
    " c.declared_insolvency, d.insolvency, m.id IS NOT NULL, m.penalty_rate, m.freeze_penalty_rate,"
    " (SELECT json_agg(json_build_array(i.id, i.number, i.due_date, coalesce(i.principal_placed, i.outstanding)::text,"
    " i.currency) ORDER BY i.due_date, i.number) FROM invoices i WHERE i.case_id = c.id)::text,"
    " (SELECT json_agg(json_build_array(p.received_on, p.amount::text, p.instruction, p.id, p.source)"
    " ORDER BY p.received_on, p.recorded_at, p.id) FROM payments p WHERE p.case_id = c.id"
    " AND NOT EXISTS (SELECT FROM payment_reversals r WHERE r.payment_id = p.id))::text, "
    + RATES_JSON
    + " FROM cases c JOIN debtors d ON d.id = c.debtor_id LEFT JOIN mandates m ON m.id = c.mandate_id"
    " WHERE c.id = %(case_id)s"
)
_INVOICES: TypeAdapter[list[tuple[str, str, date, Decimal, str]]] = TypeAdapter(
    list[tuple[str, str, date, Decimal, str]]
)
_PAYMENTS: TypeAdapter[list[tuple[date, Decimal, list[str], str, str]]] = TypeAdapter(
    list[tuple[date, Decimal, list[str], str, str]]
)


STATEMENT_WIDTH = 14  # the columns of `STATEMENT_SQL`


async def read_statement_inputs(
    reads: PlainReads, case_id: uuid.UUID, principal: Principal
) -> tuple[StatementInputs, RateTable]:
    """The case's statement inputs and the rate table; a case the principal may not see is the same 404 as none."""
    rows = await reads.rows(STATEMENT_SQL, {"case_id": case_id})
    check_owned(rows[0][1] if rows else None, case_id, principal, missing=CaseNotFound, what="case")
    return statement_inputs_of(rows[0])


def statement_inputs_of(row: Sequence[Any]) -> tuple[StatementInputs, RateTable]:
    """The inputs and the rate table from a row of `STATEMENT_SQL`."""
    case, insolvency = StatedCase(*row[:7]), row[7]
    has_mandate, penalty_rate, freeze_rate, invoices_json, payments_json, rates_json = row[8:STATEMENT_WIDTH]
    invoices = _INVOICES.validate_json(invoices_json) if invoices_json else []
    payments = _PAYMENTS.validate_json(payments_json) if payments_json else []
    inputs = StatementInputs(
        case=case,
        debtor=StatedDebtor(insolvency),
        terms=PenaltyTerms(contractual_rate=penalty_rate, freeze_rate=freeze_rate) if has_mandate else DEFAULT_TERMS,
        invoices=[StatementInvoice(invoice_id, number, due, placed) for invoice_id, number, due, placed, _ in invoices],
        currency=invoices[0][4] if invoices else "EUR",  # the case's (docs/rules.md §0.1)
        payments=[
            statement_payment_of(received_on, amount, instruction, payment_id, source)
            for received_on, amount, instruction, payment_id, source in payments
        ],
    )
    return inputs, rate_table_of_json(rates_json)


SETTLEMENTS = {FundsSource.CREDIT_NOTE.value: Settlement.CREDIT_NOTE, FundsSource.WRITE_OFF.value: Settlement.WRITE_OFF}


def statement_payment_of(
    received_on: date, amount: Decimal, instruction: Sequence[str], payment_id: str, source: str
) -> StatementPayment:
    """A payment as the statement replays it: a credit note or a write-off settles without cash."""
    return StatementPayment(
        received_on, amount, tuple(instruction), payment_id, settles=SETTLEMENTS.get(source, Settlement.CASH)
    )
