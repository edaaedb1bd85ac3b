"""Scenarios as staff keep them: the default ships in code and is stored on first use; staff edit any scenario
through the API, and every case reads its scenario from the database when a step is planned."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import NotFound

from dunning.domain.scenarios import DEFAULT_FR, Anchor, Channel, Conditions, Scenario, Step
from dunning.scenarios.models import ScenarioRecord
from dunning.scenarios.schemas import ScenarioIn, ScenarioPublic

SHIPPED = {DEFAULT_FR.code: DEFAULT_FR}
_READ = "dunning.scenarios.read"  # session.info key: (the transaction, the scenarios it read by code)


def step_to_json(step: Step) -> dict[str, Any]:
    conditions = step.conditions
    return {
        "code": step.code,
        "channel": step.channel.value,
        "template": step.template,
        "offset_days": step.offset_days,
        "anchor": step.anchor.value,
        "conditions": {
            "kinds": list(conditions.kinds),
            "grades": list(conditions.grades),
            "min_amount": None if conditions.min_amount is None else str(conditions.min_amount),
            "max_amount": None if conditions.max_amount is None else str(conditions.max_amount),
        },
    }


def step_from_json(data: dict[str, Any]) -> Step:
    conditions = data.get("conditions") or {}
    return Step(
        code=data["code"],
        channel=Channel(data["channel"]),
        template=data["template"],
        offset_days=int(data["offset_days"]),
        anchor=Anchor(data.get("anchor", "due")),
        conditions=Conditions(
            kinds=tuple(conditions.get("kinds") or ()),
            grades=tuple(conditions.get("grades") or ()),
            min_amount=None if conditions.get("min_amount") is None else Decimal(str(conditions["min_amount"])),
            max_amount=None if conditions.get("max_amount") is None else Decimal(str(conditions["max_amount"])),
        ),
    )


def to_domain(record: ScenarioRecord) -> Scenario:
    return Scenario(
        code=record.code,
        name=record.name,
        steps=tuple(step_from_json(step) for step in record.steps),
        exhaust_after_days=record.exhaust_after_days,
    )


def scenario_for(session: Session, code: str) -> Scenario:
    """The scenario a case follows: the stored one, else the shipped one of that code, else the default.

    Read once per transaction: a sending batch plans the next step of fifty cases that mostly share a scenario,
    and a shipped scenario never stored would otherwise cost a query each time (the identity map keeps only rows
    that exist). `save_scenario` forgets what this transaction read."""
    transaction = session.get_transaction()
    cached = session.info.get(_READ)
    if transaction is not None and cached is not None and cached[0] is transaction and code in cached[1]:
        scenario: Scenario = cached[1][code]
        return scenario
    record = session.get(ScenarioRecord, code)
    scenario = to_domain(record) if record is not None else SHIPPED.get(code, DEFAULT_FR)
    transaction = session.get_transaction()  # the read began one if none was under way
    if cached is None or cached[0] is not transaction:
        known: dict[str, Scenario] = {}
        cached = session.info[_READ] = (transaction, known)
    cached[1][code] = scenario
    return scenario


def public(record: ScenarioRecord | None, scenario: Scenario) -> ScenarioPublic:
    return ScenarioPublic.model_validate(
        {
            "code": scenario.code,
            "name": scenario.name,
            "steps": [step_to_json(step) for step in scenario.steps],
            "exhaust_after_days": scenario.exhaust_after_days,
            "version": record.version if record else 0,
            "updated_at": record.updated_at if record else None,
            "updated_by": record.updated_by if record else None,
        }
    )


def list_scenarios(*, session: Session) -> list[ScenarioPublic]:
    records = {record.code: record for record in session.exec(select(ScenarioRecord)).all()}
    codes = sorted(set(records) | set(SHIPPED))
    return [public(records.get(code), scenario_for(session, code)) for code in codes]


def read_scenario(*, session: Session, code: str) -> ScenarioPublic:
    record = session.get(ScenarioRecord, code)
    if record is None and code not in SHIPPED:
        raise NotFound(f"no scenario {code}", field="code", message_fr=f"aucun scénario {code}")
    return public(record, scenario_for(session, code))


def save_scenario(
    *, session: Session, code: str, scenario_in: ScenarioIn, principal: Principal, clock: Clock
) -> ScenarioPublic:
    """Creates or replaces a scenario; cases already under way take the new steps from their next step on."""
    steps = tuple(step_from_json(step.model_dump(mode="json")) for step in scenario_in.steps)
    scenario = Scenario(
        code=code, name=scenario_in.name, steps=steps, exhaust_after_days=scenario_in.exhaust_after_days
    )
    session.info.pop(_READ, None)
    record = session.get(ScenarioRecord, code, with_for_update=True)
    if record is None:
        record = ScenarioRecord(
            code=code, name=scenario.name, steps=[], exhaust_after_days=0, version=0, updated_by=principal.subject
        )
    record.name = scenario.name
    record.steps = [step_to_json(step) for step in scenario.steps]
    record.exhaust_after_days = scenario.exhaust_after_days
    record.version += 1
    record.updated_at = clock.now()
    record.updated_by = principal.subject
    session.add(record)
    audit(
        session,
        actor=principal,
        action="scenario.saved",
        entity="scenario",
        entity_id=code,
        clock=clock,
        version=record.version,
    )
    session.commit()
    return public(record, scenario)
