"""The agency's commission on each payment, as the mandate sets it (R124-3 3° CPCE: the fee is
payable by the creditor and its method is written in the mandate).

Which funds carry commission, and whether the agency holds them:

| source             | funds held by the agency     | commission |
|--------------------|------------------------------|------------|
| debtor_to_agency   | yes, client-money account    | yes        |
| debtor_to_creditor | no, the creditor was paid    | yes: owed by the creditor, set off or invoiced |
| bailiff            | yes, paid over by the bailiff | yes, at the legal-phase rate when the case is in that phase |
| credit_note        | no cash moved                | no: a credit note settles nothing collected |
| write_off          | no cash moved                | no |
| insurer            | no, the insurer paid the creditor | no: the agency did not collect it (legal's indemnity) |

Commission is due on what a payment paid of the debt: the caller passes the allocated amount, so a surplus
over every debt (to be refunded to the debtor) earns none and is not among the funds held for the creditor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from shared.money import round_cents

ZERO = Decimal(0)


class Phase(StrEnum):
    AMICABLE = "amicable"
    LEGAL = "legal"


class FundsSource(StrEnum):
    DEBTOR_TO_AGENCY = "debtor_to_agency"
    DEBTOR_TO_CREDITOR = "debtor_to_creditor"
    BAILIFF = "bailiff"
    CREDIT_NOTE = "credit_note"
    # The creditor abandons what remains: no cash moved, no commission.
    WRITE_OFF = "write_off"
    # The creditor's credit insurer paid its indemnity (legal's InsuranceIndemnityPaid): subrogated for that part.
    INSURER = "insurer"


# R124-2 CPCE: funds collected for creditors sit on a dedicated account; only these are remitted.
HELD_SOURCES = frozenset({FundsSource.DEBTOR_TO_AGENCY, FundsSource.BAILIFF})
COMMISSIONABLE_SOURCES = frozenset({FundsSource.DEBTOR_TO_AGENCY, FundsSource.DEBTOR_TO_CREDITOR, FundsSource.BAILIFF})


STANDARD_VAT_RATE = Decimal("0.20")  # the agency's service: the standard rate (art. 278 CGI)


@dataclass(frozen=True)
class MandateFees:
    """Commission terms of a mandate: a rate per phase, an optional fixed fee per commissionable
    payment (excl. VAT), and the VAT rate on the agency's service (20 % standard rate)."""

    amicable_rate: Decimal
    legal_rate: Decimal
    fixed_fee: Decimal = ZERO
    vat_rate: Decimal = STANDARD_VAT_RATE

    def rate_for(self, phase: Phase) -> Decimal:
        return self.amicable_rate if phase is Phase.AMICABLE else self.legal_rate


@dataclass(frozen=True)
class CollectedPayment:
    """A payment on a case; `received_on` is the date the funds were actually cashed (R124-6)."""

    payment_id: str
    case_id: str
    creditor_id: str
    received_on: date
    amount: Decimal
    source: FundsSource
    phase: Phase = Phase.AMICABLE

    @property
    def held(self) -> bool:
        return self.source in HELD_SOURCES


@dataclass(frozen=True)
class CommissionLine:
    """Per payment: what was collected, the commission (excl. VAT, VAT, incl. VAT), what the agency
    holds, and the net owed to the creditor (negative: the creditor owes the agency)."""

    payment_id: str
    case_id: str
    received_on: date
    source: FundsSource
    amount: Decimal
    rate: Decimal
    commission_excl_vat: Decimal
    vat: Decimal
    commission: Decimal
    held: Decimal
    net: Decimal


def commission_for(payment: CollectedPayment, fees: MandateFees) -> CommissionLine:
    """Commission = amount x phase rate + fixed fee, plus VAT, on commissionable sources only; a
    credit note earns none. The net is what the agency holds minus the commission."""
    if payment.amount < 0:
        raise ValueError(f"payment {payment.payment_id} has a negative amount")
    commissionable = payment.source in COMMISSIONABLE_SOURCES
    rate = fees.rate_for(payment.phase) if commissionable else ZERO
    excl_vat = round_cents(payment.amount * rate + fees.fixed_fee) if commissionable else ZERO
    vat = round_cents(excl_vat * fees.vat_rate)
    held = payment.amount if payment.held else ZERO
    return CommissionLine(
        payment_id=payment.payment_id,
        case_id=payment.case_id,
        received_on=payment.received_on,
        source=payment.source,
        amount=payment.amount,
        rate=rate,
        commission_excl_vat=excl_vat,
        vat=vat,
        commission=excl_vat + vat,
        held=held,
        net=held - (excl_vat + vat),
    )
