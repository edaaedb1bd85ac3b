"""A case's procedures, proposals and insolvency claim."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status
from sqlmodel import col, select

from shared.clock import today_in_paris
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep

from legal.deps import AgencyDep, DeciderDep, IntakeReaderDep
from legal.domain.courts import ProcedureKind
from legal.procedures.models import Proposal
from legal.procedures.schemas import (
    InsolvencyClaimIn,
    InsolvencyClaimPublic,
    ProcedureIn,
    ProcedurePage,
    ProcedurePublic,
    ProposalPage,
)
from legal.procedures.service.cases import visible_case
from legal.procedures.service.insolvency import record_claim_step, visible_claim
from legal.procedures.service.opening import open_procedure
from legal.procedures.service.steps import procedures_of_case
from legal.procedures.service.views import claim_public, procedure_public, proposal_public

router = APIRouter(prefix="/api/v1/legal/cases/{case_id}", tags=["legal procedures"])


@router.post(
    "/procedures",
    status_code=status.HTTP_201_CREATED,
    summary="approve going to court: open a payment order or a small-claims procedure, with its request file",
    responses={409: {"description": "the case cannot go to court (closed, insolvency, a procedure under way)"}},
)
def post_procedure(
    case_id: uuid.UUID,
    procedure_in: ProcedureIn,
    session: SessionDep,
    clock: ClockDep,
    reader: IntakeReaderDep,
    agency: AgencyDep,
    decider: DeciderDep,
) -> ProcedurePublic:
    procedure = open_procedure(
        session=session,
        reader=reader,
        agency=agency,
        case_id=case_id,
        kind=ProcedureKind(procedure_in.kind),
        note=procedure_in.note,
        principal=decider,
        clock=clock,
    )
    return procedure_public(session, procedure, today=today_in_paris(clock))


@router.get("/procedures", summary="the case's procedures, oldest first, with their deadlines")
def get_procedures(
    case_id: uuid.UUID, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> ProcedurePage:
    case = visible_case(session, case_id, principal)
    today = today_in_paris(clock)
    return ProcedurePage(
        items=[procedure_public(session, p, today=today) for p in procedures_of_case(session, case.case_id)]
    )


@router.get("/proposals", summary="what legal proposed when the case's dunning ran out, and what was decided")
def get_case_proposals(case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> ProposalPage:
    case = visible_case(session, case_id, principal)
    proposals = session.exec(
        select(Proposal).where(Proposal.case_id == case.case_id).order_by(col(Proposal.exhausted_on), col(Proposal.id))
    ).all()
    return ProposalPage(items=[proposal_public(p) for p in proposals], total=len(proposals))


@router.get("/insolvency-claim", summary="the claim declared in the debtor's insolvency proceedings, to its outcome")
def get_insolvency_claim(
    case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep
) -> InsolvencyClaimPublic:
    return claim_public(session, visible_claim(session, case_id, principal))


@router.post(
    "/insolvency-claim",
    summary="record the claim's declaration or outcome: declared, admitted, contested, rejected, paid by the "
    "administrator (a payment in intake)",
)
def post_insolvency_claim(
    case_id: uuid.UUID,
    claim_in: InsolvencyClaimIn,
    session: SessionDep,
    clock: ClockDep,
    reader: IntakeReaderDep,
    decider: DeciderDep,
) -> InsolvencyClaimPublic:
    claim = record_claim_step(
        session=session, reader=reader, case_id=case_id, step_in=claim_in, principal=decider, clock=clock
    )
    return claim_public(session, claim)
