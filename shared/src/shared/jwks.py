"""The portal's published token keys as a verifier holds them: fetched from the JWKS URL, kept for a TTL, the
key picked by the token's `kid`.

A key rotation publishes two keys for a while (docs/operations.md, JWT signing-key rotation): every key in the
JWKS verifies, a key that left it stops verifying once the cache is refreshed (TTL), and a `kid` the cache
does not hold makes it fetch again at once, but at most once per `refetch_interval_s`, so that a flood of
tokens with made-up `kid`s costs the portal one request per interval and not one per token.

The portal unreachable at a refresh keeps the keys held (a portal restarting must not make every service refuse
every token); only a verifier that has never held a key refuses, with `KeysUnavailable`."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt
from jwt.algorithms import RSAAlgorithm

log = logging.getLogger(__name__)

JWKS_CACHE_TTL_S = 300.0
UNKNOWN_KID_REFETCH_S = 10.0
# Before any key is held (a service started before the portal), ask again sooner, still bounded.
FIRST_FETCH_RETRY_S = 1.0


class KeysUnavailable(Exception):
    """No key is held and the JWKS could not be fetched."""


def parse_jwks(jwks: object) -> dict[str, Any]:
    """kid -> RSA public key for each usable signing key of a JWKS document; other entries are skipped."""
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        raise ValueError("a JWKS is an object with a list of keys")
    keys: dict[str, Any] = {}
    for entry in jwks["keys"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("kid"), str) or entry.get("use", "sig") != "sig":
            continue
        try:
            keys[entry["kid"]] = RSAAlgorithm.from_jwk(json.dumps(entry))
        except jwt.PyJWTError as exc:
            log.warning("JWKS key %s skipped: %s", entry["kid"], exc)
    return keys


class JwksCache:
    def __init__(
        self,
        *,
        url: str | None = None,
        jwks: dict[str, Any] | None = None,
        ttl_s: float = JWKS_CACHE_TTL_S,
        refetch_interval_s: float = UNKNOWN_KID_REFETCH_S,
        client: httpx.Client | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self._ttl_s = ttl_s
        self._refetch_interval_s = refetch_interval_s
        self._client = client
        self._monotonic = monotonic
        self._keys: dict[str, Any] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._lock = threading.Lock()
        self.fetches = 0
        """JWKS requests made (fetched or failed): what a flood of unknown kids costs the portal."""
        if jwks is not None:
            self.load(jwks)

    @property
    def kids(self) -> frozenset[str]:
        return frozenset(self._keys)

    def load(self, jwks: dict[str, Any]) -> None:
        """Hold exactly the keys of `jwks` (a key absent from it no longer verifies)."""
        self._keys = parse_jwks(jwks)
        self._fetched_at = self._monotonic()

    def key(self, kid: object) -> Any | None:
        """The public key of `kid`, or None: the keys held, refreshed once older than the TTL, and fetched again
        (bounded) for a kid they lack (`held` answers without any fetch)."""
        if self._stale():
            self._refresh(wait=not self._keys)
        if not isinstance(kid, str):
            return None
        key = self._keys.get(kid)
        if key is None:
            self._refresh(wait=True)
            key = self._keys.get(kid)
        return key

    def held(self, kid: str) -> Any | None:
        """The key of `kid` as held now, without any I/O: None when the keys are due for a refresh (the caller then
        goes through `key`, which fetches) or do not hold it."""
        return None if self._stale() else self._keys.get(kid)

    def _stale(self) -> bool:
        if self.url is None:
            return False
        return self._fetched_at is None or self._monotonic() - self._fetched_at >= self._ttl_s

    def _refresh(self, *, wait: bool) -> None:
        if self.url is None:
            return
        # A refresh already running elsewhere: a caller that holds keys goes on with them instead of queueing.
        if not self._lock.acquire(blocking=wait):
            return
        try:
            now = self._monotonic()
            interval = self._refetch_interval_s if self._keys else min(FIRST_FETCH_RETRY_S, self._refetch_interval_s)
            if self._attempted_at is not None and now - self._attempted_at < interval:
                if not self._keys:
                    raise KeysUnavailable(f"the token keys could not be fetched from {self.url} yet")
                return
            self._attempted_at = now
            self.fetches += 1
            try:
                if self._client is not None:
                    response = self._client.get(self.url, timeout=5.0)
                else:
                    response = httpx.get(self.url, timeout=5.0)
                response.raise_for_status()
                keys = parse_jwks(response.json())
            except (httpx.HTTPError, ValueError) as exc:
                if not self._keys:
                    raise KeysUnavailable(f"the token keys could not be fetched from {self.url}: {exc}") from exc
                log.warning("JWKS refresh from %s failed (%r): the %d keys held stay", self.url, exc, len(self._keys))
                return
            if set(keys) != set(self._keys):
                log.info("token keys now %s (were %s)", sorted(keys), sorted(self._keys))
            self._keys = keys
            self._fetched_at = now
        finally:
            self._lock.release()
