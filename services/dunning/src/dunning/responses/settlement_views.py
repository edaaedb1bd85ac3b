"""Reading a case's settlements: the list, each as the API shows it (an offer whose day passed reads `expired`), and
one settlement of a case in the state a use case needs it."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, NotFound

from dunning.cases.cases import visible_case
from dunning.cases.models import DunningCase
from dunning.domain.settlements import given_up
from dunning.responses.models import Promise
from dunning.responses.plan_views import DEBTOR
from dunning.responses.settlement_models import OPEN, Settlement
from dunning.responses.settlement_schemas import SettlementPublic


def list_settlements(*, session: Session, case_id: uuid.UUID, principal: Principal) -> list[Settlement]:
    case = visible_case(session, case_id, principal)
    return list(
        session.exec(
            select(Settlement)
            .where(Settlement.case_id == case.case_id)
            .order_by(col(Settlement.offered_at).desc(), col(Settlement.ended_on).desc().nulls_first())
        )
    )


def settlement_public(session: Session, settlement: Settlement, clock: Clock) -> SettlementPublic:
    promise = session.get(Promise, settlement.promise_id) if settlement.promise_id else None
    expired = settlement.status in OPEN and settlement.pay_by < today_in_paris(clock)
    return SettlementPublic.model_validate(
        {
            **settlement.model_dump(),
            "status": "expired" if expired else settlement.status,
            "given_up": given_up(settlement.amount, settlement.balance),
            "accepted_by_debtor": settlement.accepted_by == DEBTOR,
            "paid": promise.paid if promise else Decimal("0.00"),
        }
    )


def of_case(session: Session, case: DunningCase, settlement_id: uuid.UUID, *, lock: bool = False) -> Settlement:
    settlement = session.get(Settlement, settlement_id, with_for_update=lock, populate_existing=lock)
    if settlement is None or settlement.case_id != case.case_id:
        raise NotFound(
            f"no settlement {settlement_id} on this case",
            field="settlement_id",
            message_fr=f"aucun accord {settlement_id} sur ce dossier",
        )
    return settlement


def waiting(
    session: Session, case: DunningCase, settlement_id: uuid.UUID, status: str, clock: Clock, *, lock: bool = False
) -> Settlement:
    """The case's settlement, in `status` and not past its day."""
    settlement = of_case(session, case, settlement_id, lock=lock)
    if settlement.status != status:
        raise Conflict(
            f"the settlement is {settlement.status}, not {status}",
            field="settlement_id",
            message_fr=f"l'accord est {FRENCH.get(settlement.status, settlement.status)}, pas "
            f"{FRENCH.get(status, status)}",
        )
    if settlement.pay_by < today_in_paris(clock):
        raise Conflict(
            f"the settlement's day to pay by, {settlement.pay_by.isoformat()}, has passed: offer a new one",
            field="settlement_id",
            message_fr=f"la date limite de l'accord, le {settlement.pay_by.strftime('%d/%m/%Y')}, est passée : "
            "proposez-en un nouveau",
        )
    return settlement


FRENCH = {
    "to_approve": "à approuver",
    "offered": "proposé",
    "accepted": "accepté",
    "honoured": "honoré",
    "lapsed": "caduc",
    "refused": "refusé",
    "withdrawn": "retiré",
}
