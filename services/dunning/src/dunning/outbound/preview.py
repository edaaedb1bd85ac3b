"""Test mode: what the scenario would send a case, when, and with which text — each step on the instant the
scheduler would send it (`steps.plans.upcoming`, the scheduler's own rule), rendered in the language the debtor
receives, from the figures of that day, checked for the mandatory mentions, and sent to no one. A paused case says
why and when it goes on, and its steps count from then; a case dunning no longer works has nothing to come."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.auth import Principal
from shared.clock import Clock

from dunning.cases.cases import visible_case
from dunning.cases.composing import CaseFacts, Slot, message_reference
from dunning.domain.compliance import missing_mentions
from dunning.domain.context import FirstContact
from dunning.domain.scenarios import Channel
from dunning.domain.timetable import start_of
from dunning.outbound.pauses import pause_of
from dunning.outbound.preparing import ContactRules, creditor_override
from dunning.outbound.schemas import PreviewItem, PreviewPage
from dunning.rendering.templates import render
from dunning.steps.plans import upcoming

FINISHED = ("exhausted", "legal", "closed", "claim_declaration")  # nothing more goes out


def preview_case(
    *,
    session: Session,
    case_id: uuid.UUID,
    principal: Principal,
    clock: Clock,
    facts: CaseFacts,
    rules: ContactRules,
    promise_grace_days: int,
) -> PreviewPage:
    case = visible_case(session, case_id, principal)
    language = facts.debtor_contact(case).language  # the debtor's, as every message to it is written
    pause = pause_of(session, case, promise_grace_days=promise_grace_days)
    page = PreviewPage(
        case_id=case.case_id, scenario=case.scenario, status=case.status, language=language, pause=pause, items=[]
    )
    if case.status in FINISHED or (pause is not None and pause.then == "legal"):
        return page
    goes_on = clock.now()
    if pause is not None and pause.resumes_on is not None:
        goes_on = max(goes_on, start_of(pause.resumes_on))
    scenario, steps = upcoming(session, case, now=goes_on, windows=rules.windows)
    first = None
    if case.first_message_id is not None and case.first_contact_on is not None:
        first = FirstContact(reference=message_reference(case.first_message_id), sent_on=case.first_contact_on)
    for planned in steps:
        step = scenario.steps[planned.position]
        reference = message_reference(uuid.uuid5(case.case_id, step.code))
        slot = Slot(
            channel=step.channel.value,
            step=step.code,
            template=step.template,
            language=language,
            message_reference=reference,
            first_contact=first,
            sent_on=planned.leaves_on,
            now=planned.leaves_at,
        )
        context = facts.context_for(case, slot)
        rendered = render(context, override=creditor_override(session, case, step.template, language))
        missing = missing_mentions(context, rendered)
        page.items.append(
            PreviewItem(
                step=step.code,
                channel=step.channel.value,
                template=step.template,
                due_at=planned.leaves_at,
                language=language,
                subject=rendered.subject,
                text=rendered.text,
                compliant=not missing,
                missing_mentions=[mention.code for mention in missing],
            )
        )
        if first is None and step.channel is not Channel.PHONE:
            first = FirstContact(reference=reference, sent_on=planned.leaves_on)
    return page
