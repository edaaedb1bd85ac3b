"""A procedure as the API shows it: its court, its steps, its deadlines as of today, its request file."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, col, select

from legal.domain.courts import ProcedureKind, court_for
from legal.domain.deadlines import procedure_deadlines
from legal.domain.lifecycle import next_steps
from legal.procedures.models import (
    InsolvencyClaim,
    InsolvencyClaimStep,
    LegalCase,
    Procedure,
    ProcedureStep,
    Proposal,
    RequestFile,
)
from legal.procedures.schemas import (
    ClaimStepPublic,
    CourtPublic,
    DeadlinePublic,
    ExhibitPublic,
    InsolvencyClaimPublic,
    ProcedurePublic,
    ProposalPublic,
    RequestFilePublic,
    StepPublic,
)


def steps_of(session: Session, procedure_id: uuid.UUID) -> list[ProcedureStep]:
    return list(
        session.exec(
            select(ProcedureStep)
            .where(ProcedureStep.procedure_id == procedure_id)
            .order_by(col(ProcedureStep.occurred_on), col(ProcedureStep.recorded_at))
        ).all()
    )


def dates_of(steps: list[ProcedureStep]) -> dict[str, date]:
    """The day each state was reached (the latest, should a state be reached twice)."""
    return {step.state: step.occurred_on for step in steps}


def court_of(procedure: Procedure, case: LegalCase | None) -> CourtPublic:
    court = court_for(
        ProcedureKind(procedure.kind), commercial=(case.kind if case else "b2b") == "b2b", place=procedure.court_place
    )
    return CourtPublic(
        kind=court.kind,
        name=court.name_fr,
        name_en=court.name_en,
        place=court.place,
        rule=court.rule,
        rule_fr=court.rule_fr,
    )


def procedure_public(session: Session, procedure: Procedure, *, today: date) -> ProcedurePublic:
    steps = steps_of(session, procedure.id)
    deadlines = procedure_deadlines(
        small_claims=procedure.kind == ProcedureKind.SMALL_CLAIMS,
        state=procedure.state,
        dates=dates_of(steps),
        today=today,
    )
    request = session.get(RequestFile, procedure.id)
    return ProcedurePublic(
        id=procedure.id,
        case_id=procedure.case_id,
        creditor_id=procedure.creditor_id,
        kind=procedure.kind,
        state=procedure.state,
        court=court_of(procedure, session.get(LegalCase, procedure.case_id)),
        claimed=procedure.claimed,
        currency=procedure.currency,
        opened_on=procedure.opened_on,
        approved_by=procedure.approved_by,
        deadlines=[
            DeadlinePublic(kind=d.kind, due_on=d.due_on, rule=d.rule, rule_fr=d.rule_fr, status=d.status)
            for d in deadlines
        ],
        steps=[
            StepPublic(
                state=s.state,
                occurred_on=s.occurred_on,
                recorded_by=s.recorded_by,
                recorded_at=s.recorded_at,
                note=s.note,
            )
            for s in steps
        ],
        next_steps=list(next_steps(ProcedureKind(procedure.kind), procedure.state)),
        request=(
            RequestFilePublic(
                as_of=request.as_of,
                generated_at=request.generated_at,
                exhibits=[ExhibitPublic.model_validate(e) for e in request.exhibits],
                missing=request.missing,
                url=f"/api/v1/legal/procedures/{procedure.id}/request.pdf",
            )
            if request is not None
            else None
        ),
    )


def claim_public(session: Session, claim: InsolvencyClaim) -> InsolvencyClaimPublic:
    steps = session.exec(
        select(InsolvencyClaimStep)
        .where(InsolvencyClaimStep.claim_id == claim.id)
        .order_by(col(InsolvencyClaimStep.occurred_on), col(InsolvencyClaimStep.recorded_at))
    ).all()
    return InsolvencyClaimPublic.model_validate(
        {**claim.model_dump(), "steps": [ClaimStepPublic.model_validate(s, from_attributes=True) for s in steps]}
    )


def proposal_public(proposal: Proposal) -> ProposalPublic:
    return ProposalPublic.model_validate(proposal, from_attributes=True)
