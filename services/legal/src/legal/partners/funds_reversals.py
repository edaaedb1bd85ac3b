"""Funds a bailiff collected whose payment intake reversed (docs/rules.md §4.1): the mission's funds report is
marked reversed, with the day and the reason, so the mission no longer shows them as collected.

Intake names a bailiff's payment `bailiff:<mission id>:<report reference>` (the reference legal gave it in
`FundsCollected`), so the report is found without a projection of payments. Legal records the report before it
tells intake, so a reversal of one legal does not hold yet (a restored database) waits in the waiting room."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from shared.clock import Clock
from shared.events.envelope import CloudEvent
from shared.events.intake import PaymentReversed
from shared.waiting_room import PrerequisiteMissing

from legal.partners.models import MissionReport

PREFIX = "bailiff:"


def funds_report_key(reference: str) -> tuple[uuid.UUID, str] | None:
    """The mission and the report reference a bailiff payment's reference names; None for any other payment."""
    if not reference.startswith(PREFIX):
        return None
    mission, _, report = reference[len(PREFIX) :].partition(":")
    try:
        return uuid.UUID(mission), report
    except ValueError:
        return None


def on_payment_reversed(*, session: Session, event: PaymentReversed, envelope: CloudEvent, clock: Clock) -> None:
    key = funds_report_key(event.reference) if event.origin == "bailiff" else None
    if key is None:
        return  # not funds a bailiff collected: legal has nothing of it
    mission_id, report_reference = key
    report = session.exec(
        select(MissionReport).where(
            MissionReport.mission_id == mission_id,
            MissionReport.reference == report_reference,
            MissionReport.type == "funds_collected",
        )
    ).first()
    if report is None:
        raise PrerequisiteMissing(str(mission_id), f"the funds report {report_reference} is not in legal yet")
    if report.reversed_on is None:
        report.reversed_on, report.reversal_reason = event.reversed_on, event.reason
        session.add(report)
