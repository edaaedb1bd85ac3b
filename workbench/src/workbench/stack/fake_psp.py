"""A fake card-payment provider for `make run` and the tests, speaking the part of Stripe's API that intake's online
payments use (docs/payments-online.md), served by the fake providers' server under `/psp`, so that intake talks to a
real HTTP server here and to the provider in production with only its URL and keys changed.

- `POST /psp/v1/checkout/sessions` (form-encoded as Stripe's API is, `Authorization: Bearer <secret key>`, an
  `Idempotency-Key` honoured): `mode=payment`, one `line_items[0][price_data]` with `currency`, `unit_amount` in
  cents and `product_data[name]`, `line_items[0][quantity]=1`, `success_url` (its `{CHECKOUT_SESSION_ID}` replaced),
  `cancel_url`, `client_reference_id`, `metadata[...]`, `locale`. Answers the Checkout Session object.
- `GET /psp/v1/checkout/sessions/{id}`: the session.
- `GET /psp/pay/{id}`: the hosted payment page, a card form the payer submits; `POST /psp/pay/{id}` (a card number
  ending in 0002 is declined, as Stripe's test card 4000 0000 0000 0002 is) completes the session, sends the
  `checkout.session.completed` event to the webhook endpoint, signed as Stripe signs (`Stripe-Signature:
  t=<unix seconds>,v1=<hex HMAC-SHA256 of "{t}.{payload}">`), and sends the payer back to `success_url`.

Sessions live in memory. The webhook endpoint and its secret are the server's settings."""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route


@dataclass
class PspSettings:
    secret_key: str = ""
    webhook_url: str = ""
    webhook_secret: str = ""


