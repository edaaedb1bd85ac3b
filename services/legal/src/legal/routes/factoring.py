"""Factoring routes: the contract, assignment batches (JSON, CSV, the debtors' subrogation notices as PDF), factor
disputes and hand-backs. Thin: parse, call one service function, commit, answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from shared.clock import today_in_paris
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep
from shared.i18n import negotiate
from shared.limits import LimitQuery, OffsetQuery

from legal.insurance import factor_disputes, factoring_batches, factoring_contracts
from legal.insurance.batch_csv import BatchRow, batch_csv
from legal.insurance.factoring_schemas import (
    AssignmentDetail,
    BatchIn,
    BatchPage,
    BatchPublic,
    ContractIn,
    ContractPublic,
    DisputeIn,
    DisputePublic,
    DisputeResolutionIn,
    HandBackIn,
)
from legal.insurance.notices import batch_notices_pdf

router = APIRouter(prefix="/api/v1/legal", tags=["legal factoring"])
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]
CSV = "text/csv; charset=utf-8"


@router.put(
    "/creditors/{creditor_id}/factoring-contract",
    summary="enter or replace the creditor's factoring contract (factor, with or without recourse, eligible "
    "debtors, maximum)",
)
def put_contract(
    creditor_id: uuid.UUID, contract_in: ContractIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> ContractPublic:
    contract = factoring_contracts.put_contract(
        session=session, creditor_id=creditor_id, contract_in=contract_in, principal=staff, clock=clock
    )
    session.commit()
    return factoring_contracts.contract_public(session, contract)


@router.get("/creditors/{creditor_id}/factoring-contract", summary="the creditor's factoring contract")
def get_contract(creditor_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> ContractPublic:
    contract = factoring_contracts.get_contract(session=session, creditor_id=creditor_id, principal=principal)
    return factoring_contracts.contract_public(session, contract)


@router.post(
    "/factoring/batches",
    status_code=201,
    summary="assign to the factor the creditor's open invoices its contract covers (or those of the cases named), "
    "oldest first within the contract's maximum: the assignment batch with its control totals",
)
def create_batch(batch_in: BatchIn, session: SessionDep, clock: ClockDep, staff: StaffDep) -> BatchPublic:
    batch = factoring_batches.create_batch(session=session, batch_in=batch_in, principal=staff, clock=clock)
    session.commit()
    return batch


@router.get("/factoring/batches", summary="assignment batches, newest first")
def list_batches(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    creditor_id: Annotated[uuid.UUID | None, Query()] = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> BatchPage:
    return factoring_batches.list_batches(
        session=session, principal=principal, creditor_id=creditor_id, offset=offset, limit=limit
    )


@router.get(
    "/factoring/batches/{batch_id}.csv",
    summary="the assignment batch as CSV for the factor: a row per receivable, then the TOTAL row (count, sum)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def batch_as_csv(batch_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> Response:
    batch = factoring_batches.visible_batch(session, batch_id, principal)
    rows = [
        BatchRow(
            a.line,
            a.case_reference,
            a.invoice_number,
            a.issue_date,
            a.due_date,
            a.debtor_siren,
            a.debtor_name,
            a.amount,
            a.assigned_amount,
            a.currency,
        )
        for a in factoring_batches.batch_assignments(session, batch.id)
    ]
    text = batch_csv(number=batch.number, contract_number=batch.contract_number, currency=batch.currency, rows=rows)
    return Response(
        text.encode("utf-8"),
        media_type=CSV,
        headers={
            "Content-Disposition": f'attachment; filename="bordereau-{batch.number}.csv"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get(
    "/factoring/batches/{batch_id}/notices.pdf",
    summary="the debtors' subrogation notices of the batch (a letter per debtor, art. 1346-1 C. civ.), addressed "
    "from intake at this instant",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def batch_notices(
    batch_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
    accept_language: AcceptLanguage = None,
) -> Response:
    batch = factoring_batches.visible_batch(session, batch_id, principal)
    pdf = batch_notices_pdf(
        session=session,
        batch=batch,
        reader=request.app.state.intake_reader,
        today=today_in_paris(clock),
        language=negotiate(accept_language),
    )
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="notifications-{batch.number}.pdf"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/factoring/batches/{batch_id}", summary="an assignment batch with its receivables and control totals")
def get_batch(batch_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> BatchPublic:
    return factoring_batches.batch_public(session, factoring_batches.visible_batch(session, batch_id, principal))


@router.get("/factoring/assignments/{assignment_id}", summary="an assigned receivable with the factor's disputes")
def get_assignment(assignment_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> AssignmentDetail:
    assignment = factor_disputes.visible_assignment(session, assignment_id, principal)
    return factor_disputes.assignment_detail(session, assignment)


@router.post(
    "/factoring/assignments/{assignment_id}/disputes",
    status_code=201,
    summary="record the factor's dispute of an assigned receivable",
)
def open_dispute(
    assignment_id: uuid.UUID, dispute_in: DisputeIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> DisputePublic:
    dispute = factor_disputes.open_dispute(
        session=session, assignment_id=assignment_id, dispute_in=dispute_in, principal=staff, clock=clock
    )
    session.commit()
    return DisputePublic.model_validate(dispute, from_attributes=True)


@router.post(
    "/factoring/assignments/{assignment_id}/disputes/{factor_dispute_id}/resolution",
    summary="the factor's dispute upheld (the receivable is flawed) or dismissed",
)
def resolve_dispute(
    assignment_id: uuid.UUID,
    factor_dispute_id: uuid.UUID,
    resolution_in: DisputeResolutionIn,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
) -> DisputePublic:
    dispute = factor_disputes.resolve_dispute(
        session=session,
        assignment_id=assignment_id,
        dispute_id=factor_dispute_id,
        resolution_in=resolution_in,
        principal=staff,
        clock=clock,
    )
    session.commit()
    return DisputePublic.model_validate(dispute, from_attributes=True)


@router.post(
    "/factoring/assignments/{assignment_id}/hand-back",
    summary="the factor hands the receivable back (recourse): any unpaid one with recourse, a disputed one without",
)
def hand_back(
    assignment_id: uuid.UUID, hand_back_in: HandBackIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> AssignmentDetail:
    assignment = factor_disputes.hand_back(
        session=session, assignment_id=assignment_id, hand_back_in=hand_back_in, principal=staff, clock=clock
    )
    session.commit()
    return factor_disputes.assignment_detail(session, assignment)
