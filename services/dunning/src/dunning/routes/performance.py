"""What each member of staff obtained over a period (`dunning.responses.agent_performance`): supervisors and admins
read it, for coaching and for sharing the work."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from shared.clock import today_in_paris
from shared.deps import ClockDep, SessionDep
from shared.errors import Invalid

from dunning.deps import SupervisorDep
from dunning.responses.agent_performance import AgentPerformance, agent_performance

router = APIRouter(prefix="/api/v1/dunning/performance", tags=["dunning operations"])
LONGEST = 366  # a year of days at most in one reading


@router.get("", summary="each member of staff's calls, promises (and how they ended), plans and disputes settled")
def get_performance(
    session: SessionDep,
    clock: ClockDep,
    supervisor: SupervisorDep,
    since: Annotated[date | None, Query(alias="from", description="first day (Paris); default: the 1st")] = None,
    until: Annotated[date | None, Query(alias="to", description="last day (Paris); default: today")] = None,
) -> AgentPerformance:
    today = today_in_paris(clock)
    last = until or today
    first = since or last.replace(day=1)
    if first > last:
        raise Invalid(
            "from: the first day comes after the last",
            field="from",
            message_fr="from : le premier jour suit le dernier",
        )
    if last - first > timedelta(days=LONGEST):
        raise Invalid(
            f"to: at most {LONGEST} days in one reading",
            field="to",
            message_fr=f"to : au plus {LONGEST} jours en une lecture",
        )
    return agent_performance(session, since=first, until=last)
