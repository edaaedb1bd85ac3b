"""Pure rules of credit insurance (docs/rules.md §7): the threat-of-loss deadline, the waiting period, the
indemnity, the claim's steps. No session, no clock: `today` is an argument.

Policies differ; their figures (days to declare, share indemnified, waiting period) are the policy's own, stored per
creditor. A deadline here is a contractual one, counted in calendar days from the due date and never extended to the
next business day (insurers' portals take declarations every day, and a late declaration loses the cover)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from shared.money import round_cents

HUNDRED = Decimal(100)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PolicyTerms:
    declaration_days: int
    indemnity_percentage: Decimal  # 90.00 means 90 % of the loss (quotité garantie)
    waiting_days: int
    buyer_limit: Decimal | None = None


@dataclass(frozen=True)
class Receivable:
    due_date: date
    outstanding: Decimal


def oldest_unpaid_due_date(receivables: Iterable[Receivable]) -> date | None:
    """The due date the declaration deadline runs from: the oldest invoice still unpaid, if any."""
    unpaid = [r.due_date for r in receivables if r.outstanding > 0]
    return min(unpaid) if unpaid else None


def declaration_deadline(oldest_unpaid_due: date, terms: PolicyTerms) -> date:
    """Last day to declare the threat of loss: the oldest unpaid due date plus the policy's days (forclusion
    after it: the insured loses the cover)."""
    return oldest_unpaid_due + timedelta(days=terms.declaration_days)


def alert_from(deadline: date, alert_days: int) -> date:
    """First day the deadline is announced."""
    return deadline - timedelta(days=alert_days)


def indemnity_due_from(oldest_unpaid_due: date, terms: PolicyTerms) -> date:
    """End of the waiting period (délai de carence) of a protracted default: before it, no indemnity is due."""
    return oldest_unpaid_due + timedelta(days=terms.waiting_days)


def expected_indemnity(*, loss: Decimal, terms: PolicyTerms) -> Decimal:
    """The share of the loss the policy indemnifies: percentage x the loss, the loss counted up to the buyer's
    limit, rounded to the cent once, at the end."""
    if loss < 0:
        raise ValueError(f"a loss cannot be negative ({loss})")
    covered = min(loss, terms.buyer_limit) if terms.buyer_limit is not None else loss
    return round_cents(covered * terms.indemnity_percentage / HUNDRED)


# -- the claim's steps --------------------------------------------------------------------------------------

DECLARED, DOCUMENTS_SENT, ACCEPTED, REFUSED, PAID, WITHDRAWN = (
    "declared",
    "documents_sent",
    "accepted",
    "refused",
    "paid",
    "withdrawn",
)
CLAIM_EVENTS = (DOCUMENTS_SENT, ACCEPTED, REFUSED, PAID, WITHDRAWN)
OPEN_STATES = frozenset({DECLARED, DOCUMENTS_SENT, ACCEPTED})
# A claim is withdrawn when the debtor paid before the indemnity: sums recovered before it go to the insured.
_NEXT: dict[str, frozenset[str]] = {
    DECLARED: frozenset({DOCUMENTS_SENT, ACCEPTED, REFUSED, WITHDRAWN}),
    DOCUMENTS_SENT: frozenset({ACCEPTED, REFUSED, WITHDRAWN}),
    ACCEPTED: frozenset({PAID, WITHDRAWN}),
}
STATE_FR = {
    DECLARED: "déclaré",
    DOCUMENTS_SENT: "pièces envoyées",
    ACCEPTED: "accepté",
    REFUSED: "refusé",
    PAID: "indemnisé",
    WITHDRAWN: "retiré",
}


class StepRefused(ValueError):
    def __init__(self, en: str, fr: str) -> None:
        super().__init__(en)
        self.en, self.fr = en, fr


def next_state(state: str, event: str) -> str:
    """The claim's state after `event`; refused when the step does not follow from where the claim stands."""
    allowed = _NEXT.get(state, frozenset())
    if event not in allowed:
        if not allowed:
            raise StepRefused(
                f"the claim is {state}: it takes no more steps",
                f"le sinistre est {STATE_FR.get(state, state)} : il ne prend plus aucune étape",
            )
        raise StepRefused(
            f"a claim that is {state} cannot be {event}; next: {', '.join(sorted(allowed))}",
            f"un sinistre {STATE_FR.get(state, state)} ne peut pas passer à « {event} » ; "
            f"étapes possibles : {', '.join(sorted(allowed))}",
        )
    return event
