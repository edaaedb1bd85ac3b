"""A contact detail a message already came back from: an e-mail address that bounced, a postal address a letter was
returned from (« n'habite pas à l'adresse indiquée »). Sending there again reaches nobody and, for e-mail, harms the
agency's standing with the mail providers; the scheduler skips the step and goes on with the next one until the
detail is corrected (intake's `PATCH /api/v1/cases/{id}/debtor`), after which the message goes to the new one.

A formal notice is not skipped: it is how the law puts a debtor on notice, sent by registered letter whatever came
back before, and a registered letter returned unclaimed still counts as presented."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from dunning.domain.scenarios import Channel
from dunning.messages.models import Message

# The channel, the status that says the detail does not work, and what is named in the step's note.
CAME_BACK = {Channel.EMAIL: ("bounced", "e-mail address"), Channel.LETTER: ("returned", "postal address")}


def came_back(session: Session, debtor_id: uuid.UUID, channel: Channel, recipient: str) -> str | None:
    """The step's note when a message to this very recipient came back, else None."""
    if channel not in CAME_BACK:
        return None
    status, detail = CAME_BACK[channel]
    returned = session.exec(
        select(Message.sent_at)
        .where(
            Message.debtor_id == debtor_id,
            Message.channel == channel.value,
            Message.recipient == recipient,
            Message.status == status,
        )
        .order_by(col(Message.sent_at).desc())
        .limit(1)
    ).first()
    if returned is None:
        return None
    return f"the {detail} came back ({status}) on an earlier message: correct it on the case"
