"""Everything a case's page shows, read at once from the services that hold it: intake's case, statement and
documents, the portal's own timeline, dunning's steps, messages, plans, settlements and disputes (and, for staff,
the call tasks), legal's procedures, bailiff missions and costs. A panel whose service does not answer is shown as
unavailable; the case itself must be readable."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from shared.auth import InvalidToken

from portal.timeline.reading import read_timeline
from portal.web.deps import known_id
from portal.web.errors import PageError, SignInRequired
from portal.web.rendering import render
from portal.web.sessions import WebSession
from portal.web.undelivered import Undelivered, undelivered
from portal.web.upstream import Refusal, Upstream

T = TypeVar("T")
TIMELINE_LIMIT = 200
_LETTER = re.compile(r"/api/v1/dunning/cases/([0-9a-f-]{36})/messages/([0-9a-f-]{36})/document")


class Unavailable:
    """A panel whose service did not answer."""


UNAVAILABLE = Unavailable()


@dataclass
class CasePage:
    case: dict[str, Any]
    statement: Any
    documents: Any
    timeline: Any
    steps: Any
    plans: Any
    disputes: Any
    tasks: Any
    legal: Any  # `LegalPhase`, None when legal has nothing on the case
    opt_outs: Any  # for staff, the channels the debtor refused (dunning's opt-outs); None for others or not known yet
    messages: Any  # dunning's contact log of the case (where each message went, and whether it bounced)
    replies: Any  # what the debtor answered to our e-mails on this case (dunning's replies), the unread first
    settlements: Any  # dunning's settlements of the case, newest first

    @property
    def undelivered(self) -> list[Undelivered]:
        """The debtor's contact details the last message on them came back from (`portal.web.undelivered`)."""
        return undelivered(self.messages, self.case.get("debtor") or {})


async def panel(read: Awaitable[T]) -> T | Unavailable:
    try:
        return await read
    except PageError as refusal:
        if refusal.status == 404:
            raise
        return UNAVAILABLE


def letter_link(document: str | None) -> str | None:
    """The page that serves a letter the timeline points at through the API."""
    match = _LETTER.fullmatch(document or "")
    return f"/cases/{match.group(1)}/letters/{match.group(2)}" if match else None


async def read_case_timeline(request: Request, viewer: WebSession, case_id: uuid.UUID) -> dict[str, Any]:
    """The portal's own read model, read in process as the visitor (the same rule as its API route)."""
    runtime = request.app.state.runtime
    try:
        principal = runtime.verifier.verify(viewer.token)
    except InvalidToken as exc:
        raise SignInRequired(expired=True) from exc

    def read() -> dict[str, Any]:
        with Session(runtime.engine) as session:
            entries, total = read_timeline(
                session=session,
                case_id=case_id,
                principal=principal,
                intake=request.app.state.intake_reader,
                offset=0,
                limit=TIMELINE_LIMIT,
            )
        return {
            "items": [
                {
                    "at": entry.at,
                    "summary_fr": entry.summary_fr,
                    "summary_en": entry.summary_en,
                    "channel": entry.channel,
                    "letter": letter_link(entry.document),
                }
                for entry in entries
            ],
            "total": total,
        }

    try:
        return await run_in_threadpool(read)
    except Exception as exc:  # the read model's own 404 or a failed fresh read: the panel says so
        raise PageError(503, "section.unavailable") from exc


async def read_case_page(request: Request, upstream: Upstream, viewer: WebSession, case_id: uuid.UUID) -> CasePage:
    path = f"/api/v1/cases/{case_id}"
    case = await upstream.read("intake", path)  # another creditor's case: 404, and the page says no more
    dunning = f"/api/v1/dunning/cases/{case_id}"
    staff_tasks = (
        upstream.read_or_none("dunning", "/api/v1/dunning/tasks", {"case_id": str(case_id), "limit": 20})
        if viewer.is_staff
        else _nothing()
    )
    opt_outs = (
        upstream.read_or_none("dunning", f"/api/v1/dunning/debtors/{case['debtor']['id']}/opt-outs")
        if viewer.is_staff
        else _nothing()
    )
    panels = await asyncio.gather(
        panel(upstream.read("intake", f"{path}/statement")),
        panel(upstream.read("intake", f"{path}/documents")),
        panel(read_case_timeline(request, viewer, case_id)),
        panel(upstream.read_or_none("dunning", f"{dunning}/steps")),
        panel(upstream.read_or_none("dunning", f"{dunning}/plans")),
        panel(upstream.read_or_none("dunning", f"{dunning}/disputes")),
        panel(staff_tasks),
        panel(read_legal_phase(upstream, case_id)),
        panel(opt_outs),
        panel(upstream.read_or_none("dunning", f"{dunning}/messages")),
        panel(upstream.read_or_none("dunning", "/api/v1/dunning/replies", {"case_id": str(case_id), "limit": 20})),
        panel(upstream.read_or_none("dunning", f"{dunning}/settlements")),
    )
    return CasePage(case, *panels)


@dataclass
class LegalPhase:
    procedures: list[dict[str, Any]]
    missions: list[dict[str, Any]]
    costs: dict[str, Any] | None


async def read_legal_phase(upstream: Upstream, case_id: uuid.UUID) -> LegalPhase | None:
    """The case's procedures, the missions given to bailiffs and their costs; None while there is none (legal answers
    404 for a case it does not follow yet)."""
    legal = f"/api/v1/legal/cases/{case_id}"
    answers = await asyncio.gather(
        upstream.read_or_none("legal", f"{legal}/procedures"),
        upstream.read_or_none("legal", f"{legal}/missions"),
        upstream.read_or_none("legal", f"{legal}/costs"),
        return_exceptions=True,  # each read finished, none left failing unheard; the panel then says the first failure
    )
    read: list[dict[str, Any] | None] = []
    for answer in answers:
        if isinstance(answer, BaseException):
            raise answer
        read.append(answer)
    procedures, missions, costs = read
    phase = LegalPhase(
        procedures=list((procedures or {}).get("items", [])),
        missions=list((missions or {}).get("items", [])),
        costs=costs if costs and costs.get("items") else None,
    )
    return phase if phase.procedures or phase.missions or phase.costs else None


async def _nothing() -> None:
    return None


async def back_to_case(
    request: Request,
    upstream: Upstream,
    viewer: WebSession,
    case_id: str,
    refusal: Refusal | None,
    done: str,
    *,
    section: str = "actions",
    typed: dict[str, str] | None = None,
) -> Response:
    """After a form of the case's page: back to the page at `section`, saying `done` (`DONE` of `routes.cases`); or,
    refused, the page again with the refusal above and `typed`, what the visitor typed in the refused form (the
    promise form's fields, an answer to a reply), given back to it."""
    if refusal is None:
        return RedirectResponse(f"/cases/{case_id}?did={done}#{section}", status_code=303)
    page = await read_case_page(request, upstream, viewer, known_id(case_id))
    context = {"page": page, "unavailable": UNAVAILABLE, "decided": False, "refusal": refusal, "done": None}
    return render(request, "cases/detail.html", {**context, "typed": typed or {}}, status=refusal.status)
