"""Every part a payment can settle in the ledger can be told in the PaymentAllocated event: a component the
event's typing refuses makes every payment that reaches it fail (the overpayment did, once)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shared.events.intake import AllocationLine

from intake.money.allocation_texts import Component


@pytest.mark.parametrize("component", [*(c.value for c in Component), "overpayment"])
def test_every_ledger_component_is_an_event_line(component: str) -> None:
    line = AllocationLine(invoice_id=None, component=component, amount=Decimal("1.00"))
    assert line.component == component
