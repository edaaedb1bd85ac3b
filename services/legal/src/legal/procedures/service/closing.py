"""What a case's closing in intake (`case.closed`: paid, settled, written off, withdrawn, insolvency) does to its
legal action, whichever of the closing and the action legal hears of first:

- a proposal to go to court still pending is withdrawn (`withdraw_on_closing`);
- a payment-order request drawn up but not filed is closed: nothing was brought before the court;
- a procedure before the court is raised to staff at once (`closing_due`), and stays raised until they record it
  closed: only the agency's own act (a withdrawal, a seizure lifted) ends it;
- then (`legal.handlers.on_case_closed`, after this module's `end_procedures` has taken the case's row) every
  bailiff mission still open is withdrawn and its bailiff told by webhook; what the bailiff did until that day
  (funds collected, costs, acts) is still taken (`legal.partners.missions.end_on_closing`).

A procedure or a mission that a person starts while the closing is handled either sees the case closed or is seen
by the closing: the mission's assignment reads the case's row under a share lock; a procedure opened in that
instant is found by the daily watch, which raises the same alert."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlmodel import Session, col, select

from shared.clock import Clock, today_in_paris
from shared.events.intake import CaseClosed

from legal.domain.states import CLOSED, OPENED
from legal.procedures.models import LegalCase, Procedure
from legal.procedures.service.cases import record_status
from legal.procedures.service.opening import ENDED
from legal.procedures.service.proposals import withdraw_on_closing
from legal.procedures.service.steps import move
from legal.procedures.service.watch import DueItem, closing_item, raise_once

NOT_FILED = "the case closed before the request was filed"
CLOSING = "closing"  # who recorded a step the closing took


def end_procedures(*, session: Session, event: CaseClosed, clock: Clock) -> None:
    """The closing recorded, the case's row held until commit; nothing more when legal does not know the case."""
    case = record_status(session=session, event=event)
    if case is not None:
        withdraw_on_closing(session=session, case_id=uuid.UUID(event.case_id))
        end_alive_procedures(session, case, clock=clock, by=CLOSING, not_filed=NOT_FILED, raised=closing_item)


def end_alive_procedures(
    session: Session,
    case: LegalCase,
    *,
    clock: Clock,
    by: str,
    not_filed: str,
    raised: Callable[[LegalCase, uuid.UUID], DueItem],
) -> None:
    """What ends a case's legal action (its closing, its debtor's insolvency proceedings) does to each procedure
    still alive: a request not yet filed is closed (`not_filed` says why, `by` who), one before the court is raised
    to staff at once (the `raised` item) until they record it closed."""
    today = today_in_paris(clock)
    alive = session.exec(
        select(Procedure)
        .where(Procedure.case_id == case.case_id, col(Procedure.state).not_in(ENDED))
        .order_by(col(Procedure.created_at), col(Procedure.id))
        .with_for_update()
    ).all()
    for procedure in alive:
        if procedure.state == OPENED:
            move(session, procedure, CLOSED, on=today, by=by, clock=clock, note=not_filed)
            continue
        raise_once(session, raised(case, procedure.id), today=today, clock=clock)
