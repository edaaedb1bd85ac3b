"""A debtor's opt-outs: a channel the debtor asked not to be contacted on, for every creditor's case
(docs/rules.md §9.2). The scheduler skips a step on such a channel and moves to the next one.

A formal notice and a registered letter cannot be opted out of: they are how the law lets a creditor put a debtor
on notice, and what starts the consumer's legal interest."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Invalid, NotFound

from dunning.cases.models import DunningCase
from dunning.responses.models import OptOut
from dunning.responses.responses import opt_out

OPTIONAL_CHANNELS = ("email", "sms", "phone", "letter")


def _known_debtor(session: Session, debtor_id: uuid.UUID) -> None:
    if session.exec(select(DunningCase.case_id).where(DunningCase.debtor_id == debtor_id).limit(1)).first() is None:
        raise NotFound(
            f"dunning has no case of debtor {debtor_id}",
            field="debtor_id",
            message_fr=f"aucun dossier en relance pour le débiteur {debtor_id}",
        )


def record_opt_out(
    *, session: Session, debtor_id: uuid.UUID, channel: str, principal: Principal, clock: Clock
) -> OptOut:
    """Idempotent: opting out of a channel twice keeps the first record."""
    _known_debtor(session, debtor_id)
    if channel not in OPTIONAL_CHANNELS:
        raise Invalid(
            f"channel: a debtor cannot opt out of {channel} (a formal notice and a registered letter put the "
            f"debtor on notice); channels: {', '.join(OPTIONAL_CHANNELS)}",
            field="channel",
            message_fr=f"channel : un débiteur ne peut pas refuser le canal {channel} (la mise en demeure et la "
            f"lettre recommandée valent mise en demeure) ; canaux : {', '.join(OPTIONAL_CHANNELS)}",
        )
    opt_out(session=session, debtor_id=debtor_id, channel=channel, clock=clock)
    audit(
        session,
        actor=principal,
        action="opt_out.recorded",
        entity="debtor",
        entity_id=debtor_id,
        clock=clock,
        channel=channel,
    )
    record = session.exec(select(OptOut).where(OptOut.debtor_id == debtor_id, OptOut.channel == channel)).one()
    return record


def lift_opt_out(*, session: Session, debtor_id: uuid.UUID, channel: str, principal: Principal, clock: Clock) -> None:
    record = session.exec(select(OptOut).where(OptOut.debtor_id == debtor_id, OptOut.channel == channel)).first()
    if record is None:
        raise NotFound(
            f"debtor {debtor_id} has not opted out of {channel}",
            field="channel",
            message_fr=f"le débiteur {debtor_id} n'a pas refusé le canal {channel}",
        )
    session.delete(record)
    audit(
        session,
        actor=principal,
        action="opt_out.lifted",
        entity="debtor",
        entity_id=debtor_id,
        clock=clock,
        channel=channel,
    )


def list_opt_outs(*, session: Session, debtor_id: uuid.UUID) -> list[OptOut]:
    _known_debtor(session, debtor_id)
    return list(session.exec(select(OptOut).where(OptOut.debtor_id == debtor_id).order_by(col(OptOut.at))).all())
