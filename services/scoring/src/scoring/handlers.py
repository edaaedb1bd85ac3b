"""Events scoring consumes to keep its own projection (it never calls intake to compute a score).

Handlers run inside the consumer's transaction (the inbox row commits with their effect) and never commit.
Everything intake says about one case shares the case's partition of `intake.cases`: an event about a case that is
not placed yet (not validated) comes before its validation, whose snapshot carries what that event said, so it has
nothing to wait for. Dunning's promises, payment plans and disputes come from another service, with no order against
intake's: for a case not placed yet their handlers raise `PrerequisiteMissing` (the waiting room applies them once
the validation arrives); then each bumps one counter of `debtor_behaviour` and rescores the debtor. The inbox makes
each event count once, parked or not. Legal's outcomes will do the same once legal publishes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session

from shared.clock import PARIS, Clock
from shared.consumer import EventRefused, Handlers, RunHandlers
from shared.consumer_runs import RunEvent
from shared.events.dunning import DisputeOpened, PlanAgreed, PlanBreached, PromiseBroken, PromiseKept
from shared.events.envelope import CloudEvent
from shared.events.intake import (
    CaseBalanceChanged,
    CaseClosed,
    CaseStatusChanged,
    CaseValidated,
    CreditorRegistered,
    InvoiceAdded,
    PaymentRecorded,
    PaymentReversed,
)
from shared.events.intake_debtors import DebtorContactsCorrected, DebtorUpdated
from shared.logs import request_id_var
from shared.waiting_room import PrerequisiteMissing

from scoring.portfolio import placement, projection
from scoring.portfolio.models import ScoringCase, ScoringCreditor
from scoring.portfolio.placement import Validation
from scoring.scores.rescoring import rescore_debtor
from scoring.scores.run_rescoring import rescore_placed

DEBTOR_PAYMENT_ORIGINS = frozenset({"debtor_to_agency", "debtor_to_creditor", "bailiff"})


def on_creditor_registered(*, session: Session, event: CreditorRegistered, envelope: CloudEvent, clock: Clock) -> None:
    creditor = session.get(ScoringCreditor, uuid.UUID(event.creditor_id))
    if creditor is None:
        session.add(
            ScoringCreditor(creditor_id=uuid.UUID(event.creditor_id), name=event.name, registered_at=envelope.time)
        )
    else:
        creditor.name = event.name


def on_case_validated(*, session: Session, event: CaseValidated, envelope: CloudEvent, clock: Clock) -> None:
    debtor = projection.upsert_debtor(session, event.debtor)
    projection.place_case(
        session,
        case_id=event.case_id,
        creditor_id=event.creditor_id,
        debtor_id=event.debtor.debtor_id,
        reference=event.reference,
        kind=event.kind,
        status=event.status,
        validated_on=envelope.time.astimezone(PARIS).date(),
        invoices=event.invoices,
    )
    rescore_debtor(session=session, debtor_id=debtor.debtor_id, clock=clock)


def on_cases_validated(*, session: Session, events: Sequence[RunEvent], clock: Clock) -> None:
    """`on_case_validated` for a run of validations (`shared.consumer_runs`): those `placement.apart` lets go
    together are placed and their debtors rescored with a few statements for the whole run; the others go through
    `on_case_validated`, in their order (they share no row with the former)."""
    validations = [Validation(event=item.event, envelope=item.envelope, request_id=item.request_id) for item in events]
    together, alone = placement.apart(session, validations)
    for validation in alone:
        token = request_id_var.set(validation.request_id)
        try:
            on_case_validated(session=session, event=validation.event, envelope=validation.envelope, clock=clock)
        finally:
            request_id_var.reset(token)
    rescore_placed(session, placement.place_together(session, together), clock=clock)


def placed_case(session: Session, case_id: str) -> ScoringCase | None:
    """The case once validated; None before, when the validation snapshot, later on the same partition, will carry
    what the event being handled says."""
    return session.get(ScoringCase, uuid.UUID(case_id))


def on_invoice_added(*, session: Session, event: InvoiceAdded, envelope: CloudEvent, clock: Clock) -> None:
    if (case := placed_case(session, event.case_id)) is not None:
        projection.upsert_invoice(session, event.invoice, case=case)
        rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_case_status_changed(*, session: Session, event: CaseStatusChanged, envelope: CloudEvent, clock: Clock) -> None:
    if (case := placed_case(session, event.case_id)) is not None and case.closed_on is None:
        case.status = event.to_status
        session.add(case)
        rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_case_closed(*, session: Session, event: CaseClosed, envelope: CloudEvent, clock: Clock) -> None:
    if (case := placed_case(session, event.case_id)) is None:
        return  # closed before validation (withdrawn): it never entered the projection
    case.closed_on, case.outcome, case.status = event.closed_on, event.reason, "closed"
    projection.settle_case_invoices(session, case_id=case.case_id, as_of=event.closed_on)
    projection.refresh_case_totals(session, case)
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_debtor_updated(*, session: Session, event: DebtorUpdated, envelope: CloudEvent, clock: Clock) -> None:
    debtor = projection.upsert_debtor(session, event.debtor)
    projection.record_merge(debtor, event.merged_into_id)
    rescore_debtor(session=session, debtor_id=debtor.debtor_id, clock=clock)


def on_debtor_contacts_corrected(
    *, session: Session, event: DebtorContactsCorrected, envelope: CloudEvent, clock: Clock
) -> None:
    """A contact the creditor adds counts from now on, as one given with a case; one it forgets still counts, since
    a view only grows (`scoring.portfolio.debtor_views`): what the scorecard reads is what the creditor could give."""
    debtor = projection.upsert_debtor(session, event.debtor)
    rescore_debtor(session=session, debtor_id=debtor.debtor_id, clock=clock)


def on_payment_recorded(*, session: Session, event: PaymentRecorded, envelope: CloudEvent, clock: Clock) -> None:
    """Counted before the balance changes: a payment smaller than what the case owed is a partial payment.
    The rescoring waits for `case.balance_changed`, which follows on the same partition."""
    case = placed_case(session, event.case_id)
    if case is None or event.origin not in DEBTOR_PAYMENT_ORIGINS:
        return  # before validation, the snapshot carries the balance; a credit note is not the debtor paying
    behaviour = projection.behaviour_of(session, case.debtor_id)
    behaviour.payments += 1
    if event.amount < case.outstanding:
        behaviour.partial_payments += 1
    session.add(behaviour)


def on_case_balance_changed(*, session: Session, event: CaseBalanceChanged, envelope: CloudEvent, clock: Clock) -> None:
    if (case := placed_case(session, event.case_id)) is None:
        return  # paid before validation: the validation snapshot carries the outstanding amounts
    for line in event.invoices:
        projection.record_outstanding(
            session, invoice_id=uuid.UUID(line.invoice_id), as_of=event.as_of, outstanding=line.outstanding
        )
    session.flush()
    projection.refresh_case_totals(session, case)
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_payment_reversed(*, session: Session, event: PaymentReversed, envelope: CloudEvent, clock: Clock) -> None:
    """The case owes again what the reversed payment paid, from the reversal's date (the history before it keeps
    what was known then), so the aged balance counts it again; a case the payment had closed as paid is open again,
    and the payment no longer counts among the debtor's."""
    if (case := placed_case(session, event.case_id)) is None:
        return  # reversed before validation: the validation's snapshot carries the balance
    if event.reopened_to is not None and case.closed_on is not None:
        case.closed_on, case.outcome, case.status = None, None, event.reopened_to
    for line in event.invoices:
        projection.record_outstanding(
            session, invoice_id=uuid.UUID(line.invoice_id), as_of=event.reversed_on, outstanding=line.outstanding
        )
    session.flush()
    projection.refresh_case_totals(session, case)
    if event.origin in DEBTOR_PAYMENT_ORIGINS and not event.before_validation:
        behaviour = projection.behaviour_of(session, case.debtor_id)
        behaviour.payments = max(0, behaviour.payments - 1)
        session.add(behaviour)
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def dunned_case(session: Session, *, case_id: str, creditor_id: str, fact: str) -> ScoringCase:
    """The placed case a dunning event is about. Dunning acts only on cases intake validated, but its events may
    overtake the validation: they wait for it."""
    case = placed_case(session, case_id)
    if case is None:
        raise PrerequisiteMissing(case_id, f"{fact} on case {case_id}, whose validation scoring has not heard of yet")
    if str(case.creditor_id) != creditor_id:
        raise EventRefused(
            f"{fact} on case {case_id} names creditor {creditor_id}, "
            f"but the case belongs to creditor {case.creditor_id}"
        )
    return case


