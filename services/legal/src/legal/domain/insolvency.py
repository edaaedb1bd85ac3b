"""A claim declared in insolvency proceedings, followed to its outcome (docs/rules.md §10.4).

The claim is to be declared to the mandataire within the deadline intake computed (`to_declare`); once declared,
the bankruptcy judge admits it (`admitted`), or it is contested (`contested`, then admitted or rejected) or
rejected (`rejected`); the administrator pays dividends on an admitted claim (`paid`, as many times as it pays),
never more than was admitted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from legal.domain.refusals import RuleBroken

TO_DECLARE, DECLARED, ADMITTED, CONTESTED, REJECTED, PAID = (
    "to_declare",
    "declared",
    "admitted",
    "contested",
    "rejected",
    "paid",
)
NEXT = {
    TO_DECLARE: frozenset({DECLARED}),
    DECLARED: frozenset({ADMITTED, CONTESTED, REJECTED}),
    CONTESTED: frozenset({ADMITTED, REJECTED}),
    ADMITTED: frozenset({PAID}),
    PAID: frozenset({PAID}),
    REJECTED: frozenset(),
}
STATUS_FR = {
    TO_DECLARE: "à déclarer",
    DECLARED: "déclarée",
    ADMITTED: "admise",
    CONTESTED: "contestée",
    REJECTED: "rejetée",
    PAID: "payée",
}

AMOUNT_FR = {DECLARED: "déclaré", ADMITTED: "admis", PAID: "payé"}


@dataclass(frozen=True)
class ClaimFacts:
    status: str
    declared: Decimal | None
    admitted: Decimal | None
    paid: Decimal


def check_claim_step(claim: ClaimFacts, status: str, amount: Decimal | None, on: date, *, today: date) -> None:
    if on > today:
        raise RuleBroken(
            f"occurred_on: {on} is after today ({today})",
            f"occurred_on : le {on:%d/%m/%Y} est postérieur à aujourd'hui ({today:%d/%m/%Y})",
            field="occurred_on",
        )
    if status not in NEXT[claim.status]:
        following = sorted(NEXT[claim.status])
        raise RuleBroken(
            f"a claim that is {claim.status} cannot become {status} (possible: {', '.join(following) or 'none'})",
            f"une créance « {STATUS_FR[claim.status]} » ne peut pas devenir « {STATUS_FR[status]} » "
            f"(possible : {', '.join(STATUS_FR[s] for s in following) or 'aucun'})",
            field="status",
            conflict=True,
        )
    if status in (DECLARED, ADMITTED, PAID) and (amount is None or amount <= 0):
        raise RuleBroken(
            f"amount: say how much was {status} (a positive amount)",
            f"amount : indiquez le montant {AMOUNT_FR[status]} (un montant positif)",
            field="amount",
        )
    if status == ADMITTED and amount is not None and claim.declared is not None and amount > claim.declared:
        raise RuleBroken(
            f"amount: {amount} admitted is more than the {claim.declared} declared",
            f"amount : {amount} admis, soit plus que les {claim.declared} déclarés",
            field="amount",
        )
    if status == PAID and amount is not None and claim.admitted is not None and claim.paid + amount > claim.admitted:
        raise RuleBroken(
            f"amount: {claim.paid} already paid and {amount} more would exceed the {claim.admitted} admitted",
            f"amount : {claim.paid} déjà payés et {amount} de plus dépasseraient les {claim.admitted} admis",
            field="amount",
        )
