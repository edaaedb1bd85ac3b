"""Access withdrawn before a token runs out: the accounts (users, API clients) whose tokens issued before a given
instant are refused, in every service, within seconds of an admin deactivating them.

A token is checked by its signature alone (`shared.auth.TokenVerifier`), so a deactivated account's token used to
run until it expired (`PORTAL_TOKEN_LIFETIME_S`, an hour). The portal, which owns accounts, publishes the accounts
whose access was withdrawn with the instant it was (`GET /.well-known/revocations.json`: `{"revoked": [{"subject",
"before"}]}`, Unix seconds; only those still within a token's lifetime, so the list stays short). Every service's
verifier holds that list, fetched again every `RECOUVRA_REVOCATIONS_REFRESH_S`, and refuses a token whose subject is
listed and whose `iat` is not after `before`: a token issued after a reactivation is good. The portal holds its own
list from its database, and a deactivation there is refused by the portal at once.

The portal unreachable at a refresh keeps the list held (as the token keys are kept): a portal restarting must not
open every withdrawn account again, nor close every other."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

import httpx

log = logging.getLogger(__name__)
REFRESH_S = 10.0


class Revocations:
    """subject -> the instant (Unix seconds) up to which its tokens are refused."""

    def __init__(self, fetch: Callable[[], Any] | None = None, *, refresh_s: float = REFRESH_S) -> None:
        self._fetch = fetch
        self.refresh_s = refresh_s
        self._before: dict[str, float] = {}
        self._lock = threading.Lock()

    @classmethod
    def published_at(cls, url: str, *, refresh_s: float = REFRESH_S, timeout_s: float = 2.0) -> Revocations:
        """The list the portal publishes at `url`."""

        clients: list[httpx.Client] = []  # one, kept: building a client (its TLS context) costs more than the read

        def fetch() -> Any:
            if not clients:
                clients.append(httpx.Client(timeout=timeout_s))
            answer = clients[0].get(url)
            answer.raise_for_status()
            return answer.json()

        return cls(fetch, refresh_s=refresh_s)

    @property
    def fetches(self) -> bool:
        return self._fetch is not None

    def fetch_with(self, fetch: Callable[[], Any]) -> None:
        """Where the list is read from, when it is known only once the app runs (the portal's own database)."""
        self._fetch = fetch

    def refuses(self, subject: str, issued_at: float) -> bool:
        before = self._before.get(subject)
        return before is not None and issued_at <= before

    def withdraw(self, subject: str, before: float) -> None:
        """Refused here at once (the portal's own deactivation), before the next refresh says it too."""
        with self._lock:
            self._before = {**self._before, subject: max(before, self._before.get(subject, before))}

    def load(self, document: Any) -> None:
        """Replaces the list held with `{"revoked": [{"subject", "before"}]}`; raises ValueError on another shape."""
        self.replace(_entries(document))

    def replace(self, entries: Iterable[tuple[str, float]]) -> None:
        with self._lock:
            self._before = dict(entries)

    def refresh(self) -> bool:
        """Fetches the list again; False (the list held is kept) when it could not be read."""
        if self._fetch is None:
            return False
        try:
            self.load(self._fetch())
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("the revocation list could not be read (%s): keeping the one held", exc)
            return False
        return True

    def run(self, stop: threading.Event) -> None:
        """Refreshes every `refresh_s` until `stop` (a thread of the app's life)."""
        while not stop.is_set():
            self.refresh()
            stop.wait(self.refresh_s)


def _entries(document: Any) -> list[tuple[str, float]]:
    revoked = document.get("revoked") if isinstance(document, dict) else None
    if not isinstance(revoked, list):
        raise ValueError("a revocation list is an object with a list `revoked`")
    entries = []
    for item in revoked:
        if not isinstance(item, dict) or not isinstance(item.get("subject"), str):
            raise ValueError("each revoked entry names its `subject`")
        entries.append((item["subject"], float(item["before"])))
    return entries
