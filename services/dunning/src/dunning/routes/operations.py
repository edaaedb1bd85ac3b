"""Provider callbacks (signed, no user token) and the admin's "run the scheduler now"."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import Session

from shared.clock import Clock
from shared.deps import AdminDep, ClockDep, SessionDep
from shared.errors import NotFound, TemporarilyUnavailable

from dunning.channels.provider import verify_callback
from dunning.messages.deliveries import record_delivery
from dunning.outbound.pass_runs import PassRun, PassRuns
from dunning.outbound.work_left import work_left

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
    bounces: int = 0
    """e-mails recorded as bounced from the returned mail read (`DUNNING_BOUNCE_MAILDIR`)"""
    replies: int = 0
    """debtors' replies to our e-mails recorded from the same mailbox (`DUNNING_REPLY_ADDRESS`)"""
    promises_broken: int
    plans_breached: int
    creditors_reminded: int = 0
    """creditors reminded of a dispute they have not answered (`DUNNING_DISPUTE_CREDITOR_REMINDER_DAYS`)"""
    outcomes_told: int = 0
    """debtors written to with how their dispute was settled (`dunning.responses.dispute_outcomes`)"""
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


class PassRunPublic(BaseModel):
    """A requested pass still queued or running (or, read again later, done or failed)."""

    id: uuid.UUID
    status: str = Field(description="queued (behind the pass in progress) | running | done | failed")
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    steps_still_due: int = Field(description="scheduled steps due now and not yet prepared (the work left)")
    messages_to_send: int = Field(description="messages prepared and not yet handed to their channel")
    report: PassReport | None = Field(description="what the pass did, once done")
    failure: str | None = None


@router.post(
    RUN_PATH.removeprefix("/api/v1/dunning"),
    summary="run one scheduler pass now (operations; the worker runs them continuously)",
    description="Safe to repeat: a pass takes each due step once, so a second pass sends nothing twice. "
    "An Idempotency-Key is therefore not kept here: a retry runs a pass again and reports what that pass did. "
    "The pass runs in the background and covers what was due when it was asked for; the request waits for it up "
    "to `wait` seconds: 200 with its report when it ended by then, else 202 with where to follow it "
    "(`Location`: GET /api/v1/dunning/admin/runs/{id}, the work left and, once done, the report).",
    responses={202: {"model": PassRunPublic, "description": "the pass is still queued or running"}},
)
def run_now(
    request: Request,
    admin: AdminDep,
    session: SessionDep,
    wait: Annotated[
        float, Query(ge=0, le=25, description="seconds to wait for the pass to end (the gateway waits 30)")
    ] = 25,
) -> Any:
    runs: PassRuns = request.app.state.pass_runs
    run = runs.request()
    if run.done.wait(wait):
        if run.report is None:
            raise TemporarilyUnavailable(
                f"the scheduler pass stopped on an unexpected error ({run.failure}); ask for a pass again",
                message_fr=f"la passe de l'ordonnanceur s'est arrêtée sur une erreur inattendue ({run.failure}) ; "
                "demandez une nouvelle passe",
            )
        return pass_report(run.report)
    public = _public(session, run, request.app.state.scheduler.clock)
    location = f"{RUN_PATH}s/{run.id}"
    return JSONResponse(public.model_dump(mode="json"), status_code=202, headers={"Location": location})


@router.get(
    RUN_PATH.removeprefix("/api/v1/dunning") + "s/{run_id}",
    summary="a requested scheduler pass: queued, running (with the work left) or done (with its report)",
    responses={404: {"description": "no such pass in this process (a restart forgets them): ask for a pass again"}},
)
def read_run(run_id: uuid.UUID, request: Request, admin: AdminDep, session: SessionDep) -> PassRunPublic:
    run = request.app.state.pass_runs.get(run_id)
    if run is None:
        raise NotFound(
            f"no scheduler pass {run_id} in this process (a restart forgets them): ask for a pass again",
            message_fr=f"aucune passe de l'ordonnanceur {run_id} dans ce processus (un redémarrage les oublie) : "
            "demandez une nouvelle passe",
        )
    return _public(session, run, request.app.state.scheduler.clock)


def _public(session: Session, run: PassRun, clock: Clock) -> PassRunPublic:
    due, to_send = work_left(session, clock.now())
    return PassRunPublic(
        id=run.id,
        status=run.status,
        requested_at=run.requested_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
        steps_still_due=due,
        messages_to_send=to_send,
        report=pass_report(run.report) if run.report is not None else None,
        failure=run.failure,
    )


def pass_report(report: dict[str, Any]) -> PassReport:
    prepared, sent = report["prepared"], report["sent"]
    return PassReport(
        bounces=report.get("bounces", 0),
        replies=report.get("replies", 0),
        promises_broken=report["promises_broken"],
        plans_breached=report["plans_breached"],
        creditors_reminded=report.get("creditors_reminded", 0),
        outcomes_told=report.get("outcomes_told", 0),
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
