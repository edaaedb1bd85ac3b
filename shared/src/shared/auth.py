"""Bearer tokens: RS256 JWTs issued by the portal, verified by every service against the portal's JWKS.

Roles: creditor (scoped to one creditor id), agent, supervisor, admin, bailiff (scoped to one partner
id), service. A resource of another tenant answers 404, never 403, so its existence does not leak.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from shared.jwks import JWKS_CACHE_TTL_S, UNKNOWN_KID_REFETCH_S, JwksCache
from shared.revocations import Revocations


class Role(StrEnum):
    CREDITOR = "creditor"
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    BAILIFF = "bailiff"
    SERVICE = "service"


# Who may act as the agency (service included); who may *see* what is `shared.tenancy`'s rule.
STAFF = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.SERVICE})


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    creditor_id: str | None = None
    partner_id: str | None = None
    name: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF


class InvalidToken(Exception):
    """The token is missing, malformed, tampered with, expired or signed by an unknown key."""


def key_id(public_key: rsa.RSAPublicKey) -> str:
    """The `kid` of a key: from its modulus, so the same key has the same id wherever it is loaded."""
    return f"{public_key.public_numbers().n % (1 << 64):016x}"


def public_jwk(public_key: rsa.RSAPublicKey, *, kid: str | None = None) -> dict[str, Any]:
    """The JWKS entry of a public key (no private part)."""
    jwk = json.loads(RSAAlgorithm.to_jwk(public_key))
    return {**jwk, "kid": kid or key_id(public_key), "use": "sig", "alg": "RS256"}


class SigningKey:
    """An RSA key pair with its key id; the private half never leaves the portal."""

    def __init__(self, private_key: rsa.RSAPrivateKey, kid: str | None = None) -> None:
        self.private_key = private_key
        self.kid = kid or key_id(private_key.public_key())

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(rsa.generate_private_key(public_exponent=65537, key_size=2048))

    @classmethod
    def from_pem(cls, pem: bytes) -> SigningKey:
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError("the JWT signing key must be an RSA private key")
        return cls(key)

    def to_pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def jwk(self) -> dict[str, Any]:
        return public_jwk(self.private_key.public_key(), kid=self.kid)

    def issue(
        self,
        principal: Principal,
        *,
        issuer: str,
        audience: str,
        now: datetime,
        lifetime: timedelta = timedelta(hours=1),
    ) -> str:
        claims: dict[str, Any] = {
            "iss": issuer,
            "aud": audience,
            "sub": principal.subject,
            "role": principal.role.value,
            "iat": int(now.timestamp()),
            "exp": int((now + lifetime).timestamp()),
            "jti": str(uuid.uuid4()),
        }
        if principal.creditor_id:
            claims["creditor_id"] = principal.creditor_id
        if principal.partner_id:
            claims["partner_id"] = principal.partner_id
        if principal.name:
            claims["name"] = principal.name
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid})


VERIFIED_CACHE_SIZE = 10_000
CLOCK_LEEWAY_S = 2
"""Seconds a token's `iat` may be ahead of this host's clock (and its `exp` behind): the hosts' clocks differ a
little, and a token issued within the second an account's access was withdrawn is dated the next second
(`portal.identity.withdrawals.issue_instant`)."""


class TokenVerifier:
    """Verifies RS256 tokens against the portal's JWKS (`shared.jwks.JwksCache`): the key picked by the token's
    `kid`, the JWKS kept for `jwks_ttl_s` and fetched again, bounded, for a `kid` it does not hold.

    Expiry is checked against the wall clock: a token is a security artefact, and the business clock
    that tests move must not make a stolen token valid again.
    """

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks_url: str | None = None,
        jwks: dict[str, Any] | None = None,
        jwks_ttl_s: float = JWKS_CACHE_TTL_S,
        refetch_interval_s: float = UNKNOWN_KID_REFETCH_S,
        client: httpx.Client | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        revocations: Revocations | None = None,
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        # Accounts whose access was withdrawn before their tokens run out (`shared.revocations`).
        self.revocations = revocations or Revocations()
        self.keys = JwksCache(
            url=jwks_url,
            jwks=jwks,
            ttl_s=jwks_ttl_s,
            refetch_interval_s=refetch_interval_s,
            client=client,
            monotonic=monotonic,
        )
        # Tokens already verified, until they expire, with the key that verified them: a client sends the same
        # token with every request, and checking its RS256 signature each time cost more than many a read (issue
        # 17). A cached token stops being accepted as soon as its key leaves the JWKS, or its account's access is
        # withdrawn. Held: expiry, key id, key, caller, issue instant.
        self._verified: dict[str, tuple[float, str, Any, Principal, float]] = {}

    @property
    def jwks_url(self) -> str | None:
        return self.keys.url

    def known(self, token: str) -> Principal | None:
        """The caller of a token verified before, when saying so needs no I/O: not expired, and its key still in
        keys that are not due for a refresh. None otherwise: `verify` it then (which may fetch the keys)."""
        known = self._verified.get(token)
        if known is None or known[0] <= time.time():
            return None
        _, kid, key, principal, issued_at = known
        if self.revocations.refuses(principal.subject, issued_at):
            return None
        return principal if self.keys.held(kid) is key else None

    def verify(self, token: str) -> Principal:
        principal = self.known(token)
        if principal is not None:
            return principal
        principal, expires_at, kid, key, issued_at = self._verify(token)
        if self.revocations.refuses(principal.subject, issued_at):
            raise InvalidToken("this account's access was withdrawn after the token was issued; sign in again")
        if len(self._verified) >= VERIFIED_CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = (expires_at, kid, key, principal, issued_at)
        return principal

    def _key(self, kid: object) -> Any | None:
        """Raises `KeysUnavailable` (no key held yet, the portal out of reach): the service's trouble, not the
        token's, so callers answer 503 and not 401 (a 401 sends the client to sign in again, for nothing)."""
        return self.keys.key(kid)

    def _verify(self, token: str) -> tuple[Principal, float, str, Any, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("the token is not a well-formed JWT") from exc
        if header.get("alg") != "RS256":
            raise InvalidToken("the token must be signed with RS256")
        kid = header.get("kid")
        key = self._key(kid)
        if key is None:
            raise InvalidToken("the token was signed by an unknown key")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=self.audience,
                issuer=self.issuer,
                leeway=CLOCK_LEEWAY_S,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
            role = Role(claims["role"])
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken("the token has expired; ask for a new one at /api/v1/auth/token") from exc
        except (jwt.PyJWTError, KeyError, ValueError) as exc:
            raise InvalidToken(f"the token is not valid: {exc}") from exc
        principal = Principal(
            subject=claims["sub"],
            role=role,
            creditor_id=claims.get("creditor_id"),
            partner_id=claims.get("partner_id"),
            name=claims.get("name"),
        )
        return principal, float(claims["exp"]), str(kid), key, float(claims["iat"])
