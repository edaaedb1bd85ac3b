"""Provider callbacks (signed, no user token) and the admin's "run the scheduler now"."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from shared.deps import AdminDep, ClockDep, SessionDep

from dunning.channels.provider import verify_callback
from dunning.messages.deliveries import record_delivery

router = APIRouter(prefix="/api/v1/dunning", tags=["dunning operations"])
RUN_PATH = "/api/v1/dunning/admin/run"
# POSTs whose Idempotency-Key is not kept: the request is safe to repeat by construction, and a retry must do the
# work again rather than be told it was done. A scheduler pass takes each due step once (a step sent is not due
# any more), so a second pass sends nothing twice; a pass whose answer a restart lost may have stopped half-way,
# and its retry finishes it (issue 18's proof, run 18: the retry was told 409 and the pass was left undone).
REPEATABLE = frozenset({RUN_PATH})


class CallbackAnswer(BaseModel):
    message_id: str
    status: str


class PassReport(BaseModel):
    promises_broken: int
    plans_breached: int
    prepared: int
    deferred: int
    skipped: int
    failed: int
    sent: int
    send_failed: int
    cancelled: int
    postponed: int
    exhausted: int
    set_aside: int
    """steps whose preparation failed unexpectedly: rolled back alone and tried again later"""
    errors: list[str]
    """the parts of the pass that failed (the others ran; the log has the error)"""


@router.post(
    "/provider-callbacks",
    summary="delivery and acknowledgement reports of the SMS and postal providers",
    responses={
        403: {"description": "the provider's signature (X-Provider-Signature) is missing or wrong"},
        422: {"description": "the report names an unknown status or is not a JSON object"},
    },
)
async def provider_callback(request: Request, session: SessionDep, clock: ClockDep) -> CallbackAnswer:
    settings = request.app.state.runtime.settings
    raw = await request.body()
    payload: dict[str, Any] = verify_callback(
        raw, request.headers.get("x-provider-signature"), settings.provider_webhook_secret
    )
    received = payload.get("received_on")
    message = record_delivery(
        session=session,
        reference=str(payload.get("reference", "")),
        status=str(payload.get("status", "")),
        received_on=date.fromisoformat(received) if received else None,
        detail=payload.get("detail"),
        clock=clock,
    )
    session.commit()
    return CallbackAnswer(message_id=str(message.id), status=message.status)


@router.post(
    RUN_PATH.removeprefix("/api/v1/dunning"),
    summary="run one scheduler pass now (operations; the worker runs them continuously)",
    description="Safe to repeat: a pass takes each due step once, so a second pass sends nothing twice. "
    "An Idempotency-Key is therefore not kept here: a retry runs a pass again and reports what that pass did.",
)
def run_now(request: Request, admin: AdminDep) -> PassReport:
    report = request.app.state.scheduler.run_pass()
    prepared, sent = report["prepared"], report["sent"]
    return PassReport(
        promises_broken=report["promises_broken"],
        plans_breached=report["plans_breached"],
        prepared=prepared.prepared,
        deferred=prepared.deferred,
        skipped=prepared.skipped,
        failed=prepared.failed,
        sent=sent.sent,
        send_failed=sent.failed,
        cancelled=sent.cancelled,
        postponed=sent.postponed,
        exhausted=report["exhausted"],
        set_aside=prepared.errors,
        errors=report["errors"],
    )
