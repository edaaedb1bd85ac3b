"""A reversed payment converges in scoring and dunning whatever the delivery order (issue 12, finding 5).

The flow is intake's real outbox: two validated cases, one paid in full (closed as paid) then its payment reversed
(the case reopens), one paid in part then reversed, and a third paid before its validation then reversed. Scoring
must count each case's balance again from the reversal and reopen the paid one; dunning must take the balance back
and dun the reopened case again. A reversal that arrives before the payment it reverses (only a replay across topics
can do that: both travel on the case's partition) waits for it in the waiting room, and nothing is dropped.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from kafka.consumer.fetcher import ConsumerRecord
from sqlmodel import Session, select

from shared.consumer import EventConsumer
from shared.db import make_engine
from shared.events.intake import PaymentRecorded, PaymentReversed
from shared.waiting_room import count_parked
from workbench.testing.convergence import Convergence
from workbench.testing.projections import projection_tables, table_rows
from workbench.testing.recordings import Recorded, recorded_from_outbox

from .conftest import RUNS, _debtor, _invoice
from .test_dunning_consumers_converge import _CreditorsWithMandates, consumed, in_order, snapshot
from dunning.cases.models import DunningCase
from dunning.handlers import HANDLERS as DUNNING_HANDLERS
from dunning.responses.models import CasePayment
from dunning.steps.models import DunningStep
from intake.main import create_app as create_intake
from portal.timeline.recording import TIMELINE_HANDLERS
from scoring.aged_balance.balances import aged_balance
from scoring.domain.aging import DEFAULT_LIMITS
from scoring.handlers import HANDLERS as SCORING_HANDLERS
from scoring.portfolio.models import ScoringCase, ScoringInvoice

REASON = "recorded on the wrong case"


@dataclass
class ReversalFlow:
    first_part: list[Recorded]  # creditors, mandates and the validated cases
    rest: list[Recorded]  # the payments and their reversals, in the order intake recorded them
    paid_case: str
    partial_case: str
    late_case: str


def _type(event: Recorded) -> str:
    return str(json.loads(event.value)["type"])


@pytest.fixture
def reversal_flow(settings_for, clock, verifier, issue_token, tmp_path) -> Iterator[ReversalFlow]:
    clock.set(datetime(2026, 10, 5, 9, 0, tzinfo=UTC))
    settings = settings_for("intake", documents_dir=tmp_path / "documents", agency_iban="FR7630006000011234567890189")
    with TestClient(create_intake(settings, clock=clock, verifier=verifier)) as client:
        client.headers["Accept-Language"] = "en"
        intake = _CreditorsWithMandates(client, issue_token)
        alpha = intake.registered("Alpha Fournitures", "552100554", email="treso@alpha.example", phases=["amicable"])
        paid = intake.case(
            alpha, "A-1", _debtor("Dupont SARL", "732829320"), [_invoice("F1", "2026-05-01", "2026-06-01", "1000.00")]
        )
        partial = intake.case(
            alpha, "A-2", _debtor("Martin SAS", "443061841"), [_invoice("F2", "2026-06-15", "2026-07-15", "900.00")]
        )
        late = intake.case(
            alpha,
            "A-3",
            _debtor("Durand et Fils", "404833048"),
            [_invoice("F3", "2026-06-10", "2026-07-10", "640.00")],
            validate=False,
        )
        first_part = recorded_from_outbox(client.app.state.runtime.engine)

        balance = intake.ok("GET", f"/api/v1/cases/{paid['id']}/statement", alpha, params={"as_of": "2026-10-02"})[
            "balance"
        ]
        payments = [
            intake.pay(paid, balance, "2026-10-02"),
            intake.pay(partial, "200.00", "2026-10-03"),
            intake.pay(late, "100.00", "2026-10-04"),
        ]
        assert intake.ok("GET", f"/api/v1/cases/{paid['id']}", alpha)["status"] == "closed"
        intake.ok(
            "POST", f"/api/v1/cases/{late['id']}/validate", intake.agent, json={"override_reason": "documents by post"}
        )
        for payment in payments:
            intake.ok("POST", f"/api/v1/payments/{payment['id']}/reversal", intake.agent, json={"reason": REASON})
        everything = recorded_from_outbox(client.app.state.runtime.engine)
        validated_late = [e for e in everything[len(first_part) :] if "case.validated" in _type(e)]
        yield ReversalFlow(
            first_part=[*first_part, *validated_late],
            rest=[e for e in everything[len(first_part) :] if e not in validated_late],
            paid_case=paid["id"],
            partial_case=partial["id"],
            late_case=late["id"],
        )


def test_scoring_counts_a_reversed_payments_amount_again_and_reopens_the_case_it_had_closed(
    reversal_flow, settings_for, clock
):
    settings = settings_for("scoring")
    engine = make_engine(settings.database_url)
    types = {t for cls in SCORING_HANDLERS for t in (cls.type, *cls.supersedes)}
    events = [e for e in [*reversal_flow.first_part, *reversal_flow.rest] if _type(e) in types]
    assert PaymentReversed.type in {_type(e) for e in events}
    try:
        Convergence(
            engine=engine,
            settings=settings,
            handlers=SCORING_HANDLERS,
            clock=clock,
            snapshot=lambda session: projection_tables(session, skip=("scores",)),
        ).check(events, runs=RUNS)
        with Session(engine) as session:
            cases = {str(c.case_id): c for c in session.exec(select(ScoringCase)).all()}
            invoices = {str(i.case_id): i for i in session.exec(select(ScoringInvoice)).all()}
            before, after = (
                aged_balance(session=session, as_of=day, limits=DEFAULT_LIMITS).total
                for day in (date(2026, 10, 4), date(2026, 10, 5))
            )
    finally:
        engine.dispose()

    paid = cases[reversal_flow.paid_case]
    assert (paid.status, paid.closed_on, paid.outstanding) == ("amicable", None, Decimal("1000.00"))
    assert cases[reversal_flow.partial_case].outstanding == Decimal("900.00")
    assert invoices[reversal_flow.late_case].outstanding == Decimal("640.00")
    # the day before the reversals the paid case was settled and the others paid in part (indemnity and penalties
    # first, art. 1343-1 C. civ.); from the reversals' day on, every invoice's principal is owed again
    assert before < Decimal("1400.00") and after == Decimal("2540.00")


def _dunning_after_first_part(settings_for, clock, flow: ReversalFlow):
    settings = settings_for("dunning")
    engine = make_engine(settings.database_url)
    Convergence(engine=engine, settings=settings, handlers=DUNNING_HANDLERS, clock=clock, snapshot=snapshot).check(
        in_order(consumed(flow.first_part)), runs=1
    )
    return settings, engine


def _dunning_projection(settings_for, clock, flow: ReversalFlow, rest: list[Recorded], runs: int):
    settings, engine = _dunning_after_first_part(settings_for, clock, flow)
    try:
        projection = Convergence(
            engine=engine, settings=settings, handlers=DUNNING_HANDLERS, clock=clock, snapshot=snapshot
        ).check(rest, runs=runs)
        with Session(engine) as session:
            cases = {str(c.case_id): (c.status, c.balance) for c in session.exec(select(DunningCase)).all()}
            pending = {
                str(s.case_id) for s in session.exec(select(DunningStep).where(DunningStep.status == "scheduled")).all()
            }
    finally:
        engine.dispose()
    return projection, cases, pending


def test_dunning_takes_the_balance_back_and_duns_a_reopened_case_again(reversal_flow, settings_for, clock):
    rest = consumed(reversal_flow.rest)
    assert PaymentReversed.type in {_type(e) for e in rest}

    _, cases, pending = _dunning_projection(settings_for, clock, reversal_flow, rest, RUNS)

    assert cases[reversal_flow.paid_case][0] == "active" and cases[reversal_flow.paid_case][1] > Decimal("1000.00")
    assert cases[reversal_flow.partial_case][0] == "active" and cases[reversal_flow.partial_case][1] > Decimal("900.00")
    assert cases[reversal_flow.late_case][1] > Decimal("640.00")
    assert reversal_flow.paid_case in pending, "the reopened case has its next step scheduled"


def test_a_reversal_that_arrives_before_its_payment_waits_for_it_and_ends_as_if_in_order(
    reversal_flow, settings_for, clock
):
    """The payments replayed from another topic (as a v1 `intake.payments` replay would): the reversal may come
    first; it is parked, not dropped, and the projection ends the same as the flow delivered in intake's order."""
    rest = consumed(reversal_flow.rest)
    expected, _, _ = _dunning_projection(settings_for, clock, reversal_flow, in_order(rest), 1)
    apart = [replace(e, topic="intake.payments") if _type(e) == PaymentRecorded.type else e for e in rest]

    projection, cases, _ = _dunning_projection(settings_for, clock, reversal_flow, apart, RUNS)

    assert projection == expected
    assert cases[reversal_flow.paid_case][0] == "active"


