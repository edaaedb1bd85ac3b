"""What the creditor is told by e-mail: every payment obtained, even partial (R124-5 CPCE; docs/rules.md §1.5),
every payment plan, every reversal of a payment it was told of, and every dispute, with a request for the proof
that answers it. Prepared as messages in the caller's transaction; the sender hands them to the SMTP relay like
any other."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from shared.clock import PARIS, Clock
from shared.events.intake import PaymentReversed

from dunning.cases.models import DunningCase, DunningCreditor
from dunning.domain.dispute_proofs import Proof, asked_fr
from dunning.domain.formatting import format_amount, format_date
from dunning.messages.models import Message
from dunning.responses.models import Dispute, PaymentPlan, PlanInstalment

log = logging.getLogger(__name__)


SIGN_OFF = (
    "\n\nBien cordialement,\nVotre agence de recouvrement\n\n"
    "Le détail du dossier est dans votre espace créancier. / The case's details are in your creditor area."
)
"""How every notice to the creditor ends: a closing, who writes, and where the case is followed."""


def prepare_creditor_notice(
    *, session: Session, case: DunningCase, template: str, subject: str, body: str, clock: Clock
) -> None:
    body = body.rstrip() + SIGN_OFF
    creditor = session.get(DunningCreditor, case.creditor_id)
    if creditor is None or not creditor.email:
        log.warning("creditor %s has no e-mail address: %s not sent", case.creditor_id, template)
        return
    session.add(
        Message(
            case_id=case.case_id,
            debtor_id=case.debtor_id,
            audience="creditor",
            channel="email",
            template=template,
            recipient=creditor.email,
            subject=subject,
            body=body,
            content_sha256=hashlib.sha256(body.encode()).hexdigest(),
            recipient_data={"name": creditor.name, "email": creditor.email},
            prepared_at=clock.now(),
        )
    )


def tell_creditor_of_payment(
    *,
    session: Session,
    case: DunningCase,
    amount: Decimal,
    currency: str,
    received_on: date,
    origin: str,
    commission: Decimal | None,
    clock: Clock,
) -> None:
    where = "directement auprès de vous" if origin == "debtor_to_creditor" else "sur notre compte de cantonnement"
    lines = [
        "Bonjour,",
        "",
        f"Nous vous informons d'un paiement sur le dossier {case.reference} :",
        f"- montant : {format_amount(amount, 'fr', currency)}",
        f"- reçu le : {received_on.strftime('%d/%m/%Y')} ({where})",
    ]
    if commission is not None:
        lines.append(f"- notre commission sur ce paiement : {format_amount(commission, 'fr', currency)} TTC")
    lines += [
        "",
        "Cette information vous est donnée pour chaque paiement obtenu, même partiel (article R124-5 du code des "
        "procédures civiles d'exécution).",
    ]
    prepare_creditor_notice(
        session=session,
        case=case,
        template="creditor-payment",
        subject=f"Paiement reçu — dossier {case.reference}",
        body="\n".join(lines),
        clock=clock,
    )


def tell_creditor_of_reversal(*, session: Session, case: DunningCase, event: PaymentReversed, clock: Clock) -> None:
    """The creditor was told of the payment (R124-5): it is told, in French then English, that it no longer
    counts, so that it does not rely on it (docs/rules.md §4.1)."""
    amount_fr = format_amount(event.amount, "fr", event.currency)
    amount_en = format_amount(event.amount, "en", event.currency)
    body = "\n".join(
        [
            "Bonjour,",
            "",
            f"Le paiement de {amount_fr} reçu le {format_date(event.received_on, 'fr')} sur le dossier "
            f"{case.reference} a été contrepassé le {format_date(event.reversed_on, 'fr')} : il ne compte plus. "
            f"Motif : « {event.reason} ».",
            f"Solde restant dû sur le dossier : {format_amount(event.balance, 'fr', event.currency)}.",
            "",
            "---",
            "",
            "Hello,",
            "",
            f"The payment of {amount_en} received on {format_date(event.received_on, 'en')} on case "
            f"{case.reference} was reversed on {format_date(event.reversed_on, 'en')}: it no longer counts. "
            f'Reason: "{event.reason}".',
            f"Balance still owed on the case: {format_amount(event.balance, 'en', event.currency)}.",
        ]
    )
    prepare_creditor_notice(
        session=session,
        case=case,
        template="creditor-payment-reversed",
        subject=f"Paiement contrepassé / Payment reversed — dossier {case.reference}",
        body=body,
        clock=clock,
    )


# What the debtor says is wrong, as the creditor's notice names it (`shared.events.dunning.DisputeCategory`).
CATEGORIES_FR = {
    "not_received": "marchandise ou prestation non reçue",
    "not_compliant": "marchandise ou prestation non conforme",
    "wrong_amount": "montant contesté",
    "not_owed": "somme non due selon lui",
    "other": "autre motif",
}


def tell_creditor_of_dispute(
    *, session: Session, case: DunningCase, dispute: Dispute, proof: Proof, clock: Clock
) -> None:
    """The creditor is told of a dispute, asked for what answers it (the documents its category asks for, or those
    already filed named); of a payment the debtor declared, asked whether it was made to them directly (a debtor may
    pay the creditor rather than the agency)."""
    if dispute.kind == "payment_declared":
        lines = [
            f"Le débiteur du dossier {case.reference} déclare avoir déjà payé :",
            f"« {dispute.reason} »",
            "",
            "Toutes les relances de ce dossier sont suspendues le temps de retrouver ce paiement. S'il vous a été "
            "versé directement, merci de nous en indiquer la date et le montant : nous le porterons au dossier.",
        ]
        subject = f"Paiement déclaré par le débiteur — dossier {case.reference}"
    else:
        said = f" ({CATEGORIES_FR[dispute.category]})" if dispute.category in CATEGORIES_FR else ""
        lines = [
            f"Le débiteur conteste la créance du dossier {case.reference}{said}. Motif indiqué :",
            f"« {dispute.reason} »",
            "",
            "Toutes les relances de ce dossier sont suspendues jusqu'à la résolution du litige.",
            "",
            _asked(proof),
        ]
        subject = f"Litige ouvert — dossier {case.reference}"
    prepare_creditor_notice(
        session=session,
        case=case,
        template="creditor-dispute",
        subject=subject,
        body="\n".join(["Bonjour,", "", *lines]),
        clock=clock,
    )


def _asked(proof: Proof) -> str:
    if proof.status == "not_required":
        return f"Merci de nous répondre depuis votre espace créancier et de joindre au dossier {asked_fr(())}."
    if proof.documents:
        named = ", ".join(
            f"{d.filename or 'sans nom'} (déposée le {format_date(d.attached_at.astimezone(PARIS).date(), 'fr')})"
            for d in proof.documents
        )
        return (
            f"Les pièces déjà au dossier qui peuvent y répondre seront examinées : {named}. Si vous en avez "
            f"d'autres ({asked_fr(proof.required)}), merci de les joindre au dossier depuis votre espace créancier."
        )
    return (
        f"Pour y répondre, merci de joindre au dossier depuis votre espace créancier {asked_fr(proof.required)}, et "
        "de nous répondre en quelques mots."
    )


def tell_creditor_proof_insufficient(
    *, session: Session, case: DunningCase, dispute: Dispute, required: Sequence[str], clock: Clock
) -> None:
    """Staff judged the documents filed for the dispute not enough: the creditor reads what is missing, asked again."""
    lines = [
        f"Les pièces déposées pour le litige du dossier {case.reference} ne suffisent pas à y répondre :",
        f"« {dispute.proof_insufficient_note} »",
        "",
        f"Merci de joindre au dossier depuis votre espace créancier {asked_fr(required)}. Les relances de ce dossier "
        "restent suspendues jusqu'à la résolution du litige.",
    ]
    prepare_creditor_notice(
        session=session,
        case=case,
        template="creditor-dispute-proof",
        subject=f"Pièces insuffisantes pour le litige — dossier {case.reference}",
        body="\n".join(["Bonjour,", "", *lines]),
        clock=clock,
    )


def tell_creditor_of_plan(
    *, session: Session, case: DunningCase, plan: PaymentPlan, instalments: Sequence[PlanInstalment], clock: Clock
) -> None:
    """A proposal to settle other than by paying at once is passed on (R124-5): put to the creditor for approval,
    or, agreed by the agency within the mandate's bounds, told."""
    proposed = plan.status == "proposed"
    lines = [
        "Bonjour,",
        "",
        f"Le débiteur du dossier {case.reference} "
        + (
            "propose l'échéancier suivant :"
            if proposed
            else "s'est engagé sur l'échéancier suivant, accordé dans les limites de votre mandat :"
        ),
    ]
    lines += [
        f"- {instalment.due_on.strftime('%d/%m/%Y')} : {format_amount(instalment.amount, 'fr', plan.currency)}"
        for instalment in instalments
    ]
    lines += [f"Total : {format_amount(plan.total, 'fr', plan.currency)}", ""]
    if plan.note:  # the debtor's words (or the agent's, who took the proposal)
        said = "Son message" if plan.proposed_by == "debtor" else "Note jointe"
        lines += [f"{said} : « {plan.note} »", ""]
    if proposed:
        lines.append(
            "Merci de l'approuver ou de le refuser depuis votre espace (échéanciers du dossier). Les relances "
            "continuent jusqu'à votre décision."
        )
    else:
        lines.append(
            f"Les relances sont suspendues tant que les échéances sont honorées ; une échéance impayée "
            f"{plan.grace_days} jours après sa date met fin à l'échéancier."
        )
    prepare_creditor_notice(
        session=session,
        case=case,
        template="creditor-plan-proposed" if proposed else "creditor-plan-agreed",
        subject=f"{'Proposition d’échéancier' if proposed else 'Échéancier accordé'} — dossier {case.reference}",
        body="\n".join(lines),
        clock=clock,
    )


