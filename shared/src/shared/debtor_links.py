"""The debtor's self-service link: a signed, expiring token naming one case and its debtor.

A letter or an SMS carries `{public_base_url}/debtor/{token}`; whoever holds the link may see that case's
statement and answer it (pay, promise, dispute), until it expires. No account, no password: the signature
is the whole proof, so the key stays with the platform (`RECOUVRA_DEBTOR_LINK_KEY`).

Token: base64url(JSON payload) "." base64url(HMAC-SHA256 of the first part with the key), without padding.
Payload: {"v": 1, "case": "<uuid>", "debtor": "<uuid>", "exp": <unix seconds>}. The contract is written
out in docs/architecture.md ("The debtor's self-service link (contract)")."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from shared.clock import PARIS
from shared.errors import DomainError

VERSION = 1


@dataclass(frozen=True)
class DebtorLink:
    case_id: UUID
    debtor_id: UUID
    expires_at: datetime


class InvalidLink(DomainError):
    """The link was altered, cut or signed with another key, or has expired: the debtor needs a new one."""

    status_code = 403


def sign_link(*, case_id: UUID, debtor_id: UUID, expires_at: datetime, key: bytes) -> str:
    _require(key)
    if expires_at.tzinfo is None:
        raise ValueError("a link's expiry must be an aware datetime")
    payload = {"v": VERSION, "case": str(case_id), "debtor": str(debtor_id), "exp": int(expires_at.timestamp())}
    body = _encode(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    return f"{body}.{_encode(_mac(body, key))}"


def verify_link(token: str, *, key: bytes, now: datetime) -> DebtorLink:
    """The link the token names, or InvalidLink: tampered (any change, a wrong key) or expired at `now`."""
    _require(key)
    body, dot, signature = token.partition(".")
    if not dot or not hmac.compare_digest(_decode(signature), _mac(body, key)):
        raise _tampered()
    try:
        payload = json.loads(_decode(body))
        link = DebtorLink(
            case_id=UUID(payload["case"]),
            debtor_id=UUID(payload["debtor"]),
            expires_at=datetime.fromtimestamp(int(payload["exp"]), UTC),
        )
    except (ValueError, KeyError, TypeError):  # signed by us yet unreadable: never issued, so never accepted
        raise _tampered() from None
    if payload.get("v") != VERSION:
        raise _tampered()
    if now >= link.expires_at:
        raise _expired(link.expires_at)
    return link


def link_url(public_base_url: str, token: str) -> str:
    return f"{public_base_url.rstrip('/')}/debtor/{token}"


def _mac(body: str, key: bytes) -> bytes:
    return hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes:
    """Bytes of an unpadded base64url text; b"" for anything else (which then matches no signature). Only the
    one canonical spelling is read: the decoder skips stray characters, which would let a link be respelled."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return b""
    return raw if _encode(raw) == text else b""


def _require(key: bytes) -> None:
    if not key:
        raise ValueError("no debtor link key is configured (RECOUVRA_DEBTOR_LINK_KEY)")


def _tampered() -> InvalidLink:
    return InvalidLink(
        "this link is not valid: it was altered or cut; ask the agency for a new one",
        message_fr="ce lien n'est pas valide : il a été modifié ou tronqué ; demandez-en un nouveau à l'agence",
        field="token",
    )


def _expired(expires_at: datetime) -> InvalidLink:
    day = expires_at.astimezone(PARIS)
    return InvalidLink(
        f"this link expired on {day:%Y-%m-%d}; ask the agency for a new one",
        message_fr=f"ce lien a expiré le {day:%d/%m/%Y} ; demandez-en un nouveau à l'agence",
        field="token",
    )
