"""Which payments debtors declared on their page a bank credit of the suspense queue may be (the back-office's
*Paiements en suspens*): the same amount in the same currency (the case's), booked from a few days before the day
declared (a debtor misremembers the day) to a fortnight after (a cheque takes days to clear). A suggestion: staff
still choose the case."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

BOOKED_BEFORE = timedelta(days=3)
BOOKED_AFTER = timedelta(days=15)


def declarations_for(credit: dict[str, Any], declared: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The declarations (dunning's `declared-payments` items) `credit` (intake's suspense item) may be, the
    closest day first."""
    amount, booked = Decimal(credit["amount"]), date.fromisoformat(credit["booking_date"])
    currency = credit["currency"]
    found = [
        item
        for item in declared
        if Decimal(item["declared_amount"]) == amount
        and item.get("currency", currency) == currency  # a dunning that does not say it yet: the figure decides
        and date.fromisoformat(item["declared_on"]) - BOOKED_BEFORE
        <= booked
        <= date.fromisoformat(item["declared_on"]) + BOOKED_AFTER
    ]
    return sorted(found, key=lambda item: abs((booked - date.fromisoformat(item["declared_on"])).days))
