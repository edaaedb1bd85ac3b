"""A transaction reads each scenario once (a sending batch plans fifty cases' next steps), and a scenario saved in
that transaction is read again, not served from what it read before."""

from __future__ import annotations

from sqlalchemy import event
from sqlmodel import Session

from shared.auth import Principal, Role

from dunning.scenarios.scenarios import save_scenario, scenario_for
from dunning.scenarios.schemas import ScenarioIn


def test_a_transaction_reads_a_scenario_once_and_again_after_saving_it(dunning) -> None:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        if "dunning_scenarios" in statement:
            statements.append(statement)

    event.listen(dunning.engine, "before_cursor_execute", count)
    try:
        with Session(dunning.engine) as session:
            first = scenario_for(session, "default-fr")
            assert all(scenario_for(session, "default-fr") is first for _ in range(50))
            assert len(statements) == 1, statements
            steps = [
                {"code": "only", "channel": "email", "template": "email-courteous", "offset_days": 3, "anchor": "due"}
            ]
            principal = Principal(subject="staff-1", role=Role.ADMIN)
            scenario_in = ScenarioIn.model_validate({"name": "Court", "steps": steps, "exhaust_after_days": 10})
            save_scenario(
                session=session, code="default-fr", scenario_in=scenario_in, principal=principal, clock=dunning.clock
            )
            saved = scenario_for(session, "default-fr")
            assert [step.code for step in saved.steps] == ["only"] and saved.name == "Court"
        with Session(dunning.engine) as session:  # another transaction: read from the database again
            before = len(statements)
            assert scenario_for(session, "default-fr").name == "Court"
            assert len(statements) == before + 1
    finally:
        event.remove(dunning.engine, "before_cursor_execute", count)
