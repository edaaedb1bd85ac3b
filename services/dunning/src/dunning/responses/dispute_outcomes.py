"""The debtor is told how its dispute was settled: a dispute is the debtor asking a question, and the reminders that
resume after it must not be its only answer. Staff resolve it (with, if they wish, a message for the debtor); the next
pass writes the debtor an e-mail in its language saying the claim is maintained and the reminders resume (or, for a
payment it declared, that the payment was not found), or that the claim is cancelled and it owes nothing on the case.

A notice like a payment plan's (`debtor_notices`): no contact cap holds it, an opt-out of e-mail does. The debtor's
address is read from intake outside any transaction; when intake cannot answer, the dispute waits for the next pass.
A debtor with no address, or opted out, is not written to (its page shows the outcome); the dispute is marked told
either way, so a pass never tries it again."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import PARIS, Clock

from dunning.cases.composing import DebtorContact, self_service_access
from dunning.cases.models import DunningCase, DunningCreditor
from dunning.domain.formatting import format_date
from dunning.responses.debtor_notices import DISPUTE_OUTCOME, DebtorNotices, notice_message
from dunning.responses.models import Dispute, opted_out

log = logging.getLogger(__name__)
BATCH = 50  # disputes a pass tells the outcome of; the next pass takes the rest


def tell_debtors_of_outcomes(*, engine: Engine, clock: Clock, notices: DebtorNotices) -> int:
    """How many debtors were written to in this pass."""
    with Session(engine, expire_on_commit=False) as session:
        waiting = session.exec(
            select(Dispute.id, DunningCase)
            .join(DunningCase, col(DunningCase.case_id) == col(Dispute.case_id))
            .where(col(Dispute.debtor_to_tell), col(Dispute.debtor_told_at).is_(None))
            .order_by(col(Dispute.resolved_at))
            .limit(BATCH)
        ).all()
    told = 0
    for dispute_id, case in waiting:
        try:
            contact = notices.contact_of(case)  # intake, over HTTP: before any row is locked
        except Exception:
            log.warning("dispute %s: the debtor's address could not be read; told at a later pass", dispute_id)
            continue
        told += _tell(engine, clock, notices, dispute_id, contact)
    return told


def _tell(engine: Engine, clock: Clock, notices: DebtorNotices, dispute_id: uuid.UUID, contact: DebtorContact) -> int:
    with Session(engine) as session, session.begin():
        dispute = session.get(Dispute, dispute_id, with_for_update={"skip_locked": True})
        if dispute is None or dispute.debtor_told_at is not None:
            return 0  # another worker told it, or holds it now
        dispute.debtor_told_at = clock.now()
        case = session.get(DunningCase, dispute.case_id)
        if case is None or not contact.email or opted_out(session, case.debtor_id, "email"):
            return 0
        creditor = session.get(DunningCreditor, case.creditor_id)
        link, _ = self_service_access(notices.settings, case, contact.rf_reference, clock.now())
        subject, lines = _words(contact, dispute, case, creditor.name if creditor else None, link)
        session.add(
            notice_message(
                case=case,
                template=DISPUTE_OUTCOME,
                language=contact.language,
                to=(contact.name, contact.email),
                subject=subject,
                lines=lines,
                settings=notices.settings,
                clock=clock,
            )
        )
        return 1


def _words(
    contact: DebtorContact, dispute: Dispute, case: DunningCase, creditor: str | None, link: str
) -> tuple[str, list[str]]:
    """The e-mail's subject and lines, in the debtor's language."""
    english = contact.language == "en"
    opened = format_date(dispute.opened_at.astimezone(PARIS).date(), contact.language)
    declared, upheld, reference = dispute.kind == "payment_declared", dispute.outcome == "upheld", case.reference
    message = dispute.debtor_message
    if english:
        with_whom = f" with {creditor}" if creditor else " with the creditor"
        if upheld:
            found = (
                "We could not find the payment you declared, and the claim is maintained."
                if declared
                else "The claim is maintained."
            )
            then = [
                found,
                "The reminders resume.",
                "",
                f"You may pay the balance or propose a payment plan on your page: {link}",
            ]
            subject = f"Your dispute: the claim is maintained — case {reference}"
        else:
            then = ["The claim is cancelled and the case is closed: you owe nothing on it."]
            subject = f"Your dispute: the claim is cancelled — case {reference}"
        lines = [
            f"Hello {contact.name},",
            "",
            f"We have looked into the dispute you raised on {opened} about case {reference}{with_whom}.",
            *([f'Our answer: "{message}"'] if message else []),
            "",
            *then,
        ]
        return subject, lines
    with_whom = f" avec le créancier, {creditor}," if creditor else " avec le créancier"
    if upheld:
        found = (
            "Nous n'avons pas retrouvé le paiement que vous avez déclaré, et la créance est maintenue."
            if declared
            else "La créance est maintenue."
        )
        then = [
            found,
            "Les relances reprennent.",
            "",
            f"Vous pouvez régler le solde ou proposer un échéancier depuis votre espace : {link}",
        ]
        subject = f"Votre contestation : la créance est maintenue — dossier {reference}"
    else:
        then = ["La créance est annulée et le dossier est clos : vous n'avez rien à régler à ce titre."]
        subject = f"Votre contestation : la créance est annulée — dossier {reference}"
    lines = [
        f"Bonjour {contact.name},",
        "",
        f"Nous avons examiné{with_whom} la contestation que vous avez formulée le {opened} sur le dossier {reference}.",
        *([f"Notre réponse : « {message} »"] if message else []),
        "",
        *then,
    ]
    return subject, lines