def tell_creditor_of_stay(*, session: Session, case: DunningCase, clock: Clock) -> None:
    """Insolvency proceedings opened on the case's debtor stay it (L622-21 C. com.): the creditor reads that the
    reminders stopped, that its claim is declared to the administrator, and that it may not take a payment from the
    debtor for it either (L622-7)."""
    lines = [
        "Bonjour,",
        "",
        f"Une procédure collective (sauvegarde, redressement ou liquidation judiciaire) a été ouverte contre le "
        f"débiteur du dossier {case.reference}. Ce jugement arrête toute action individuelle pour les créances nées "
        "avant lui (article L622-21 du code de commerce) :",
        "- les relances de ce dossier sont arrêtées, et toute action en justice ou mesure d'exécution en cours est "
        "interrompue ;",
        "- votre créance doit être déclarée au mandataire judiciaire dans les deux mois de la publication du jugement "
        "au BODACC : nous nous en chargeons et vous tenons informé de son admission ;",
        "- le débiteur ne peut plus payer cette créance directement (article L622-7) : si un paiement vous parvient, "
        "merci de nous le signaler.",
    ]
    prepare_creditor_notice(
        session=session,
        case=case,
        template="creditor-insolvency",
        subject=f"Procédure collective du débiteur — dossier {case.reference}",
        body="\n".join(lines),
        clock=clock,
    )
