"""Settlements as pure rules (docs/rules.md §9.6): what an offer to close a case for less than the balance due may be,
and whether the mandate lets the agency make it alone.

A settlement is a transaction (art. 2044 C. civ.): the creditor gives up part of its claim for a payment by a day.
The agency acts for the creditor only within its mandate (R124-3 CPCE), so an offer at or above the mandate's floor
(a share of the balance due when it is offered) is the agency's to make; below it, or when the mandate gives no
floor, the creditor approves it first. The debtor pays one amount by one day, as a promise does: the same 30-day
horizon keeps one offer from pausing the whole scenario."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal

from shared.errors import Invalid

from dunning.domain.formatting import format_amount, format_date
from dunning.domain.promises import PROMISE_HORIZON_DAYS, last_promisable_day

CENT = Decimal("0.01")


def lowest_within_mandate(balance: Decimal, floor: Decimal | None) -> Decimal | None:
    """The smallest amount the agency may settle `balance` for without asking the creditor: the floor's share of it,
    rounded up to the cent (the agency never gives up a fraction of a cent more than it may). None: no floor."""
    if floor is None:
        return None
    return (balance * floor).quantize(CENT, rounding=ROUND_CEILING)


def within_mandate(amount: Decimal, balance: Decimal, floor: Decimal | None) -> bool:
    lowest = lowest_within_mandate(balance, floor)
    return lowest is not None and amount >= lowest


def check_settlement(*, amount: Decimal, pay_by: date, today: date, balance: Decimal, currency: str) -> None:
    """Nothing, or `Invalid` naming the field the offer breaks a bound on, in plain French and English."""
    if amount <= 0:
        raise Invalid(
            "The amount of a settlement must be more than zero: to give up the whole claim, the creditor writes it "
            "off.",
            field="amount",
            message_fr="Le montant d'un accord doit être supérieur à zéro : pour abandonner toute la créance, le "
            "créancier la passe en perte.",
        )
    if amount >= balance:
        raise Invalid(
            f"A settlement is for less than the {format_amount(balance, 'en', currency)} owed on the case, not "
            f"{format_amount(amount, 'en', currency)}: for the whole balance, record a promise to pay.",
            field="amount",
            message_fr=f"Un accord porte sur moins que les {format_amount(balance, 'fr', currency)} dus sur le "
            f"dossier, pas {format_amount(amount, 'fr', currency)} : pour tout le solde, enregistrez une promesse "
            "de paiement.",
        )
    if pay_by < today:
        raise Invalid(
            f"The day to pay by, {format_date(pay_by, 'en')}, has passed.",
            field="pay_by",
            message_fr=f"La date limite de paiement, le {format_date(pay_by, 'fr')}, est passée.",
        )
    last = last_promisable_day(today)
    if pay_by > last:
        raise Invalid(
            f"The day to pay by, {format_date(pay_by, 'en')}, is too far off: a settlement is paid within "
            f"{PROMISE_HORIZON_DAYS} days, by {format_date(last, 'en')} at the latest.",
            field="pay_by",
            message_fr=f"La date limite de paiement, le {format_date(pay_by, 'fr')}, est trop lointaine : un accord "
            f"se paie sous {PROMISE_HORIZON_DAYS} jours, au plus tard le {format_date(last, 'fr')}.",
        )


def given_up(amount: Decimal, balance: Decimal) -> Decimal:
    """What the creditor gives up, as offered (the write-off itself is intake's, on the day it is honoured)."""
    return balance - amount
