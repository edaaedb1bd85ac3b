"""The card-payment provider's API as intake calls it: a Checkout Session opened for one amount, in Stripe's shapes
(form-encoded parameters, a bearer secret key, an `Idempotency-Key`), so that the fake of `make run`
(`workbench.stack.fake_psp`) and the provider in production answer the same calls."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from shared.errors import TemporarilyUnavailable

from intake.domain.card_payments import to_cents


@dataclass(frozen=True)
class OpenedCheckout:
    session_id: str
    url: str


@dataclass(frozen=True)
class CardProvider:
    base_url: str
    secret_key: str
    timeout_s: float = 10.0

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.secret_key)

    @classmethod
    def of(cls, settings: Any) -> CardProvider:
        return cls(
            base_url=settings.psp_url.rstrip("/"), secret_key=settings.psp_secret_key, timeout_s=settings.psp_timeout_s
        )

    def open_checkout(
        self,
        *,
        amount: Decimal,
        currency: str,
        label: str,
        case_id: str,
        reference: str,
        success_url: str,
        cancel_url: str,
        language: str,
        idempotency_key: str,
    ) -> OpenedCheckout:
        form = {
            "mode": "payment",
            "line_items[0][price_data][currency]": currency.lower(),
            "line_items[0][price_data][unit_amount]": str(to_cents(amount)),
            "line_items[0][price_data][product_data][name]": label,
            "line_items[0][quantity]": "1",
            "client_reference_id": case_id,
            "metadata[case_id]": case_id,
            "metadata[reference]": reference,
            "success_url": success_url,
            "cancel_url": cancel_url,
            "locale": language,
        }
        headers = {"Authorization": f"Bearer {self.secret_key}", "Idempotency-Key": idempotency_key}
        try:
            answer = httpx.post(
                f"{self.base_url}/v1/checkout/sessions", data=form, headers=headers, timeout=self.timeout_s
            )
        except httpx.HTTPError as exc:
            raise _unavailable(f"{type(exc).__name__}") from exc
        if answer.status_code != 200:
            raise _unavailable(f"HTTP {answer.status_code}: {answer.text[:200]}")
        body = answer.json()
        return OpenedCheckout(session_id=str(body["id"]), url=str(body["url"]))


def _unavailable(why: str) -> TemporarilyUnavailable:
    return TemporarilyUnavailable(
        f"the card-payment provider did not open a payment page ({why}); try again in a moment",
        message_fr=f"le prestataire de paiement par carte n'a pas ouvert de page de paiement ({why}) ; réessayez "
        "dans un instant",
    )
