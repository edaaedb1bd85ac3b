"""A case as dunning works it: its steps, the preview (test mode), its contact log, promises and disputes."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response
from sqlmodel import col, select

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep
from shared.errors import NotFound
from shared.idempotency_records import created

from dunning.cases.cases import visible_case
from dunning.messages.models import Message
from dunning.messages.schemas import MessagePage, MessagePublic
from dunning.outbound.listing import list_case_steps
from dunning.outbound.preview import preview_case
from dunning.outbound.schemas import PreviewPage
from dunning.responses import responses
from dunning.responses.dispute_proofs import disputes_public
from dunning.responses.models import Dispute, Promise
from dunning.responses.proof_judgements import judge_proof_insufficient
from dunning.responses.proof_schemas import ProofInsufficientIn
from dunning.responses.schemas import (
    DisputeAnswerIn,
    DisputeIn,
    DisputePublic,
    DisputeResolveIn,
    PromiseIn,
    PromisePublic,
)
from dunning.steps.schemas import StepPage

router = APIRouter(prefix="/api/v1/dunning/cases/{case_id}", tags=["dunning cases"])


@router.get("/steps", summary="the case's steps: done, pending and their status, and when a pending one goes out")
def list_steps(
    case_id: uuid.UUID, request: Request, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> StepPage:
    case = visible_case(session, case_id, principal)
    state = request.app.state
    grace_days, windows = state.scheduler.promise_grace_days, state.contact_rules.windows
    return list_case_steps(session, case, now=clock.now(), grace_days=grace_days, windows=windows)


@router.get(
    "/preview",
    summary="test mode: what would be sent, when (as the scheduler would), in the debtor's language; sends nothing",
)
def preview(
    case_id: uuid.UUID, request: Request, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> PreviewPage:
    state = request.app.state
    return preview_case(
        session=session,
        case_id=case_id,
        principal=principal,
        clock=clock,
        facts=state.case_facts,
        rules=state.contact_rules,
        promise_grace_days=state.scheduler.promise_grace_days,
    )


def _message_public(message: Message) -> MessagePublic:
    return MessagePublic.model_validate({**message.model_dump(), "has_document": message.document is not None})


@router.get("/messages", summary="the contact log: every message to the debtor and to the creditor")
def list_messages(case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> MessagePage:
    case = visible_case(session, case_id, principal)
    messages = session.exec(
        select(Message).where(Message.case_id == case.case_id).order_by(col(Message.prepared_at))
    ).all()
    return MessagePage(items=[_message_public(m) for m in messages], total=len(messages))


@router.get(
    "/messages/{message_id}/document",
    summary="the letter as sent (PDF)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def message_document(
    case_id: uuid.UUID, message_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep
) -> Response:
    case = visible_case(session, case_id, principal)
    message = session.get(Message, message_id)
    if message is None or message.case_id != case.case_id or message.document is None:
        raise NotFound(
            "no letter with this id on the case",
            field="message_id",
            message_fr="aucun courrier avec cet identifiant sur ce dossier",
        )
    return Response(
        message.document,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{message.template}-{message.id.hex[:10]}.pdf"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post(
    "/promises",
    status_code=201,
    summary="record a promise to pay: the scenario pauses until its day",
    description="One payment, more than zero and at most the balance the statement of account gives today, due "
    "from today to 30 days ahead (docs/rules.md §9.3): a later payment is a payment plan's. Unpaid once its day and "
    "the grace days (`DUNNING_PROMISE_GRACE_DAYS`) are over, it is broken and the reminders resume.",
    responses={422: {"description": "the amount or the day is out of bounds; the answer names the field and why"}},
)
def make_promise(
    case_id: uuid.UUID, promise_in: PromiseIn, request: Request, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> PromisePublic:
    promise = responses.make_promise(
        session=session,
        case_id=case_id,
        promise_in=promise_in,
        principal=staff,
        clock=clock,
        balance_due=request.app.state.case_facts.balance_due,
    )
    created(f"/api/v1/dunning/cases/{case_id}/promises")  # the case's promises: where a lost answer's retry goes
    session.commit()
    return PromisePublic.model_validate(promise.model_dump())


@router.get("/promises", summary="the case's promises")
def list_promises(case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> list[PromisePublic]:
    case = visible_case(session, case_id, principal)
    promises = session.exec(select(Promise).where(Promise.case_id == case.case_id).order_by(col(Promise.made_at)))
    return [PromisePublic.model_validate(p.model_dump()) for p in promises]


@router.post("/disputes", status_code=201, summary="open a dispute: every channel is held until it is resolved")
def open_dispute(
    case_id: uuid.UUID, dispute_in: DisputeIn, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> DisputePublic:
    dispute = responses.open_dispute(
        session=session, case_id=case_id, dispute_in=dispute_in, principal=principal, clock=clock
    )
    created(f"/api/v1/dunning/cases/{case_id}/disputes")  # the case's disputes: where a lost answer's retry goes
    session.commit()
    return disputes_public(session, [dispute])[0]


@router.get("/disputes", summary="the case's disputes")
def list_disputes(case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> list[DisputePublic]:
    case = visible_case(session, case_id, principal)
    disputes = session.exec(select(Dispute).where(Dispute.case_id == case.case_id).order_by(col(Dispute.opened_at)))
    return disputes_public(session, disputes.all())


@router.post("/disputes/{dispute_id}/resolve", summary="resolve a dispute: upheld resumes dunning, cancelled ends it")
def resolve_dispute(
    case_id: uuid.UUID,
    dispute_id: uuid.UUID,
    resolve_in: DisputeResolveIn,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
) -> DisputePublic:
    dispute = responses.resolve_dispute(
        session=session, case_id=case_id, dispute_id=dispute_id, resolve_in=resolve_in, principal=staff, clock=clock
    )
    session.commit()
    return disputes_public(session, [dispute])[0]


@router.post(
    "/disputes/{dispute_id}/answer",
    summary="the creditor's answer to an open dispute (once); staff may record it on the creditor's behalf",
)
def answer_dispute(
    case_id: uuid.UUID,
    dispute_id: uuid.UUID,
    answer_in: DisputeAnswerIn,
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
) -> DisputePublic:
    dispute = responses.answer_dispute(
        session=session,
        case_id=case_id,
        dispute_id=dispute_id,
        answer_in=answer_in,
        principal=principal,
        clock=clock,
    )
    session.commit()
    return disputes_public(session, [dispute])[0]


@router.post(
    "/disputes/{dispute_id}/proof-insufficient",
    summary="staff judge the documents filed for an open dispute not enough: the creditor is told what is missing",
)
def proof_insufficient(
    case_id: uuid.UUID,
    dispute_id: uuid.UUID,
    judged: ProofInsufficientIn,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
) -> DisputePublic:
    dispute = judge_proof_insufficient(
        session=session, case_id=case_id, dispute_id=dispute_id, judged=judged, principal=staff, clock=clock
    )
    session.commit()
    return disputes_public(session, [dispute])[0]
