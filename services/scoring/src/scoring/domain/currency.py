"""Currencies: amounts are added up only within one currency, and never converted (scoring knows no exchange
rate). The scorecards' amount thresholds and the worklist's amount scale are in euros."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from scoring.domain.refusals import Refused

EUR = "EUR"
_ISO_4217 = re.compile(r"[A-Z]{3}")


def check_currency(code: str) -> str:
    """The ISO 4217 code in capitals; Refused (a ValueError) when it is not three letters."""
    upper = code.strip().upper()
    if not _ISO_4217.fullmatch(upper):
        raise Refused(
            f"currency must be an ISO 4217 code of three letters, such as EUR (got {code[:10]!r})",
            f"la devise est un code ISO 4217 de trois lettres, comme EUR (reçu {code[:10]!r})",
        )
    return upper


def totals_by_currency(amounts: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """(currency, amount) pairs added up per currency; currencies with nothing outstanding are left out."""
    totals: dict[str, Decimal] = {}
    for currency, amount in amounts:
        totals[currency] = totals.get(currency, Decimal("0")) + amount
    return {currency: total for currency, total in sorted(totals.items()) if total != 0}


def limit_currency_refusal(limit_currency: str, owed_currencies: Iterable[str]) -> str | None:
    """Why an insurer's limit cannot be compared with what the debtor owes, or None: a limit is compared with
    amounts in its own currency only, and scoring knows no exchange rate to convert the others."""
    others = sorted(set(owed_currencies) - {limit_currency})
    if not others:
        return None
    return (
        f"the limit is in {limit_currency} but the debtor owes amounts in {', '.join(others)}; scoring applies "
        f"no exchange rate, so give the limit in {others[0] if len(others) == 1 else 'one currency'}"
    )
