"""Payment plans (échéanciers) as pure rules: the bounds a plan keeps, how a payment is allocated to its
instalments, and when an unpaid instalment breaches it. `today`, the balance and the bounds are arguments.

A plan has two instalments at least (one payment is a promise to pay) and at most `max_instalments`, each of
`min_instalment` or more, falling due one after the other from today on, the last within `max_months` of today.
The instalments add up to the case's balance or less: a plan may settle part of the claim (the principal, say)
and leave the rest to the scenario once it is paid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from shared.business_calendar import add_months
from shared.errors import Invalid

from dunning.domain.formatting import format_amount, format_date


@dataclass(frozen=True)
class PlanBounds:
    """What the mandate lets the agency agree to (settings today: the mandate carries no bounds of its own)."""

    max_instalments: int
    max_months: int
    min_instalment: Decimal


@dataclass(frozen=True)
class Term:
    """One instalment: its day and amount, and what was paid towards it."""

    due_on: date
    amount: Decimal
    paid: Decimal = Decimal("0.00")

    @property
    def unpaid(self) -> Decimal:
        return max(self.amount - self.paid, Decimal("0.00"))


def check_plan_terms(terms: Sequence[Term], *, today: date, balance: Decimal, bounds: PlanBounds) -> Decimal:
    """The plan's total, or `Invalid` naming the first field out of bounds, in French and English."""
    if len(terms) < 2:
        raise Invalid(
            "instalments: a payment plan has two instalments at least (a single payment is a promise to pay)",
            field="instalments",
            message_fr="instalments : un échéancier compte au moins deux échéances (un paiement unique est une "
            "promesse de paiement)",
        )
    if len(terms) > bounds.max_instalments:
        raise Invalid(
            f"instalments: a payment plan has {bounds.max_instalments} instalments at most, not {len(terms)}",
            field="instalments",
            message_fr=f"instalments : un échéancier compte au plus {bounds.max_instalments} échéances, "
            f"pas {len(terms)}",
        )
    last_day = add_months(today, bounds.max_months)
    for index, term in enumerate(terms):
        where = f"instalments[{index}]"
        if term.amount <= 0 or term.amount < bounds.min_instalment:
            minimum = max(bounds.min_instalment, Decimal("0.01"))
            raise Invalid(
                f"{where}.amount: each instalment is {format_amount(minimum, 'en')} or more",
                field=f"{where}.amount",
                message_fr=f"{where}.amount : chaque échéance est d'au moins {format_amount(minimum, 'fr')}",
            )
        if term.due_on < today:
            raise Invalid(
                f"{where}.due_on: an instalment falls due today or later",
                field=f"{where}.due_on",
                message_fr=f"{where}.due_on : une échéance tombe aujourd'hui ou plus tard",
            )
        if index > 0 and term.due_on <= terms[index - 1].due_on:
            raise Invalid(
                f"{where}.due_on: each instalment falls due after the one before it",
                field=f"{where}.due_on",
                message_fr=f"{where}.due_on : chaque échéance tombe après la précédente",
            )
        if term.due_on > last_day:
            raise Invalid(
                f"{where}.due_on: a payment plan ends within {bounds.max_months} months, "
                f"by {format_date(last_day, 'en')}",
                field=f"{where}.due_on",
                message_fr=f"{where}.due_on : un échéancier se termine dans les {bounds.max_months} mois, "
                f"au plus tard le {format_date(last_day, 'fr')}",
            )
    total = sum((term.amount for term in terms), Decimal("0.00"))
    if total > balance:
        raise Invalid(
            f"instalments: they add up to {format_amount(total, 'en')}, more than the {format_amount(balance, 'en')} "
            "the case owes",
            field="instalments",
            message_fr=f"instalments : leur total de {format_amount(total, 'fr')} dépasse les "
            f"{format_amount(balance, 'fr')} dus sur le dossier",
        )
    return total


def allocate(amount: Decimal, terms: Sequence[Term]) -> list[Decimal]:
    """What of a payment goes to each instalment (in the order given: the plan's order): the oldest unpaid first,
    the rest to the next. What exceeds the plan goes to none (intake still counts it against the balance)."""
    shares = []
    left = amount
    for term in terms:
        share = min(left, term.unpaid) if left > 0 else Decimal("0.00")
        shares.append(share)
        left -= share
    return shares


def first_missed(terms: Sequence[Term], *, today: date, grace_days: int) -> Term | None:
    """The earliest instalment still unpaid once its grace days are over: the one that breaches the plan."""
    for term in terms:
        if term.unpaid > 0 and today > term.due_on + timedelta(days=grace_days):
            return term
    return None


def is_paid(terms: Sequence[Term]) -> bool:
    return all(term.unpaid == 0 for term in terms)
