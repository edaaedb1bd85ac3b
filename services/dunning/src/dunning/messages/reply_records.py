"""Replies debtors wrote to our e-mails: recorded once each, listed for the agency (every creditor's) and for a
creditor (its own cases), and marked read by an agent. A reply unread waits at the top of the agency's queue."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import case, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict, Invalid, NotFound
from shared.events.dunning import ReplyReceived
from shared.outbox import record_event
from shared.tenancy import check_unowned_visible, check_visible

from dunning.cases.cases import event_ids
from dunning.cases.models import DunningCase
from dunning.domain.reply_topics import reply_topics
from dunning.messages.models import DebtorReply, Message
from dunning.messages.replies import Reply


class AttachmentPublic(BaseModel):
    name: str
    content_type: str
    size: int = Field(description="bytes")


class ReplyPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID | None = Field(description="none while a reply that named no message is not filed (staff only)")
    case_reference: str | None
    creditor_id: uuid.UUID | None
    debtor_id: uuid.UUID | None
    message_id: uuid.UUID | None = Field(description="our message it answers; none when it named none")
    answered_subject: str = Field(description="the subject of our message it answers (empty: none)")
    sender: str
    sender_name: str
    subject: str
    text: str = Field(description="what the debtor wrote (the whole message: GET …/original)")
    attachments: list[AttachmentPublic]
    topics: list[str] = Field(
        description="what its own words seem to say (a suggestion, never a decision): paid | dispute | plan | documents"
    )
    original_complete: bool = Field(description="false: too heavy, kept as its headers and text, attachments not kept")
    written_at: datetime | None
    received_at: datetime
    read_at: datetime | None
    read_by: str | None
    answered_at: datetime | None = Field(description="when an agent answered it from the platform")
    answered_by: str | None
    answer_status: str | None = Field(description="what became of the answer: prepared | sent | bounced | failed")


class ReplyPage(BaseModel):
    items: list[ReplyPublic]
    total: int
    unread: int = Field(description="of those the filters select, how many no agent has read yet")


def record_reply(*, session: Session, reply: Reply, original: bytes, clock: Clock) -> DebtorReply:
    """The reply recorded against the case of the message it answers, with its event; the one already recorded when
    the same reply is read again. One that names no message of ours is kept without a case, for an agent to file
    (`file_reply`): whatever reaches the reply address is read by someone."""
    known = session.exec(select(DebtorReply).where(DebtorReply.identity == reply.identity)).first()
    if known is not None:
        return known
    answered = session.get(Message, reply.answers) if reply.answers is not None else None
    case = session.get(DunningCase, answered.case_id) if answered is not None else None
    record = DebtorReply(
        identity=reply.identity,
        message_id=answered.id if answered is not None and case is not None else None,
        case_id=case.case_id if case is not None else None,
        debtor_id=case.debtor_id if case is not None else None,
        sender=reply.sender,
        sender_name=reply.sender_name,
        subject=reply.subject,
        text=reply.text,
        attachments=[asdict(attachment) for attachment in reply.attachments],
        topics=list(reply_topics(reply.subject, reply.text)),
        original=original,
        original_complete=len(original) == reply.size,
        written_at=reply.written_at,
        received_at=clock.now(),
    )
    session.add(record)
    session.flush()
    if case is not None:
        _received(session, record, case, clock)
    return record


def file_reply(
    *, session: Session, reply_id: uuid.UUID, case_named: str, principal: Principal, clock: Clock
) -> ReplyPublic:
    """An agent files a reply that named no message under the case `case_named` (its id, or its reference when one
    case carries it); the case's timeline then hears of it as of any reply. Filed again under the same case: nothing
    changes; under another: refused."""
    reply, filed = visible_reply(session, reply_id, principal, lock=True)
    case = _case_named(session, case_named.strip())
    if filed is not None:
        if filed.case_id == case.case_id:
            return reply_public(session, reply, filed)
        raise Conflict(
            f"this reply is filed under case {filed.reference} already",
            message_fr=f"cette réponse est déjà rattachée au dossier {filed.reference}",
        )
    reply.case_id, reply.debtor_id = case.case_id, case.debtor_id
    session.add(reply)
    audit(
        session,
        actor=principal,
        action="reply.filed",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        reply_id=str(reply.id),
    )
    session.flush()
    _received(session, reply, case, clock)
    return reply_public(session, reply, case)


def _case_named(session: Session, named: str) -> DunningCase:
    try:
        found = session.get(DunningCase, uuid.UUID(named))
        cases = [found] if found is not None else []
    except ValueError:
        cases = list(session.exec(select(DunningCase).where(DunningCase.reference == named).limit(2)).all())
    if not cases:
        raise Invalid(
            f"case: no case with the reference or id '{named}'",
            field="case",
            message_fr=f"dossier : aucun dossier n'a la référence ou l'identifiant « {named} »",
        )
    if len(cases) > 1:
        raise Invalid(
            f"case: several cases carry the reference '{named}': give the case's id (in its page's address)",
            field="case",
            message_fr=f"dossier : plusieurs dossiers portent la référence « {named} » : indiquez l'identifiant du "
            "dossier (dans l'adresse de sa page)",
        )
    return cases[0]


def _received(session: Session, reply: DebtorReply, case: DunningCase, clock: Clock) -> None:
    record_event(
        session,
        ReplyReceived(
            **event_ids(case),
            reply_id=str(reply.id),
            message_id=str(reply.message_id) if reply.message_id is not None else None,
            received_at=reply.received_at,
            attachments=len(reply.attachments),
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )


def list_replies(
    *,
    session: Session,
    creditor: uuid.UUID | None,
    case_id: uuid.UUID | None,
    unread: bool | None,
    offset: int,
    limit: int,
) -> ReplyPage:
    """`creditor` from the tenancy rule (`shared.tenancy.creditor_filter`): None, every creditor's. The unread
    first, the oldest of them first (the next to read); then those read, the newest first."""
    answer = aliased(Message)
    query = select(DebtorReply, DunningCase, Message.subject, answer.status).outerjoin(
        DunningCase, col(DunningCase.case_id) == col(DebtorReply.case_id)
    )  # a reply not filed under a case has none: staff only (a creditor's filter below leaves it out)
    query = query.outerjoin(Message, col(Message.id) == col(DebtorReply.message_id))
    query = query.outerjoin(answer, col(answer.id) == col(DebtorReply.answer_id))
    if creditor is not None:
        query = query.where(DunningCase.creditor_id == creditor)
    if case_id is not None:
        query = query.where(DebtorReply.case_id == case_id)
    counted = query
    if unread is not None:
        query = query.where(col(DebtorReply.read_at).is_(None) if unread else col(DebtorReply.read_at).is_not(None))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    waiting = session.exec(
        select(func.count()).select_from(counted.where(col(DebtorReply.read_at).is_(None)).subquery())
    ).one()
    is_read = col(DebtorReply.read_at).is_not(None)
    received = col(DebtorReply.received_at)
    rows = session.exec(
        query.order_by(is_read, case((is_read, None), else_=received).asc(), received.desc(), col(DebtorReply.id))
        .offset(offset)
        .limit(limit)
    ).all()
    items = [_public(reply, case, subject or "", status) for reply, case, subject, status in rows]
    return ReplyPage(items=items, total=total, unread=waiting)


def visible_reply(
    session: Session, reply_id: uuid.UUID, principal: Principal, *, lock: bool = False
) -> tuple[DebtorReply, DunningCase | None]:
    """The reply and its case, if the principal may see the case (the tenancy rule; a reply filed under no case: the
    agency only); 404 otherwise, as for a reply that is not."""
    reply = session.get(DebtorReply, reply_id, with_for_update=lock)
    if reply is None:
        raise _not_found(reply_id)
    if reply.case_id is None:
        check_unowned_visible(principal, missing=lambda: _not_found(reply_id))
        return reply, None
    case = session.get(DunningCase, reply.case_id)
    if case is None:
        raise _not_found(reply_id)
    check_visible(principal, missing=lambda: _not_found(reply_id), creditor_id=case.creditor_id)
    return reply, case


def reply_public(session: Session, reply: DebtorReply, case: DunningCase | None) -> ReplyPublic:
    answered = session.get(Message, reply.message_id) if reply.message_id is not None else None
    answer = session.get(Message, reply.answer_id) if reply.answer_id is not None else None
    return _public(reply, case, answered.subject if answered is not None else "", answer.status if answer else None)


def mark_read(*, session: Session, reply_id: uuid.UUID, principal: Principal, clock: Clock) -> ReplyPublic:
    """Idempotent: a reply read stays read by whoever read it first."""
    reply, case = visible_reply(session, reply_id, principal)
    if reply.read_at is None:
        reply.read_at, reply.read_by = clock.now(), principal.name or principal.subject
        session.add(reply)
        audit(
            session,
            actor=principal,
            action="reply.read",
            entity="case" if case is not None else "reply",
            entity_id=case.case_id if case is not None else reply.id,
            clock=clock,
            reply_id=str(reply.id),
        )
        session.flush()
    return reply_public(session, reply, case)


def _public(
    reply: DebtorReply, case: DunningCase | None, answered_subject: str, answer_status: str | None
) -> ReplyPublic:
    return ReplyPublic(
        id=reply.id,
        case_id=reply.case_id,
        case_reference=case.reference if case is not None else None,
        creditor_id=case.creditor_id if case is not None else None,
        debtor_id=reply.debtor_id,
        message_id=reply.message_id,
        answered_subject=answered_subject,
        sender=reply.sender,
        sender_name=reply.sender_name,
        subject=reply.subject,
        text=reply.text,
        attachments=[AttachmentPublic.model_validate(attachment) for attachment in reply.attachments],
        topics=reply.topics,
        original_complete=reply.original_complete,
        written_at=reply.written_at,
        received_at=reply.received_at,
        read_at=reply.read_at,
        read_by=reply.read_by,
        answered_at=reply.answered_at,
        answered_by=reply.answered_by,
        answer_status=answer_status,
    )


def _not_found(reply_id: uuid.UUID) -> NotFound:
    return NotFound(f"no reply {reply_id}", message_fr=f"aucune réponse {reply_id}")
