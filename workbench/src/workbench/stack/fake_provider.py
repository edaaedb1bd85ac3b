"""The fake postal and SMS provider of `make run` and the tests (which also serves the fake BODACC API,
`workbench.stack.fake_bodacc`, and a fake card-payment provider, `workbench.stack.fake_psp`): a local HTTP server
speaking the provider API of docs/providers.md, so that the dunning service's adapters talk to a real server here
and to the real provider in production with nothing else changed.

State lives in memory (lost at restart; the dunning service's references make a resend harmless) and each
letter's PDF is kept under `<post_dir>/<id>.pdf` for a person to look at. Callbacks are signed with the
webhook secret of its settings. `auto_deliver` sends a `delivered` callback right after accepting an SMS or a
simple letter; a registered letter's acknowledgement, and every other outcome, comes from the control route.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.clock import Clock, SystemClock, today_in_paris
from workbench.stack.broker import port_open
from workbench.stack.fake_bodacc import BodaccNotices, bodacc_routes
from workbench.stack.fake_psp import FakePsp, PspSettings, psp_routes
from workbench.stack.provider_callbacks import CallbackOutcome, callback_body, deliver_callback
from workbench.stack.provider_requests import Accepted, EventRequest, LetterRequest, Refused, SmsRequest, parse


@dataclass(frozen=True)
class FakeProviderSettings:
    api_key: str
    webhook_secret: str
    post_dir: Path
    port: int
    host: str = "127.0.0.1"
    auto_deliver: bool = True
    callback_backoff_s: float = 0.2
    psp: PspSettings = field(default_factory=PspSettings)  # the fake card-payment provider (`fake_psp`)


class UnknownMessage(Exception):
    """No accepted request of that kind has that id (the control route answers 404)."""


class FakeProvider:
    """The provider's state and its use cases; `start()` serves them over HTTP in a thread of this process."""

    def __init__(self, settings: FakeProviderSettings, *, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self.auto_deliver = settings.auto_deliver  # tests may switch it while the server runs
        self._lock = threading.Lock()
        self._by_id: dict[str, Accepted] = {}
        self._by_reference: dict[tuple[str, str], str] = {}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.bodacc = BodaccNotices()  # DILA's BODACC API, faked on the same server (`fake_bodacc`)
        self.psp = FakePsp(settings.psp)  # a card-payment provider speaking Stripe's Checkout API (`fake_psp`)

    @property
    def base_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.port}"

    def accept_sms(self, request: SmsRequest) -> tuple[Accepted, bool]:
        """The record of this reference, and whether it was accepted just now (False: a repeated reference)."""
        with self._lock:
            known = self._by_reference.get(("sms", request.reference))
            if known is not None:
                return self._by_id[known], False
            record = Accepted(
                id=f"sms_{secrets.token_hex(12)}",
                kind="sms",
                reference=request.reference,
                callback_url=request.callback_url,
                recipient=request.to,
                text=request.text,
            )
            return self._keep(record), True

    def accept_letter(self, request: LetterRequest) -> tuple[Accepted, bool]:
        pdf = request.pdf()
        with self._lock:
            known = self._by_reference.get(("letter", request.reference))
            if known is not None:
                return self._by_id[known], False
            record = Accepted(
                id=f"let_{secrets.token_hex(12)}",
                kind="letter",
                reference=request.reference,
                callback_url=request.callback_url,
                recipient=request.recipient.model_dump(),
                service=request.service,
                tracking_number=(f"1A{secrets.randbelow(10**11):011d}" if request.service == "registered_ar" else None),
            )
            self.settings.post_dir.mkdir(parents=True, exist_ok=True)
            path = self.settings.post_dir / f"{record.id}.pdf"
            path.write_bytes(pdf)
            record.pdf_path = str(path)
            return self._keep(record), True

    def _keep(self, record: Accepted) -> Accepted:
        self._by_id[record.id] = record
        self._by_reference[(record.kind, record.reference)] = record.id
        return record

    def send_event(
        self, kind: str, id: str, status: str, *, received_on: date | None = None, detail: str | None = None
    ) -> CallbackOutcome:
        """Sends the callback of this outcome now (with the contract's retries) and records it."""
        with self._lock:
            record = self._by_id.get(id)
        if record is None or record.kind != kind:
            raise UnknownMessage(f"no {kind} with id {id}")
        if status == "returned" and kind != "letter":
            raise Refused("status: only a letter is returned to its sender")
        if status == "acknowledged":
            if record.service != "registered_ar":
                raise Refused("status: only a registered letter (registered_ar) is acknowledged")
            received_on = received_on or today_in_paris(self.clock)
        elif received_on is not None:
            raise Refused("received_on: only an acknowledged registered letter has a date of receipt")
        at = self.clock.now()
        body = callback_body(
            id=record.id,
            reference=record.reference,
            kind=kind,
            status=status,
            at=at,
            received_on=received_on,
            detail=detail,
        )
        outcome = deliver_callback(
            record.callback_url,
            body,
            secret=self.settings.webhook_secret,
            backoff_s=self.settings.callback_backoff_s,
        )
        with self._lock:
            record.status = status
            record.events.append(
                {
                    "status": status,
                    "at": at.isoformat(),
                    "received_on": received_on.isoformat() if received_on else None,
                    "detail": detail,
                    "answer": outcome.answer,
                }
            )
        return outcome

    def messages(self) -> list[dict[str, Any]]:
        """Every accepted request, oldest first, as `GET /_control/messages` lists them."""
        with self._lock:
            return [record.listing() for record in self._by_id.values()]

    def _deliver_at_once(self, record: Accepted) -> None:
        if self.auto_deliver and not (record.kind == "letter" and record.service == "registered_ar"):
            self.send_event(record.kind, record.id, "delivered")

    # -- HTTP -------------------------------------------------------------------------------------------

    def _authorized(self, request: Request) -> bool:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(key.strip(), self.settings.api_key)

    async def _post_sms(self, request: Request) -> JSONResponse:
        return await self._accept(request, SmsRequest)

    async def _post_letter(self, request: Request) -> JSONResponse:
        return await self._accept(request, LetterRequest)

    async def _accept(self, request: Request, model: type[SmsRequest] | type[LetterRequest]) -> JSONResponse:
        if not self._authorized(request):
            return JSONResponse(
                {"detail": "missing or unknown API key"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        try:
            parsed = parse(model, await request.body())
            if isinstance(parsed, SmsRequest):
                record, created = self.accept_sms(parsed)
            else:
                record, created = await run_in_threadpool(self.accept_letter, parsed)
        except Refused as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)
        # After the answer has left, as a real provider does; the callback may still overtake the caller's commit.
        background = BackgroundTask(self._deliver_at_once, record) if created else None
        return JSONResponse(record.answer(), status_code=201 if created else 200, background=background)

    async def _post_event(self, request: Request) -> JSONResponse:
        try:
            event = parse(EventRequest, await request.body())
            outcome = await run_in_threadpool(
                self.send_event,
                request.path_params["kind"],
                request.path_params["id"],
                event.status,
                received_on=event.received_on,
                detail=event.detail,
            )
        except UnknownMessage as exc:
            return JSONResponse({"detail": str(exc)}, status_code=404)
        except Refused as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return JSONResponse({"delivered_to": outcome.url, "answer": outcome.answer, "attempts": outcome.attempts})

    async def _get_messages(self, request: Request) -> JSONResponse:
        return JSONResponse({"items": self.messages()})

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/sms", self._post_sms, methods=["POST"]),
                Route("/v1/letters", self._post_letter, methods=["POST"]),
                Route("/_control/{kind:str}/{id:str}/events", self._post_event, methods=["POST"]),
                Route("/_control/messages", self._get_messages, methods=["GET"]),
                *bodacc_routes(self.bodacc),
                *psp_routes(self.psp),
            ]
        )

    def start(self, *, timeout_s: float = 10.0) -> None:
        host, port = self.settings.host, self.settings.port
        if port_open(host, port):
            raise RuntimeError(f"something already listens on {host}:{port}; choose another provider port")
        config = uvicorn.Config(
            self.app(),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=5,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="fake-provider", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError(f"the fake provider could not listen on {host}:{port}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the fake provider did not listen on {host}:{port} within {timeout_s:.0f} s")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = self._thread = None
