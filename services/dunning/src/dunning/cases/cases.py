"""Reading a case as dunning works it, with the one tenancy rule."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.errors import NotFound
from shared.tenancy import check_visible

from dunning.cases.models import DunningCase


def case_not_found(case_id: uuid.UUID) -> NotFound:
    return NotFound(
        f"dunning does not work case {case_id} (not validated yet, or not yours)",
        field="case_id",
        message_fr=f"le dossier {case_id} n'est pas en relance (pas encore validé, ou pas le vôtre)",
    )


def visible_case(session: Session, case_id: uuid.UUID, principal: Principal, *, lock: bool = False) -> DunningCase:
    case = session.get(DunningCase, case_id, with_for_update=lock)
    if case is None:
        raise case_not_found(case_id)
    check_visible(principal, missing=lambda: case_not_found(case_id), creditor_id=case.creditor_id)
    return case


def locked_cases(session: Session, case_ids: Iterable[uuid.UUID]) -> list[DunningCase]:
    """The cases, locked until the commit and read as committed last (in id order: two batches lock theirs in the
    same order). The sender decides on them: read unlocked, a case closed, paid or disputed by the consumer or staff
    after that read still got its letter, then a next step, and a formal notice started interest in intake; locked,
    their change waits for this commit, or this send waits for theirs and withdraws the message."""
    return list(
        session.exec(
            select(DunningCase)
            .where(col(DunningCase.case_id).in_(list(case_ids)))
            .order_by(col(DunningCase.case_id))
            .with_for_update()
            .execution_options(populate_existing=True)
        ).all()
    )


def event_ids(case: DunningCase) -> dict[str, str]:
    """The case, its creditor and its debtor, as every event of dunning names them."""
    return {"case_id": str(case.case_id), "creditor_id": str(case.creditor_id), "debtor_id": str(case.debtor_id)}