def count(session: Session, case: ScoringCase, counter: str) -> None:
    behaviour = projection.behaviour_of(session, case.debtor_id)
    setattr(behaviour, counter, getattr(behaviour, counter) + 1)
    session.add(behaviour)
    session.flush()


def on_promise_kept(*, session: Session, event: PromiseKept, envelope: CloudEvent, clock: Clock) -> None:
    case = dunned_case(session, case_id=event.case_id, creditor_id=event.creditor_id, fact="a promise kept")
    count(session, case, "promises_kept")
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_promise_broken(*, session: Session, event: PromiseBroken, envelope: CloudEvent, clock: Clock) -> None:
    case = dunned_case(session, case_id=event.case_id, creditor_id=event.creditor_id, fact="a promise broken")
    count(session, case, "promises_broken")
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_dispute_opened(*, session: Session, event: DisputeOpened, envelope: CloudEvent, clock: Clock) -> None:
    """Counted when opened, whatever its outcome: a debtor who disputes is slower to collect from either way."""
    case = dunned_case(session, case_id=event.case_id, creditor_id=event.creditor_id, fact="a dispute opened")
    count(session, case, "disputes_opened")
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_plan_agreed(*, session: Session, event: PlanAgreed, envelope: CloudEvent, clock: Clock) -> None:
    """Counted, not scored: an agreed plan says nothing yet of how the debtor pays (its breach will), so no input of
    the scorecards changes and the debtor is not rescored."""
    case = dunned_case(session, case_id=event.case_id, creditor_id=event.creditor_id, fact="a payment plan agreed")
    count(session, case, "plans_agreed")


def on_plan_breached(*, session: Session, event: PlanBreached, envelope: CloudEvent, clock: Clock) -> None:
    """The scorecards read a breached plan as a broken promise (`scoring.scores.inputs`)."""
    case = dunned_case(session, case_id=event.case_id, creditor_id=event.creditor_id, fact="a payment plan breached")
    count(session, case, "plans_breached")
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


HANDLERS: Handlers = {
    CreditorRegistered: on_creditor_registered,
    CaseValidated: on_case_validated,
    InvoiceAdded: on_invoice_added,
    CaseStatusChanged: on_case_status_changed,
    CaseClosed: on_case_closed,
    DebtorUpdated: on_debtor_updated,
    DebtorContactsCorrected: on_debtor_contacts_corrected,
    PaymentRecorded: on_payment_recorded,
    PaymentReversed: on_payment_reversed,
    CaseBalanceChanged: on_case_balance_changed,
    PromiseKept: on_promise_kept,
    PromiseBroken: on_promise_broken,
    DisputeOpened: on_dispute_opened,
    PlanAgreed: on_plan_agreed,
    PlanBreached: on_plan_breached,
}

RUN_HANDLERS: RunHandlers = {CaseValidated: on_cases_validated}
