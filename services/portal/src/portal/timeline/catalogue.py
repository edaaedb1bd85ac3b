"""Every event the timeline tells, and how: intake's, dunning's and legal's tables in one.

The position of an event in this catalogue orders the entries whose instants are equal (one transaction of one
service, or a frozen test clock): a stable order whatever the order of arrival."""

from __future__ import annotations

from shared.events.base import Event
from shared.events.intake import CaseBalanceChanged, RemittanceDue
from shared.events.scoring import CasePrioritized

from portal.timeline.dunning_entries import DUNNING
from portal.timeline.intake_entries import INTAKE
from portal.timeline.legal_entries import LEGAL
from portal.timeline.wording import Describer

CATALOGUE: tuple[tuple[type[Event], Describer], ...] = (*INTAKE, *DUNNING, *LEGAL)

LEFT_OFF: frozenset[type[Event]] = frozenset(
    {
        CaseBalanceChanged,  # the payment, credit note or write-off that changed the balance is told
        RemittanceDue,  # the agency's own deadline to pay funds over, not something that happened to the case
        CasePrioritized,  # where the case stands in the agents' worklist
    }
)
"""case events the timeline does not tell, and why; every other case event is in the catalogue"""


def service_and_type(event_cls: type[Event]) -> tuple[str, str]:
    """("dunning", "message.sent") for `recouvra.dunning.message.sent.v1`."""
    parts = event_cls.type.split(".")
    return parts[1], ".".join(parts[2:-1])


RANKS: dict[tuple[str, str], int] = {service_and_type(cls): rank for rank, (cls, _) in enumerate(CATALOGUE)}
