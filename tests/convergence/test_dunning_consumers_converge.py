"""Dunning's consumers end with the same projection whatever the order intake's events arrive in, redelivered and
across a crash: the creditors and mandates of `intake.creditors` interleave freely with the cases of `intake.cases`.

The flow is intake's real outbox. Dunning first hears, in order, of two creditors and two validated cases, and
agrees a payment plan on one and records a promise on the other (its own API's use cases); that state is where
every run starts. The rest of the flow is then delivered in `RUNS` interleavings: a third creditor and its case,
paid before dunning may have heard of the creditor (the payment waits for it: the creditor must be told) and a
document filed with it (kept, whatever dunning knows of the case), the plan
paid off and its case paid and closed, the promise kept. The projection (every dunning table but the ids dunning
draws at random, and what it published) must equal the one of the rest delivered in the order intake recorded it.
"""

from __future__ import annotations

import io
import json
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel, select

from shared.auth import Principal, Role
from shared.db import make_engine
from shared.events.intake import CaseBalanceChanged, CaseStatusChanged
from shared.outbox import OutboxMessage
from workbench.testing.convergence import Convergence
from workbench.testing.recordings import Recorded, recorded_from_outbox

from .conftest import RUNS, _debtor, _Intake, _invoice
from dunning.cases.composing import DebtorContact
from dunning.domain.instalments import PlanBounds
from dunning.handlers import HANDLERS
from dunning.responses.debtor_notices import DebtorNotices
from dunning.responses.payment_plans import propose_plan
from dunning.responses.plan_policy import PlanPolicy
from dunning.responses.responses import make_promise
from dunning.responses.schemas import InstalmentIn, PlanIn, PromiseIn
from intake.main import create_app as create_intake

IN_ORDER = "in-order"
AGENT = Principal(subject="agent-1", role=Role.AGENT)
POLICY = PlanPolicy(
    bounds=PlanBounds(max_instalments=12, max_months=12, min_instalment=Decimal("50.00")), grace_days=5, escalates=False
)
GENERATED = {  # ids drawn at random by dunning itself: two databases never share them
    "dunning_steps": ("id",),
    "dunning_messages": ("id",),
    "dunning_plans": ("id",),
    "dunning_plan_instalments": ("plan_id",),
    "dunning_promises": ("id",),
    "dunning_payments": ("promise_id", "plan_id"),
}
UNREACHABLE = DebtorContact(name="Dupont SARL", email=None, rf_reference=None)


class _CreditorsWithMandates(_Intake):
    def registered(self, name: str, siren: str, *, email: str, phases: list[str]) -> dict[str, str]:
        creditor = self.ok("POST", "/api/v1/creditors", self.admin, json={"name": name, "siren": siren, "email": email})
        self.ok(
            "POST",
            f"/api/v1/creditors/{creditor['id']}/mandates",
            self.admin,
            json={"commission_rate": "0.15", "phases": phases, "scenario": "default-fr"},
        )
        return {"Authorization": f"Bearer {self.issue_token('creditor', creditor_id=creditor['id'])}"}


@dataclass
class DunningFlow:
    first_part: list[Recorded]  # what dunning heard before the plan and the promise
    rest: list[Recorded]  # what it hears after, in the order intake recorded it
    plan_case: str
    promise_case: str


def consumed(events: list[Recorded]) -> list[Recorded]:
    """The events dunning handles, but the status changes: dunning acts on a case going to court only, which this
    flow has none of, and they are a third of intake's events (a lean flow keeps 200 interleavings quick)."""
    types = {t for cls in HANDLERS for t in (cls.type, *cls.supersedes)} - {CaseStatusChanged.type}
    return [e for e in events if json.loads(e.value)["type"] in types]


@pytest.fixture
def dunning_flow(settings_for, clock, verifier, issue_token, tmp_path) -> Iterator[DunningFlow]:
    clock.set(datetime(2026, 10, 5, 9, 0, tzinfo=UTC))
    settings = settings_for("intake", documents_dir=tmp_path / "documents", agency_iban="FR7630006000011234567890189")
    with TestClient(create_intake(settings, clock=clock, verifier=verifier)) as client:
        client.headers["Accept-Language"] = "en"
        intake = _CreditorsWithMandates(client, issue_token)
        legal_ok = ["amicable", "legal"]
        alpha = intake.registered("Alpha Fournitures", "552100554", email="treso@alpha.example", phases=legal_ok)
        beta = intake.registered("Beta Services", "542065479", email="compta@beta.example", phases=["amicable"])
        dupont = _debtor("Dupont SARL", "732829320", "compta@dupont.example")
        planned = intake.case(alpha, "A-1", dupont, [_invoice("A-F1", "2026-07-01", "2026-08-01", "1200.00")])
        promised = intake.case(
            beta, "B-1", _debtor("Martin SAS", "443061841"), [_invoice("B-F1", "2026-06-15", "2026-07-15", "900.00")]
        )
        first_part = recorded_from_outbox(client.app.state.runtime.engine)

        gamma = intake.registered("Gamma Négoce", "784671695", email="gamma@negoce.example", phases=["amicable"])
        waiting = intake.case(
            gamma,
            "G-1",
            _debtor("Durand et Fils", "404833048"),
            [_invoice("G-F1", "2026-06-10", "2026-07-10", "640.00")],
        )
        intake.ok(  # filed before dunning may have heard of its case: kept for the dispute that may ask for it
            "POST",
            f"/api/v1/cases/{waiting['id']}/documents",
            gamma,
            data={"kind": "delivery_proof"},
            files={"file": ("bl-g1.pdf", io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))},
        )
        intake.pay(waiting, "200.00", "2026-10-02")
        intake.pay(planned, "1400.00", "2026-10-05")  # every instalment, and the interest the plan left out
        intake.pay(promised, "300.00", "2026-10-04")
        yield DunningFlow(
            first_part=consumed(first_part),
            rest=[
                event
                for event in consumed(recorded_from_outbox(client.app.state.runtime.engine)[len(first_part) :])
                if event.key == planned["id"] or json.loads(event.value)["type"] != CaseBalanceChanged.type
            ],  # one case's balance changes are enough: each is an upsert in its case's own order
            plan_case=planned["id"],
            promise_case=promised["id"],
        )


