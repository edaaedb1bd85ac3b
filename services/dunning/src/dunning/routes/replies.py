"""Replies debtors wrote to our e-mails (`dunning.messages.replies`): the agency's queue (every creditor's, the unread
first), a creditor's own, one case's, each reply with the message as received; an agent marks one read or answers it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep
from shared.tenancy import creditor_filter

from dunning.cases.cases import visible_case
from dunning.messages import reply_records
from dunning.messages.reply_records import ReplyPage, ReplyPublic
from dunning.responses import reply_answers
from dunning.responses.reply_answers import AnswerIn

router = APIRouter(prefix="/api/v1/dunning/replies", tags=["dunning messages"])


@router.get("", summary="debtors' replies to our e-mails: the unread first (the oldest first), then those read")
def list_replies(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    creditor_id: uuid.UUID | None = None,
    case_id: uuid.UUID | None = None,
    unread: Annotated[
        bool | None, Query(description="true: only those no agent has read; false: only those read")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ReplyPage:
    creditor = creditor_filter(principal, creditor_id)
    if case_id is not None:
        visible_case(session, case_id, principal)  # another creditor's case: 404, as one that does not exist
    return reply_records.list_replies(
        session=session, creditor=creditor, case_id=case_id, unread=unread, offset=offset, limit=limit
    )


@router.get("/{reply_id}", summary="one reply")
def get_reply(reply_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> ReplyPublic:
    reply, case = reply_records.visible_reply(session, reply_id, principal)
    return reply_records.reply_public(session, reply, case)


@router.get(
    "/{reply_id}/original",
    summary="the reply as it was received (an .eml file, its attachments inside)",
    response_class=Response,
    responses={200: {"content": {"message/rfc822": {}}}},
)
def get_original(reply_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> Response:
    reply, _ = reply_records.visible_reply(session, reply_id, principal)
    return Response(
        reply.original,
        media_type="message/rfc822",
        headers={
            "Content-Disposition": f'attachment; filename="reponse-{reply.id.hex[:10]}.eml"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post(
    "/{reply_id}/answer",
    summary="answer the debtor by e-mail from the agency, threaded to its reply (once per reply), sent at next pass",
)
def answer(
    reply_id: uuid.UUID,
    answer_in: AnswerIn,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
) -> ReplyPublic:
    state = request.app.state
    _, case = reply_records.visible_reply(session, reply_id, staff)
    contact = state.case_facts.debtor_contact(case) if case is not None else None  # before the reply's row is locked
    public = reply_answers.answer_reply(
        session=session,
        reply_id=reply_id,
        answer_in=answer_in,
        contact=contact,
        settings=state.runtime.settings,
        principal=staff,
        clock=clock,
    )
    session.commit()
    state.scheduler.wake.set()  # the next pass sends it, without waiting out an idle pause
    return public


class FileIn(BaseModel):
    case: str = Field(min_length=1, max_length=100, description="the case's id, or its reference when one case has it")


@router.post(
    "/{reply_id}/case",
    summary="file a reply that named none of our messages under its case (staff); once filed, it stays",
)
def file_reply(
    reply_id: uuid.UUID, file_in: FileIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> ReplyPublic:
    public = reply_records.file_reply(
        session=session, reply_id=reply_id, case_named=file_in.case, principal=staff, clock=clock
    )
    session.commit()
    return public


@router.post("/{reply_id}/read", summary="mark a reply read (sent again: it stays read by whoever read it first)")
def mark_read(reply_id: uuid.UUID, session: SessionDep, clock: ClockDep, staff: StaffDep) -> ReplyPublic:
    public = reply_records.mark_read(session=session, reply_id=reply_id, principal=staff, clock=clock)
    session.commit()
    return public
