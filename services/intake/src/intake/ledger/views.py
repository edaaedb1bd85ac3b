"""API read models of payments and statements of account."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.i18n import Language

from intake.ledger.models import Payment, PaymentAllocation
from intake.ledger.schemas import (
    AllocationPublic,
    InvoiceStatementPublic,
    PaymentPublic,
    PeriodPublic,
    StatementLinePublic,
    StatementPublic,
)
from intake.ledger.statement_reads import Stated
from intake.money.commission import HELD_SOURCES, FundsSource
from intake.money.statement_lines import Statement


def payment_view(
    payment: Payment, allocations: list[PaymentAllocation], reversed_on: date | None = None
) -> PaymentPublic:
    return PaymentPublic(
        id=payment.id,
        reversed_on=reversed_on,
        case_id=payment.case_id,
        creditor_id=payment.creditor_id,
        amount=payment.amount,
        currency=payment.currency,
        received_on=payment.received_on,
        source=payment.source,
        reference=payment.reference,
        instruction=list(payment.instruction),
        phase=payment.phase,
        commission_rate=payment.commission_rate,
        commission_excl_vat=payment.commission_excl_vat,
        commission_vat=payment.commission_vat,
        commission=payment.commission,
        held=payment.held,
        net=payment.net,
        overpayment=payment.overpayment,
        allocation_provisional=payment.allocation_provisional,
        surplus_held_for_debtor=payment.overpayment if FundsSource(payment.source) in HELD_SOURCES else Decimal("0.00"),
        allocation=[
            AllocationPublic(
                invoice_id=a.invoice_id,
                component=a.component,
                amount=a.amount,
                reason_code=a.reason_code,
                explanation=a.explanation,
            )
            for a in allocations
        ],
        receipt_number=payment.receipt_number,
        receipt_url=f"/api/v1/payments/{payment.id}/receipt" if payment.receipt_number else None,
        remittance_id=payment.remittance_id,
        recorded_at=payment.recorded_at,
    )


def statement_view(case: Stated, statement: Statement, currency: str, language: Language = "fr") -> StatementPublic:
    lines = [
        StatementLinePublic(
            on=line.on,
            kind=line.kind.value,
            label=line.label_fr,
            label_en=line.label_en,
            amount=line.amount,
            invoice_number=line.invoice_number,
            explanation=line.explanation_fr,
            explanation_en=line.explanation_en,
            reason_code=line.reason_code,
            payment_id=line.payment_id or None,
            balance_after=line.balance_after,
            currency=line.currency or currency,
            periods=[
                PeriodPublic(start=p.start, end=p.end, days=p.days, rate=p.rate, base=p.base, semester=p.semester.label)
                for p in line.periods
            ],
        )
        for line in statement.lines
    ]
    return StatementPublic(
        case_id=case.id,
        as_of=statement.as_of,
        kind=statement.debtor_kind.value,
        currency=currency,
        rf_reference=case.rf_reference,
        formal_notice_on=case.formal_notice_on,
        principal=statement.principal,
        penalties=statement.penalties,
        indemnities=statement.indemnities,
        indemnities_apart=statement.indemnities_apart,
        indemnities_apart_currency=statement.indemnities_apart_currency,
        interest=statement.interest,
        fees=Decimal("0.00"),
        paid=statement.paid,
        credited=statement.credited,
        written_off=statement.written_off,
        overpayment=statement.overpayment,
        balance=statement.balance,
        provisional=statement.provisional,
        warnings=[m.warning_fr if language == "fr" else m.warning for m in statement.missing_rates],
        warnings_en=[missing.warning for missing in statement.missing_rates],
        warnings_fr=[missing.warning_fr for missing in statement.missing_rates],
        lines=lines,
        invoices=[
            InvoiceStatementPublic(
                invoice_id=b.invoice_id,
                number=b.number,
                principal=b.principal,
                penalties=b.penalties,
                indemnity=b.indemnity,
                interest=b.interest,
                indemnity_apart=b.indemnity_apart,
            )
            for b in statement.invoices
        ],
    )