def test_the_case_timeline_tells_the_reversal_whatever_the_order(reversal_flow, settings_for, clock):
    types = {t for cls in TIMELINE_HANDLERS for t in (cls.type, *cls.supersedes)}
    events = [e for e in [*reversal_flow.first_part, *reversal_flow.rest] if _type(e) in types]
    settings = settings_for("portal")
    engine = make_engine(settings.database_url)
    try:
        projection = Convergence(
            engine=engine,
            settings=settings,
            handlers=TIMELINE_HANDLERS,
            clock=clock,
            snapshot=lambda session: table_rows(session, "timeline_entries"),
        ).check(events, runs=RUNS)
    finally:
        engine.dispose()

    told = [row for row in projection if any(f"reversed: {REASON}" in str(value) for value in row)]
    assert len(told) == 3, "one entry per reversed payment, with its reason"


def _record(prefix: str, event: Recorded, offset: int) -> ConsumerRecord:
    return ConsumerRecord(
        topic=prefix + event.topic,
        partition=event.partition,
        leader_epoch=-1,
        offset=offset,
        timestamp=0,
        timestamp_type=0,
        key=event.key.encode() if event.key else None,
        value=event.value,
        headers=[],
        checksum=None,
        serialized_key_size=-1,
        serialized_value_size=-1,
        serialized_header_size=-1,
    )


