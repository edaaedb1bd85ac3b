"""Legal's procedures consume intake's case events and dunning's exhaustions in any order against each other,
redelivered and across a crash: the cases, prescription interruptions and proposals must end as when every event
arrives in the order it happened. Intake consumes legal's procedures (a procedure opened or closed, an administrator's
payment) in any order against dunning's and the bailiffs' reports on the cases it holds."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from shared.audit import AuditEntry
from shared.db import make_engine
from shared.events.dunning import DunningExhausted
from shared.events.intake import CaseStatusChanged, CaseValidated
from shared.events.legal import FundsCollected
from shared.events.legal_procedures import AdministratorPaid, ProcedureClosed, ProcedureOpened
from workbench.testing.convergence import Convergence
from workbench.testing.projections import projection_tables, table_rows
from workbench.testing.recordings import Recorded, recorded

from .conftest import RUNS
from intake.cases.models import Case
from intake.config import Settings as IntakeSettings
from intake.handlers import HANDLERS as INTAKE_HANDLERS
from intake.ledger.models import Payment
from legal.handlers import PROCEDURES_HANDLERS

IN_ORDER = "in-order"
LEAN = ("alpha-dupont", "alpha-martin")
"""a case with debtor payments, and one paid in full and closed meanwhile: what legal's handlers act on (intake's
status changes before a validation, which carries the status, are left out: legal ignores them)"""
LEGAL_TYPES = {cls.type for cls in PROCEDURES_HANDLERS}


def type_of(event: Recorded) -> str:
    return str(json.loads(event.value)["type"])


def exhausted(case: dict, clock, *, legal_allowed: bool, on: date) -> Recorded:
    event = DunningExhausted(
        case_id=case["id"],
        creditor_id=case["creditor_id"],
        debtor_id=case["debtor"]["id"],
        scenario="default-fr",
        exhausted_on=on,
        legal_allowed=legal_allowed,
        balance=Decimal("1000.00"),
    )
    return recorded(event, subject=case["id"], tenant=case["creditor_id"], clock=clock)


@pytest.fixture
def legal_database(settings_for):
    engines = []

    def make():
        settings = settings_for("legal")
        engine = make_engine(settings.database_url)
        engines.append(engine)
        return settings, engine

    yield make
    for engine in engines:
        engine.dispose()


def test_legals_cases_and_proposals_converge_whatever_dunnings_exhaustions_overtake(rich_flow, legal_database, clock):
    cases = rich_flow.cases
    lean = {cases[name]["id"] for name in LEAN}
    intake_events, validated = [], set()
    for event in rich_flow.events:
        if event.key not in lean or type_of(event) not in LEGAL_TYPES:
            continue
        if type_of(event) == CaseValidated.type:
            validated.add(event.key)
        elif type_of(event) == CaseStatusChanged.type and event.key not in validated:
            continue
        intake_events.append(event)
    assert {type_of(e).split(".")[3] for e in intake_events} == {"validated", "status_changed", "recorded", "closed"}
    dunning_events = [
        exhausted(cases["alpha-dupont"], clock, legal_allowed=False, on=date(2026, 10, 1)),
        exhausted(cases["alpha-martin"], clock, legal_allowed=True, on=date(2026, 10, 4)),  # paid meanwhile
    ]

    def snapshot(session: Session):
        return projection_tables(session, ignore={"legal_proposals": ("id",)})

    settings, engine = legal_database()
    expected = Convergence(
        engine=engine, settings=settings, handlers=PROCEDURES_HANDLERS, clock=clock, snapshot=snapshot
    ).check([replace(e, topic=IN_ORDER) for e in intake_events + dunning_events], runs=1)
    settings, engine = legal_database()
    projection = Convergence(
        engine=engine, settings=settings, handlers=PROCEDURES_HANDLERS, clock=clock, snapshot=snapshot
    ).check(intake_events + dunning_events, runs=RUNS)

    assert projection == expected, "as when every event arrives in the order it happened"
    assert len(projection["legal_cases"]) == 2
    statuses = sorted(row[3] for row in projection["legal_proposals"])  # case_id, creditor_id, debtor_id, status
    assert statuses == ["closing_proposed", "withdrawn"]
    assert projection["legal_prescription_interruptions"], "debtor payments restart prescription"


def test_intake_takes_legals_procedures_whatever_their_order_against_the_bailiffs_reports(rich_flow, clock):
    settings = IntakeSettings(database_url=rich_flow.intake_database_url, profile="test", kafka_topic_prefix="conv.")
    cases = rich_flow.cases
    dupont, durand = cases["alpha-dupont"], cases["alpha-durand"]

    def legal(case: dict, event) -> Recorded:
        return recorded(event, subject=case["id"], tenant=case["creditor_id"], clock=clock)

    def opened(case: dict, procedure_id: str | None = None) -> Recorded:
        return legal(
            case,
            ProcedureOpened(
                case_id=case["id"],
                creditor_id=case["creditor_id"],
                debtor_id=case["debtor"]["id"],
                procedure_id=procedure_id or str(uuid.uuid4()),
                kind="injonction_de_payer",
                court="tribunal_de_commerce",
                opened_on=date(2026, 10, 5),
                approved_by="supervisor-1",
            ),
        )

    def paid(case: dict, amount: str, reference: str) -> Recorded:
        return legal(
            case,
            AdministratorPaid(
                case_id=case["id"],
                creditor_id=case["creditor_id"],
                claim_id=str(uuid.uuid4()),
                amount=Decimal(amount),
                paid_on=date(2026, 10, 2),
                reference=reference,
            ),
        )

    def collected(case: dict, amount: str, reference: str) -> Recorded:
        event = FundsCollected(
            mission_id=str(uuid.uuid4()),
            case_id=case["id"],
            creditor_id=case["creditor_id"],
            amount=amount,
            currency="EUR",
            collected_on="2026-10-01",
            reference=reference,
        )
        return legal(case, event)

    def closed(case: dict, procedure_id: str) -> Recorded:
        event = ProcedureClosed(
            case_id=case["id"],
            creditor_id=case["creditor_id"],
            procedure_id=procedure_id,
            last_state="enforcement",
            closed_on=date(2026, 10, 20),
        )
        return legal(case, event)

    dupont_procedure = str(uuid.uuid4())
    events = [
        opened(dupont, dupont_procedure),
        collected(dupont, "40.00", "PV-dupont-2"),
        paid(durand, "25.00", "MJ-durand-1"),
        opened(durand),
        closed(dupont, dupont_procedure),
    ]

    def snapshot(session: Session):
        return {
            "statuses": sorted((str(c.id), c.status) for c in session.exec(select(Case)).all()),
            "payments": sorted(
                (str(p.case_id), p.reference, str(p.amount), p.source)
                for p in session.exec(select(Payment)).all()
                if p.reference.startswith(("MJ-", "PV-dupont-2"))
            ),
            "allocations": table_rows(session, "payment_allocations", ignore=("id", "payment_id")),
            "procedures_closed": sorted(
                (entry.entity_id, entry.details["procedure_id"], entry.details["last_state"])
                for entry in session.exec(select(AuditEntry).where(AuditEntry.action == "case.procedure_closed"))
            ),
        }

    engine = make_engine(rich_flow.intake_database_url)
    try:
        projection = Convergence(
            engine=engine, settings=settings, handlers=INTAKE_HANDLERS, clock=clock, snapshot=snapshot
        ).check(events, runs=RUNS)
    finally:
        engine.dispose()

    statuses = dict(projection["statuses"])
    assert statuses[dupont["id"]] == statuses[durand["id"]] == "legal", "a procedure's close leaves the legal phase"
    assert projection["procedures_closed"] == [(dupont["id"], dupont_procedure, "enforcement")], "written once"
    assert {(ref, amount, source) for _, ref, amount, source in projection["payments"]} == {
        ("PV-dupont-2", "40.00", "bailiff"),
        ("MJ-durand-1", "25.00", "debtor_to_agency"),
    }, "each payment posted once"
