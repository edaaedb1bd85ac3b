"""The driver's HTTP client: every POST carries an Idempotency-Key (shared.idempotency), so a request cut by a kill
is retried safely; transport errors, 5xx and "still in progress" 409s are retried until a bounded deadline, after
the killer has reopened the gate (a part being restarted is not asked anything)."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx

STUCK_S = 120.0
"""a key still answered "still being processed" this long: longer than any request of the flow runs (the client
gives up on an answer after 60 s), so the service did not take the orphaned claim of a killed process over as it
should (at once: shared.idempotency_claims); the driver then does what a client would, a new key, and counts it"""
RETRY_S = 180.0 + STUCK_S


class Unanswered(Exception):
    """A request that never got a final answer within RETRY_S."""


class Api:
    def __init__(self, url: str, gate: threading.Event) -> None:
        self.url = url
        self.gate = gate
        self.http = httpx.Client(timeout=60, limits=httpx.Limits(max_connections=32))
        self.tokens: dict[str, dict[str, str]] = {}
        self.retries = 0
        self.stuck_keys: list[str] = []
        self.lost_answers: list[str] = []
        self.recovered_answers: list[str] = []
        self._lock = threading.Lock()

    def sign_in(self, who: str, form: dict[str, str]) -> None:
        answer = self.request("POST", "/api/v1/auth/token", data=form, signed_in=None, key=None)
        self.tokens[who] = {"Authorization": f"Bearer {answer.json()['access_token']}"}
        self.tokens[who + ":form"] = form

    def request(
        self,
        method: str,
        path: str,
        *,
        signed_in: str | None,
        key: str | None = None,
        ok: tuple[int, ...] = (200, 201),
        gated: bool = True,
        **kwargs: Any,
    ) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        if key is not None:
            headers["Idempotency-Key"] = key
        deadline = time.monotonic() + RETRY_S
        last, in_progress_since = "", None
        while time.monotonic() < deadline:
            if gated and not self.gate.is_set():  # the time a part is being restarted does not count
                held = time.monotonic()
                self.gate.wait(RETRY_S)
                deadline += time.monotonic() - held
            if signed_in is not None:
                headers.update(self.tokens[signed_in])
            try:
                answer = self.http.request(method, self.url + path, headers=headers, **kwargs)
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}"
            else:
                if answer.status_code in ok:
                    return answer
                if answer.status_code == 303 and "location" in answer.headers:
                    # carried out, answer lost to a kill, and the service names what the request created: read it
                    found = self.http.get(self.url + answer.headers["location"], headers=headers)
                    if found.status_code == 200:
                        with self._lock:
                            self.recovered_answers.append(f"{method} {path} {key}")
                        return found
                last = f"{answer.status_code} {answer.text[:300]}"
                if answer.status_code == 409 and "was carried out, but its answer was lost" in answer.text:
                    with self._lock:  # done once, but the answer is gone: a failure the driver reports apart
                        self.lost_answers.append(f"{method} {path} {key}")
                    raise Unanswered(f"{method} {path}: carried out, answer lost")
                if answer.status_code == 409 and "still being processed" in answer.text and key is not None:
                    in_progress_since = in_progress_since or time.monotonic()
                    if time.monotonic() - in_progress_since > STUCK_S:  # what a client does in the end: a new key
                        with self._lock:
                            self.stuck_keys.append(f"{method} {path} {key}")
                        key = f"{key}-again"
                        headers["Idempotency-Key"] = key
                        in_progress_since = None
                elif answer.status_code == 401 and signed_in is not None:
                    self.sign_in(signed_in, self.tokens[signed_in + ":form"])
                elif (
                    answer.status_code < 500
                    and answer.status_code != 429
                    and "still being processed" not in answer.text
                ):
                    raise Unanswered(f"{method} {path}: {last}")
            with self._lock:
                self.retries += 1
            time.sleep(0.5)
        raise Unanswered(f"{method} {path}: no answer within {RETRY_S:.0f} s (last: {last})")

    def close(self) -> None:
        self.http.close()
