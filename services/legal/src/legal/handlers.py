"""Events legal consumes, applied in the consumer's transaction: `HANDLERS` gathers the procedures', the partner
missions' and credit insurance's.

Procedures: intake says everything about one case on `intake.cases`, in order: the validation brings the case (and,
for a debtor under insolvency proceedings, its claim to declare), status changes and closing follow (a closing ends
the case's legal action: `legal.procedures.service.closing`), debtor payments restart prescription. Dunning's
exhaustion comes on `dunning.actions`, in no order against intake's: one that overtakes the validation waits for it
(the waiting room). Partner missions: a bailiff's payment that intake reversed
marks the funds report reversed. Credit insurance: intake's cases and invoices, projected for its deadlines, and
scoring's exposure alerts."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence

from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import Handlers, RunHandlers
from shared.consumer_runs import RunEvent
from shared.events.dunning import DunningExhausted
from shared.events.envelope import CloudEvent
from shared.events.intake import (
    CaseBalanceChanged,
    CaseClosed,
    CaseOpened,
    CaseStatusChanged,
    CaseValidated,
    InvoiceAdded,
    PaymentRecorded,
    PaymentReversed,
)
from shared.events.scoring import ExposureAlerted

from legal.insurance.case_projection import on_case_balance_changed, on_case_opened, on_invoice_added
from legal.insurance.exposure import on_exposure_alerted
from legal.partners.funds_reversals import on_payment_reversed
from legal.partners.missions import end_on_closing, end_on_stay
from legal.procedures.service.cases import (
    insolvent,
    record_payment,
    record_validation,
    record_validations,
)
from legal.procedures.service.closing import end_procedures
from legal.procedures.service.insolvency import claim_to_declare
from legal.procedures.service.insolvency_stay import STAYED, stay_case
from legal.procedures.service.proposals import propose


def on_case_validated(*, session: Session, event: CaseValidated, envelope: CloudEvent, clock: Clock) -> None:
    case = record_validation(session=session, event=event, clock=clock)
    if case.insolvency:
        claim_to_declare(session=session, case=case, clock=clock, deadline=event.claim_deadline)


def on_cases_validated(*, session: Session, events: Sequence[RunEvent], clock: Clock) -> None:
    """`on_case_validated` for a run of validations (`shared.consumer_runs`): recorded together, but for a case
    under insolvency proceedings (its claim is declared too) or named twice in the run, which go through
    `on_case_validated` in their order (they share no case with the others)."""
    named = Counter(item.event.case_id for item in events)
    alone = [item for item in events if insolvent(item.event) or named[item.event.case_id] > 1]
    for item in alone:
        on_case_validated(session=session, event=item.event, envelope=item.envelope, clock=clock)
    together = [item.event for item in events if not (insolvent(item.event) or named[item.event.case_id] > 1)]
    record_validations(session=session, events=together, clock=clock)
    session.flush()


def on_case_status_changed(*, session: Session, event: CaseStatusChanged, envelope: CloudEvent, clock: Clock) -> None:
    case = stay_case(session=session, event=event, clock=clock)
    if case is not None and case.status == STAYED:
        end_on_stay(session=session, case_id=case.case_id, clock=clock)


def on_case_closed(*, session: Session, event: CaseClosed, envelope: CloudEvent, clock: Clock) -> None:
    end_procedures(session=session, event=event, clock=clock)
    case_id, closed_on = uuid.UUID(event.case_id), event.closed_on
    end_on_closing(session=session, case_id=case_id, closed_on=closed_on, reason=event.reason, clock=clock)


def on_payment_recorded(*, session: Session, event: PaymentRecorded, envelope: CloudEvent, clock: Clock) -> None:
    record_payment(session=session, event=event)


def on_dunning_exhausted(*, session: Session, event: DunningExhausted, envelope: CloudEvent, clock: Clock) -> None:
    propose(session=session, event=event, envelope=envelope, clock=clock)


PROCEDURES_HANDLERS: Handlers = {
    CaseValidated: on_case_validated,
    CaseStatusChanged: on_case_status_changed,
    CaseClosed: on_case_closed,
    PaymentRecorded: on_payment_recorded,
    DunningExhausted: on_dunning_exhausted,
}
PARTNERS_HANDLERS: Handlers = {PaymentReversed: on_payment_reversed}
INSURANCE_HANDLERS: Handlers = {
    # the validation, status changes and closing of a case are procedures' (legal_cases), read from there
    CaseOpened: on_case_opened,
    InvoiceAdded: on_invoice_added,
    CaseBalanceChanged: on_case_balance_changed,
    ExposureAlerted: on_exposure_alerted,
}
HANDLERS: Handlers = {**PROCEDURES_HANDLERS, **PARTNERS_HANDLERS, **INSURANCE_HANDLERS}
RUN_HANDLERS: RunHandlers = {CaseValidated: on_cases_validated}