@dataclass
class FakePsp:
    settings: PspSettings
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)  # what was sent to the webhook, for a test to read
    lock: threading.Lock = field(default_factory=threading.Lock)

    def create(self, form: dict[str, str], idempotency_key: str | None) -> tuple[dict[str, Any], int]:
        with self.lock:
            if idempotency_key and idempotency_key in self.by_key:
                return self.sessions[self.by_key[idempotency_key]], 200
            problem = _problem(form)
            if problem:
                return {"error": {"type": "invalid_request_error", "message": problem}}, 400
            session_id = "cs_test_" + secrets.token_urlsafe(18)
            session = {
                "id": session_id,
                "object": "checkout.session",
                "mode": "payment",
                "amount_total": int(form["line_items[0][price_data][unit_amount]"]),
                "currency": form["line_items[0][price_data][currency]"].lower(),
                "description": form.get("line_items[0][price_data][product_data][name]", ""),
                "client_reference_id": form.get("client_reference_id"),
                "metadata": {k[len("metadata[") : -1]: v for k, v in form.items() if k.startswith("metadata[")},
                "locale": form.get("locale", "auto"),
                "success_url": form["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id),
                "cancel_url": form.get("cancel_url"),
                "status": "open",
                "payment_status": "unpaid",
                "payment_intent": None,
                "created": int(time.time()),
                "expires_at": int(time.time()) + 24 * 3600,
                "url": f"/psp/pay/{session_id}",
            }
            self.sessions[session_id] = session
            if idempotency_key:
                self.by_key[idempotency_key] = session_id
            return session, 200

    def pay(self, session_id: str, card: str) -> tuple[dict[str, Any] | None, str | None]:
        """The completed session, or why the card was declined."""
        with self.lock:
            session = self.sessions.get(session_id)
            if session is None or session["status"] != "open":
                return None, "this payment page is no longer open"
            if card.replace(" ", "").endswith("0002"):
                return None, "Votre carte a été refusée."
            session.update(status="complete", payment_status="paid", payment_intent="pi_" + secrets.token_hex(12))
            return dict(session), None

    def send_event(self, session: dict[str, Any]) -> int | None:
        """Posts `checkout.session.completed` to the webhook endpoint, signed; its answer's status."""
        if not self.settings.webhook_url:
            return None
        event = {
            "id": "evt_" + secrets.token_hex(12),
            "object": "event",
            "type": "checkout.session.completed",
            "created": int(time.time()),
            "data": {"object": session},
        }
        payload = json.dumps(event, separators=(",", ":"))
        timestamp = int(time.time())
        digest = hmac.new(
            self.settings.webhook_secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
        ).hexdigest()
        headers = {"Content-Type": "application/json", "Stripe-Signature": f"t={timestamp},v1={digest}"}
        self.events.append(event)
        for _ in range(3):  # Stripe retries for days; three quick tries are enough here
            try:
                answer = httpx.post(self.settings.webhook_url, content=payload, headers=headers, timeout=10)
            except httpx.HTTPError:
                continue
            if answer.status_code < 300:
                return answer.status_code
        return None


def _problem(form: dict[str, str]) -> str | None:
    if form.get("mode") != "payment":
        return "mode: only 'payment' is supported here"
    for name in ("line_items[0][price_data][currency]", "line_items[0][price_data][unit_amount]", "success_url"):
        if not form.get(name):
            return f"Missing required param: {name}."
    amount = form["line_items[0][price_data][unit_amount]"]
    if not amount.isdigit() or int(amount) < 50:
        return "line_items[0][price_data][unit_amount]: a positive whole number of cents, at least 50"
    if form.get("line_items[0][quantity]", "1") != "1":
        return "line_items[0][quantity]: 1 here"
    return None


_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Paiement sécurisé</title></head>
<body style="font-family:sans-serif;max-width:28rem;margin:3rem auto">
<h1>Paiement par carte (démonstration)</h1><p>{description}</p><p><strong>{amount}</strong></p>{error}
<form method="post"><label>Numéro de carte <input name="card" value="4242 4242 4242 4242"></label>
<button type="submit">Payer</button></form><p><a href="{cancel}">Annuler et revenir</a></p></body></html>"""


def psp_routes(psp: FakePsp) -> list[Route]:
    def authorised(request: Request) -> bool:
        offered = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        return bool(psp.settings.secret_key) and hmac.compare_digest(offered, psp.settings.secret_key)

    async def create(request: Request) -> JSONResponse:
        if not authorised(request):
            return JSONResponse({"error": {"type": "invalid_request_error", "message": "Invalid API Key"}}, 401)
        form = {key: str(value) for key, value in (await request.form()).items()}
        session, status = psp.create(form, request.headers.get("idempotency-key"))
        return JSONResponse(_absolute(session, request), status_code=status)

    async def retrieve(request: Request) -> JSONResponse:
        if not authorised(request):
            return JSONResponse({"error": {"type": "invalid_request_error", "message": "Invalid API Key"}}, 401)
        session = psp.sessions.get(request.path_params["id"])
        if session is None:
            return JSONResponse({"error": {"type": "invalid_request_error", "message": "No such session"}}, 404)
        return JSONResponse(_absolute(session, request))

    def page(session: dict[str, Any], error: str = "") -> HTMLResponse:
        cents = int(session["amount_total"])
        amount = f"{cents // 100},{cents % 100:02d} {session['currency'].upper()}"
        return HTMLResponse(
            _PAGE.format(
                description=html.escape(session["description"]),
                amount=amount,
                error=f'<p role="alert">{html.escape(error)}</p>' if error else "",
                cancel=html.escape(session["cancel_url"] or "/"),
            )
        )

    async def show(request: Request) -> Response:
        session = psp.sessions.get(request.path_params["id"])
        if session is None:
            return HTMLResponse("<p>Session inconnue</p>", status_code=404)
        return page(session)

    async def submit(request: Request) -> Response:
        session_id = request.path_params["id"]
        card = str((await request.form()).get("card", ""))
        done, refusal = psp.pay(session_id, card)
        if done is None:
            session = psp.sessions.get(session_id)
            return page(session, refusal or "") if session else HTMLResponse("<p>Session inconnue</p>", 404)
        await run_in_threadpool(psp.send_event, _absolute(done, request))
        return RedirectResponse(done["success_url"], status_code=303)

    return [
        Route("/psp/v1/checkout/sessions", create, methods=["POST"]),
        Route("/psp/v1/checkout/sessions/{id:str}", retrieve, methods=["GET"]),
        Route("/psp/pay/{id:str}", show, methods=["GET"]),
        Route("/psp/pay/{id:str}", submit, methods=["POST"]),
    ]


def _absolute(session: dict[str, Any], request: Request) -> dict[str, Any]:
    if "error" in session:
        return session
    base = f"{request.url.scheme}://{request.url.netloc}"
    return {**session, "url": base + session["url"] if session["url"].startswith("/") else session["url"]}
