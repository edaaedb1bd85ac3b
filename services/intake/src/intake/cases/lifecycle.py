"""A case's lifecycle: the checklist (état des lieux), validation into collection or claim declaration, the
transitions an agent or the creditor asks for, and closing."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.events.intake import CaseClosed, CaseValidated
from shared.idempotency_records import created
from shared.outbox import record_event

from intake.cases.models import Case
from intake.cases.opening import invoice_rules_broken, invoice_snapshot
from intake.cases.records import case_insolvency, case_invoices, get_case
from intake.cases.schemas import ChecklistIn, TransitionIn
from intake.cases.status_changes import change_status
from intake.creditors.models import Mandate
from intake.creditors.registry import active_mandate
from intake.debtors.models import Debtor
from intake.debtors.records import creditor_view, snapshot
from intake.domain import (
    Checklist,
    RuleBroken,
    check_legal_phase_mandated,
    check_move,
    check_validation,
    claim_deadline,
    status_fr,
)
from intake.domain.lifecycle import CHECKLIST_OPEN
from intake.errors import NoMandate, TransitionRefused, refused


def update_checklist(
    *, session: Session, case_id: uuid.UUID, checklist_in: ChecklistIn, principal: Principal, clock: Clock
) -> Case:
    case = get_case(session=session, case_id=case_id, principal=principal)
    if case.status not in CHECKLIST_OPEN:
        raise TransitionRefused(
            f"the checklist is settled once a case is validated (this one is {case.status})",
            message_fr="l'état des lieux est arrêté une fois le dossier validé (celui-ci est à "
            f"l'état {status_fr(case.status)})",
        )
    record_checklist(session, case, checklist_in.model_dump(exclude_none=True), principal=principal, clock=clock)
    session.commit()
    return case


def record_checklist(
    session: Session, case: Case, changes: dict[str, Any], *, principal: Principal, clock: Clock, **why: str
) -> None:
    """The checklist's items set as `changes` says, and audited with `why` (the document that proved an item)."""
    for name, value in changes.items():
        setattr(case, name, value)
    case.updated_at = clock.now()
    session.add(case)
    audit(
        session,
        actor=principal,
        action="case.checklist_updated",
        entity="case",
        entity_id=case.id,
        clock=clock,
        **changes,
        **why,
    )


def validate_case(
    *, session: Session, case_id: uuid.UUID, override_reason: str | None, principal: Principal, clock: Clock
) -> Case:
    """Agent's validation: the mandate exists (R124-3), the receivables still meet the rules, the checklist is
    complete or overridden with a reason. A debtor under insolvency proceedings sends the case to claim
    declaration instead of collection (individual actions are stayed, L622-21 C. com.)."""
    case = get_case(session=session, case_id=case_id, principal=principal)
    if case.status != "submitted":
        raise TransitionRefused(
            f"only a submitted case can be validated (this one is {case.status})",
            field="status",
            message_fr=f"seul un dossier soumis peut être validé (celui-ci est à l'état {status_fr(case.status)})",
        )
    mandate = session.get(Mandate, case.mandate_id) if case.mandate_id else active_mandate(session, case.creditor_id)
    if mandate is None:
        raise NoMandate(
            "no collection before a written mandate with this creditor (R124-3 CPCE); sign one first",
            message_fr="aucun recouvrement sans mandat écrit de ce créancier (art. R124-3 CPCE) ; "
            "faites-en signer un d'abord",
        )
    today = today_in_paris(clock)
    broken = invoice_rules_broken(case_invoices(session, case.id), kind=case.kind, today=today)
    try:
        check_validation(Checklist(case.contract_signed, case.delivery_evidenced), override_reason)
    except RuleBroken as exc:
        broken.append(exc)
    if broken:
        raise refused(broken[0])
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    insolvency = case_insolvency(case, debtor)
    case.mandate_id, case.validated_at, case.validated_by = mandate.id, clock.now(), principal.subject
    case.override_reason = (
        override_reason if not Checklist(case.contract_signed, case.delivery_evidenced).complete else None
    )
    if insolvency:
        published_on = insolvency.get("published_on")
        case.claim_deadline = claim_deadline(date.fromisoformat(published_on) if published_on else None)
        change_status(
            session, case, "claim_declaration", principal=principal, clock=clock, reason="insolvency proceedings"
        )
    else:
        change_status(session, case, "validated", principal=principal, clock=clock, reason=override_reason)
        change_status(session, case, "amicable", principal=principal, clock=clock, reason="collection starts")
    record_event(
        session,
        CaseValidated(
            case_id=str(case.id),
            creditor_id=str(case.creditor_id),
            reference=case.reference,
            kind=case.kind,
            status=case.status,
            scenario=mandate.scenario,
            override_reason=case.override_reason,
            debtor=snapshot(debtor, creditor_view(session, debtor, case.creditor_id)),
            invoices=[invoice_snapshot(i) for i in case_invoices(session, case.id)],
            claim_deadline=case.claim_deadline,
        ),
        clock=clock,
        subject=str(case.id),
        tenant=str(case.creditor_id),
    )
    created(f"/api/v1/cases/{case.id}")  # the validated case: where a retry whose answer was lost is sent
    session.commit()
    return case


def move_case(
    *, session: Session, case_id: uuid.UUID, transition: TransitionIn, principal: Principal, clock: Clock
) -> Case:
    case = get_case(session=session, case_id=case_id, principal=principal)
    mandate = session.get(Mandate, case.mandate_id) if case.mandate_id else None
    try:
        check_move(
            target=transition.to,
            staff=principal.is_staff,
            reason=transition.reason,
            mandate_phases=mandate.phases if mandate else None,
        )
    except RuleBroken as exc:
        raise refused(exc) from exc
    if transition.to == "closed":
        assert transition.reason is not None  # check_move refuses a closure without its reason
        close_case(session, case, transition.reason, principal=principal, clock=clock, note=transition.note)
    else:
        change_status(session, case, transition.to, principal=principal, clock=clock, reason=transition.note)
    created(f"/api/v1/cases/{case.id}")  # the moved case: where a retry whose answer was lost is sent
    session.commit()
    return case


def enter_legal_phase(session: Session, case: Case, *, clock: Clock, reason: str) -> None:
    """Legal opened a court procedure on the case (its `ProcedureOpened`): the case moves to the legal phase, which
    stops dunning, as an agent's escalation does. The mandate must cover the legal phase. The caller commits."""
    mandate = session.get(Mandate, case.mandate_id) if case.mandate_id else None
    try:
        check_legal_phase_mandated(mandate.phases if mandate else None)
    except RuleBroken as exc:
        raise refused(exc) from exc
    change_status(session, case, "legal", principal=None, clock=clock, reason=reason)


def close_case(
    session: Session, case: Case, reason: str, *, principal: Principal | None, clock: Clock, note: str | None = None
) -> None:
    change_status(session, case, "closed", principal=principal, clock=clock, reason=note or reason)
    case.closure_reason = reason
    record_event(
        session,
        CaseClosed(
            case_id=str(case.id),
            creditor_id=str(case.creditor_id),
            debtor_id=str(case.debtor_id),
            reason=reason,
            closed_on=today_in_paris(clock),
        ),
        clock=clock,
        subject=str(case.id),
        tenant=str(case.creditor_id),
    )
