"""Online card payments' pure rules (docs/rules.md §4.2): which amounts a debtor may pay by card, the amount in the
provider's smallest unit, and the provider's signature on the events it sends. No session, no clock, no I/O."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from decimal import Decimal

CARD_CURRENCY = "EUR"
MINIMUM = Decimal("0.50")  # the provider's smallest charge in euros
PAGE_LIFETIME = timedelta(hours=24)  # the provider closes an unpaid Checkout Session after a day
PAYABLE_STATUSES = frozenset({"validated", "amicable", "legal"})
"""Cases under collection. Not a draft or a submission (no debtor link yet), not a closed case, and not a debtor
under insolvency proceedings: paying a debt born before the judgment is forbidden to it (L622-7 C. com.)."""


class AmountRefused(ValueError):
    """Why an amount may not be paid by card (English, French)."""

    def __init__(self, message: str, message_fr: str) -> None:
        super().__init__(message)
        self.message_fr = message_fr


def check_amount(amount: Decimal, *, balance: Decimal) -> None:
    """Raises `AmountRefused` unless `amount` is whole cents, at least `MINIMUM` and at most the balance due."""
    if amount != amount.quantize(Decimal("0.01")):
        raise AmountRefused("whole cents only", "des centimes entiers seulement")
    if amount < MINIMUM:
        raise AmountRefused(
            f"a card payment is at least {_en(MINIMUM)}", f"un paiement par carte est d'au moins {_fr(MINIMUM)}"
        )
    if amount > balance:
        raise AmountRefused(
            f"{_en(amount)} is more than the {_en(balance)} still due",
            f"{_fr(amount)} dépasse les {_fr(balance)} restant dus",
        )


def _en(amount: Decimal) -> str:
    return f"€{amount:,.2f}"


def _fr(amount: Decimal) -> str:
    """1234.5 -> "1 234,50 €" (narrow no-break spaces between thousands, a no-break space before the sign)."""
    return f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",") + "\u00a0€"


def to_cents(amount: Decimal) -> int:
    """12.34 -> 1234, exactly (an amount checked by `check_amount` has whole cents)."""
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def signed_by_provider(header: str, payload: bytes, *, secret: str, now_s: int, tolerance_s: int = 300) -> bool:
    """Whether `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]` signs `payload` with `secret`: an HMAC-SHA256
    of "{t}.{payload}" equal to one of the `v1` values (compared in constant time), and `t` within `tolerance_s` of
    now, so that a recorded event replayed later is refused."""
    if not secret:
        return False
    parts = [item.split("=", 1) for item in header.split(",") if "=" in item]
    stamps = [value.strip() for key, value in parts if key.strip() == "t"]
    offered = [value.strip() for key, value in parts if key.strip() == "v1"]
    if len(stamps) != 1 or not stamps[0].isdigit() or not offered:
        return False
    timestamp = int(stamps[0])
    if abs(now_s - timestamp) > tolerance_s:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, candidate) for candidate in offered)


def checkout_status(stored: str, created_at: datetime, now: datetime) -> str:
    """An open page past the provider's lifetime reads `expired`: the provider closed it, and nothing will pay it."""
    return "expired" if stored == "open" and now >= created_at + PAGE_LIFETIME else stored
