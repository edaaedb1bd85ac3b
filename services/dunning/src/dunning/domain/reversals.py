"""What a reversed payment takes back from a promise to pay and a payment plan, as pure rules (docs/rules.md §4.1).

A payment counted towards an open promise and a plan's instalments; once intake reverses it, it never counted.
The plan's instalments are filled oldest first, so what a payment gave them is taken back newest first: the
instalments end as if the payment had never been allocated. A promise kept, or a plan completed, only because
of that payment is no longer: the promise is open again (the calendar breaks it if its day has passed) and the
plan runs again, unless another plan runs on the case by now (one plan at a time: the later one stands); a kept
promise stays kept when a later promise or a plan has taken its place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dunning.domain.instalments import Term

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PromiseAfterReversal:
    paid: Decimal
    status: str

    @property
    def reopened(self) -> bool:
        return self.status == "open"


def take_back(share: Decimal, terms: Sequence[Term]) -> list[Decimal]:
    """What of the payment's `share` each instalment gives back (in the plan's order), the newest paid first."""
    back = [ZERO] * len(terms)
    left = share
    for index in range(len(terms) - 1, -1, -1):
        if left <= 0:
            break
        back[index] = min(left, terms[index].paid)
        left -= back[index]
    return back


def promise_after_reversal(
    *, status: str, amount: Decimal, paid: Decimal, share: Decimal, superseded: bool = False
) -> PromiseAfterReversal:
    """A kept promise that the reversed share made whole is open again; a broken or replaced one stays ended,
    and so does a kept one `superseded` by a later promise or a plan running on the case (the debtor's word now)."""
    left = max(paid - share, ZERO)
    if status == "kept" and left < amount and not superseded:
        return PromiseAfterReversal(paid=left, status="open")
    return PromiseAfterReversal(paid=left, status=status)


def plan_status_after_reversal(*, status: str, still_paid: bool, another_running: bool) -> str:
    """A plan completed by the reversed payment runs again (agreed); any other status is the plan's history."""
    if status == "completed" and not still_paid and not another_running:
        return "agreed"
    return status


def case_status_after_reversal(*, status: str, plan_runs_again: bool, promise_open_again: bool) -> str:
    """A case dunned again because the plan or promise was settled goes back to waiting on it; a case in dispute,
    at court or closed keeps its status."""
    if status not in ("active", "plan", "promise"):
        return status
    if plan_runs_again:
        return "plan"
    if promise_open_again and status == "active":
        return "promise"
    return status
