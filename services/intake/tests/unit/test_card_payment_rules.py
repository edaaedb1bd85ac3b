"""Online card payments' pure rules: which amounts may be paid, cents both ways, and the provider's signature."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from intake.domain.card_payments import (
    AmountRefused,
    check_amount,
    checkout_status,
    from_cents,
    signed_by_provider,
    to_cents,
)


@pytest.mark.parametrize(
    ("amount", "refused"),
    [
        ("0.50", None),
        ("1252.34", None),
        ("1800.00", None),
        ("0.49", "at least €0.50"),
        ("1800.01", "€1,800.01 is more than the €1,800.00 still due"),
        ("12.345", "whole cents"),
    ],
)
def test_a_card_pays_whole_cents_from_fifty_cents_up_to_the_balance(amount, refused):
    if refused is None:
        check_amount(Decimal(amount), balance=Decimal("1800.00"))
    else:
        with pytest.raises(AmountRefused, match=refused) as raised:
            check_amount(Decimal(amount), balance=Decimal("1800.00"))
        assert raised.value.message_fr in {
            "un paiement par carte est d'au moins 0,50\u00a0€",
            "1\u202f800,01\u00a0€ dépasse les 1\u202f800,00\u00a0€ restant dus",
            "des centimes entiers seulement",
        }


def test_cents_are_exact_both_ways():
    assert to_cents(Decimal("1252.34")) == 125234
    assert to_cents(Decimal("0.5")) == 50
    assert from_cents(125234) == Decimal("1252.34")
    assert str(from_cents(50)) == "0.50"
    with pytest.raises(ValueError):
        to_cents(Decimal("1.005"))


def sign(secret: str, timestamp: int, payload: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()


def test_the_providers_signature_covers_the_timestamp_and_the_raw_body_and_ages_out():
    payload, now = b'{"type":"checkout.session.completed"}', 1764000000
    good = f"t={now},v1={sign('whsec_x', now, payload)}"
    assert signed_by_provider(good, payload, secret="whsec_x", now_s=now + 10)
    assert signed_by_provider(f"t={now},v1=00,v1={sign('whsec_x', now, payload)}", payload, secret="whsec_x", now_s=now)
    assert not signed_by_provider(good, payload + b" ", secret="whsec_x", now_s=now), "a changed body"
    assert not signed_by_provider(good, payload, secret="whsec_y", now_s=now), "another secret"
    assert not signed_by_provider(good, payload, secret="whsec_x", now_s=now + 301), "replayed later"
    assert not signed_by_provider(good, payload, secret="", now_s=now), "no secret set: nothing is signed"
    assert not signed_by_provider("v1=abc", payload, secret="whsec_x", now_s=now)
    assert not signed_by_provider("", payload, secret="whsec_x", now_s=now)


def test_an_unpaid_page_reads_expired_once_the_provider_has_closed_it():
    opened = datetime(2026, 12, 7, 9, tzinfo=UTC)
    assert checkout_status("open", opened, opened + timedelta(hours=23, minutes=59)) == "open"
    assert checkout_status("open", opened, opened + timedelta(hours=24)) == "expired"
    assert checkout_status("paid", opened, opened + timedelta(days=3)) == "paid"
