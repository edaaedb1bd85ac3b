"""One invoice's running account while a statement of account is replayed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from shared.money import round_cents

from intake.money import statement_texts as texts
from intake.money.accrual import ONE_DAY, accrue
from intake.money.allocation import DebtDue
from intake.money.allocation_texts import Component
from intake.money.interest import first_interest_day
from intake.money.kinds import DebtorKind
from intake.money.penalties import (
    FIXED_RECOVERY_INDEMNITY,
    INDEMNITY_CURRENCY,
    PenaltyTerms,
    first_late_day,
    penalty_rate,
)
from intake.money.rates import RateTable
from intake.money.semesters import Semester, semester_of
from intake.money.statement_lines import InvoiceStanding, LineKind, StatementInvoice, StatementLine

ZERO = Decimal(0)


class InvoiceAccount:
    """What one invoice owes, component by component, as days pass and payments are applied.
    Accrued accessories are kept unrounded and charged as round(cumulative) - already charged,
    so however many payments cut the accrual, the total is rounded once."""

    def __init__(
        self,
        invoice: StatementInvoice,
        *,
        accrual_start: date | None,
        rate_for: Callable[[Semester], Decimal],
        accessory: Component,
        charges_indemnity: bool,
        accrual_ends: date | None = None,
        note: tuple[str, str] = ("", ""),
        currency: str = INDEMNITY_CURRENCY,
    ) -> None:
        self.invoice = invoice
        self.currency = currency
        self.accrual_ends = accrual_ends
        self.note = note
        self.rate_for = rate_for
        self.accessory = accessory
        self.charges_indemnity = charges_indemnity
        self.owed = {component: ZERO for component in Component}
        self.owed[Component.PRINCIPAL] = invoice.amount_incl_vat
        self.accrued_exact = ZERO
        self.accrued_charged = ZERO
        self.accrued_through = (accrual_start - ONE_DAY) if accrual_start else None
        self.indemnity_charged = False
        self.indemnity_apart = ZERO

    def invoice_line(self) -> StatementLine:
        label_fr, label_en = texts.invoice_label(self.invoice.number, self.invoice.due_date)
        return StatementLine(
            self.invoice.due_date,
            LineKind.INVOICE,
            label_fr,
            label_en,
            self.invoice.amount_incl_vat,
            self.invoice.number,
        )

    def bring_to(self, day: date) -> list[StatementLine]:
        """Charges what became due up to `day` inclusive: the payment day still counts in full."""
        lines = []
        late = day > self.invoice.due_date and self.owed[Component.PRINCIPAL] > 0
        if self.charges_indemnity and late and not self.indemnity_charged:
            lines.append(self._charge_indemnity())
        last = day if self.accrual_ends is None else min(day, self.accrual_ends)
        if self.accrued_through is not None and last > self.accrued_through:
            lines += self._accrue_to(last)
        return lines

    def _charge_indemnity(self) -> StatementLine:
        # D441-5 C. com.: owed once, as soon as the invoice is late; it does not grow with time.
        self.indemnity_charged = True
        label_fr, label_en = texts.indemnity_label(self.invoice.number)
        on = first_late_day(self.invoice.due_date)
        if self.currency == INDEMNITY_CURRENCY:
            self.owed[Component.INDEMNITY] += FIXED_RECOVERY_INDEMNITY
            return StatementLine(
                on, LineKind.INDEMNITY, label_fr, label_en, FIXED_RECOVERY_INDEMNITY, self.invoice.number
            )
        # Fixed in euros: owed apart, so that no payment in the case's currency is allocated to it.
        self.indemnity_apart += FIXED_RECOVERY_INDEMNITY
        why_fr, why_en = texts.indemnity_apart_note(self.currency)
        return StatementLine(
            on,
            LineKind.INDEMNITY,
            label_fr,
            label_en,
            FIXED_RECOVERY_INDEMNITY,
            self.invoice.number,
            why_fr,
            why_en,
            currency=INDEMNITY_CURRENCY,
        )

    def _accrue_to(self, day: date) -> list[StatementLine]:
        assert self.accrued_through is not None
        result = accrue(
            first_day=self.accrued_through + ONE_DAY,
            last_day=day,
            opening_base=self.owed[Component.PRINCIPAL],
            rate_for=self.rate_for,
        )
        self.accrued_through = day
        if not result.periods:
            return []
        self.accrued_exact += result.exact_total
        charge = round_cents(self.accrued_exact) - self.accrued_charged
        self.accrued_charged += charge
        self.owed[self.accessory] += charge
        is_penalty = self.accessory is Component.PENALTIES
        label = texts.penalties_label if is_penalty else texts.interest_label
        label_fr, label_en = label(self.invoice.number, result.periods[0].start, day)
        why_fr, why_en = texts.explain_periods(result.periods, self.currency)
        why_fr, why_en = why_fr + self.note[0], why_en + self.note[1]
        kind = LineKind.PENALTIES if is_penalty else LineKind.INTEREST
        return [
            StatementLine(
                day, kind, label_fr, label_en, charge, self.invoice.number, why_fr, why_en, periods=result.periods
            )
        ]

    def settle(self, component: Component, amount: Decimal) -> None:
        """Applies an allocated part of a payment; the principal change lowers the base from the next day."""
        self.owed[component] -= amount

    def as_debt(self) -> DebtDue:
        return DebtDue(
            self.invoice.invoice_id,
            self.invoice.number,
            self.invoice.due_date,
            principal=self.owed[Component.PRINCIPAL],
            penalties=self.owed[Component.PENALTIES],
            indemnity=self.owed[Component.INDEMNITY],
            interest=self.owed[Component.INTEREST],
        )

    def balance(self) -> InvoiceStanding:
        debt = self.as_debt()
        return InvoiceStanding(
            debt.invoice_id,
            debt.invoice_number,
            debt.principal,
            debt.penalties,
            debt.indemnity,
            debt.interest,
            indemnity_apart=self.indemnity_apart,
        )


def open_invoice_account(
    invoice: StatementInvoice,
    *,
    debtor_kind: DebtorKind,
    rates: RateTable,
    penalty_terms: PenaltyTerms,
    formal_notice_date: date | None,
    insolvency_forbids_payment: bool,
    insolvency_opened_on: date | None = None,
    notice_note: tuple[str, str] = ("", ""),
    currency: str = INDEMNITY_CURRENCY,
) -> InvoiceAccount:
    """B2B: L441-10 penalties from the day after the due date and the D441-5 indemnity, unless
    insolvency proceedings forbid payment. B2C: legal interest from the formal notice only
    (art. 1231-6 C. civ.), no indemnity (L111-8 CPCE). Either stops the day before the opening
    judgment of insolvency proceedings (L622-28 C. com.: the judgment stops interest and penalties).
    Amounts are in the invoice's `currency`; the indemnity, fixed in euros, is owed apart in another one."""
    ends = insolvency_opened_on - ONE_DAY if insolvency_opened_on else None
    stop_note = texts.insolvency_stop_note(insolvency_opened_on) if insolvency_opened_on else ("", "")
    if debtor_kind is DebtorKind.B2B:
        start = first_late_day(invoice.due_date)
        first_semester = semester_of(start)
        return InvoiceAccount(
            invoice,
            accrual_start=start,
            rate_for=lambda s: penalty_rate(s, first_late_semester=first_semester, terms=penalty_terms, rates=rates),
            accessory=Component.PENALTIES,
            charges_indemnity=not insolvency_forbids_payment,
            accrual_ends=ends,
            note=stop_note,
            currency=currency,
        )
    notice = formal_notice_date
    return InvoiceAccount(
        invoice,
        accrual_start=first_interest_day(notice_date=notice, due_date=invoice.due_date) if notice else None,
        rate_for=rates.legal_rate,
        accessory=Component.INTEREST,
        charges_indemnity=False,
        accrual_ends=ends,
        note=(notice_note[0] + stop_note[0], notice_note[1] + stop_note[1]),
        currency=currency,
    )
