"""B2B late-payment penalties (L441-10 II C. com.) and the fixed recovery indemnity (D441-5)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from intake.money.accrual import ONE_DAY, AccrualResult, BaseChange, accrue
from intake.money.errors import ContractualRateBelowFloor
from intake.money.kinds import DebtorKind
from intake.money.rates import RateTable, format_rate
from intake.money.semesters import Semester, semester_of, split_by_semester

# D441-5 C. com.: fixed indemnity per late invoice, not subject to VAT (docs/rules.md §2.4). The decree fixes it in
# euros: a case in another currency owes it in euros, apart, never converted (docs/rules.md §0.1).
FIXED_RECOVERY_INDEMNITY = Decimal("40.00")
INDEMNITY_CURRENCY = "EUR"


@dataclass(frozen=True)
class PenaltyTerms:
    """Penalty terms of the mandate: a contractual rate replaces ECB + 10; `freeze_rate` applies the
    rate of the first late day's semester to every late day instead of splitting by semester."""

    contractual_rate: Decimal | None = None
    freeze_rate: bool = False


DEFAULT_TERMS = PenaltyTerms()


def first_late_day(due_date: date) -> date:
    """L441-10 II C. com.: penalties run from the day after the payment date on the invoice."""
    return due_date + ONE_DAY


def days_late(due_date: date, until: date) -> int:
    """Late days from the day after the due date to `until` (payment or as-of date) inclusive."""
    return max(0, (until - due_date).days)


def check_contractual_rate(rate: Decimal, semester: Semester, rates: RateTable) -> None:
    """L441-10 II C. com.: a contractual penalty rate may not be below 3 x the legal rate
    ("autres cas", the creditor being a professional) of the semester."""
    floor = rates.contractual_floor(semester)
    if rate < floor:
        raise ContractualRateBelowFloor(
            f"the contractual late-payment rate {format_rate(rate, 'en')} is below the legal floor of "
            f"{format_rate(floor, 'en')} for {semester.label} (3 x the legal interest rate, art. L441-10 C. com.); "
            "apply the default rate (ECB + 10 points) or correct the mandate",
            f"le taux contractuel de pénalités de retard {format_rate(rate)} est inférieur au plancher légal de "
            f"{format_rate(floor)} pour le {semester.label} (3 fois le taux d'intérêt légal, art. L441-10 C. com.) ; "
            "appliquez le taux par défaut (BCE + 10 points) ou corrigez le mandat",
        )


def penalty_rate(
    semester: Semester, *, first_late_semester: Semester, terms: PenaltyTerms, rates: RateTable
) -> Decimal:
    """The annual rate for late days in `semester` under L441-10 II C. com."""
    if terms.contractual_rate is not None:
        check_contractual_rate(terms.contractual_rate, semester, rates)
        return terms.contractual_rate
    # French-rules §2.5: the user may freeze the rate at the semester of the first late day.
    return rates.default_penalty_rate(first_late_semester if terms.freeze_rate else semester)


def late_payment_penalties(
    *,
    amount_incl_vat: Decimal,
    due_date: date,
    until: date,
    rates: RateTable,
    terms: PenaltyTerms = DEFAULT_TERMS,
    outstanding_changes: Iterable[BaseChange] = (),
) -> AccrualResult:
    """L441-10 II C. com.: amount incl. VAT x annual rate x days late / 365, due without reminder,
    from the day after the due date to `until` inclusive. Partial payments (negative changes)
    reduce the base from the day after they are received. Each period carries its own rate."""
    start = first_late_day(due_date)
    if terms.contractual_rate is not None:
        # Refuse an invalid clause as soon as any late day falls in a semester where it is too low.
        for semester, _, _ in split_by_semester(start, until):
            check_contractual_rate(terms.contractual_rate, semester, rates)
    first_semester = semester_of(start)
    return accrue(
        first_day=start,
        last_day=until,
        opening_base=amount_incl_vat,
        changes=outstanding_changes,
        rate_for=lambda semester: penalty_rate(semester, first_late_semester=first_semester, terms=terms, rates=rates),
    )


def fixed_recovery_indemnity(
    *, debtor_kind: DebtorKind, due_date: date, paid_or_as_of: date, insolvency_forbids_payment: bool
) -> Decimal:
    """D441-5 C. com.: 40 EUR per invoice paid late, between professionals only; not claimable when
    opened insolvency proceedings forbid paying the claim on its due date (L622-7, docs/rules.md §2.4)."""
    if debtor_kind is not DebtorKind.B2B or insolvency_forbids_payment:
        return Decimal(0)
    return FIXED_RECOVERY_INDEMNITY if days_late(due_date, paid_or_as_of) > 0 else Decimal(0)
