"""Events of legal: missions. Every legal event about a case travels on `legal.procedures`, keyed by the case id.

A mission is the work the agency gives a partner bailiff (commissaire de justice) on a case: serve an act, enforce
a title, search for the debtor, collect amicably. Funds a bailiff collects are `shared.events.legal.FundsCollected`
(intake records them as a payment); what the bailiff reports and the costs it incurs are the events below. Every
event names the case's creditor, so that a consumer with no other knowledge of the case can file it."""

from __future__ import annotations

from datetime import date

from shared.events.base import Event
from shared.money import Amount

TOPIC = "legal.procedures"


class _MissionEvent(Event):
    mission_id: str
    case_id: str
    creditor_id: str
    partner_id: str


class MissionAssigned(_MissionEvent):
    """Staff gave a case to a partner bailiff. `kind`: service | enforcement | search | amicable; `procedure_id`
    names the court procedure the mission serves or enforces, when there is one."""

    type = "recouvra.legal.mission.assigned.v1"
    topic = TOPIC

    kind: str
    procedure_id: str | None = None
    assigned_on: date


class MissionReported(_MissionEvent):
    """The bailiff reported a step of its mission: `report` is served (the act was served on the debtor),
    search_unsuccessful (the debtor could not be found) or seizure (a seizure was carried out), on `occurred_on`."""

    type = "recouvra.legal.mission.reported.v1"
    topic = TOPIC

    report: str
    occurred_on: date


class MissionEnded(_MissionEvent):
    """Staff withdrew the mission from the bailiff, or closed it as done (`outcome`: withdrawn | closed)."""

    type = "recouvra.legal.mission.ended.v1"
    topic = TOPIC

    outcome: str
    ended_on: date


class LegalCostIncurred(_MissionEvent):
    """A cost the bailiff incurred on the case, with its tariff reference (an act's tariff under A444-10 to
    A444-52 C. com., or the proportional fees A444-31 and A444-32) and who bears it: `borne_by` is debtor
    (enforcement costs under an enforceable title, L111-8 al. 1 CPCE; A444-31) or creditor (costs without a
    title, L111-8 al. 2; A444-32). `cost_id` identifies it, so that a consumer applies it once."""

    type = "recouvra.legal.mission.cost_incurred.v1"
    topic = TOPIC

    cost_id: str
    amount: Amount
    currency: str
    tariff: str
    borne_by: str
    incurred_on: date
    reference: str | None = None
