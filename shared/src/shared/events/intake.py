"""Events of intake: creditors, cases, invoices, payments, remittances."""

from __future__ import annotations

from shared.events.base import Event


class CreditorRegistered(Event):
    type = "recouvra.intake.creditor.registered.v1"
    topic = "intake.creditors"

    creditor_id: str
    name: str
    siren: str | None = None
    email: str | None = None
