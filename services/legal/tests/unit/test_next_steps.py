"""The steps a procedure's page offers are exactly those the state machine lets follow: what `next_steps` names,
`check_step` accepts, and every other step staff record it refuses. Without a database."""

from __future__ import annotations

import pytest

from legal.domain.courts import ProcedureKind
from legal.domain.lifecycle import NEXT, check_step, next_steps
from legal.domain.refusals import RuleBroken
from legal.domain.states import CLOSED, REJECTED, STEPS, VOID

STATES = sorted({state for machine in NEXT.values() for state in machine} | {REJECTED, VOID, CLOSED})


@pytest.mark.parametrize("kind", list(ProcedureKind))
@pytest.mark.parametrize("state", STATES)
def test_what_is_offered_is_what_is_accepted(kind, state):
    offered = next_steps(kind, state)
    for step in STEPS:
        if step in offered:
            check_step(kind, state, step)
        else:
            with pytest.raises(RuleBroken):
                check_step(kind, state, step)


def test_the_steps_come_in_the_lifecycles_order_and_a_closed_procedure_offers_none():
    assert next_steps(ProcedureKind.PAYMENT_ORDER, "filed") == ("granted", "rejected", "closed")
    assert next_steps(ProcedureKind.PAYMENT_ORDER, "served") == ("opposed", "enforceable", "closed")
    assert next_steps(ProcedureKind.PAYMENT_ORDER, "granted") == ("served", "closed")  # void is the calendar's
    assert next_steps(ProcedureKind.SMALL_CLAIMS, "granted") == ("enforceable", "enforcement", "closed")
    assert next_steps(ProcedureKind.PAYMENT_ORDER, REJECTED) == (CLOSED,)
    assert next_steps(ProcedureKind.PAYMENT_ORDER, CLOSED) == ()
