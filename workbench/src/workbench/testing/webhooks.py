"""A webhook receiver for tests: a real HTTP server on 127.0.0.1 that checks deliveries as docs/partners.md and
docs/webhooks.md tell a receiver to (signature over timestamp and body, a timestamp at most 5 minutes old, a delivery
id never seen)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


@dataclass
class Receiver:
    """Verifies as the docs say: 401 for a bad signature or a timestamp more than 5 minutes from its own time, 409
    for a delivery id already seen, 204 otherwise; answers 503 to the next `failures` deliveries."""

    secret: str
    now: Callable[[], float] = time.time
    failures: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    url: str = ""

    def verdict(self, headers: dict[str, str], body: bytes) -> int:
        if self.failures > 0:
            self.failures -= 1
            return 503
        try:
            timestamp = int(headers.get("x-recouvra-timestamp", ""))
        except ValueError:
            return 401
        if abs(self.now() - timestamp) > 300:
            return 401
        expected = hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        offered = [s.strip().removeprefix("sha256=") for s in headers.get("x-recouvra-signature", "").split(",")]
        if not any(hmac.compare_digest(expected, candidate) for candidate in offered):
            return 401
        delivery = headers.get("x-recouvra-delivery", "")
        if delivery in self.seen:
            return 409
        self.seen.add(delivery)
        return 204

    def accepted(self) -> list[dict[str, Any]]:
        return [r for r in self.received if r["status"] == 204]

    def replay(self, request: dict[str, Any]) -> int:
        """Sends a captured delivery again, byte for byte, as an attacker who recorded it would."""
        headers = {k: v for k, v in request["headers"].items() if k not in ("content-length", "host")}
        return httpx.post(self.url, content=request["body"], headers=headers).status_code


@contextmanager
def running_receiver(secret: str) -> Iterator[Receiver]:
    state = Receiver(secret=secret)
    lock = threading.Lock()  # deliveries may arrive at once: one verdict at a time, as a receiver keeps its ids

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {name.lower(): value for name, value in self.headers.items()}
            with lock:
                status = state.verdict(headers, body)
                state.received.append({"headers": headers, "body": body, "status": status, "json": json.loads(body)})
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
