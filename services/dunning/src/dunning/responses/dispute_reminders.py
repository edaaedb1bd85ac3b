"""A creditor that has not answered a dispute is reminded once: an open dispute holds every reminder of its case, and
the agency settles it on what the creditor sends (docs/rules.md §1.5). After `DUNNING_DISPUTE_CREDITOR_REMINDER_DAYS`
without its answer or a document that answers it (`dispute_proofs`), each pass prepares one e-mail to the creditor
saying so, sent with the other messages; the dispute keeps when (`creditor_reminded_at`), so a second pass or worker
does not send it again."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, not_
from sqlmodel import Session, col, select

from shared.clock import PARIS, Clock

from dunning.cases.models import DunningCase
from dunning.domain.dispute_proofs import asked_fr, proofs_required
from dunning.domain.formatting import format_date
from dunning.responses.dispute_proofs import proof_received
from dunning.responses.models import Dispute
from dunning.responses.notices import CATEGORIES_FR, prepare_creditor_notice

BATCH = 200  # disputes reminded in one transaction; the next pass takes the rest


def remind_unanswered_disputes(*, engine: Engine, clock: Clock, after_days: int) -> int:
    """How many creditors were reminded in this pass."""
    cutoff = clock.now() - timedelta(days=after_days)
    with Session(engine) as session, session.begin():
        rows = session.exec(
            select(Dispute, DunningCase)
            .join(DunningCase, col(DunningCase.case_id) == col(Dispute.case_id))
            .where(
                Dispute.status == "open",
                col(Dispute.kind) == "dispute",  # a declared payment waits for the agency's bank, not the creditor
                col(Dispute.answered_at).is_(None),
                not_(proof_received()),  # a document that answers it is the creditor's answer too
                col(Dispute.creditor_reminded_at).is_(None),
                col(Dispute.opened_at) < cutoff,
            )
            .order_by(col(Dispute.opened_at))
            .limit(BATCH)
            .with_for_update(of=Dispute, skip_locked=True)
        ).all()
        for dispute, case in rows:
            said = f" ({CATEGORIES_FR[dispute.category]})" if dispute.category in CATEGORIES_FR else ""
            days = (clock.now() - dispute.opened_at).days
            prepare_creditor_notice(
                session=session,
                case=case,
                template="creditor-dispute-reminder",
                subject=f"Rappel : litige en attente de votre réponse — dossier {case.reference}",
                body="\n".join(
                    [
                        "Bonjour,",
                        "",
                        f"Le débiteur du dossier {case.reference} conteste la créance depuis le "
                        f"{format_date(dispute.opened_at.astimezone(PARIS).date(), 'fr')} ({days} jours){said} :",
                        f"« {dispute.reason} »",
                        "",
                        "Nous n'avons pas encore reçu votre réponse. Tant que le litige n'est pas tranché, aucune "
                        "relance de ce dossier ne part. Répondez depuis la page du dossier dans votre espace "
                        f"créancier, en y joignant {asked_fr(proofs_required(dispute.kind, dispute.category))}.",
                    ]
                ),
                clock=clock,
            )
            dispute.creditor_reminded_at = clock.now()
        return len(rows)
