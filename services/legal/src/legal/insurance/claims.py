"""Threat-of-loss declarations and the claims that follow them (docs/rules.md §7): opened on time, or refused in
plain words once the policy's deadline has passed; then each step to the insurer's payout, whose indemnity reaches
intake's ledger as a payment through `InsuranceIndemnityPaid`."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, Invalid
from shared.events.legal_insurance import InsuranceClaimDeclared
from shared.outbox import record_event

from legal.domain import insurance as domain
from legal.errors import ClaimNotFound
from legal.insurance.alert_rows import resolve_alerts
from legal.insurance.case_models import InsuranceCase
from legal.insurance.cases import case_invoices, is_closed, receivables, visible_case
from legal.insurance.models import InsuranceClaim, InsuranceClaimStep, InsurancePolicy
from legal.insurance.policies import policy_terms
from legal.insurance.schemas import ClaimIn, ClaimList, ClaimPublic, ClaimStepPublic

ZERO = Decimal("0.00")


def _policy_for(session: Session, case: InsuranceCase) -> InsurancePolicy:
    policy = session.get(InsurancePolicy, case.creditor_id)
    if policy is None:
        raise Conflict(
            f"creditor {case.creditor_id} has no credit-insurance policy on file: enter it first "
            f"(PUT /api/v1/legal/creditors/{case.creditor_id}/insurance-policy)",
            field="case_id",
            message_fr=f"le créancier {case.creditor_id} n'a pas de police d'assurance-crédit enregistrée : "
            "saisissez-la d'abord",
        )
    return policy


def _check_on_time(case: InsuranceCase, policy: InsurancePolicy, declared_on: date, deadline: date) -> None:
    if declared_on > deadline:
        raise Conflict(
            f"too late to declare a threat of loss on case {case.reference}: under policy {policy.policy_number} "
            f"the declaration was due by {deadline.isoformat()} ({policy.declaration_days} days after the oldest "
            "unpaid due date); past it, the insurer no longer covers this debt",
            field="declared_on",
            message_fr=f"trop tard pour déclarer la menace de sinistre du dossier {case.reference} : selon la police "
            f"{policy.policy_number}, la déclaration devait être faite au plus tard le {deadline:%d/%m/%Y} "
            f"({policy.declaration_days} jours après la plus ancienne échéance impayée) ; passé ce délai, "
            "l'assureur ne couvre plus cette créance",
        )


def _open_claim_on(session: Session, case_id: uuid.UUID) -> InsuranceClaim | None:
    return session.exec(
        select(InsuranceClaim).where(
            InsuranceClaim.case_id == case_id, col(InsuranceClaim.state).in_(sorted(domain.OPEN_STATES))
        )
    ).first()


def open_claim(
    *, session: Session, case_id: uuid.UUID, claim_in: ClaimIn, principal: Principal, clock: Clock
) -> InsuranceClaim:
    case = visible_case(session, case_id, principal)
    session.refresh(case, with_for_update=True)  # one declaration at a time per case
    if is_closed(session, case.case_id):
        raise Conflict(
            f"case {case.reference} is closed", field="case_id", message_fr=f"le dossier {case.reference} est clos"
        )
    policy = _policy_for(session, case)
    terms = policy_terms(policy)
    invoices = case_invoices(session, case.case_id)
    oldest = domain.oldest_unpaid_due_date(receivables(invoices))
    unpaid = sum((i.outstanding for i in invoices if i.outstanding > 0), ZERO)
    if oldest is None:
        raise Conflict(
            f"nothing is unpaid on case {case.reference}: there is no loss to declare",
            field="case_id",
            message_fr=f"rien n'est impayé sur le dossier {case.reference} : aucun sinistre à déclarer",
        )
    if any(i.currency != policy.currency for i in invoices if i.outstanding > 0):
        raise Conflict(
            f"case {case.reference} is not in {policy.currency}, the currency of the policy",
            field="case_id",
            message_fr=f"le dossier {case.reference} n'est pas en {policy.currency}, la devise de la police",
        )
    today = today_in_paris(clock)
    declared_on = claim_in.declared_on or today
    if declared_on > today:
        raise Invalid(
            f"declared_on: {declared_on.isoformat()} is after today; record a declaration once made",
            field="declared_on",
            message_fr=f"declared_on : le {declared_on:%d/%m/%Y} est après aujourd'hui ; enregistrez une déclaration "
            "une fois faite",
        )
    deadline = domain.declaration_deadline(oldest, terms)
    _check_on_time(case, policy, declared_on, deadline)
    loss = claim_in.declared_amount or unpaid
    if loss > unpaid:
        raise Invalid(
            f"declared_amount: {loss} is more than what is unpaid on the case ({unpaid})",
            field="declared_amount",
            message_fr=f"declared_amount : {loss} dépasse ce qui reste impayé sur le dossier ({unpaid})",
        )
    if _open_claim_on(session, case.case_id) is not None:
        raise Conflict(
            f"case {case.reference} already has a claim in progress",
            field="case_id",
            message_fr=f"le dossier {case.reference} a déjà un sinistre en cours",
        )
    now = clock.now()
    claim = InsuranceClaim(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor_id,
        insurer_id=policy.insurer_id,
        policy_number=policy.policy_number,
        state=domain.DECLARED,
        oldest_due_date=oldest,
        deadline=deadline,
        declared_on=declared_on,
        indemnity_due_from=domain.indemnity_due_from(oldest, terms),
        declared_amount=loss,
        expected_indemnity=domain.expected_indemnity(loss=loss, terms=terms),
        currency=policy.currency,
        insurer_reference=claim_in.insurer_reference,
        created_at=now,
        updated_at=now,
    )
    session.add(claim)
    session.flush()
    session.add(
        InsuranceClaimStep(
            claim_id=claim.id,
            step=domain.DECLARED,
            occurred_on=declared_on,
            amount=loss,
            reference=claim_in.insurer_reference,
            recorded_at=now,
            recorded_by=principal.subject,
        )
    )
    resolve_alerts(session, case.case_id, ("declaration_due", "declaration_missed"), today=today)
    record_event(
        session,
        InsuranceClaimDeclared(
            claim_id=str(claim.id),
            case_id=str(case.case_id),
            creditor_id=str(case.creditor_id),
            insurer_id=str(policy.insurer_id),
            policy_number=policy.policy_number,
            declared_on=declared_on,
            deadline=deadline,
            declared_amount=loss,
            currency=policy.currency,
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    audit(
        session,
        actor=principal,
        action="insurance_claim.declared",
        entity="case",
        entity_id=case.case_id,
        clock=clock,
        claim_id=str(claim.id),
        declared_on=declared_on.isoformat(),
        deadline=deadline.isoformat(),
        declared_amount=str(loss),
    )
    return claim


def visible_claim(session: Session, case_id: uuid.UUID, claim_id: uuid.UUID, principal: Principal) -> InsuranceClaim:
    visible_case(session, case_id, principal)
    claim = session.get(InsuranceClaim, claim_id)
    if claim is None or claim.case_id != case_id:
        raise ClaimNotFound(claim_id)
    return claim


def list_claims(*, session: Session, case_id: uuid.UUID, principal: Principal) -> ClaimList:
    visible_case(session, case_id, principal)
    claims = session.exec(
        select(InsuranceClaim).where(InsuranceClaim.case_id == case_id).order_by(col(InsuranceClaim.created_at))
    ).all()
    return ClaimList(items=[claim_public(session, claim) for claim in claims])


def claim_public(session: Session, claim: InsuranceClaim) -> ClaimPublic:
    steps = session.exec(
        select(InsuranceClaimStep).where(InsuranceClaimStep.claim_id == claim.id).order_by(col(InsuranceClaimStep.id))
    ).all()
    return ClaimPublic.model_validate(
        {**claim.model_dump(), "steps": [ClaimStepPublic.model_validate(s, from_attributes=True) for s in steps]}
    )
