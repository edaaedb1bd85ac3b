"""Read your own writes across services: a synchronous read of a record another service owns, at this instant.

A projection fed by events lags its source by the broker's latency. A call that names something the caller
has just created in another service (an admin registers a creditor in intake, then at once its first user in
the portal) must not be refused because of that lag: before answering "unknown", the service asks the owner.

`FreshReader` is built once at the edge (lifespan) around one service and passed in. It waits a short time,
retries once when the connection could not be made (the request never left, so a retry is safe) and once
with a new token when the owner refuses its token with 401 (a key rotation), answers None for a 404 and
raises `ServiceUnavailable` (503, in plain words) when the owner cannot answer.

It authenticates as a `service` principal through a `TokenSource`: the portal, which holds the signing key,
signs its own (`signed_service_token`); a service that cannot sign asks the portal for one with its API
client's credentials (`client_credentials_token`: the portal seeds a `service` client per service that reads
others, client id = the service's name, secret RECOUVRA_SERVICE_CLIENT_SECRET)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, runtime_checkable

import httpx

from shared.auth import Principal, Role, SigningKey
from shared.errors import DomainError

log = logging.getLogger(__name__)

TokenSource = Callable[[], str]
"""Returns a bearer token of a `service` principal that the other service accepts."""


@runtime_checkable
class RenewableTokenSource(Protocol):
    """A token source that keeps its token: told that the token was refused, it asks for a new one next time."""

    def __call__(self) -> str: ...

    def invalidate(self, token: str) -> None: ...


class ServiceUnavailable(DomainError):
    """The service that owns the record did not answer in time, or could not be reached."""

    status_code = 503

    def __init__(self, service: str, *, retry_after_s: int) -> None:
        super().__init__(
            f"the {service} service is unavailable; try again shortly",
            message_fr=f"le service {service} est indisponible ; réessayez dans quelques instants",
        )
        self.service = service
        self.retry_after_s = retry_after_s


class FreshReader:
    """GET a record from `service` at `base_url`; one instance per service the caller reads from."""

    def __init__(
        self,
        *,
        service: str,
        base_url: str,
        client: httpx.Client,
        token: TokenSource,
        timeout_s: float = 2.0,
        retry_after_s: int = 5,
    ) -> None:
        self.service = service
        self._base_url = base_url.rstrip("/")
        self._client = client
        self._token = token
        self._timeout_s = timeout_s
        self._retry_after_s = retry_after_s

    def read(self, path: str) -> dict[str, Any] | None:
        """The JSON record at `path` (starting with "/"), or None when the owner answers 404."""
        response = self._get(path)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            log.warning("%s answered %s to a fresh read of %s", self.service, response.status_code, path)
            raise self._unavailable()
        record: dict[str, Any] = response.json()
        return record

    def read_bytes(self, path: str) -> bytes | None:
        """The raw body at `path` (a document's content), or None when the owner answers 404."""
        response = self._get(path)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            log.warning("%s answered %s to a fresh read of %s", self.service, response.status_code, path)
            raise self._unavailable()
        return response.content

    def _get(self, path: str) -> httpx.Response:
        token = self._token()
        response = self._send(path, token)
        if response.status_code == 401:
            # The token was refused before its time: signed by a key the owner no longer holds (a key rotation),
            # or the owner's clock is ahead. Once more with a new token; a second 401 is the owner's 503.
            log.info("%s refused the service token for %s (401); retrying once with a new one", self.service, path)
            if isinstance(self._token, RenewableTokenSource):
                self._token.invalidate(token)
            response = self._send(path, self._token())
        return response

    def _send(self, path: str, token: str) -> httpx.Response:
        url = self._base_url + path
        for attempt in (1, 2):
            try:
                return self._client.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=self._timeout_s)
            except httpx.TimeoutException as exc:
                # A second wait would double the caller's: the owner is slow, say so now.
                log.warning("fresh read of %s from %s timed out", path, self.service)
                raise self._unavailable() from exc
            except httpx.TransportError as exc:
                if attempt == 2:
                    log.warning("fresh read of %s from %s failed: %r", path, self.service, exc)
                    raise self._unavailable() from exc
                log.info("fresh read of %s from %s failed once (%r); retrying", path, self.service, exc)
        raise AssertionError("unreachable")

    def _unavailable(self) -> ServiceUnavailable:
        return ServiceUnavailable(self.service, retry_after_s=self._retry_after_s)


def signed_service_token(
    signing_key: SigningKey, *, issuer: str, audience: str, subject: str, lifetime: timedelta = timedelta(minutes=2)
) -> TokenSource:
    """A token source for the holder of the signing key: a short-lived `service` token per read.

    Signed on the wall clock, as every token: the business clock that tests move must not date it."""
    principal = Principal(subject=subject, role=Role.SERVICE, name=f"{subject} (fresh reads)")

    def issue() -> str:
        return signing_key.issue(principal, issuer=issuer, audience=audience, now=datetime.now(UTC), lifetime=lifetime)

    return issue


def client_credentials_token(
    client: httpx.Client,
    token_url: str,
    client_id: str,
    client_secret: str,
    *,
    margin_s: float = 30,
    timeout_s: float = 2.0,
    retry_after_s: int = 5,
    monotonic: Callable[[], float] = time.monotonic,
) -> RenewableTokenSource:
    """A token source for a service that cannot sign: the portal's token for its `service` API client
    (`POST /api/v1/auth/token`, grant_type=client_credentials), kept until `margin_s` before it expires, or
    until a service refuses it with 401 (`FreshReader` then calls `invalidate` and asks once more).

    Thread-safe: callers that find no valid token wait for one request instead of each sending theirs. The
    portal unreachable, or refusing the credentials, is a `ServiceUnavailable` of the portal (logged with the
    reason: a refused secret is a deployment's mistake, RECOUVRA_SERVICE_CLIENT_SECRET)."""
    return _ClientCredentials(
        client=client,
        token_url=token_url,
        form={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret},
        margin_s=margin_s,
        timeout_s=timeout_s,
        retry_after_s=retry_after_s,
        monotonic=monotonic,
    )


@dataclass
class _ClientCredentials:
    client: httpx.Client
    token_url: str
    form: dict[str, str]
    margin_s: float
    timeout_s: float
    retry_after_s: int
    monotonic: Callable[[], float]
    _token: str = ""
    _renew_at: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self) -> str:
        with self._lock:
            if not self._token or self.monotonic() >= self._renew_at:
                self._fetch()
            return self._token

    def invalidate(self, token: str) -> None:
        """Drop `token`, refused by the service it was sent to; a token another caller has renewed meanwhile stays."""
        with self._lock:
            if self._token == token:
                self._token = ""

    def _fetch(self) -> None:
        started = self.monotonic()
        try:
            response = self.client.post(self.token_url, data=self.form, timeout=self.timeout_s)
        except httpx.HTTPError as exc:
            log.warning("no service token from %s: %r", self.token_url, exc)
            raise ServiceUnavailable("portal", retry_after_s=self.retry_after_s) from exc
        if response.status_code != 200:
            log.warning(
                "the portal answered %s to the service client %s's sign-in (check RECOUVRA_SERVICE_CLIENT_SECRET): %s",
                response.status_code,
                self.form["client_id"],
                response.text[:200],
            )
            raise ServiceUnavailable("portal", retry_after_s=self.retry_after_s)
        body = response.json()
        lifetime = float(body["expires_in"])
        # A short-lived token is still kept for half its life rather than asked for at every read.
        self._renew_at = started + lifetime - min(self.margin_s, lifetime / 2)
        self._token = str(body["access_token"])
