"""An agent answers a debtor's reply from the platform: an e-mail to the address the debtor wrote from, under its
subject (« RE: … »), threaded to its message (`In-Reply-To`), signed by the agency, and asked to be answered at the
tagged reply address like every e-mail to a debtor, so that the conversation stays on the case.

It is a notice, not a reminder (`responses.debtor_notices`): it answers what the debtor wrote, so no contact cap and
no opt-out holds it back (as a call-back the debtor asks for), it goes out whatever the case's status, and the
timeline says `debtor.notified` once it left. One answer per reply: the debtor's next reply is answered in turn."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict

from dunning.cases.composing import DebtorContact
from dunning.config import Settings
from dunning.messages.models import Message
from dunning.messages.reply_records import ReplyPublic, reply_public, visible_reply
from dunning.responses.debtor_notices import REPLY_ANSWER, SIGN_OFF, notice_message


class AnswerIn(BaseModel):
    text: str = Field(min_length=1, max_length=10_000, description="what the agent writes to the debtor")

    @field_validator("text")
    @classmethod
    def _written(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("write the answer: it is empty")
        return text.strip()


def answer_reply(
    *,
    session: Session,
    reply_id: uuid.UUID,
    answer_in: AnswerIn,
    contact: DebtorContact | None,
    settings: Settings,
    principal: Principal,
    clock: Clock,
) -> ReplyPublic:
    """`contact`: the debtor as intake knows it (its language), read before the reply's row is locked; None for a
    reply filed under no case, which is refused: the answer belongs on a case's record."""
    reply, case = visible_reply(session, reply_id, principal, lock=True)
    if case is None or contact is None:
        raise Conflict(
            "this reply is filed under no case yet: file it under its case first, then answer it",
            message_fr="cette réponse n'est rattachée à aucun dossier : rattachez-la d'abord à son dossier, puis "
            "répondez-y",
        )
    if reply.answer_id is not None:
        raise Conflict(
            "this reply was answered already; the debtor's next reply can be answered in turn",
            message_fr="cette réponse a déjà reçu une réponse ; la prochaine réponse du débiteur pourra l'être à son "
            "tour",
        )
    answered = session.get(Message, reply.message_id) if reply.message_id is not None else None
    language = contact.language if contact.language in SIGN_OFF else "fr"
    topic = reply.subject or (answered.subject if answered is not None else "")
    subject = topic if topic[:3].lower() in ("re:", "re ") else f"RE: {topic}".strip()
    message = notice_message(
        case=case,
        template=REPLY_ANSWER,
        language=language,
        to=(reply.sender_name, reply.sender),
        subject=subject,
        lines=answer_in.text.split("\n"),
        settings=settings,
        clock=clock,
        in_reply_to=reply.identity,
    )
    session.add(message)
    now, who = clock.now(), principal.name or principal.subject  # the agent's e-mail, as the pages show it
    reply.answer_id, reply.answered_at, reply.answered_by = message.id, now, who
    if reply.read_at is None:
        reply.read_at, reply.read_by = now, who
    session.add(reply)
    audit(
        session,
        actor=principal,
        action="reply.answered",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        reply_id=str(reply.id),
        message_id=str(message.id),
    )
    session.flush()
    return reply_public(session, reply, case)
