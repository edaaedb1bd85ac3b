"""The daily rescoring commits as it goes: a debtor it has rescored is free for the consumers at once, not at the end
of a run over every open debtor. It held them all in one transaction, and a consumer with news of a debtor it had
passed waited for the whole portfolio to be rescored."""

import uuid
from datetime import date

import psycopg.errors
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from workbench.testing.interleaving import Aside

from scoring.portfolio.projection import hold_debtors
from scoring.scores.retraining import STEP_ATTEMPTS, rescore_all

CREDITOR = str(uuid.uuid4())


def open_debtors(scoring, intake, count: int) -> list[uuid.UUID]:
    """`count` debtors with an open case each, in id order (the rescoring's)."""
    debtor_ids = []
    for n in range(count):
        debtor = intake.debtor(f"Débiteur {n}")
        case = intake.validated(
            CREDITOR, debtor, [intake.invoice(f"F-{n}", date(2026, 6, 1), date(2026, 7, 1), "1000.00")], f"C-{n}"
        )
        scoring.apply(case, subject=case.case_id, tenant=CREDITOR)
        debtor_ids.append(uuid.UUID(debtor.debtor_id))
    return sorted(debtor_ids)


def is_free(scoring, debtor_id: uuid.UUID) -> bool:
    """Whether a consumer could hold the debtor now, without waiting."""
    with scoring.engine.connect() as connection:
        try:
            connection.execute(
                text("SELECT 1 FROM scoring_debtors WHERE debtor_id = :id FOR UPDATE NOWAIT"), {"id": debtor_id}
            )
        except OperationalError as exc:
            if isinstance(exc.orig, psycopg.errors.LockNotAvailable):
                return False
            raise
        finally:
            connection.rollback()
    return True


def test_a_rescored_debtor_is_free_while_the_rescoring_goes_on_and_every_debtor_is_counted(scoring, intake):
    first, _second, last = open_debtors(scoring, intake, 3)

    def rescoring() -> int:
        with Session(scoring.engine, expire_on_commit=False) as session:
            return rescore_all(session=session, clock=scoring.clock, per_commit=1)

    with Session(scoring.engine) as consumer, consumer.begin():
        hold_debtors(consumer, [last])  # a consumer applying news of the last debtor, not committed yet
        aside = Aside(rescoring)
        aside.waiting_or_done(scoring.engine, must_wait=True)
        assert is_free(scoring, first)
    assert aside.result() == 3


@pytest.mark.parametrize("per_commit", [2, 3, 500])
def test_the_count_is_every_open_debtor_whatever_the_size_of_a_step(scoring, intake, per_commit):
    open_debtors(scoring, intake, 3)
    with Session(scoring.engine, expire_on_commit=False) as session:
        assert rescore_all(session=session, clock=scoring.clock, per_commit=per_commit) == 3


def _deadlocks(scoring, times: int) -> None:
    """The next `times` writes of scores fail as PostgreSQL fails a deadlock's victim (SQLSTATE 40P01)."""
    with scoring.engine.begin() as connection:
        connection.execute(text("CREATE SEQUENCE test_victims"))
        connection.execute(
            text(
                "CREATE FUNCTION test_victim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF nextval('test_victims') <= {times} THEN "
                "RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END IF; RETURN NEW; END $$"
            )
        )
        connection.execute(
            text("CREATE TRIGGER test_victim BEFORE INSERT ON scores FOR EACH ROW EXECUTE FUNCTION test_victim()")
        )


def _no_more_deadlocks(scoring) -> None:
    with scoring.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER IF EXISTS test_victim ON scores"))
        connection.execute(text("DROP FUNCTION IF EXISTS test_victim()"))
        connection.execute(text("DROP SEQUENCE IF EXISTS test_victims"))


def test_a_step_chosen_as_a_deadlocks_victim_is_run_again_and_the_run_goes_on(scoring, intake):
    open_debtors(scoring, intake, 3)
    with Session(scoring.engine) as session:
        before = session.execute(text("SELECT count(*) FROM scores WHERE subject = 'debtor'")).scalar_one()
    _deadlocks(scoring, times=2)
    try:
        with Session(scoring.engine, expire_on_commit=False) as session:
            assert rescore_all(session=session, clock=scoring.clock, per_commit=2) == 3
        with Session(scoring.engine) as session:
            tried = session.execute(text("SELECT last_value FROM test_victims")).scalar_one()
            after = session.execute(text("SELECT count(*) FROM scores WHERE subject = 'debtor'")).scalar_one()
    finally:
        _no_more_deadlocks(scoring)
    assert tried >= 3 and after - before == 3  # two writes refused, then each debtor rescored once


def test_a_step_that_conflicts_at_every_attempt_fails_the_run_rather_than_looping(scoring, intake):
    open_debtors(scoring, intake, 1)
    _deadlocks(scoring, times=STEP_ATTEMPTS)
    try:
        with Session(scoring.engine, expire_on_commit=False) as session, pytest.raises(OperationalError) as raised:
            rescore_all(session=session, clock=scoring.clock)
    finally:
        _no_more_deadlocks(scoring)
    assert isinstance(raised.value.orig, psycopg.errors.DeadlockDetected)
