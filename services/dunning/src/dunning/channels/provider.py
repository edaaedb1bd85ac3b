"""SMS and letters through the provider's HTTP API (docs/providers.md), and its signed delivery callbacks.

Every request carries our message id as `reference`: the provider answers a repeated reference with the first
answer and sends nothing twice, so a message sent again after a crash or a time-out reaches the debtor once.
The API key is the provider's; a 401 or a 422 is the provider refusing this message (`ChannelRejected`, with
its words), no answer, a time-out, a 429 or a 5xx is the provider unavailable for now (`ChannelUnavailable`)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, cast, get_args

import httpx

from shared.errors import Invalid

from dunning.channels.base import ChannelRejected, ChannelUnavailable, Outgoing, Sent
from dunning.errors import InvalidSignature

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Provider-Signature"
CallbackKind = Literal["sms", "letter"]
CallbackStatus = Literal["delivered", "failed", "bounced", "acknowledged", "returned"]


class _ProviderClient:
    def __init__(self, client: httpx.Client, base_url: str, api_key: str, *, timeout_s: float = 10.0) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._timeout_s = timeout_s

    def _post(self, path: str, body: dict[str, Any], *, what: str) -> dict[str, Any]:
        if not self._base_url:
            raise ChannelUnavailable(f"no {what} provider is configured")
        try:
            response = self._client.post(
                self._base_url + path,
                json=body,
                headers={"Authorization": f"Bearer {self._api_key}"},
                timeout=self._timeout_s,
            )
        except httpx.HTTPError as exc:  # the request may have arrived: the same reference again is harmless
            raise ChannelUnavailable(f"the {what} provider did not answer: {exc!r}") from exc
        if response.status_code in (200, 201):
            try:
                answer: dict[str, Any] = response.json()
                str(answer["id"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ChannelUnavailable(
                    f"the {what} provider gave an unreadable answer: {response.text[:200]}"
                ) from exc
            return answer
        detail = _detail(response)
        if response.status_code == 429 or response.status_code >= 500:
            raise ChannelUnavailable(f"the {what} provider answered {response.status_code}: {detail}")
        if response.status_code == 401:
            log.error("the %s provider refused our API key: %s", what, detail)
        raise ChannelRejected(f"the {what} provider refused the message ({response.status_code}): {detail}")

    @staticmethod
    def _callback_url(outgoing: Outgoing) -> str:
        if not outgoing.callback_url:
            raise ChannelRejected("no callback URL: the provider could not report the delivery")
        return outgoing.callback_url


class ProviderSms(_ProviderClient):
    def send(self, outgoing: Outgoing) -> Sent:
        if not outgoing.recipient_phone:
            raise ChannelRejected("no mobile phone number")
        answer = self._post(
            "/v1/sms",
            {
                "reference": outgoing.message_id,
                "to": outgoing.recipient_phone,
                "text": outgoing.text,
                "callback_url": self._callback_url(outgoing),
            },
            what="SMS",
        )
        return Sent(provider_id=str(answer["id"]), status="accepted")


class ProviderPost(_ProviderClient):
    def send(self, outgoing: Outgoing) -> Sent:
        if outgoing.pdf is None:
            raise ChannelRejected("no PDF to post")
        if not any(line.strip() for line in outgoing.recipient_address_lines):
            raise ChannelRejected("no postal address")
        answer = self._post(
            "/v1/letters",
            {
                "reference": outgoing.message_id,
                "service": "registered_ar" if outgoing.registered else "simple",
                "sender": {"name": outgoing.sender_name, "address_lines": list(outgoing.sender_address_lines)},
                "recipient": {"name": outgoing.recipient_name, "address_lines": list(outgoing.recipient_address_lines)},
                "pdf_base64": base64.b64encode(outgoing.pdf).decode("ascii"),
                "callback_url": self._callback_url(outgoing),
            },
            what="postal",
        )
        tracking = answer.get("tracking_number")
        return Sent(
            provider_id=str(answer["id"]), status="accepted", tracking_number=str(tracking) if tracking else None
        )


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if detail is None:
        return response.text[:200] or response.reason_phrase
    return detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)[:500]


# -- callbacks ------------------------------------------------------------------------------------------------


def verify_callback(raw_body: bytes, signature_header: str | None, secret: str) -> dict[str, Any]:
    """The callback's JSON payload, once `X-Provider-Signature: sha256=<hex HMAC-SHA256 of the raw body>` is
    checked (constant-time); `InvalidSignature` (403) otherwise. No secret configured accepts nothing."""
    scheme, _, given = (signature_header or "").strip().partition("=")
    expected = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    # bytes, not str: compare_digest refuses a str with non-ASCII characters, which a forged header may hold
    matches = hmac.compare_digest(given.strip().lower().encode(), expected.encode())
    if not secret or scheme.strip().lower() != "sha256" or not matches:
        raise InvalidSignature(SIGNATURE_HEADER)
    try:
        payload = json.loads(raw_body)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise Invalid(
            "the callback's body is not a JSON object", message_fr="le corps du rappel n'est pas un objet JSON"
        )
    return cast(dict[str, Any], payload)


@dataclass(frozen=True)
class ProviderCallback:
    """What the provider reports about one message: `reference` is our message id."""

    id: str
    reference: str
    kind: CallbackKind
    status: CallbackStatus
    at: datetime
    received_on: date | None = None  # the day the registered letter's receipt was signed (acknowledged only)
    detail: str | None = None

    @classmethod
    def parse(cls, payload: dict[str, Any]) -> ProviderCallback:
        """`Invalid` (422, naming the field) for a payload that is not a callback of the provider's API."""
        try:
            kind, status = payload["kind"], payload["status"]
            if kind not in get_args(CallbackKind):
                raise ValueError("kind")
            if status not in get_args(CallbackStatus):
                raise ValueError("status")
            received_on = payload.get("received_on")
            detail = payload.get("detail")
            callback = cls(
                id=_text(payload["id"], "id"),
                reference=_text(payload["reference"], "reference"),
                kind=kind,
                status=status,
                at=datetime.fromisoformat(_text(payload["at"], "at")),
                received_on=date.fromisoformat(_text(received_on, "received_on")) if received_on else None,
                detail=str(detail) if detail is not None else None,
            )
        except (KeyError, ValueError, TypeError) as exc:
            where = exc.args[0] if exc.args and isinstance(exc.args[0], str) and " " not in exc.args[0] else None
            raise Invalid(
                f"the callback is not one the provider sends ({where or exc})",
                message_fr=f"ce rappel n'est pas de ceux qu'envoie le prestataire ({where or exc})",
                field=where,
            ) from exc
        if callback.at.tzinfo is None:
            raise Invalid(
                "the callback's time has no UTC offset", message_fr="l'heure du rappel n'a pas de fuseau", field="at"
            )
        return callback


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(field)
    return value