def _projection_queries() -> dict[str, str]:
    """A SELECT per dunning table, its generated ids left out (read from the models: no catalog query per run)."""
    queries = {}
    for name, table in SQLModel.metadata.tables.items():
        if name.startswith("dunning_"):
            columns = [f'"{c.name}"' for c in table.columns if c.name not in GENERATED.get(name, ())]
            queries[name] = f'SELECT {", ".join(columns)} FROM "{name}"'
    return queries


PROJECTION = _projection_queries()


def snapshot(session: Session) -> dict[str, object]:
    tables: dict[str, object] = {
        name: sorted((tuple(row) for row in session.execute(text(query)).all()), key=repr)
        for name, query in PROJECTION.items()
    }
    published = session.exec(select(OutboxMessage.event_type, OutboxMessage.key)).all()
    tables["published"] = sorted(Counter(published).items())
    return tables


def in_order(events: list[Recorded]) -> list[Recorded]:
    """One stream of one partition: every interleaving of it is the order intake recorded."""
    return [replace(event, topic=IN_ORDER) for event in events]


def dunning_after_the_debtors_answers(settings_for, clock, flow: DunningFlow) -> tuple[object, Engine]:
    """A dunning database that heard the flow's first part in order, then agreed the plan and took the promise."""
    settings = settings_for("dunning")
    engine = make_engine(settings.database_url)
    Convergence(engine=engine, settings=settings, handlers=HANDLERS, clock=clock, snapshot=snapshot).check(
        in_order(flow.first_part), runs=1
    )
    with Session(engine, expire_on_commit=False) as session, session.begin():
        plan = PlanIn(
            instalments=[InstalmentIn(due_on=date(2026, month, 15), amount=Decimal("400.00")) for month in (10, 11, 12)]
        )
        propose_plan(
            session=session,
            case_id=uuid.UUID(flow.plan_case),
            plan_in=plan,
            policy=POLICY,
            balance_due=lambda case, _day: case.balance,  # what intake's events said is due: the plan fits within
            notices=DebtorNotices(settings=settings, contact_of=lambda case: UNREACHABLE),  # no notice to compare
            principal=AGENT,
            clock=clock,
        )
        promise = PromiseIn(amount=Decimal("300.00"), due_on=date(2026, 10, 20))
        make_promise(
            session=session, case_id=uuid.UUID(flow.promise_case), promise_in=promise, principal=AGENT, clock=clock
        )
    return settings, engine


def test_dunnings_projection_converges_whatever_the_order_of_intakes_creditors_and_cases(
    dunning_flow, settings_for, clock
):
    kinds = {".".join(json.loads(e.value)["type"].split(".")[2:4]) for e in dunning_flow.rest}
    assert kinds >= {"creditor.registered", "mandate.signed", "case.validated", "payment.recorded"}
    assert kinds >= {"case.balance_changed", "case.paid", "case.closed", "document.attached"}

    settings, engine = dunning_after_the_debtors_answers(settings_for, clock, dunning_flow)
    expected = Convergence(engine=engine, settings=settings, handlers=HANDLERS, clock=clock, snapshot=snapshot).check(
        in_order(dunning_flow.rest), runs=1
    )
    engine.dispose()
    settings, engine = dunning_after_the_debtors_answers(settings_for, clock, dunning_flow)
    try:
        projection = Convergence(
            engine=engine, settings=settings, handlers=HANDLERS, clock=clock, snapshot=snapshot
        ).check(dunning_flow.rest, runs=RUNS)
    finally:
        engine.dispose()

    assert projection == expected
    statuses = {row[3]: row[6] for row in projection["dunning_cases"]}
    assert statuses == {"A-1": "closed", "B-1": "active", "G-1": "active"}
    [plan] = projection["dunning_plans"]
    assert plan[1] == "completed"
    assert [row[4] for row in projection["dunning_promises"]] == ["kept"]
    assert len(projection["dunning_messages"]) == 4, "the plan and three payments told to their creditors"
