"""A reversed payment is taken back out of the plan and the promise it counted towards, whatever the delivery
order (issue 12, finding 5; docs/rules.md §4.1).

The flow is intake's real outbox. Dunning hears of a creditor and two validated cases, agrees a payment plan on
one and takes a promise on the other (its own use cases); that state is where every run starts. Then: the plan's
first instalment is paid, a second payment completes the plan (the case is dunned again for what the plan left
out), and that second payment is reversed; the promise is kept by a payment, which is reversed. The plan must run
again with its last two instalments unpaid, the promise be open again, each case wait on them again, the payments
marked reversed, and the creditor told of each reversal, identically in every interleaving.
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
from sqlmodel import Session, col, select

from shared.events.intake import PaymentReversed
from workbench.testing.convergence import Convergence
from workbench.testing.recordings import recorded_from_outbox

from .conftest import RUNS, _debtor, _invoice
from .test_dunning_consumers_converge import (
    AGENT,
    POLICY,
    UNREACHABLE,
    _CreditorsWithMandates,
    consumed,
    in_order,
    snapshot,
)
from .test_payment_reversal_converges import _dunning_after_first_part
from dunning.cases.models import DunningCase
from dunning.handlers import HANDLERS
from dunning.messages.models import Message
from dunning.responses.debtor_notices import DebtorNotices
from dunning.responses.models import CasePayment, PaymentPlan, PlanInstalment, Promise
from dunning.responses.payment_plans import propose_plan
from dunning.responses.responses import make_promise
from dunning.responses.schemas import InstalmentIn, PlanIn, PromiseIn
from intake.main import create_app as create_intake

REASON = "recorded twice under two references"


@dataclass
class Flow:
    first_part: list  # the creditor, its mandate and the two validated cases
    rest: list  # the payments and their reversals, in the order intake recorded them
    plan_case: str
    promise_case: str


@pytest.fixture
def flow(settings_for, clock, verifier, issue_token, tmp_path) -> Iterator[Flow]:
    clock.set(datetime(2026, 10, 5, 9, 0, tzinfo=UTC))
    settings = settings_for("intake", documents_dir=tmp_path / "documents", agency_iban="FR7630006000011234567890189")
    with TestClient(create_intake(settings, clock=clock, verifier=verifier)) as client:
        client.headers["Accept-Language"] = "en"
        intake = _CreditorsWithMandates(client, issue_token)
        alpha = intake.registered("Alpha Fournitures", "552100554", email="treso@alpha.example", phases=["amicable"])
        planned = intake.case(
            alpha, "P-1", _debtor("Dupont SARL", "732829320"), [_invoice("P-F1", "2026-07-01", "2026-08-01", "1200.00")]
        )
        promised = intake.case(
            alpha, "Q-1", _debtor("Martin SAS", "443061841"), [_invoice("Q-F1", "2026-06-15", "2026-07-15", "900.00")]
        )
        engine = client.app.state.runtime.engine
        first_part = recorded_from_outbox(engine)

        intake.pay(planned, "400.00", "2026-10-05")
        completing = intake.pay(planned, "800.00", "2026-10-05")
        keeping = intake.pay(promised, "300.00", "2026-10-05")
        for payment in (completing, keeping):
            intake.ok("POST", f"/api/v1/payments/{payment['id']}/reversal", intake.agent, json={"reason": REASON})
        rest = recorded_from_outbox(engine)[len(first_part) :]
        yield Flow(
            first_part=consumed(first_part),
            rest=consumed(rest),
            plan_case=planned["id"],
            promise_case=promised["id"],
        )


def _dunning_with_plan_and_promise(settings_for, clock, flow: Flow):
    settings, engine = _dunning_after_first_part(settings_for, clock, flow)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        days = [date(2026, month, 15) for month in (10, 11, 12)]
        plan = PlanIn(instalments=[InstalmentIn(due_on=day, amount=Decimal("400.00")) for day in days])
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


def _projection(settings_for, clock, flow: Flow, events: list, runs: int):
    settings, engine = _dunning_with_plan_and_promise(settings_for, clock, flow)
    try:
        projection = Convergence(
            engine=engine, settings=settings, handlers=HANDLERS, clock=clock, snapshot=snapshot
        ).check(events, runs=runs)
        with Session(engine) as session:
            cases = {str(c.case_id): c.status for c in session.exec(select(DunningCase)).all()}
            [plan] = session.exec(select(PaymentPlan)).all()
            instalments = session.exec(select(PlanInstalment).order_by(col(PlanInstalment.position))).all()
            paid = [(i.paid, i.paid_on) for i in instalments]
            [promise] = session.exec(select(Promise)).all()
            reversed_on = {p.amount: p.reversed_on for p in session.exec(select(CasePayment)).all()}
            told = [
                m.body for m in session.exec(select(Message).where(Message.template == "creditor-payment-reversed"))
            ]
        return projection, cases, (plan.status, plan.ended_on, paid), (promise.status, promise.paid), reversed_on, told
    finally:
        engine.dispose()


def test_a_reversed_payment_is_taken_back_out_of_its_plan_and_promise_whatever_the_order(flow, settings_for, clock):
    assert PaymentReversed.type in {json.loads(e.value)["type"] for e in flow.rest}
    expected, *_ = _projection(settings_for, clock, flow, in_order(flow.rest), 1)

    projection, cases, plan, promise, reversed_on, told = _projection(settings_for, clock, flow, flow.rest, RUNS)

    assert projection == expected
    assert cases == {flow.plan_case: "plan", flow.promise_case: "promise"}
    unpaid = (Decimal("0.00"), None)
    assert plan == ("agreed", None, [(Decimal("400.00"), date(2026, 10, 5)), unpaid, unpaid])
    assert promise == ("open", Decimal("0.00"))
    day = date(2026, 10, 5)
    assert reversed_on == {Decimal("400.00"): None, Decimal("800.00"): day, Decimal("300.00"): day}
    assert len(told) == 2
    assert all("a été contrepassé" in body and "was reversed" in body and REASON in body for body in told)
