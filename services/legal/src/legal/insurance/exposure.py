"""Scoring's exposure alerts (ExposureAlerted), kept per debtor so that the daily pass names them on the insured
creditors' cases. Scoring keys them by the debtor, so they arrive in the order it raised them: the latest stands."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.clock import Clock
from shared.events.envelope import CloudEvent
from shared.events.scoring import ExposureAlerted

from legal.insurance.models import DebtorExposure


def on_exposure_alerted(*, session: Session, event: ExposureAlerted, envelope: CloudEvent, clock: Clock) -> None:
    debtor_id = uuid.UUID(event.debtor_id)
    exposure = session.get(DebtorExposure, debtor_id) or DebtorExposure(
        debtor_id=debtor_id, reason=event.reason, alerted_at=envelope.time
    )
    exposure.reason, exposure.insurer_limit, exposure.insurer_grade = event.reason, event.limit, event.insurer_grade
    exposure.alerted_at = envelope.time
    session.add(exposure)
