"""The portal's case timeline ends the same whatever order intake's, dunning's and legal's events reach it in,
redelivered and across a crash: the entries, and the order a case's timeline lists them in, are those of the run
where every event arrives in the order it happened.

A lean flow keeps the check short at 200 interleavings: one validated case of the rich flow (see conftest), paid in
part by a bailiff, its debtor's e-mail forgotten and phone corrected, and the reminder, bounce, promise, formal
notice, dispute, court procedure, collection and the procedure's close that follow, 16 events in all: the
interleavings, not the size of the flow, find an order-dependent handler."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session

from shared.auth import Principal, Role
from shared.db import make_engine
from shared.events.base import Event
from shared.events.dunning import (
    DisputeOpened,
    FormalNoticeSent,
    MessageDelivered,
    MessageSent,
    PromiseMade,
    ReplyReceived,
)
from shared.events.legal import FundsCollected
from shared.events.legal_procedures import ProcedureClosed, ProcedureOpened
from workbench.testing.convergence import Convergence
from workbench.testing.projections import table_rows
from workbench.testing.recordings import Recorded, recorded

from .conftest import RUNS
from portal.timeline.reading import read_timeline
from portal.timeline.recording import TIMELINE_HANDLERS

IN_ORDER = "in-order"
"""one topic of one partition: a flow moved onto it is delivered in the order it was recorded"""
TOLD = ("beta-dupont",)
STAFF = Principal(subject="agent-1", role=Role.AGENT)
START = datetime(2026, 10, 5, 9, tzinfo=UTC)
"""the rich flow's instant: intake's events are all recorded at it"""


def type_of(event: Recorded) -> str:
    return str(json.loads(event.value)["type"])


class Later:
    """What dunning and legal say about the flow's cases in the weeks after intake placed them: each event at its
    own instant, the clock put back afterwards."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.start = clock.now()
        self.events: list[Recorded] = []

    def at(self, days: int, case: dict, event_cls: type[Event], **fields) -> dict:
        self.clock.set(self.start + timedelta(days=days))
        if "debtor_id" in event_cls.model_fields:
            fields["debtor_id"] = case["debtor"]["id"]
        event = event_cls(case_id=case["id"], creditor_id=case["creditor_id"], **fields)
        self.events.append(recorded(event, subject=case["id"], tenant=case["creditor_id"], clock=self.clock))
        self.clock.set(self.start)
        return fields


def message_id(days: int) -> str:
    return str(uuid.UUID(int=days))


def message(channel: str, subject: str, days: int) -> dict:
    return {
        "message_id": message_id(days),
        "step": f"{channel}-{days}",
        "channel": channel,
        "template": "reminder",
        "language": "fr",
        "subject": subject,
        "content_sha256": "0" * 64,
        "sent_at": START + timedelta(days=days),
    }


@pytest.fixture
def portal_database(settings_for):
    engines = []

    def make():
        settings = settings_for("portal")
        engine = make_engine(settings.database_url)
        engines.append(engine)
        return settings, engine

    yield make
    for engine in engines:
        engine.dispose()


def test_the_case_timeline_converges_whatever_the_order_of_intakes_dunnings_and_legals_events(
    rich_flow, portal_database, clock
):
    cases = rich_flow.cases
    told = {cases[name]["id"] for name in TOLD}
    types = {t for cls in TIMELINE_HANDLERS for t in (cls.type, *cls.supersedes)}
    intake_events = [e for e in rich_flow.events if e.key in told and type_of(e) in types]
    beta = cases["beta-dupont"]
    later = Later(clock)
    assert later.start == START
    later.at(5, beta, MessageSent, **message("email", "Facture B-F1 impayée", 5))
    later.at(
        6, beta, MessageDelivered, message_id=message_id(5), channel="email", status="bounced", on=date(2026, 10, 11)
    )
    later.at(
        8,
        beta,
        ReplyReceived,
        reply_id="r-1",
        message_id=message_id(5),
        received_at=START + timedelta(days=8),
        attachments=1,
    )
    later.at(9, beta, PromiseMade, promise_id="p-1", amount=Decimal("200.00"), due_on=date(2026, 10, 20))
    later.at(20, beta, MessageSent, **message("formal_notice", "Mise en demeure B-1", 20))
    later.at(20, beta, FormalNoticeSent, message_id=message_id(20), sent_on=date(2026, 10, 25))
    later.at(22, beta, DisputeOpened, dispute_id="d-1", reason="marchandise non livrée", opened_on=date(2026, 10, 27))
    later.at(
        30,
        beta,
        ProcedureOpened,
        procedure_id="proc-1",
        kind="injonction_de_payer",
        court="tribunal_de_commerce",
        opened_on=date(2026, 11, 4),
        approved_by="supervisor-1",
    )
    later.at(
        40,
        beta,
        FundsCollected,
        mission_id="m-1",
        amount=Decimal("150.00"),
        currency="EUR",
        collected_on=date(2026, 11, 14),
        reference="PV-2026-201",
    )
    later.at(50, beta, ProcedureClosed, procedure_id="proc-1", last_state="enforcement", closed_on=date(2026, 11, 24))
    events = intake_events + later.events
    assert {type_of(e).split(".")[1] for e in events} == {"intake", "dunning", "legal"}

    def snapshot(session: Session) -> dict:
        listed = {
            case_id: [
                (entry.at, entry.service, entry.type, entry.summary_en)
                for entry in read_timeline(
                    session=session, case_id=uuid.UUID(case_id), principal=STAFF, intake=None, offset=0, limit=200
                )[0]
            ]
            for case_id in sorted(told)
        }
        return {"entries": table_rows(session, "timeline_entries"), "listed": listed}

    settings, engine = portal_database()
    expected = Convergence(
        engine=engine, settings=settings, handlers=TIMELINE_HANDLERS, clock=clock, snapshot=snapshot
    ).check([replace(event, topic=IN_ORDER) for event in events], runs=1)
    settings, engine = portal_database()
    projection = Convergence(
        engine=engine, settings=settings, handlers=TIMELINE_HANDLERS, clock=clock, snapshot=snapshot
    ).check(events, runs=RUNS)

    assert projection == expected, "as when every event arrives in the order it happened"
    beta_listed = projection["listed"][beta["id"]]
    assert [at for at, *_ in beta_listed] == sorted(at for at, *_ in beta_listed)
    assert [kind for _, service, kind, _ in beta_listed if service != "intake"] == [
        "message.sent",
        "message.delivered",
        "reply.received",
        "promise.made",
        "message.sent",
        "formal_notice.sent",  # the same instant as its message: after it, whatever the arrival
        "dispute.opened",
        "procedure.opened",
        "mission.funds_collected",
        "procedure.closed",
    ]
    assert [kind for _, _, kind, _ in beta_listed[:2]] == ["case.opened", "case.validated"]
    told_by_intake = [(kind, text) for _, service, kind, text in beta_listed if service == "intake"]
    assert ("debtor.contacts_corrected", "Debtor's contact details corrected: e-mail and phone") in told_by_intake
