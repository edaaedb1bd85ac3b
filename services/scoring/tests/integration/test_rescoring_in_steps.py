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
from scoring.scores.retraining import rescore_all

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
