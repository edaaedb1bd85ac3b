"""Two agents, or an agent and a job, changing one ledger row at the same moment (PostgreSQL, READ COMMITTED): the
second waits for the first's commit, then decides from what it committed. Each test holds the first change in an
open transaction, starts the second on a thread until PostgreSQL shows it waiting for a lock, then commits."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from shared.auth import Principal, Role
from shared.demo import DEMO_CREDITOR_ID
from shared.outbox import OutboxMessage
from workbench.testing.interleaving import beside

from .test_intake_formal_notice_events import as_record, deliver, held_notice, notice
from .test_intake_money_reconciliation_api import upload
from intake.ledger.bank_accounts import record_formal_notice
from intake.ledger.daily import daily_remittance_alerts
from intake.ledger.models import Payment
from intake.ledger.remittance_alerts import raise_alerts
from intake.ledger.remittance_schemas import RemittanceRunIn
from intake.ledger.remittances import run_remittances
from intake.ledger.reversals import reverse_payment
from intake.ledger.schemas import FormalNoticeIn, SuspenseResolveIn
from intake.ledger.suspense import resolve_suspense

T = TypeVar("T")
AGENT = Principal(subject="agent-2", role=Role.AGENT)
IBAN = "FR14 2004 1010 0505 0001 3M02 606"
REASON = "recorded on the wrong case: the transfer was for CRED-0002"


def interleave(engine: Engine, first: Callable[[Session], Any], second: Callable[[], T]) -> T:
    """`first` runs in a transaction held open (its own commits only release a savepoint); `second` runs on a thread
    until it waits for `first`'s locks (it must); then `first` commits, and what `second` returned is returned."""
    return beside(engine, first, second, must_wait=True)


def runtime(api) -> Any:
    return api.client.app.state.runtime


def with_bank_account(api) -> None:
    account = api.client.put(
        f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json={"iban": IBAN}, headers=api.admin
    )
    assert account.status_code == 200, account.text


def test_a_payment_reversed_while_a_run_remits_it_leaves_the_creditor_a_debt(api, open_case, pay, invoice):
    case = open_case("RACE-REV-A", [invoice("F-1", "2026-09-01", "5000.00")])
    payment = pay(case, "300.00", "2026-11-20").json()
    with_bank_account(api)

    def run(session: Session) -> None:
        run_remittances(
            session=session,
            run_in=RemittanceRunIn(),
            principal=AGENT,
            clock=runtime(api).clock,
            store=api.client.app.state.store,
            settings=api.settings,
        )

    reversal = interleave(
        api.engine,
        run,
        lambda: api.client.post(
            f"/api/v1/payments/{payment['id']}/reversal", json={"reason": REASON}, headers=api.agent
        ),
    )

    assert reversal.status_code == 201, reversal.text
    with Session(api.engine) as session:
        remitted = session.get(Payment, uuid.UUID(payment["id"]))
        assert remitted is not None and remitted.remittance_id is not None
    # the creditor was paid the payment's net: it owes it back, netted on its next remittance
    assert (reversal.json()["remitted_in"], reversal.json()["debt"]) == (str(remitted.remittance_id), payment["net"])


def test_a_run_that_waited_for_a_payment_being_reversed_leaves_it_out(api, open_case, pay, invoice):
    case = open_case("RACE-REV-B", [invoice("F-1", "2026-09-01", "5000.00")])
    wrong = pay(case, "300.00", "2026-11-20", reference="VIR-WRONG").json()
    kept = pay(case, "200.00", "2026-11-21", reference="VIR-KEPT").json()
    with_bank_account(api)

    def reverse(session: Session) -> None:
        reverse_payment(
            session=session, payment_id=uuid.UUID(wrong["id"]), reason=REASON, principal=AGENT, clock=runtime(api).clock
        )

    run = interleave(
        api.engine, reverse, lambda: api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)
    )

    assert run.status_code == 201, run.text
    [remittance] = run.json()["remittances"]
    assert [line["payment_id"] for line in remittance["lines"]] == [kept["id"]]
    assert remittance["remitted"] == kept["net"]


def test_one_bank_credit_two_agents_assign_at_once_becomes_one_payment(api, open_case, invoice, camt053):
    ours = open_case("RACE-SUSP-A", [invoice("F-A", "2026-04-01", "900.00")])
    other = api.client.post("/api/v1/creditors", json={"name": "Autre SA"}, headers=api.admin).json()
    theirs = open_case(
        "RACE-SUSP-B", [invoice("F-B", "2026-04-01", "500.00")], headers=api.agent, creditor_id=other["id"]
    )
    entry = camt053.entry("123.45", booking_date="2026-05-04", reference="BNK-TWICE", debtor_name="Inconnu")
    assert upload(api, camt053.build([entry])).json()["suspense"] == 1
    [credit] = api.client.get("/api/v1/intake/suspense", headers=api.agent).json()

    def assign_to_ours(session: Session) -> None:
        resolve_suspense(
            session=session,
            credit_id=uuid.UUID(credit["id"]),
            resolution=SuspenseResolveIn(case_id=uuid.UUID(ours["id"])),
            principal=AGENT,
            clock=runtime(api).clock,
            store=api.client.app.state.store,
        )

    second = interleave(
        api.engine,
        assign_to_ours,
        lambda: api.client.post(
            f"/api/v1/intake/suspense/{credit['id']}/resolve", json={"case_id": theirs["id"]}, headers=api.agent
        ),
    )

    assert second.status_code == 409, second.text
    assert second.json()["detail"] == "bank credit BNK-TWICE is already resolved"
    with Session(api.engine) as session:
        paid = session.exec(select(Payment.case_id).where(col(Payment.reference).startswith("bank:BNK-TWICE"))).all()
    assert paid == [uuid.UUID(ours["id"])]


def test_funds_announced_by_hand_while_the_daily_job_announces_them_are_announced_once(api, open_case, pay, invoice):
    case = open_case("RACE-ALERT", [invoice("F-1", "2026-09-01", "5000.00")])
    pay(case, "300.00", "2026-10-28", reference="OLD")  # R124-6 deadline 28 November: 4 days left
    daily = daily_remittance_alerts(engine=runtime(api).worker_engine, clock=runtime(api).clock, within_days=7)
    by_hand: list[int] = []

    def announce(session: Session) -> None:
        by_hand.append(raise_alerts(session=session, principal=AGENT, clock=runtime(api).clock, within_days=7)[1])

    by_the_job = interleave(api.engine, announce, daily.tick)

    assert (by_hand, by_the_job) == ([1], 0)
    with Session(api.engine) as session:
        due = session.exec(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.event_type == "recouvra.intake.remittance.due.v1")
        ).one()
    assert due == 1


def test_a_notice_reported_while_staff_correct_its_dates_leaves_the_correction(api, open_case, invoice):
    case = open_case("RACE-FN", [invoice("F-1", "2026-03-01", "500.00")], kind="b2c")

    def correct(session: Session) -> None:
        record_formal_notice(
            session=session,
            case_id=uuid.UUID(case["id"]),
            notice_in=FormalNoticeIn(sent_on=date(2026, 4, 1), received_on=date(2026, 4, 3)),
            principal=AGENT,
            clock=runtime(api).clock,
        )

    # dunning's later receipt would not replace the corrected one (the case keeps the earliest receipt)
    delivered = interleave(
        api.engine, correct, lambda: deliver(api, as_record(api, notice(case, "2026-04-01", "2026-04-08")))
    )

    assert delivered == ["applied"]
    assert held_notice(api, case) == ("2026-04-01", "2026-04-03")
