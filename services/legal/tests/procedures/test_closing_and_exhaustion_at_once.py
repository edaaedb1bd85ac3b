"""A case closed in intake while its dunning runs out: the closing comes on `intake.cases`, the exhaustion on
`dunning.actions`, and two legal workers handle them at the same moment. Whichever commits second waits for the
first, then sees it: no proposal stays pending on a closed case, and no procedure is opened on it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from sqlmodel import Session, select

from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseClosed, CaseValidated
from workbench.testing.interleaving import beside, in_transaction

from .conftest import exhausted
from legal.handlers import PROCEDURES_HANDLERS
from legal.procedures.models import Procedure, Proposal


def handle(legal, session: Session, event: Event, subject: str) -> None:
    envelope = CloudEvent.wrap(event, subject=subject, tenant=None, time=legal.clock.now())
    PROCEDURES_HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=legal.clock)


def interleave(legal, first: Callable[[Session], None], second: Callable[[Session], None]) -> None:
    """`first` applied in an open transaction; `second` in another, on its own thread, until it waits for `first`'s
    locks (or finishes without); then `first` commits, and `second` goes on and commits."""
    beside(legal.engine, first, in_transaction(legal.engine, second))


def closing(case: CaseValidated) -> CaseClosed:
    return CaseClosed(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        reason="paid",
        closed_on=date(2026, 11, 24),
    )


def proposals_and_procedures(legal, case: CaseValidated) -> tuple[list[tuple[str, str | None]], list[Procedure]]:
    case_id = uuid.UUID(case.case_id)
    with Session(legal.engine) as session:
        proposals = session.exec(select(Proposal).where(Proposal.case_id == case_id)).all()
        procedures = session.exec(select(Procedure).where(Procedure.case_id == case_id)).all()
        return [(p.status, p.decision_note) for p in proposals], list(procedures)


def test_an_exhaustion_handled_while_the_case_closes_leaves_no_proposal_and_opens_no_procedure(legal):
    """The mandate pre-approved going to court: an exhaustion that read the case as still open opened a payment
    order on a case intake had just closed (the debtor paid)."""
    case = legal.validate_case()
    policy = legal.client.put(
        f"/api/v1/legal/creditors/{case.creditor_id}/escalation",
        json={"preapproved": True},
        headers=legal.headers("supervisor"),
    )
    assert policy.status_code == 200, policy.text
    ran_out = exhausted(case, legal_allowed=True, balance="1275.12", on=date(2026, 11, 24))

    interleave(
        legal,
        lambda session: handle(legal, session, closing(case), case.case_id),
        lambda session: handle(legal, session, ran_out, case.case_id),
    )

    proposals, procedures = proposals_and_procedures(legal, case)
    assert proposals == [("withdrawn", "the case was closed before a decision")]
    assert procedures == []
    assert legal.outbox("recouvra.legal.procedure.opened.v1") == []


def test_a_case_closed_while_its_exhaustion_is_handled_withdraws_the_proposal(legal):
    case = legal.validate_case()
    ran_out = exhausted(case, legal_allowed=True, balance="1275.12", on=date(2026, 11, 24))

    interleave(
        legal,
        lambda session: handle(legal, session, ran_out, case.case_id),
        lambda session: handle(legal, session, closing(case), case.case_id),
    )

    proposals, _ = proposals_and_procedures(legal, case)
    assert proposals == [("withdrawn", "the case was closed before a decision")]
