"""The language a debtor asks to be written to in, from its own page (the portal, for the debtor holding its link)
or through an agent: kept on the shared record, it outranks what any of its creditors said (`cases.views`), for
every case of every creditor, since it is the debtor's own wish."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock

from intake.debtors.models import Debtor
from intake.debtors.records import get_debtor, surviving


def choose_language(*, session: Session, debtor_id: uuid.UUID, language: str, clock: Clock, actor: Principal) -> Debtor:
    """The record's language set, on the record a merge kept when the link names a merged one; said again, nothing
    changes and nothing is audited twice."""
    debtor = surviving(session, get_debtor(session=session, debtor_id=debtor_id))
    if debtor.language != language:
        audit(
            session,
            actor=actor,
            action="debtor.language_chosen",
            entity="debtor",
            entity_id=debtor.id,
            clock=clock,
            language=language,
            before=debtor.language,
        )
        debtor.language = language
        session.add(debtor)
        session.commit()
    return debtor
