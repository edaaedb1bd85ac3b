"""Scenarios as data: ordered steps, each with a day offset, a channel, a template and the conditions under which
it applies. A mandate names its scenario by code; staff edit scenarios through the API, never in code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from shared.errors import Invalid


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    LETTER = "letter"
    REGISTERED_LETTER = "registered_letter"  # lettre recommandée avec accusé de réception (LRAR)
    PHONE = "phone"  # a call task in the agents' queue
    FORMAL_NOTICE = "formal_notice"  # mise en demeure, sent as a registered letter with acknowledgement


POSTAL = frozenset({Channel.LETTER, Channel.REGISTERED_LETTER, Channel.FORMAL_NOTICE})
REGISTERED = frozenset({Channel.REGISTERED_LETTER, Channel.FORMAL_NOTICE})


class Anchor(StrEnum):
    DUE = "due"  # days after the case's earliest unpaid due date
    PREVIOUS = "previous"  # days after the previous step went out


@dataclass(frozen=True)
class Conditions:
    """When a step applies: every condition given must hold (an empty tuple or None means any)."""

    kinds: tuple[str, ...] = ()  # b2b | b2c
    grades: tuple[str, ...] = ()  # scoring's A..E; a debtor not scored yet matches any
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None

    def hold_for(self, facts: CaseFacts) -> bool:
        if self.kinds and facts.kind not in self.kinds:
            return False
        if self.grades and facts.grade is not None and facts.grade not in self.grades:
            return False
        if self.min_amount is not None and facts.balance < self.min_amount:
            return False
        return not (self.max_amount is not None and facts.balance > self.max_amount)


@dataclass(frozen=True)
class Step:
    code: str
    channel: Channel
    template: str
    offset_days: int
    anchor: Anchor = Anchor.DUE
    conditions: Conditions = field(default_factory=Conditions)


@dataclass(frozen=True)
class Scenario:
    code: str
    name: str
    steps: tuple[Step, ...]
    exhaust_after_days: int = 15  # after the last step, days before the scenario is declared exhausted

    def __post_init__(self) -> None:
        check_scenario(self)


@dataclass(frozen=True)
class CaseFacts:
    """What the conditions of a step read about a case."""

    kind: str
    balance: Decimal
    grade: str | None = None


def check_scenario(scenario: Scenario) -> None:
    """A scenario staff can save: at least one step, unique codes, offsets that never go back in time."""
    if not scenario.steps:
        raise Invalid(
            "a scenario needs at least one step", field="steps", message_fr="un scénario a au moins une étape"
        )
    codes = [step.code for step in scenario.steps]
    if len(set(codes)) != len(codes):
        raise Invalid("two steps share a code", field="steps", message_fr="deux étapes portent le même code")
    previous_offset = -1
    for position, step in enumerate(scenario.steps):
        if step.offset_days < 0 or step.offset_days > 3650:
            raise Invalid(
                f"step {step.code}: the offset must be between 0 and 3650 days",
                field=f"steps.{position}.offset_days",
                message_fr=f"étape {step.code} : le délai doit être compris entre 0 et 3650 jours",
            )
        if step.anchor is Anchor.DUE and step.offset_days < previous_offset:
            raise Invalid(
                f"step {step.code} comes before the step above it: offsets from the due date must not decrease",
                field=f"steps.{position}.offset_days",
                message_fr=f"l'étape {step.code} tombe avant l'étape précédente : les délais depuis l'échéance "
                "ne peuvent pas décroître",
            )
        previous_offset = step.offset_days if step.anchor is Anchor.DUE else previous_offset + step.offset_days
    if scenario.exhaust_after_days < 0:
        raise Invalid(
            "exhaust_after_days cannot be negative",
            field="exhaust_after_days",
            message_fr="le délai avant épuisement ne peut pas être négatif",
        )


def applicable_steps(scenario: Scenario, facts: CaseFacts) -> tuple[Step, ...]:
    return tuple(step for step in scenario.steps if step.conditions.hold_for(facts))


def nominal_offsets(steps: tuple[Step, ...]) -> list[int]:
    """Each step's day counted from the due date, as the scenario plans it."""
    offsets, previous = [], 0
    for step in steps:
        previous = step.offset_days if step.anchor is Anchor.DUE else previous + step.offset_days
        offsets.append(previous)
    return offsets


def next_applicable(steps: tuple[Step, ...], facts: CaseFacts, start: int) -> int | None:
    """The position of the first step from `start` on whose conditions hold for the case; None when none is left."""
    for position in range(start, len(steps)):
        if steps[position].conditions.hold_for(facts):
            return position
    return None


def step_day(steps: tuple[Step, ...], position: int, *, due_on: date, last: tuple[int, date] | None) -> date:
    """The day step `position` falls due: counted from the case's earliest due date while no step went out, else
    from the day the last one went out (`last`: its position and that day) by the scenario's own spacing, so a
    platform back from downtime catches up one step at a time instead of sending every overdue step at once. The
    scheduler plans each step with it (`steps.plans.next_step`), and the test mode foresees the steps to come
    with it (`domain.timetable`)."""
    offsets = nominal_offsets(steps)
    if last is None:
        return due_on + timedelta(days=offsets[position])
    last_position, went_out_on = last
    return went_out_on + timedelta(days=offsets[position] - offsets[last_position])


def first_step_day(steps: tuple[Step, ...], due_on: date) -> date:
    return step_day(steps, 0, due_on=due_on, last=None)


def following_step_day(steps: tuple[Step, ...], index: int, executed_on: date) -> date:
    """The day step `index + 1` falls due once step `index` went out on `executed_on` (`step_day`)."""
    return step_day(steps, index + 1, due_on=executed_on, last=(index, executed_on))


def exhaustion_day(scenario: Scenario, last_executed_on: date) -> date:
    return last_executed_on + timedelta(days=scenario.exhaust_after_days)


DEFAULT_FR = Scenario(
    code="default-fr",
    name="Relance amiable standard (France)",
    steps=(
        Step("email-1", Channel.EMAIL, "email-courteous", 5),
        Step("email-2", Channel.EMAIL, "email-firm", 15),
        Step("letter-1", Channel.LETTER, "letter-reminder", 25),
        Step("call-1", Channel.PHONE, "phone-script", 35),
        Step("formal-notice", Channel.FORMAL_NOTICE, "formal-notice", 45),
    ),
    exhaust_after_days=15,  # exhausted at due + 60 when every step went out on time
)
