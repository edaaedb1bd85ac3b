"""Reading a case as dunning works it, with the one tenancy rule."""

from __future__ import annotations

import uuid

from sqlmodel import Session

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
