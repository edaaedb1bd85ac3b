"""The signed-in user's session: an encrypted, authenticated cookie (AES-GCM) holding the user's bearer token,
its expiry and the session's CSRF token. Nothing is stored on the server, so any portal replica reads it.

The key is derived (HKDF) from the portal's token signing key: no other secret to configure, and a new signing
key, which voids every token, voids every session too. The session lasts as long as the token it holds: both
expire on the wall clock (moving the business clock must not sign anyone out)."""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from fastapi import Request, Response

from shared.auth import SigningKey

SESSION_COOKIE = "recouvra_session"
_AAD = b"recouvra portal web session v1"
_NONCE_BYTES = 12


@dataclass(frozen=True)
class WebSession:
    token: str
    csrf: str
    role: str
    creditor_id: str | None
    email: str
    expires_at: int  # unix seconds, wall clock

    @property
    def is_creditor(self) -> bool:
        return self.role == "creditor"

    @property
    def is_staff(self) -> bool:
        return self.role in ("agent", "supervisor", "admin")


def derive_key(signing_key: SigningKey, purpose: bytes) -> bytes:
    """32 bytes for `purpose`, derived from the signing key (stable across restarts and replicas)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(signing_key.to_pem())


class SessionSealer:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, session: WebSession) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, json.dumps(asdict(session)).encode(), _AAD)
        return base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")

    def open(self, cookie: str | None, *, now: datetime) -> WebSession | None:
        """The session, or None: no cookie, a cookie altered or sealed with another key, or an expired one."""
        if not cookie or len(cookie) > 8192:
            return None
        try:
            raw = base64.urlsafe_b64decode(cookie + "=" * (-len(cookie) % 4))
            plain = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _AAD)
            session = WebSession(**json.loads(plain))
        except (InvalidTag, ValueError, TypeError, binascii.Error):
            return None
        return session if now.timestamp() < session.expires_at else None


def new_session(*, token: str, role: str, creditor_id: str | None, email: str, expires_at: datetime) -> WebSession:
    return WebSession(
        token=token,
        csrf=secrets.token_urlsafe(32),
        role=role,
        creditor_id=creditor_id,
        email=email,
        expires_at=int(expires_at.timestamp()),
    )


def secure_cookies(public_base_url: str) -> bool:
    return public_base_url.lower().startswith("https://")


def set_session_cookie(response: Response, sealed: str, *, max_age: int, secure: bool) -> None:
    response.set_cookie(SESSION_COOKIE, sealed, max_age=max_age, path="/", httponly=True, samesite="lax", secure=secure)


def clear_session_cookie(response: Response, *, secure: bool) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure)


def current_session(request: Request) -> WebSession | None:
    sealer: SessionSealer = request.app.state.web.sealer
    return sealer.open(request.cookies.get(SESSION_COOKIE), now=datetime.now(UTC))
