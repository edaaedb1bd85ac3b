"""What legal's events say on the timeline: the bailiffs' collections, and every procedure, mission and insurance
event about a case. A new legal event is one line of `LEGAL`."""

from __future__ import annotations

from shared.events.base import Event
from shared.events.legal import FundsCollected

from portal.timeline.wording import Describer, said

LEGAL: tuple[tuple[type[Event], Describer], ...] = (
    (
        FundsCollected,
        said(
            "Le commissaire de justice a recouvré {amount} le {collected_on} (référence {reference})",
            "The bailiff collected {amount} on {collected_on} (reference {reference})",
        ),
    ),
)
