"""What a settlement's parties read by e-mail: the debtor, the offer it may accept on its page (in its language); the
creditor, an offer below its mandate's floor to approve, or one made within it (R124-5 CPCE: the agency passes on
any settlement other than an immediate payment of the whole)."""

from __future__ import annotations

import logging

from sqlmodel import Session

from shared.clock import Clock

from dunning.cases.composing import DebtorContact, self_service_access
from dunning.cases.models import DunningCase, DunningCreditor
from dunning.domain.formatting import format_amount, format_date
from dunning.domain.settlements import given_up
from dunning.responses.debtor_notices import SETTLEMENT_OFFERED, DebtorNotices, notice_message
from dunning.responses.models import opted_out
from dunning.responses.notices import prepare_creditor_notice
from dunning.responses.settlement_models import Settlement

log = logging.getLogger(__name__)


def tell_debtor_of_offer(
    *,
    session: Session,
    case: DunningCase,
    settlement: Settlement,
    contact: DebtorContact,
    notices: DebtorNotices,
    clock: Clock,
) -> None:
    """The offer, what it gives up, its day and where to accept it. Not sent without an address or after an opt-out
    of e-mail: the debtor's page shows the offer either way, and an agent may tell it by phone."""
    if not contact.email:
        log.info("case %s: the debtor has no e-mail address, settlement %s not told", case.case_id, settlement.id)
        return
    if opted_out(session, case.debtor_id, "email"):
        return
    creditor = session.get(DunningCreditor, case.creditor_id)
    link, _ = self_service_access(notices.settings, case, contact.rf_reference, clock.now())
    language, currency = contact.language, settlement.currency
    amount, balance = (
        format_amount(settlement.amount, language, currency),
        format_amount(settlement.balance, language, currency),
    )
    rest = format_amount(given_up(settlement.amount, settlement.balance), language, currency)
    day = format_date(settlement.pay_by, language)
    if language == "en":
        whose = f" ({creditor.name})" if creditor else ""
        subject = f"A settlement offer — case {case.reference}"
        lines = [
            f"Dear {contact.name},",
            "",
            f"For case {case.reference}{whose}, we offer to settle your debt for {amount} instead of the {balance} "
            f"due, if that amount is paid by {day} at the latest.",
            f"The remaining {rest} would then be given up and the case closed.",
            "",
            f"To accept, go to your page: {link}",
            f"If {amount} is not paid by {day}, the offer ends and the whole balance is due again.",
        ]
    else:
        whose = f" ({creditor.name})" if creditor else ""
        subject = f"Proposition d'accord — dossier {case.reference}"
        lines = [
            f"Bonjour {contact.name},",
            "",
            f"Pour le dossier {case.reference}{whose}, nous vous proposons de solder votre dette pour {amount} au "
            f"lieu des {balance} dus, si ce montant est payé au plus tard le {day}.",
            f"Le reste, {rest}, serait alors abandonné et le dossier clos.",
            "",
            f"Pour accepter, rendez-vous sur votre espace : {link}",
            f"Sans paiement de {amount} au plus tard le {day}, l'accord tombe et la totalité du solde redevient "
            "exigible.",
        ]
    session.add(
        notice_message(
            case=case,
            template=SETTLEMENT_OFFERED,
            language=language,
            to=(contact.name, contact.email),
            subject=subject,
            lines=lines,
            settings=notices.settings,
            clock=clock,
        )
    )


def tell_creditor_of_offer(*, session: Session, case: DunningCase, settlement: Settlement, clock: Clock) -> None:
    """Below the floor, the creditor decides (the reminders go on meanwhile); within it, the creditor is told."""
    creditor = session.get(DunningCreditor, case.creditor_id)
    floor = creditor.settlement_floor if creditor else None
    currency = settlement.currency
    amount, balance = (
        format_amount(settlement.amount, "fr", currency),
        format_amount(settlement.balance, "fr", currency),
    )
    rest = format_amount(given_up(settlement.amount, settlement.balance), "fr", currency)
    day = format_date(settlement.pay_by, "fr")
    share = f"{floor * 100:.0f} %" if floor is not None else None
    offer = (
        f"solder le dossier {case.reference} pour {amount} au lieu des {balance} dus (abandon de {rest}), payés au "
        f"plus tard le {day}"
    )
    if settlement.within_mandate:
        lines = [
            "Bonjour,",
            "",
            f"Dans les limites de votre mandat (au moins {share} du solde), nous avons proposé au débiteur de {offer}.",
            "Si le débiteur paie ce montant à temps, le reste est passé en perte et le dossier clos ; sinon, les "
            "relances reprennent pour la totalité.",
        ]
        subject = f"Accord proposé au débiteur — dossier {case.reference}"
    else:
        why = (
            f"Ce montant est en dessous du seuil de votre mandat ({share} du solde)"
            if share
            else "Votre mandat ne nous autorise pas à conclure un accord sans vous"
        )
        lines = [
            "Bonjour,",
            "",
            f"Nous pourrions proposer au débiteur de {offer}.",
            f"{why} : votre approbation est requise.",
        ]
        if settlement.note:
            lines += ["", f"Note jointe : « {settlement.note} »"]
        lines += [
            "",
            "Merci de l'approuver ou de le refuser depuis votre espace (accords du dossier). Les relances continuent "
            "jusqu'à votre décision.",
        ]
        subject = f"Accord à approuver — dossier {case.reference}"
    prepare_creditor_notice(
        session=session,
        case=case,
        template="creditor-settlement-offered" if settlement.within_mandate else "creditor-settlement-to-approve",
        subject=subject,
        body="\n".join(lines),
        clock=clock,
    )
