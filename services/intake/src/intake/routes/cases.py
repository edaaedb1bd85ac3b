from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlmodel import col, select

from shared.async_reads import reads_of
from shared.audit import AuditEntry
from shared.deps import ClockDep, CreditorOrStaffDep, RuntimeDep, SessionDep, StaffDep
from shared.kept_answers import joined
from shared.limits import MAX_PAGE_SIZE, LimitQuery, OffsetQuery, QueryText

from intake.api.paging import TOTAL_COUNT, page_of, total_header
from intake.cases.debtor_contacts import correct_contacts
from intake.cases.lifecycle import move_case, update_checklist, validate_case
from intake.cases.records import add_invoices, check_case, get_case, list_cases, open_case
from intake.cases.schemas import (
    AuditPublic,
    CaseCreate,
    CasePage,
    CasePublic,
    ChecklistIn,
    ChecklistPublic,
    InvoiceIn,
    TransitionIn,
    ValidateIn,
)
from intake.cases.views import case_answer, case_view, checklist_view, page_answers, with_stamps
from intake.debtors.schemas import ContactsIn

router = APIRouter(prefix="/api/v1/cases", tags=["cases"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="open a collection file",
    description="Opens a case for one debtor with its overdue invoices, all in one currency: the case's "
    "(docs/rules.md §0.1). Invoices in two currencies are refused with a 422 naming the first invoice in the other "
    "one; so are invoices added later, or imported, in another currency than the case's.",
)
def post_case(case_in: CaseCreate, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep) -> CasePublic:
    return case_view(session, open_case(session=session, case_in=case_in, principal=principal, clock=clock), principal)


@router.post(
    "/checks",
    summary="check a case without opening it",
    description="Answers as POST /api/v1/cases would (the same 422 or 409 naming what is wrong), or 200 "
    '`{"valid": true}`, and stores nothing: a form asks before its own mistakes are corrected, so that its reader '
    "is told everything at once.",
)
def check_new_case(
    case_in: CaseCreate, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> dict[str, bool]:
    check_case(session=session, case_in=case_in, principal=principal, clock=clock)
    return {"valid": True}


@router.get("", summary="list cases, newest first", response_model=CasePage)
async def get_cases(
    runtime: RuntimeDep,
    principal: CreditorOrStaffDep,
    status_: Annotated[QueryText | None, Query(alias="status")] = None,
    reference: Annotated[QueryText | None, Query()] = None,
    rf_reference: Annotated[
        QueryText | None, Query(description="the case's payment reference (ISO 11649), compact or in blocks of four")
    ] = None,
    creditor_id: uuid.UUID | None = None,
    debtor_id: uuid.UUID | None = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> Response:
    reads = reads_of(runtime)
    page, total = await list_cases(
        reads=reads,
        principal=principal,
        status=status_,
        reference=reference,
        rf_reference=rf_reference,
        creditor_id=creditor_id,
        debtor_id=debtor_id,
        offset=offset,
        limit=limit,
        around=with_stamps(principal),
    )
    items = joined(await page_answers(reads, page, principal))
    return Response(b'{"items":' + items + b',"total":' + str(total).encode() + b"}", media_type="application/json")


@router.get("/{case_id}", summary="read a collection file", response_model=CasePublic)
async def get_one_case(case_id: uuid.UUID, runtime: RuntimeDep, principal: CreditorOrStaffDep) -> Response:
    return Response(await case_answer(reads_of(runtime), case_id, principal), media_type="application/json")


@router.post("/{case_id}/invoices", status_code=status.HTTP_201_CREATED, summary="add invoices to a case")
def post_invoices(
    case_id: uuid.UUID,
    invoices_in: list[InvoiceIn],
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
) -> CasePublic:
    case = add_invoices(session=session, case_id=case_id, invoices_in=invoices_in, principal=principal, clock=clock)
    return case_view(session, case, principal)


@router.patch(
    "/{case_id}/debtor",
    summary="correct the debtor's contact details: e-mail, phone, address, language",
    description="What the case's creditor knows of its debtor, corrected by the creditor or agency staff: an e-mail "
    "that bounced, a new phone number, a new address. Only the fields sent change (`null` forgets an e-mail or a "
    "phone), with the checks of a new case; every case of that creditor against the debtor shows them, no other "
    "creditor's. Dunning's next message goes to them. Audited; sent again, nothing changes.",
)
def patch_debtor_contacts(
    case_id: uuid.UUID, contacts_in: ContactsIn, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> CasePublic:
    case = correct_contacts(session=session, case_id=case_id, contacts_in=contacts_in, principal=principal, clock=clock)
    return case_view(session, case, principal)


@router.get("/{case_id}/checklist", summary="the checklist (état des lieux) before validation")
def get_checklist(case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> ChecklistPublic:
    return checklist_view(session, get_case(session=session, case_id=case_id, principal=principal))


@router.put("/{case_id}/checklist", summary="answer the checklist: signed contract? delivery evidenced?")
def put_checklist(
    case_id: uuid.UUID, checklist_in: ChecklistIn, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> ChecklistPublic:
    case = update_checklist(
        session=session, case_id=case_id, checklist_in=checklist_in, principal=principal, clock=clock
    )
    return checklist_view(session, case)


@router.post("/{case_id}/validate", summary="validate the case (agent): collection starts")
def post_validate(
    case_id: uuid.UUID, session: SessionDep, clock: ClockDep, staff: StaffDep, body: ValidateIn | None = None
) -> CasePublic:
    case = validate_case(
        session=session,
        case_id=case_id,
        override_reason=body.override_reason if body else None,
        principal=staff,
        clock=clock,
    )
    return case_view(session, case, staff)


@router.post("/{case_id}/transitions", summary="submit, return to draft, escalate to legal, or close the case")
def post_transition(
    case_id: uuid.UUID, transition: TransitionIn, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> CasePublic:
    return case_view(
        session,
        move_case(session=session, case_id=case_id, transition=transition, principal=principal, clock=clock),
        principal,
    )


@router.get(
    "/{case_id}/audit",
    summary="who did what to the case, when and why, oldest first (a page: the count of all in X-Total-Count)",
    responses={200: {"headers": TOTAL_COUNT}},
)
def get_audit(
    case_id: uuid.UUID,
    session: SessionDep,
    principal: CreditorOrStaffDep,
    response: Response,
    offset: OffsetQuery = 0,
    limit: LimitQuery = MAX_PAGE_SIZE,
) -> list[AuditPublic]:
    case = get_case(session=session, case_id=case_id, principal=principal)
    query = (
        select(AuditEntry)
        .where(AuditEntry.entity == "case", AuditEntry.entity_id == str(case.id))
        .order_by(col(AuditEntry.at), col(AuditEntry.id))
    )
    entries, total = page_of(session, query, offset=offset, limit=limit)
    response.headers.update(total_header(total))
    return [AuditPublic.model_validate(e) for e in entries]