def test_a_reversal_delivered_before_its_payment_is_parked_then_applied_when_the_payment_arrives(
    reversal_flow, settings_for, clock
):
    settings, engine = _dunning_after_first_part(settings_for, clock, reversal_flow)
    of_paid = [e for e in consumed(reversal_flow.rest) if e.key == reversal_flow.paid_case]
    [payment] = [e for e in of_paid if _type(e) == PaymentRecorded.type]
    consumer = EventConsumer(
        engine=engine, settings=settings, handlers=DUNNING_HANDLERS, clock=clock, consumer_factory=lambda: None
    )
    try:
        for offset, event in enumerate(e for e in of_paid if e is not payment):
            consumer.handle_record(_record(settings.kafka_topic_prefix, event, offset))
        with Session(engine) as session:
            parked_before = count_parked(session)  # the reversal, and the balance queued behind it
            case = session.get(DunningCase, uuid.UUID(reversal_flow.paid_case))
            assert case is not None and case.status == "closed"

        consumer.handle_record(_record(settings.kafka_topic_prefix, replace(payment, topic="intake.payments"), 0))

        with Session(engine) as session:
            case = session.get(DunningCase, uuid.UUID(reversal_flow.paid_case))
            assert case is not None and case.status == "active"
            assert count_parked(session) == 0
            payments = session.exec(select(CasePayment).where(CasePayment.case_id == case.case_id)).all()
    finally:
        engine.dispose()
    assert parked_before == 2
    assert len(payments) == 1
