"""The creditor's bank account remittances are paid to, and the case's formal-notice date."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Invalid

from intake.cases.models import Case
from intake.cases.records import get_case
from intake.creditors.models import Creditor
from intake.creditors.registry import get_creditor
from intake.errors import field_error
from intake.ledger.remittance_schemas import BankAccountIn
from intake.ledger.schemas import FormalNoticeIn


def record_bank_account(
    *, session: Session, creditor_id: uuid.UUID, account_in: BankAccountIn, principal: Principal, clock: Clock
) -> Creditor:
    creditor = get_creditor(session=session, creditor_id=creditor_id, principal=principal)
    previous = creditor.iban
    creditor.iban, creditor.bic = account_in.iban, account_in.bic
    session.add(creditor)
    audit(
        session,
        actor=principal,
        action="creditor.bank_account_changed",
        entity="creditor",
        entity_id=creditor.id,
        clock=clock,
        iban=f"...{account_in.iban[-4:]}",
        previous=f"...{previous[-4:]}" if previous else None,
    )
    session.commit()
    return creditor


def record_formal_notice(
    *, session: Session, case_id: uuid.UUID, notice_in: FormalNoticeIn, principal: Principal, clock: Clock
) -> Case:
    """Art. 1231-6 and 1344 C. civ.: a consumer owes legal interest only from the formal notice."""
    case = get_case(session=session, case_id=case_id, principal=principal)
    today = today_in_paris(clock)
    if notice_in.sent_on > today:
        raise field_error(
            Invalid,
            "sent_on",
            f"{notice_in.sent_on} is in the future",
            f"le {notice_in.sent_on:%d/%m/%Y} est dans le futur",
        )
    received = notice_in.received_on
    if received is not None and received > today:
        raise field_error(
            Invalid, "received_on", f"{received} is in the future", f"le {received:%d/%m/%Y} est dans le futur"
        )
    if received is not None and received < notice_in.sent_on:
        raise field_error(
            Invalid,
            "received_on",
            f"{received} is before the notice was sent ({notice_in.sent_on})",
            f"le {received:%d/%m/%Y} précède l'envoi de la mise en demeure ({notice_in.sent_on:%d/%m/%Y})",
        )
    case.formal_notice_on, case.formal_notice_received_on, case.updated_at = notice_in.sent_on, received, clock.now()
    session.add(case)
    audit(
        session,
        actor=principal,
        action="case.formal_notice_recorded",
        entity="case",
        entity_id=case.id,
        clock=clock,
        sent_on=notice_in.sent_on.isoformat(),
        received_on=received.isoformat() if received else None,
    )
    session.commit()
    return case
