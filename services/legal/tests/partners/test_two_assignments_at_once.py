"""Two agents give the same case to the same bailiff for the same kind of mission at the same moment (or one agent
clicks twice): the second waits for the first's commit, then is refused as a second open mission. Without that both
read "no open mission" before either committed, and the bailiff got the case twice."""

from __future__ import annotations

import queue
import threading
import time
import uuid

from sqlalchemy import event, text
from sqlmodel import Session, col, select

from shared.auth import Principal, Role

from legal.errors import ReportConflict
from legal.partners.missions import assign_mission
from legal.partners.models import Mission
from legal.partners.schemas import MissionIn

AGENT = Principal(subject="agent-1", role=Role.AGENT)


def wait_until_blocked_or_done(legal, pid: int, done: threading.Event) -> None:
    """Returns once PostgreSQL shows the backend `pid` waiting for a lock, or once the other assignment ended without
    waiting (nothing held it back); bounded: 10 s."""
    deadline = time.monotonic() + 10
    with legal.engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            ).scalar()
            connection.commit()  # a new snapshot of pg_stat_activity for the next look
            if waiting == "Lock" or done.wait(0.005):
                return
    raise AssertionError(f"backend {pid} neither waited for a lock nor finished")


def test_two_assignments_of_one_mission_at_once_leave_one_open_mission(legal):
    partner = legal.add_partner()
    case_id = legal.intake.add_case(creditor_id=uuid.uuid4())
    mission_in = MissionIn(partner_id=partner, kind="enforcement")
    pids: queue.Queue[int] = queue.Queue()
    failures: list[BaseException] = []
    done = threading.Event()

    def second() -> None:
        try:
            with Session(legal.engine, expire_on_commit=False) as session:
                pids.put(session.execute(text("SELECT pg_backend_pid()")).scalar_one())
                assign_mission(
                    session=session,
                    reader=legal.intake,
                    case_id=case_id,
                    mission_in=mission_in,
                    principal=AGENT,
                    clock=legal.clock,
                )
        except BaseException as exc:  # handed to the test's thread
            failures.append(exc)
            pids.put(-1)
        finally:
            done.set()

    thread = threading.Thread(target=second, daemon=True)

    def before_first_commits(_session: Session) -> None:
        """The first assignment wrote its mission, not committed yet: the second one runs now."""
        thread.start()
        pid = pids.get(timeout=10)
        assert pid > 0, failures
        wait_until_blocked_or_done(legal, pid, done)

    with Session(legal.engine, expire_on_commit=False) as session:
        event.listen(session, "before_commit", before_first_commits, once=True)
        first = assign_mission(
            session=session,
            reader=legal.intake,
            case_id=case_id,
            mission_in=mission_in,
            principal=AGENT,
            clock=legal.clock,
        )
    thread.join(timeout=30)
    assert not thread.is_alive(), "the second assignment never finished"

    with Session(legal.engine) as session:
        missions = session.exec(select(Mission.id).where(col(Mission.case_id) == case_id)).all()
    assert missions == [first.id]
    assert [type(exc) for exc in failures] == [ReportConflict], failures
