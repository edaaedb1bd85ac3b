"""Payment plans (échéanciers) as pure rules: the bounds a plan keeps, how a payment is allocated to its
instalments, and when an unpaid instalment breaches it. `today`, the balance and the bounds are arguments.

A plan has two instalments at least (one payment is a promise to pay) and at most `max_instalments`, each of
`min_instalment` or more, falling due one after the other from today on, the last within `max_months` of today.
The instalments add up to the balance due or less: a plan may settle part of the claim (the principal, say) and
leave the rest to the scenario once it is paid. The balance due is what intake's statement of account says on the
day (principal, penalties or interest, the 40 EUR indemnities, less what was paid), the figure the debtor's page
shows: a balance under two smallest instalments allows no plan at all (`most_instalments`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from shared.business_calendar import add_months
from shared.errors import Invalid
from shared.money import CENT

from dunning.domain.formatting import format_amount, format_date

FEWEST_INSTALMENTS = 2  # a single payment is a promise to pay


@dataclass(frozen=True)
class PlanBounds:
    """What the mandate lets the agency agree to: the creditor's mandate's, where its event gave them, otherwise
    dunning's settings (`responses.plan_policy.PlanPolicy.under`)."""

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


def smallest_instalment(bounds: PlanBounds) -> Decimal:
    """An instalment is of one cent at least, whatever the mandate allows."""
    return max(bounds.min_instalment, CENT)


def most_instalments(balance: Decimal, bounds: PlanBounds) -> int:
    """How many instalments a plan for `balance` may have: the mandate's most, or fewer when the balance cannot give
    each the smallest instalment. Under two, no plan is possible: the balance is paid at once (or promised)."""
    if balance <= 0:
        return 0
    return min(bounds.max_instalments, int(balance // smallest_instalment(bounds)))


def plan_possible(balance: Decimal, bounds: PlanBounds) -> bool:
    return most_instalments(balance, bounds) >= FEWEST_INSTALMENTS


def last_due_day(today: date, bounds: PlanBounds) -> date:
    """The day a plan agreed today ends by (art. 641 CPC's way of counting months)."""
    return add_months(today, bounds.max_months)


def check_plan_terms(
    terms: Sequence[Term], *, today: date, balance: Decimal, bounds: PlanBounds, currency: str = "EUR"
) -> Decimal:
    """The plan's total, or `Invalid` naming the first field out of bounds, in French and English. A refusal of
    the plan as a whole says so in plain words (its `field` is `instalments`); one of an instalment names its row."""
    if not plan_possible(balance, bounds):
        smallest = smallest_instalment(bounds)
        raise Invalid(
            f"No payment plan is possible for a balance due of {format_amount(balance, 'en', currency)}: two "
            f"instalments of {format_amount(smallest, 'en', currency)} or more would exceed it. It is paid in one "
            "payment.",
            field="instalments",
            message_fr=f"Aucun échéancier n'est possible pour un solde dû de {format_amount(balance, 'fr', currency)} "
            f": deux échéances d'au moins {format_amount(smallest, 'fr', currency)} le dépasseraient. Il se règle en "
            "un seul paiement.",
        )
    if len(terms) < FEWEST_INSTALMENTS:
        raise Invalid(
            "A payment plan has two instalments at least (a single payment is a promise to pay).",
            field="instalments",
            message_fr="Un échéancier compte au moins deux échéances (un paiement unique est une promesse de "
            "paiement).",
        )
    if len(terms) > bounds.max_instalments:
        raise Invalid(
            f"A payment plan has {bounds.max_instalments} instalments at most, not {len(terms)}.",
            field="instalments",
            message_fr=f"Un échéancier compte au plus {bounds.max_instalments} échéances, pas {len(terms)}.",
        )
    last_day, minimum = last_due_day(today, bounds), smallest_instalment(bounds)
    for index, term in enumerate(terms):
        where = f"instalments[{index}]"
        if term.amount < minimum:
            raise Invalid(
                f"{where}.amount: each instalment is {format_amount(minimum, 'en', currency)} or more",
                field=f"{where}.amount",
                message_fr=f"{where}.amount : chaque échéance est d'au moins {format_amount(minimum, 'fr', currency)}",
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
            f"The instalments add up to {format_amount(total, 'en', currency)}, more than the balance due "
            f"({format_amount(balance, 'en', currency)}).",
            field="instalments",
            message_fr=f"Le total des échéances ({format_amount(total, 'fr', currency)}) dépasse le solde dû "
            f"({format_amount(balance, 'fr', currency)}).",
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


def breach_day(terms: Sequence[Term], *, grace_days: int) -> date | None:
    """The first day `first_missed` finds an instalment missed if nothing more is paid: the day after the grace
    days of the earliest one unpaid; None when every one is paid."""
    for term in terms:
        if term.unpaid > 0:
            return term.due_on + timedelta(days=grace_days + 1)
    return None


def is_paid(terms: Sequence[Term]) -> bool:
    return all(term.unpaid == 0 for term in terms)
