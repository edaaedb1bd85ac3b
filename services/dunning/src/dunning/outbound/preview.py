"""Test mode: what the scenario would send a case, when, and with which text — rendered from today's figures,
checked for the mandatory mentions, and sent to no one."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session

from shared.auth import Principal
from shared.clock import PARIS, Clock, today_in_paris

from dunning.cases.cases import visible_case
from dunning.cases.composing import CaseFacts, Slot, message_reference
from dunning.domain.compliance import missing_mentions
from dunning.domain.context import FirstContact
from dunning.domain.scenarios import Channel
from dunning.domain.windows import next_allowed
from dunning.outbound.preparing import ContactRules, creditor_override
from dunning.outbound.schemas import PreviewItem, PreviewPage
from dunning.rendering.templates import render
from dunning.steps.plans import STEP_HOUR, pending_step, planned_steps


def preview_case(
    *,
    session: Session,
    case_id: uuid.UUID,
    principal: Principal,
    clock: Clock,
    facts: CaseFacts,
    rules: ContactRules,
    language: str = "fr",
) -> PreviewPage:
    case = visible_case(session, case_id, principal)
    scenario, plan = planned_steps(session, case)
    pending = pending_step(session, case.case_id)
    first = None
    if case.first_message_id is not None and case.first_contact_on is not None:
        first = FirstContact(reference=message_reference(case.first_message_id), sent_on=case.first_contact_on)
    items = []
    for position, day in plan:
        step = scenario.steps[position]
        at = (
            pending.due_at
            if pending is not None and pending.position == position
            else datetime.combine(day, STEP_HOUR, tzinfo=PARIS)
        )
        at = max(at, clock.now())
        at = next_allowed(at, rules.windows[step.channel])
        sent_on = at.astimezone(PARIS).date()
        reference = message_reference(uuid.uuid5(case.case_id, step.code))
        slot = Slot(
            channel=step.channel.value,
            step=step.code,
            template=step.template,
            language=language,
            message_reference=reference,
            first_contact=first,
            sent_on=max(sent_on, today_in_paris(clock)),
            now=at,
        )
        context = facts.context_for(case, slot)
        rendered = render(context, override=creditor_override(session, case, step.template, language))
        missing = missing_mentions(context, rendered)
        items.append(
            PreviewItem(
                step=step.code,
                channel=step.channel.value,
                template=step.template,
                due_at=at,
                language=language,
                subject=rendered.subject,
                text=rendered.text,
                compliant=not missing,
                missing_mentions=[mention.code for mention in missing],
            )
        )
        if first is None and step.channel is not Channel.PHONE:
            first = FirstContact(reference=reference, sent_on=sent_on)
    return PreviewPage(case_id=case.case_id, scenario=scenario.code, items=items)
