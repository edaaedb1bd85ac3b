"""What the debtor's insolvency proceedings, opened while its case was under collection, do to the case's legal
action (intake's `case.status_changed` to claim declaration; L622-21 C. com.: individual actions for a claim that
arose before the judgment are interrupted or forbidden, enforcement stops):

- the claim is to be declared to the administrator instead (`claim_to_declare`), and prescription no longer runs
  against it (the declaration interrupts it until the proceedings close);
- a proposal to go to court still pending is withdrawn;
- a payment-order request drawn up but not filed is closed: nothing was brought before the court;
- a procedure before the court is raised to staff at once (`stay_due`), until they record it ended;
- then (`legal.handlers.on_case_status_changed`) every bailiff mission still open is withdrawn and its bailiff told
  (`legal.partners.missions.end_on_stay`).

A second delivery of the event finds all of it done and changes nothing. When legal does not know the case yet,
its validation, which comes after, carries the status and declares the claim."""

from __future__ import annotations

from sqlmodel import Session, col, select

from shared.clock import Clock, today_in_paris
from shared.events.intake import CaseStatusChanged

from legal.procedures.models import LegalCase, Proposal
from legal.procedures.service.cases import record_status
from legal.procedures.service.closing import end_alive_procedures
from legal.procedures.service.insolvency import claim_to_declare
from legal.procedures.service.proposals import PENDING
from legal.procedures.service.watch import stay_item

STAYED = "claim_declaration"
NOT_FILED = "insolvency proceedings opened before the request was filed (L622-21 C. com.)"
WITHDRAWN = "insolvency proceedings opened on the debtor: individual actions are stayed (L622-21 C. com.)"
STAY = "insolvency_stay"  # who recorded a step the stay took


def stay_case(*, session: Session, event: CaseStatusChanged, clock: Clock) -> LegalCase | None:
    """The stay recorded on the case's row, held until commit; None when legal does not know the case."""
    case = record_status(session=session, event=event)
    if case is None or event.to_status != STAYED:
        return case
    today = today_in_paris(clock)
    if case.stayed_on is None:
        case.stayed_on = today
    case.insolvency = True
    session.add(case)
    claim_to_declare(session=session, case=case, clock=clock, deadline=event.claim_deadline)
    for proposal in session.exec(
        select(Proposal).where(Proposal.case_id == case.case_id, col(Proposal.status).in_(PENDING))
    ):
        proposal.status, proposal.decision_note = "withdrawn", WITHDRAWN
        session.add(proposal)
    end_alive_procedures(session, case, clock=clock, by=STAY, not_filed=NOT_FILED, raised=stay_item)
    return case
