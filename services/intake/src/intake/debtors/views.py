"""The shared debtor record as staff read it."""

from __future__ import annotations

from sqlmodel import Session

from intake.debtors.models import Debtor
from intake.debtors.records import all_views
from intake.debtors.schemas import DebtorPublic, DebtorViewPublic


def debtor_record_view(session: Session, debtor: Debtor) -> DebtorPublic:
    """The shared record as staff read it: the identity, with every creditor's view beside it."""
    return DebtorPublic.model_validate(debtor).model_copy(
        update={"views": [DebtorViewPublic.model_validate(v) for v in all_views(session, debtor)]}
    )
