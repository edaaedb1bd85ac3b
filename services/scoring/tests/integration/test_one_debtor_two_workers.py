"""Two scoring workers on two cases of one debtor at the same moment (events are keyed by case, and production runs
several workers): the second waits for the first's commit, then decides from what it committed. Without that, one
counter increment is lost, and the debtor keeps a score and an exposure computed without the other case's news."""

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from shared.consumer_runs import RunEvent
from shared.events.base import Event
from shared.events.dunning import PromiseKept
from shared.events.envelope import CloudEvent
from workbench.testing.interleaving import beside, in_transaction

from scoring.handlers import HANDLERS, on_cases_validated
from scoring.portfolio.models import DebtorBehaviour, ScoringDebtor

CREDITOR = str(uuid.uuid4())


def two_cases(scoring, intake):
    debtor = intake.debtor("Dupont SARL")
    cases = [
        intake.validated(
            CREDITOR, debtor, [intake.invoice(f"F-{n}", date(2026, 6, 1), date(2026, 7, 1), "1000.00")], f"C-{n}"
        )
        for n in (1, 2)
    ]
    for case in cases:
        scoring.apply(case, subject=case.case_id, tenant=CREDITOR)
    return debtor, cases


def handle(scoring, session: Session, event: Event, subject: str) -> None:
    envelope = CloudEvent.wrap(event, subject=subject, tenant=CREDITOR, time=scoring.clock.now())
    HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=scoring.clock)


def interleave(scoring, first: Callable[[Session], None], second: Callable[[Session], None]) -> None:
    """`first` applied in an open transaction; `second` in another, on its own thread, until PostgreSQL shows it
    waiting for `first`'s locks (it must); then `first` commits, and `second` goes on and commits."""
    beside(scoring.engine, first, in_transaction(scoring.engine, second), must_wait=True)


def kept(case, promise_id: str) -> PromiseKept:
    return PromiseKept(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        promise_id=promise_id,
        paid=Decimal("100.00"),
        kept_on=date(2026, 11, 2),
    )


def test_two_promises_kept_on_two_cases_of_a_debtor_at_once_both_count(scoring, intake):
    debtor, (one, two) = two_cases(scoring, intake)
    interleave(
        scoring,
        lambda session: handle(scoring, session, kept(one, "p-1"), one.case_id),
        lambda session: handle(scoring, session, kept(two, "p-2"), two.case_id),
    )
    with Session(scoring.engine) as session:
        behaviour = session.get(DebtorBehaviour, uuid.UUID(debtor.debtor_id))
        assert behaviour is not None
        assert behaviour.promises_kept == 2


def exposure(scoring, debtor_id: str) -> Decimal:
    with Session(scoring.engine) as session:
        debtor = session.get(ScoringDebtor, uuid.UUID(debtor_id))
        assert debtor is not None and debtor.exposure is not None
        return debtor.exposure


def test_payments_on_two_cases_of_a_debtor_at_once_leave_its_exposure_with_both(scoring, intake):
    debtor, (one, two) = two_cases(scoring, intake)
    assert exposure(scoring, debtor.debtor_id) == Decimal("2000.00")
    interleave(
        scoring,
        lambda session: handle(
            scoring, session, intake.balance_changed(one, date(2026, 11, 3), {"F-1": "400.00"}), one.case_id
        ),
        lambda session: handle(
            scoring, session, intake.balance_changed(two, date(2026, 11, 3), {"F-2": "300.00"}), two.case_id
        ),
    )
    assert exposure(scoring, debtor.debtor_id) == Decimal("700.00")


def test_a_run_of_validations_waits_for_a_payment_on_the_debtor_and_counts_it(scoring, intake):
    """The set-based placement of a run of validations holds the known debtors it places cases for too."""
    debtor, (one, _two) = two_cases(scoring, intake)
    third = intake.validated(
        CREDITOR, debtor, [intake.invoice("F-3", date(2026, 6, 1), date(2026, 7, 1), "500.00")], "C-3"
    )

    def run(session: Session) -> None:
        envelope = CloudEvent.wrap(third, subject=third.case_id, tenant=CREDITOR, time=scoring.clock.now())
        on_cases_validated(session=session, events=[RunEvent(third, envelope, None)], clock=scoring.clock)

    interleave(
        scoring,
        lambda session: handle(
            scoring, session, intake.balance_changed(one, date(2026, 11, 3), {"F-1": "0.00"}), one.case_id
        ),
        run,
    )
    assert exposure(scoring, debtor.debtor_id) == Decimal("1500.00")
