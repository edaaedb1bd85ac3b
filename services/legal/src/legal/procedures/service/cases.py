"""The cases legal knows, from intake's events alone (`intake.cases`, keyed by the case, in order): the validation
brings the case with its snapshot, status changes and closing follow; debtor payments are kept even for a case
not validated yet, since each restarts prescription (art. 2240 C. civ.)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, func, select

from shared.auth import Principal
from shared.bulk_copy import copy_rows
from shared.clock import Clock
from shared.events.intake import CaseClosed, CaseStatusChanged, CaseValidated, PaymentRecorded
from shared.table_rows import new_row
from shared.tenancy import check_visible

from legal.errors import CaseUnknownToLegal
from legal.procedures.models import LegalCase, PrescriptionInterruption

# payments that come from the debtor (or its assets, seized by a bailiff): each acknowledges the debt
INTERRUPTING_ORIGINS = frozenset({"debtor_to_agency", "debtor_to_creditor", "bailiff"})


def record_validation(*, session: Session, event: CaseValidated, clock: Clock) -> LegalCase:
    case = _validated(session.get(LegalCase, uuid.UUID(event.case_id)), event, clock=clock)
    session.add(case)
    session.flush()
    return case


def record_validations(*, session: Session, events: Sequence[CaseValidated], clock: Clock) -> None:
    """`record_validation` for many validations of different cases: one look-up for the cases legal knows, those
    updated in the session, and the new ones written at once with one COPY (a run of validations,
    `shared.consumer_runs`; the ORM's inserts were half of legal's consumer thread)."""
    ids = [uuid.UUID(event.case_id) for event in events]
    known = {case.case_id: case for case in session.exec(select(LegalCase).where(col(LegalCase.case_id).in_(ids)))}
    new = []
    for event, case_id in zip(events, ids, strict=True):
        case = known.get(case_id)
        if case is None:
            new.append(_validated(None, event, clock=clock))  # never in the session: written below
        else:
            _validated(case, event, clock=clock)  # updated in the session, written at its next flush
    copy_rows(session, LegalCase, ({field: getattr(case, field) for field in _FIELDS} for case in new))


_FIELDS = tuple(LegalCase.model_fields)


def _validated(case: LegalCase | None, event: CaseValidated, *, clock: Clock) -> LegalCase:
    """The case as its validation leaves it: `case` (None when new) updated with what the validation says."""
    said = {
        "debtor_name": event.debtor.name,
        "reference": event.reference,
        "kind": event.kind,
        "status": event.status,
        "insolvency": insolvent(event),
        "currency": event.invoices[0].currency if event.invoices else "EUR",
    }
    if case is None:
        unpaid = [i for i in event.invoices if i.outstanding > 0] or list(event.invoices)
        return new_row(
            LegalCase,
            case_id=uuid.UUID(event.case_id),
            creditor_id=uuid.UUID(event.creditor_id),
            debtor_id=uuid.UUID(event.debtor.debtor_id),
            earliest_due_on=min(i.due_date for i in unpaid),
            principal=sum((i.outstanding for i in event.invoices), start=Decimal("0.00")),
            validated_at=clock.now(),
            **said,
        )
    for name, value in said.items():
        setattr(case, name, value)
    return case


def insolvent(event: CaseValidated) -> bool:
    """Whether the validated case is under insolvency proceedings (its claim is to be declared)."""
    return event.debtor.insolvency or event.status == "claim_declaration"


def record_status(*, session: Session, event: CaseStatusChanged | CaseClosed) -> LegalCase | None:
    """None when legal does not know the case yet: its validation, which comes after, carries the status. The case
    is held until commit before anything is decided from it: a closing and a dunning exhaustion handled at once
    (`propose`) then see each other, whichever commits first."""
    case = session.get(LegalCase, uuid.UUID(event.case_id), with_for_update=True, populate_existing=True)
    if case is None:
        return None
    if isinstance(event, CaseClosed):
        case.status, case.closed_on, case.closure_reason = "closed", event.closed_on, event.reason
    else:
        case.status = event.to_status
        if event.to_status != "closed":  # reopened: the closing no longer holds
            case.closed_on = case.closure_reason = None
    session.add(case)
    return case


def record_payment(*, session: Session, event: PaymentRecorded) -> None:
    if event.origin not in INTERRUPTING_ORIGINS:
        return
    if session.get(PrescriptionInterruption, uuid.UUID(event.payment_id)) is not None:
        return
    session.add(
        PrescriptionInterruption(
            payment_id=uuid.UUID(event.payment_id), case_id=uuid.UUID(event.case_id), on=event.received_on
        )
    )


def last_interruption(session: Session, case_id: uuid.UUID) -> date | None:
    day: date | None = session.exec(
        select(func.max(col(PrescriptionInterruption.on))).where(PrescriptionInterruption.case_id == case_id)
    ).one()
    return day


def visible_case(session: Session, case_id: uuid.UUID, principal: Principal) -> LegalCase:
    case = session.get(LegalCase, case_id)
    if case is None:
        raise CaseUnknownToLegal(case_id)
    check_visible(principal, missing=lambda: CaseUnknownToLegal(case_id), creditor_id=case.creditor_id)
    return case
