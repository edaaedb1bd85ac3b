"""Two agents give the same case to the same bailiff for the same kind of mission at the same moment (or one agent
clicks twice): the second waits for the first's commit, then is refused as a second open mission. Without that both
read "no open mission" before either committed, and the bailiff got the case twice."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session, col, select

from shared.auth import Principal, Role
from workbench.testing.interleaving import beside

from legal.errors import ReportConflict
from legal.partners.missions import assign_mission
from legal.partners.models import Mission
from legal.partners.schemas import MissionIn

AGENT = Principal(subject="agent-1", role=Role.AGENT)


def test_two_assignments_of_one_mission_at_once_leave_one_open_mission(legal):
    partner = legal.add_partner()
    case_id = legal.intake.add_case(creditor_id=uuid.uuid4())
    mission_in = MissionIn(partner_id=partner, kind="enforcement")

    def assign(session: Session) -> Mission:
        return assign_mission(
            session=session,
            reader=legal.intake,
            case_id=case_id,
            mission_in=mission_in,
            principal=AGENT,
            clock=legal.clock,
        )

    def assign_alone() -> Mission:
        with Session(legal.engine, expire_on_commit=False) as session:
            return assign(session)

    firsts: list[Mission] = []
    # The first assignment has written its mission, not committed yet, when the second one runs.
    with pytest.raises(ReportConflict):
        beside(legal.engine, lambda session: firsts.append(assign(session)), assign_alone)

    with Session(legal.engine) as session:
        missions = session.exec(select(Mission.id).where(col(Mission.case_id) == case_id)).all()
    assert missions == [firsts[0].id]
