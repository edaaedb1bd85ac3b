"""A case's move from one status to the next, told (`case.status_changed`) and audited in the caller's transaction:
the one way every use case changes a status (validation, an agent's or a creditor's move, a closing, insolvency
proceedings opened)."""

from __future__ import annotations

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.events.intake import CaseStatusChanged
from shared.outbox import record_event

from intake.cases.models import Case
from intake.domain import RuleBroken, check_transition
from intake.errors import refused


def change_status(
    session: Session, case: Case, target: str, *, principal: Principal | None, clock: Clock, reason: str | None
) -> None:
    try:
        check_transition(case.status, target)
    except RuleBroken as exc:
        raise refused(exc) from exc
    previous, case.status, case.updated_at = case.status, target, clock.now()
    session.add(case)
    record_event(
        session,
        CaseStatusChanged(
            case_id=str(case.id),
            creditor_id=str(case.creditor_id),
            from_status=previous,
            to_status=target,
            reason=reason,
            claim_deadline=case.claim_deadline if target == "claim_declaration" else None,
        ),
        clock=clock,
        subject=str(case.id),
        tenant=str(case.creditor_id),
    )
    audit(
        session,
        actor=principal,
        action=f"case.{target}",
        entity="case",
        entity_id=case.id,
        clock=clock,
        reason=reason,
        from_status=previous,
    )
