"""Promises to pay as pure rules (docs/rules.md §9.3): what a promise may be when it is recorded. `today` and the
balance are arguments; the day an unpaid promise is broken is the timetable's (`domain.timetable`).

A promise is one payment, more than zero and no more than the case owes, on a day from today to
`PROMISE_HORIZON_DAYS` ahead: it pauses every reminder until that day (plus the grace days), and a payment further
off is a payment plan's, which has its own bounds and is put to the creditor. Unpaid once the grace days are over,
the promise is broken and the reminders resume."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from shared.errors import Conflict, Invalid

from dunning.domain.formatting import format_amount, format_date

PROMISE_HORIZON_DAYS = 30
"""The furthest day a promise may name, counted from the day it is recorded. A promise pauses the whole scenario;
default-fr spaces its first reminder and its formal notice 40 days apart, so a longer pause would skip the
scenario's rungs on one word of the debtor. A longer delay is an échéancier (payment plan)."""


def last_promisable_day(today: date) -> date:
    return today + timedelta(days=PROMISE_HORIZON_DAYS)


def check_promisable(status: str) -> None:
    """A disputed case waits for staff's decision, and a case on a payment plan agrees a new plan instead."""
    if status == "dispute":
        raise Conflict(
            "the case is disputed: resolve the dispute before recording a promise",
            field="case_id",
            message_fr="le dossier est en litige : réglez le litige avant d'enregistrer une promesse",
        )
    if status == "plan":
        raise Conflict(
            "the case is on a payment plan: agree a new plan rather than a promise",
            field="case_id",
            message_fr="le dossier est sous échéancier : convenez d'un nouvel échéancier plutôt que d'une promesse",
        )


def check_promise(*, amount: Decimal, due_on: date, today: date, balance: Decimal, currency: str) -> None:
    """Nothing, or `Invalid` naming the field the promise breaks a bound on, in plain French and English."""
    if amount <= 0:
        raise Invalid(
            "The amount promised must be more than zero.",
            field="amount",
            message_fr="Le montant promis doit être supérieur à zéro.",
        )
    if amount > balance:
        raise Invalid(
            f"The amount promised, {format_amount(amount, 'en', currency)}, is more than the "
            f"{format_amount(balance, 'en', currency)} owed on the case: a promise is for that much at most.",
            field="amount",
            message_fr=f"Le montant promis, {format_amount(amount, 'fr', currency)}, dépasse les "
            f"{format_amount(balance, 'fr', currency)} dus sur le dossier : une promesse porte au plus sur ce solde.",
        )
    if due_on < today:
        raise Invalid(
            f"The promised date, {format_date(due_on, 'en')}, has passed: a promise is for today or later.",
            field="due_on",
            message_fr=f"La date promise, le {format_date(due_on, 'fr')}, est passée : une promesse porte sur "
            "aujourd'hui ou plus tard.",
        )
    last = last_promisable_day(today)
    if due_on > last:
        raise Invalid(
            f"The promised date, {format_date(due_on, 'en')}, is too far off: a promise is for the next "
            f"{PROMISE_HORIZON_DAYS} days, by {format_date(last, 'en')} at the latest; for a later payment, agree a "
            "payment plan.",
            field="due_on",
            message_fr=f"La date promise, le {format_date(due_on, 'fr')}, est trop lointaine : une promesse porte sur "
            f"les {PROMISE_HORIZON_DAYS} prochains jours, au plus tard le {format_date(last, 'fr')} ; pour un "
            "paiement plus tardif, convenez d'un échéancier.",
        )


def held_until(step_day: date, resumes_on: date | None) -> date | None:
    """The day a pending step goes out if the promise pausing its case is not kept (`resumes_on`, the day the
    promise is broken): when that comes after the step's own day, the scheduler sends the step then; otherwise the
    pause does not move it (None)."""
    return resumes_on if resumes_on is not None and resumes_on > step_day else None
