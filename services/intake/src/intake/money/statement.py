"""Statement of account (décompte) of a case as of a date: replays payments in date order,
charging penalties or interest accrued up to each payment and allocating it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from shared.money import round_cents

from intake.money import statement_texts as texts
from intake.money.allocation import allocate_payment
from intake.money.credit_notes import apply_credit_notes, credited
from intake.money.invoice_account import InvoiceAccount, open_invoice_account
from intake.money.kinds import DebtorKind
from intake.money.penalties import DEFAULT_TERMS, INDEMNITY_CURRENCY, PenaltyTerms
from intake.money.rates import MissingRate, RateTable
from intake.money.statement_lines import (
    LineKind,
    Settlement,
    Statement,
    StatementInvoice,
    StatementLine,
    StatementPayment,
)

ZERO = Decimal(0)
# Same-day lines read: the invoice, what it owes, then what was paid.
_ORDER = {
    LineKind.INVOICE: 0,
    LineKind.INDEMNITY: 1,
    LineKind.PENALTIES: 2,
    LineKind.INTEREST: 2,
    LineKind.CREDIT_NOTE: 3,
    LineKind.PAYMENT: 3,
    LineKind.WRITE_OFF: 3,
    LineKind.OVERPAYMENT: 4,
}


def compose_statement(
    *,
    debtor_kind: DebtorKind,
    invoices: Sequence[StatementInvoice],
    payments: Sequence[StatementPayment],
    as_of: date,
    rates: RateTable,
    penalty_terms: PenaltyTerms = DEFAULT_TERMS,
    formal_notice_date: date | None = None,
    insolvency_forbids_payment: bool = False,
    insolvency_opened_on: date | None = None,
    notice_note: tuple[str, str] = ("", ""),
    currency: str = INDEMNITY_CURRENCY,
) -> Statement:
    """B2B: L441-10 penalties from the day after each due date (the mandate's contractual rate or
    ECB + 10, split by semester or frozen) and the D441-5 40 EUR indemnity per late invoice unless
    insolvency proceedings forbid payment. B2C: legal interest from the formal notice only
    (art. 1231-6 C. civ.), never an indemnity or collection fee (L111-8 CPCE). Nothing accrues from
    the opening judgment of insolvency proceedings on (L622-28 C. com.). Credit notes reduce the
    invoices' principal (see `credit_notes`); cash is allocated under art. 1342-10 and 1343-1 C. civ.;
    write-offs abandon what is owed in the same order without being collected. Payments after
    `as_of` are left out. Every amount is in the case's `currency`; in another currency than the euro, the
    indemnity (fixed in euros) is owed apart (docs/rules.md §0.1) and no payment is allocated to it."""
    received = sorted((p for p in payments if p.paid_on <= as_of), key=lambda p: p.paid_on)
    for payment in received:
        if payment.amount <= 0:
            raise ValueError(f"a payment received on {payment.paid_on} must be positive, not {payment.amount}")
    credit = apply_credit_notes(invoices, received)
    accounts = [
        open_invoice_account(
            invoice,
            debtor_kind=debtor_kind,
            rates=rates,
            penalty_terms=penalty_terms,
            formal_notice_date=formal_notice_date,
            insolvency_forbids_payment=insolvency_forbids_payment,
            insolvency_opened_on=insolvency_opened_on,
            notice_note=notice_note,
            currency=currency,
        )
        for invoice in credit.invoices
    ]
    lines = [_invoice_line(invoice) for invoice in invoices] + list(credit.lines)
    for payment in received:
        if payment.settles is Settlement.CREDIT_NOTE:
            continue
        for account in accounts:
            lines += account.bring_to(payment.paid_on)
        lines += _apply_payment(payment, accounts)
    for account in accounts:
        lines += account.bring_to(as_of)
    cash = [p for p in received if p.settles is Settlement.CASH]
    return _summarise(as_of, debtor_kind, accounts, lines, cash, tuple(rates.missing), currency=currency)


def _invoice_line(invoice: StatementInvoice) -> StatementLine:
    label_fr, label_en = texts.invoice_label(invoice.number, invoice.due_date)
    return StatementLine(
        invoice.due_date, LineKind.INVOICE, label_fr, label_en, invoice.amount_incl_vat, invoice.number
    )


def _apply_payment(payment: StatementPayment, accounts: list[InvoiceAccount]) -> list[StatementLine]:
    open_accounts = [a for a in accounts if a.as_debt().total > 0]
    allocation = allocate_payment(
        amount=payment.amount,
        paid_on=payment.paid_on,
        debts=[a.as_debt() for a in open_accounts],
        instruction=payment.instruction,
    )
    by_id = {a.invoice.invoice_id: a for a in open_accounts}
    is_cash = payment.settles is Settlement.CASH
    label_fr, label_en = texts.payment_label(payment.paid_on) if is_cash else texts.write_off_label(payment.paid_on)
    kind = LineKind.PAYMENT if is_cash else LineKind.WRITE_OFF
    lines = []
    for part in allocation.lines:
        by_id[part.invoice_id].settle(part.component, part.amount)
        lines.append(
            StatementLine(
                payment.paid_on,
                kind,
                label_fr,
                label_en,
                -part.amount,
                part.invoice_number,
                part.explanation_fr,
                part.explanation_en,
                part.reason_code.value,
                payment.payment_id,
                component=part.component.value,
            )
        )
    # Only cash can exceed the debt and be refunded; a write-off beyond what is owed abandons nothing more.
    if allocation.unallocated > 0 and is_cash:
        over_fr, over_en = texts.overpayment_label(payment.paid_on)
        lines.append(
            StatementLine(
                payment.paid_on,
                LineKind.OVERPAYMENT,
                over_fr,
                over_en,
                -allocation.unallocated,
                None,
                payment_id=payment.payment_id,
            )
        )
    return lines


def _summarise(
    as_of: date,
    kind: DebtorKind,
    accounts: list[InvoiceAccount],
    lines: list[StatementLine],
    received: list[StatementPayment],
    missing_rates: tuple[MissingRate, ...] = (),
    *,
    currency: str = INDEMNITY_CURRENCY,
) -> Statement:
    ordered = sorted(enumerate(lines), key=lambda item: (item[1].on, _ORDER[item[1].kind], item[0]))
    running = ZERO
    with_balance = []
    for _, line in ordered:
        running += line.amount if line.currency is None else ZERO  # a line apart is in another currency
        with_balance.append(replace(line, balance_after=running))
    apart = [line for line in lines if line.currency is not None]
    lines = [line for line in lines if line.currency is None]

    def charged(line_kind: LineKind) -> Decimal:
        return sum((line.amount for line in lines if line.kind is line_kind), ZERO)

    principal, penalties = charged(LineKind.INVOICE), charged(LineKind.PENALTIES)
    indemnities, interest = charged(LineKind.INDEMNITY), charged(LineKind.INTEREST)
    paid = sum((p.amount for p in received), ZERO)
    written_off = -charged(LineKind.WRITE_OFF)
    credit = credited(lines)
    return Statement(
        as_of=as_of,
        debtor_kind=kind,
        principal=round_cents(principal),
        penalties=round_cents(penalties),
        indemnities=round_cents(indemnities),
        interest=round_cents(interest),
        paid=round_cents(paid),
        overpayment=round_cents(-charged(LineKind.OVERPAYMENT)),
        balance=round_cents(principal + penalties + indemnities + interest - paid - credit - written_off),
        lines=tuple(with_balance),
        invoices=tuple(account.balance() for account in accounts),
        credited=round_cents(credit),
        written_off=round_cents(written_off),
        missing_rates=missing_rates,
        indemnities_apart=round_cents(sum((line.amount for line in apart if line.kind is LineKind.INDEMNITY), ZERO)),
        indemnities_apart_currency=INDEMNITY_CURRENCY,
        currency=currency,
    )
