"""Intake consumes legal's InsuranceIndemnityPaid: each indemnity is posted once on its case as a payment of origin
`insurer` (the insurer paid the creditor and is subrogated for that part), whatever the order, duplicates and
crashes; the agency holds none of it, takes no commission and gives the debtor no receipt. An indemnity for a case
intake does not hold yet waits in the waiting room; one naming another creditor or a closed case is refused."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from shared.consumer import EventRefused
from shared.db import make_engine
from shared.events.envelope import CloudEvent
from shared.events.legal_insurance import InsuranceIndemnityPaid
from shared.waiting_room import PrerequisiteMissing
from workbench.testing.convergence import Convergence
from workbench.testing.projections import table_rows
from workbench.testing.recordings import recorded

from .conftest import RUNS
from intake.cases.models import Case
from intake.config import Settings as IntakeSettings
from intake.handlers import HANDLERS as INTAKE_HANDLERS
from intake.ledger.insurer_indemnities import on_insurance_indemnity_paid
from intake.ledger.models import Payment


def indemnity(case: dict, amount: str, *, creditor_id: str | None = None) -> InsuranceIndemnityPaid:
    claim_id = str(uuid.uuid4())
    return InsuranceIndemnityPaid(
        claim_id=claim_id,
        case_id=case["id"],
        creditor_id=creditor_id or case["creditor_id"],
        insurer_id=str(uuid.uuid4()),
        amount=Decimal(amount),
        currency="EUR",
        paid_on=date(2026, 10, 1),
        reference=f"INDEMNITE-{claim_id}",
    )


def test_intakes_ledger_converges_on_insurance_indemnities_whatever_their_order(rich_flow, clock):
    engine = make_engine(rich_flow.intake_database_url)
    settings = IntakeSettings(database_url=rich_flow.intake_database_url, profile="test", kafka_topic_prefix="conv.")
    try:
        paid = [
            indemnity(rich_flow.cases["alpha-dupont"], "200.00"),
            indemnity(rich_flow.cases["beta-dupont"], "500.00"),
            indemnity(rich_flow.cases["alpha-durand"], "100.00"),
        ]
        events = [recorded(e, subject=e.case_id, tenant=e.creditor_id, clock=clock) for e in paid]

        def snapshot(session: Session):
            payments = session.exec(select(Payment).where(Payment.source == "insurer")).all()
            return {
                "payments": sorted(
                    (str(p.case_id), p.reference, str(p.amount), str(p.commission), str(p.held), p.receipt_number)
                    for p in payments
                ),
                "allocations": table_rows(session, "payment_allocations", ignore=("id", "payment_id")),
                "outstanding": table_rows(session, "invoices", ignore=("updated_at",)),
            }

        projection = Convergence(
            engine=engine, settings=settings, handlers=INTAKE_HANDLERS, clock=clock, snapshot=snapshot
        ).check(events, runs=RUNS)
    finally:
        engine.dispose()

    assert [(p[1], p[2], p[3], p[4], p[5]) for p in sorted(projection["payments"], key=lambda p: p[1])] == sorted(
        (e.reference, str(e.amount), "0.00", "0.00", None) for e in paid
    ), "each indemnity once: no commission, nothing held by the agency, no receipt to the debtor"


def test_an_indemnity_waits_for_its_case_and_is_refused_for_another_creditor_or_a_closed_case(rich_flow, clock):
    engine = make_engine(rich_flow.intake_database_url)
    try:
        with Session(engine) as session:
            closed_case = session.get(Case, uuid.UUID(rich_flow.cases["alpha-martin"]["id"]))
            assert closed_case is not None and closed_case.status == "closed", "the flow pays A-2 in full"
        cases = {
            "unknown": {"id": str(uuid.uuid4()), "creditor_id": rich_flow.cases["alpha-dupont"]["creditor_id"]},
            "closed": rich_flow.cases["alpha-martin"],
        }
        unknown, closed = indemnity(cases["unknown"], "10.00"), indemnity(cases["closed"], "10.00")
        other = indemnity(
            rich_flow.cases["alpha-dupont"], "10.00", creditor_id=rich_flow.cases["beta-dupont"]["creditor_id"]
        )
        for event, error in ((unknown, PrerequisiteMissing), (closed, EventRefused), (other, EventRefused)):
            envelope = CloudEvent.wrap(event, subject=event.case_id, tenant=event.creditor_id, time=clock.now())
            with Session(engine) as session, pytest.raises(error):
                on_insurance_indemnity_paid(session=session, event=event, envelope=envelope, clock=clock)
    finally:
        engine.dispose()
