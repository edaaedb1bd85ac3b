"""Legal hears that funds a bailiff collected were reversed, whatever the delivery order (issue 12, finding 5).

The flow is intake's real outbox: a case validated for a creditor whose mandate allows legal action, funds a
bailiff collected on a mission (recorded by intake under the mission-scoped reference legal gives them) and a
payment from the debtor, then both reversed. Legal holds the mission and its funds report (as the partner API
left them) before the rest arrives in every interleaving: the funds report must end marked reversed with the
reason, the debtor's payment must leave the mission alone, and a reversal of funds legal does not hold waits.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from shared.db import make_engine
from shared.events.intake import PaymentReversed
from shared.waiting_room import PrerequisiteMissing, count_parked
from workbench.testing.convergence import Convergence
from workbench.testing.projections import projection_tables
from workbench.testing.recordings import Recorded, recorded_from_outbox

from .conftest import RUNS, _debtor, _invoice
from .test_dunning_consumers_converge import _CreditorsWithMandates, in_order
from intake.main import create_app as create_intake
from legal.handlers import HANDLERS
from legal.partners.funds_reversals import on_payment_reversed
from legal.partners.models import Mission, MissionReport, Partner

REASON = "the bailiff's transfer was for another file"
MISSION = uuid.UUID("6f0c2a1e-1d2b-4c3d-8e4f-5a6b7c8d9e0f")


@dataclass
class Flow:
    first_part: list[Recorded]
    rest: list[Recorded]
    case_id: str
    creditor_id: str


def _consumed(events: list[Recorded]) -> list[Recorded]:
    types = {t for cls in HANDLERS for t in (cls.type, *cls.supersedes)}
    return [e for e in events if json.loads(e.value)["type"] in types]


@pytest.fixture
def flow(settings_for, clock, verifier, issue_token, tmp_path) -> Iterator[Flow]:
    clock.set(datetime(2026, 10, 5, 9, 0, tzinfo=UTC))
    settings = settings_for("intake", documents_dir=tmp_path / "documents", agency_iban="FR7630006000011234567890189")
    with TestClient(create_intake(settings, clock=clock, verifier=verifier)) as client:
        client.headers["Accept-Language"] = "en"
        intake = _CreditorsWithMandates(client, issue_token)
        alpha = intake.registered(
            "Alpha Fournitures", "552100554", email="treso@alpha.example", phases=["amicable", "legal"]
        )
        case = intake.case(
            alpha, "L-1", _debtor("Dupont SARL", "732829320"), [_invoice("L-F1", "2026-05-01", "2026-06-01", "1000.00")]
        )
        engine = client.app.state.runtime.engine
        first_part = recorded_from_outbox(engine)
        payments = [
            intake.ok(
                "POST",
                "/api/v1/payments",
                intake.agent,
                json={
                    "case_id": case["id"],
                    "amount": amount,
                    "currency": "EUR",
                    "received_on": "2026-10-02",
                    "source": source,
                    "reference": reference,
                },
            )
            for amount, source, reference in (
                ("300.00", "bailiff", f"bailiff:{MISSION}:R-1"),
                ("100.00", "debtor_to_agency", "VIR-L-1"),
            )
        ]
        for payment in payments:
            intake.ok("POST", f"/api/v1/payments/{payment['id']}/reversal", intake.agent, json={"reason": REASON})
        yield Flow(
            first_part=_consumed(first_part),
            rest=_consumed(recorded_from_outbox(engine)[len(first_part) :]),
            case_id=case["id"],
            creditor_id=case["creditor_id"],
        )


def _legal_with_the_mission(settings_for, clock, flow: Flow, *, with_report: bool = True):
    settings = settings_for("legal")
    engine = make_engine(settings.database_url)
    Convergence(engine=engine, settings=settings, handlers=HANDLERS, clock=clock, snapshot=projection_tables).check(
        in_order(flow.first_part), runs=1
    )
    with Session(engine) as session, session.begin():
        partner = Partner(kind="bailiff", name="SCP Huissiers Réunis", created_at=clock.now())
        session.add(partner)
        session.flush()
        session.add(
            Mission(
                id=MISSION,
                case_id=uuid.UUID(flow.case_id),
                creditor_id=uuid.UUID(flow.creditor_id),
                partner_id=partner.id,
                kind="amicable_collection",
                case_reference="L-1",
                assigned_by="agent-1",
                assigned_at=clock.now(),
                updated_at=clock.now(),
            )
        )
        session.flush()
        if with_report:
            session.add(
                MissionReport(
                    mission_id=MISSION,
                    case_id=uuid.UUID(flow.case_id),
                    type="funds_collected",
                    occurred_on=date(2026, 10, 2),
                    amount=Decimal("300.00"),
                    currency="EUR",
                    reference="R-1",
                    reported_by="partner",
                    recorded_at=clock.now(),
                )
            )
    return settings, engine


def _funds(session: Session) -> list[tuple[object, ...]]:
    return [(r.reference, r.reversed_on, r.reversal_reason) for r in session.exec(select(MissionReport)).all()]


def test_legal_marks_the_funds_report_of_a_reversed_bailiff_payment_whatever_the_order(flow, settings_for, clock):
    assert PaymentReversed.type in {json.loads(e.value)["type"] for e in flow.rest}
    settings, engine = _legal_with_the_mission(settings_for, clock, flow)
    try:
        Convergence(
            engine=engine,
            settings=settings,
            handlers=HANDLERS,
            clock=clock,
            snapshot=lambda session: projection_tables(session, skip=("partners", "legal_missions")),
        ).check(flow.rest, runs=RUNS)
        with Session(engine) as session:
            funds = _funds(session)
            parked = count_parked(session)
    finally:
        engine.dispose()

    assert funds == [("R-1", date(2026, 10, 5), REASON)]
    assert parked == 0, "the debtor's own payment is nothing to legal"


def test_a_reversal_of_funds_legal_does_not_hold_waits_in_the_waiting_room(flow, settings_for, clock):
    """Only a restored database can lack the report (legal records it before telling intake): the reversal is
    parked (PrerequisiteMissing), not dropped, until the report is there."""
    [reversal] = [
        PaymentReversed.model_validate(json.loads(e.value)["data"])
        for e in flow.rest
        if json.loads(e.value)["type"] == PaymentReversed.type and f"bailiff:{MISSION}" in e.value.decode()
    ]
    _settings, engine = _legal_with_the_mission(settings_for, clock, flow, with_report=False)
    try:
        with Session(engine) as session, pytest.raises(PrerequisiteMissing):
            on_payment_reversed(session=session, event=reversal, envelope=None, clock=clock)
    finally:
        engine.dispose()
