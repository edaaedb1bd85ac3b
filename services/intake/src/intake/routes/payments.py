from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status
from fastapi.responses import StreamingResponse

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep
from shared.limits import MAX_PAGE_SIZE, LimitQuery, OffsetQuery

from intake.deps import StoreDep
from intake.documents.downloads import download_headers
from intake.ledger.payments import allocations_of, get_payment, list_payments, record_payment
from intake.ledger.receipts import open_receipt
from intake.ledger.reversal_schemas import ReversalIn, ReversalPublic
from intake.ledger.reversals import check_receipt_valid, read_reversal, reversal_days, reverse_payment
from intake.ledger.schemas import PaymentIn, PaymentPage, PaymentPublic
from intake.ledger.views import payment_view

router = APIRouter(prefix="/api/v1", tags=["payments"])


@router.post(
    "/payments",
    status_code=status.HTTP_201_CREATED,
    summary="record a payment; the same reference twice returns the first payment and creates nothing",
)
def post_payment(
    payment_in: PaymentIn,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
    store: StoreDep,
) -> PaymentPublic:
    payment, created = record_payment(
        session=session, payment_in=payment_in, principal=principal, clock=clock, store=store
    )
    response.headers["X-Payment-Created"] = "true" if created else "false"
    reversed_on = reversal_days(session, [payment.id]).get(payment.id)  # the same reference again, once reversed
    return payment_view(payment, allocations_of(session, [payment.id])[payment.id], reversed_on)


@router.get("/payments", summary="payments the caller may see, latest first (filter by case)")
def get_payments(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    case_id: uuid.UUID | None = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> PaymentPage:
    items, total = list_payments(session=session, principal=principal, case_id=case_id, offset=offset, limit=limit)
    ids = [p.id for p in items]
    allocations, reversed_on = allocations_of(session, ids), reversal_days(session, ids)
    return PaymentPage(items=[payment_view(p, allocations[p.id], reversed_on.get(p.id)) for p in items], total=total)


@router.get("/cases/{case_id}/payments", summary="the payments of a case, latest first (R124-5: the creditor is told)")
def get_case_payments(
    case_id: uuid.UUID,
    session: SessionDep,
    principal: CreditorOrStaffDep,
    offset: OffsetQuery = 0,
    limit: LimitQuery = MAX_PAGE_SIZE,
) -> PaymentPage:
    return get_payments(session, principal, case_id=case_id, offset=offset, limit=limit)


@router.get("/payments/{payment_id}", summary="read a payment and its allocation")
def get_one_payment(payment_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> PaymentPublic:
    payment = get_payment(session=session, payment_id=payment_id, principal=principal)
    reversed_on = reversal_days(session, [payment.id]).get(payment.id)
    return payment_view(payment, allocations_of(session, [payment.id])[payment.id], reversed_on)


@router.get(
    "/payments/{payment_id}/receipt",
    summary="download the receipt given to the debtor (R124-6 CPCE)",
    responses={
        410: {
            "description": "the payment was reversed: its receipt is void (the answer says when and why)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    },
)
def get_receipt(
    payment_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep, store: StoreDep
) -> StreamingResponse:
    payment = get_payment(session=session, payment_id=payment_id, principal=principal)
    check_receipt_valid(session, payment)  # a reversed payment's receipt answers 410 Gone, saying why
    content = open_receipt(session=session, payment=payment, store=store)
    name = f"quittance-{payment.receipt_number}.pdf"
    return StreamingResponse(content, media_type="application/pdf", headers=download_headers(name))


@router.post(
    "/payments/{payment_id}/reversal",
    status_code=status.HTTP_201_CREATED,
    summary="reverse a payment recorded on the wrong case or twice (staff): a reversing entry, nothing deleted",
    responses={409: {"description": "the payment is already reversed"}},
)
def post_reversal(
    payment_id: uuid.UUID, reversal_in: ReversalIn, session: SessionDep, clock: ClockDep, principal: StaffDep
) -> ReversalPublic:
    reverse_payment(session=session, payment_id=payment_id, reason=reversal_in.reason, principal=principal, clock=clock)
    return get_reversal(payment_id, session, principal)


@router.get("/payments/{payment_id}/reversal", summary="a payment's reversal: when, by whom, why, and the debt it left")
def get_reversal(payment_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> ReversalPublic:
    reversal, payment = read_reversal(session=session, payment_id=payment_id, principal=principal)
    return ReversalPublic.model_validate({**reversal.model_dump(), "receipt_void": payment.receipt_number is not None})
