"""A case's settlements: staff offer one, the creditor approves or refuses one below its mandate's floor, the debtor
accepts one (on its page, or by telling an agent)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep

from dunning.responses import settlement_views, settlements
from dunning.responses.debtor_notices import DebtorNotices
from dunning.responses.settlement_schemas import (
    SettlementAcceptIn,
    SettlementDecisionIn,
    SettlementIn,
    SettlementPublic,
)

router = APIRouter(prefix="/api/v1/dunning/cases/{case_id}/settlements", tags=["dunning settlements"])


@router.post(
    "",
    status_code=201,
    summary="offer the debtor to settle the case for less than the balance due, paid by a day: sent to the debtor at "
    "once within the mandate's floor, put to the creditor below it",
)
def offer_settlement(
    case_id: uuid.UUID, offer_in: SettlementIn, request: Request, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> SettlementPublic:
    state = request.app.state
    settlement = settlements.offer_settlement(
        session=session,
        case_id=case_id,
        offer_in=offer_in,
        balance_due=state.case_facts.balance_due,
        notices=_notices(request),
        principal=staff,
        clock=clock,
    )
    session.commit()
    return settlement_views.settlement_public(session, settlement, clock)


@router.get("", summary="the case's settlements, newest first, with what was paid towards an accepted one")
def list_settlements(
    case_id: uuid.UUID, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> list[SettlementPublic]:
    return [
        settlement_views.settlement_public(session, settlement, clock)
        for settlement in settlement_views.list_settlements(session=session, case_id=case_id, principal=principal)
    ]


@router.post(
    "/{settlement_id}/decision",
    summary="the creditor approves (the debtor is then sent the offer) or refuses an offer below its mandate's floor",
)
def decide_settlement(
    case_id: uuid.UUID,
    settlement_id: uuid.UUID,
    decision_in: SettlementDecisionIn,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
) -> SettlementPublic:
    settlement = settlements.decide_settlement(
        session=session,
        case_id=case_id,
        settlement_id=settlement_id,
        decision_in=decision_in,
        notices=_notices(request),
        principal=principal,
        clock=clock,
    )
    session.commit()
    return settlement_views.settlement_public(session, settlement, clock)


@router.post(
    "/{settlement_id}/accept",
    summary="the debtor accepts an offer: the reminders wait for its payment until its day",
)
def accept_settlement(
    case_id: uuid.UUID,
    settlement_id: uuid.UUID,
    accept_in: SettlementAcceptIn,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
) -> SettlementPublic:
    settlement = settlements.accept_settlement(
        session=session,
        case_id=case_id,
        settlement_id=settlement_id,
        accept_in=accept_in,
        principal=staff,
        clock=clock,
    )
    session.commit()
    return settlement_views.settlement_public(session, settlement, clock)


def _notices(request: Request) -> DebtorNotices:
    state = request.app.state
    return DebtorNotices(settings=state.runtime.settings, contact_of=state.case_facts.debtor_contact)
