"""What dunning's events say on the timeline: every message to the debtor with its channel (and the letter it
sent, for the postal channels), formal notices, promises, settlements (`settlement_entries`), payment plans, disputes,
exhaustion."""

from __future__ import annotations

from shared.clock import PARIS
from shared.events.base import Event
from shared.events.dunning import (
    CallbackRequested,
    DebtorNotified,
    DisputeAnswered,
    DisputeOpened,
    DisputeProofInsufficient,
    DisputeResolved,
    DunningExhausted,
    FormalNoticeReceived,
    FormalNoticeSent,
    MessageDelivered,
    MessageSent,
    PlanAgreed,
    PlanBreached,
    PlanProposed,
    PlanRefused,
    PromiseBroken,
    PromiseKept,
    PromiseMade,
    ReplyReceived,
)
from shared.i18n import Language

from portal.timeline.settlement_entries import ENDING, OFFERING
from portal.timeline.wording import Describer, Said, amount, counted, day, said

POSTAL = frozenset({"letter", "registered_letter", "formal_notice"})
"""the channels whose message dunning keeps as a PDF"""


def letter_link(case_id: str, message_id: str) -> str:
    return f"/api/v1/dunning/cases/{case_id}/messages/{message_id}/document"


_SENT = {
    "email": ("Relance envoyée par e-mail", "Reminder sent by e-mail"),
    "sms": ("Relance envoyée par SMS", "Reminder sent by text message"),
    "letter": ("Lettre de relance envoyée", "Reminder letter sent"),
    "registered_letter": ("Lettre recommandée envoyée", "Registered letter sent"),
    "formal_notice": ("Mise en demeure envoyée par lettre recommandée", "Formal notice sent by registered letter"),
    "phone": ("Appel au débiteur à passer", "Call to the debtor put in the agents' queue"),
}


def message_sent(event: MessageSent) -> Said:
    fr, en = _SENT.get(event.channel, ("Message envoyé", "Message sent"))
    if event.subject:
        fr, en = f"{fr} : « {event.subject} »", f"{en}: “{event.subject}”"
    if event.first_contact:
        fr, en = f"{fr} (premier contact)", f"{en} (first contact)"
    return Said(fr=fr, en=en, channel=event.channel, document=_document(event.channel, event.case_id, event.message_id))


def _document(channel: str, case_id: str, message_id: str) -> str | None:
    return letter_link(case_id, message_id) if channel in POSTAL else None


_OUTCOMES = {
    "delivered": ("{channel:channel} remis le {on}", "{channel:channel} delivered on {on}"),
    "acknowledged": (
        "Accusé de réception ({channel:channel}) signé le {on}",
        "Acknowledgement of receipt ({channel:channel}) signed on {on}",
    ),
    "bounced": ("{channel:channel} non remis le {on}", "{channel:channel} undelivered on {on}"),
    "failed": ("Échec de l'envoi ({channel:channel}) le {on}", "Sending failed ({channel:channel}) on {on}"),
}


_FEMININE = frozenset({"letter", "registered_letter", "formal_notice"})  # "lettre", "mise en demeure"


def message_delivered(event: MessageDelivered) -> Said:
    fr, en = _OUTCOMES.get(
        event.status, ("{channel:channel} : {status} le {on}", "{channel:channel}: {status} on {on}")
    )
    if event.channel in _FEMININE:  # "lettre simple remise", "e-mail remis"
        fr = fr.replace(" remis ", " remise ")
    told = said(fr, en)(event)
    if event.detail:
        told = Said(fr=f"{told.fr} ({event.detail})", en=f"{told.en} ({event.detail})")
    first_fr, first_en = told.fr[:1].upper() + told.fr[1:], told.en[:1].upper() + told.en[1:]
    return Said(
        fr=first_fr,
        en=first_en,
        channel=event.channel,
        document=_document(event.channel, event.case_id, event.message_id),
    )


def dispute_opened(event: DisputeOpened) -> Said:
    """The debtor's words quoted as written, less the full stop the sentence goes on after."""
    words = event.reason.strip().rstrip(" .;")
    on = {language: day(event.opened_on, language) for language in ("fr", "en")}
    fr, en = _CATEGORIES.get(event.category or "", ("", ""))
    return Said(
        fr=f"Litige ouvert le {on['fr']}{f' ({fr})' if fr else ''} : « {words} » ; les relances sont suspendues",
        en=f"Dispute opened on {on['en']}{f' ({en})' if en else ''}: “{words}”; reminders are on hold",
    )


# what the debtor says is wrong (`DisputeOpened.category`), as the timeline names it, French then English
_CATEGORIES = {
    "not_received": ("marchandise ou prestation non reçue", "goods or service not received"),
    "not_compliant": ("marchandise ou prestation non conforme", "goods or service not as agreed"),
    "wrong_amount": ("montant contesté", "amount contested"),
    "not_owed": ("somme non due selon le débiteur", "not owed, the debtor says"),
    "other": ("autre motif", "another reason"),
}


def formal_notice_sent(event: FormalNoticeSent) -> Said:
    told = said("Mise en demeure partie le {sent_on}", "Formal notice posted on {sent_on}")(event)
    return Said(fr=told.fr, en=told.en, channel="formal_notice", document=letter_link(event.case_id, event.message_id))


def formal_notice_received(event: FormalNoticeReceived) -> Said:
    told = said(
        "Mise en demeure reçue par le débiteur le {received_on}",
        "Formal notice received by the debtor on {received_on}",
    )(event)
    return Said(fr=told.fr, en=told.en, channel="formal_notice", document=letter_link(event.case_id, event.message_id))


def plan_agreed(event: PlanAgreed) -> Said:
    first = min((i.due_on for i in event.instalments), default=None)

    def text(language: Language) -> str:
        total = amount(event.total, language, event.currency)
        count = counted(len(event.instalments), language, ("échéance", "échéances"), ("instalment", "instalments"))
        if language == "fr":
            start = f", la première le {day(first, language)}" if first else ""
            return f"Échéancier accepté : {total} en {count}{start}"
        start = f", the first on {day(first, language)}" if first else ""
        return f"Payment plan agreed: {total} in {count}{start}"

    return Said(fr=text("fr"), en=text("en"))


def plan_proposed(event: PlanProposed) -> Said:
    def text(language: Language) -> str:
        total = amount(event.total, language, event.currency)
        count = counted(event.instalments, language, ("échéance", "échéances"), ("instalment", "instalments"))
        if language == "fr":
            who = " par le débiteur depuis son espace en ligne" if event.by_debtor else ""
            return f"Échéancier proposé{who} : {total} en {count}, soumis au créancier"
        who = " by the debtor online" if event.by_debtor else ""
        return f"Payment plan proposed{who}: {total} in {count}, put to the creditor"

    return Said(fr=text("fr"), en=text("en"))


_NOTIFIED = {
    "plan_agreed": ("Échéancier envoyé au débiteur par e-mail", "Payment plan sent to the debtor by e-mail"),
    "plan_refused": (
        "Refus de l'échéancier annoncé au débiteur par e-mail",
        "Refusal of the payment plan told to the debtor by e-mail",
    ),
    "dispute_resolved": (
        "Issue du litige envoyée au débiteur par e-mail",
        "Outcome of the dispute sent to the debtor by e-mail",
    ),
    "settlement_offered": (
        "Proposition d'accord transactionnel envoyée au débiteur par e-mail",
        "Settlement offer sent to the debtor by e-mail",
    ),
    "reply_answered": (
        "Réponse de l'agence au débiteur envoyée par e-mail",
        "The agency's answer sent to the debtor by e-mail",
    ),
}


def debtor_notified(event: DebtorNotified) -> Said:
    fr, en = _NOTIFIED[event.notice]
    return Said(fr=f"{fr} : « {event.subject} »", en=f"{en}: “{event.subject}”", channel=event.channel)


def dunning_exhausted(event: DunningExhausted) -> Said:
    def text(language: Language) -> str:
        french = language == "fr"
        told = (
            f"Relances amiables épuisées le {day(event.exhausted_on, language)} sans paiement complet"
            if french
            else f"Amicable reminders exhausted on {day(event.exhausted_on, language)} without full payment"
        )
        if event.balance is not None:
            told += f" ({'solde' if french else 'balance'} {amount(event.balance, language)})"
        if event.legal_allowed:
            return told + (" ; le mandat permet la phase judiciaire" if french else "; the mandate allows legal action")
        return told + (" ; clôture du dossier proposée" if french else "; closing the case is proposed")

    return Said(fr=text("fr"), en=text("en"))


def callback_requested(event: CallbackRequested) -> Said:
    start, end = event.starts_at.astimezone(PARIS), event.ends_at.astimezone(PARIS)

    def text(language: Language) -> str:
        french_hours = (f"{at.hour}\u00a0h" + (f"\u00a0{at.minute:02d}" if at.minute else "") for at in (start, end))
        hours = " et ".join(french_hours) if language == "fr" else f"{start:%H:%M} and {end:%H:%M}"
        if language == "fr":
            return f"Le débiteur demande à être rappelé le {day(start.date(), language)} entre {hours}"
        return f"The debtor asks to be called back on {day(start.date(), language)} between {hours}"

    return Said(fr=text("fr"), en=text("en"), channel="phone")


def reply_received(event: ReplyReceived) -> Said:
    joined = event.attachments
    fr = "Réponse du débiteur reçue par e-mail" + (f" ({joined} pièce(s) jointe(s))" if joined else "")
    en = "Reply from the debtor received by e-mail" + (f" ({joined} attachment(s))" if joined else "")
    return Said(fr=fr, en=en, channel="email")


def _resolved(event: DisputeResolved) -> Said:
    if event.outcome == "cancelled":
        return said(
            "Litige clos le {resolved_on} : la créance est abandonnée",
            "Dispute resolved on {resolved_on}: the claim is dropped",
        )(event)
    return said(
        "Litige clos le {resolved_on} : la créance est maintenue, les relances reprennent",
        "Dispute resolved on {resolved_on}: the claim stands, reminders resume",
    )(event)


def _breached(event: PlanBreached) -> Said:
    return said(
        "Échéancier rompu le {breached_on} : l'échéance du {missed_due_on} est impayée ; {next_action:next_action}",
        "Payment plan breached on {breached_on}: the instalment due on {missed_due_on} is unpaid; "
        "{next_action:next_action}",
    )(event)


DUNNING: tuple[tuple[type[Event], Describer], ...] = (
    *OFFERING,
    (PromiseMade, said("Promesse de paiement : {amount} pour le {due_on}", "Promise to pay {amount} by {due_on}")),
    (PromiseKept, said("Promesse tenue le {kept_on} ({paid} payés)", "Promise kept on {kept_on} ({paid} paid)")),
    (
        PromiseBroken,
        said("Promesse non tenue le {broken_on} ({paid} payés)", "Promise broken on {broken_on} ({paid} paid)"),
    ),
    *ENDING,
    (PlanProposed, plan_proposed),
    (
        PlanRefused,
        said(
            "Échéancier refusé par le créancier le {refused_on}", "Payment plan refused by the creditor on {refused_on}"
        ),
    ),
    (PlanAgreed, plan_agreed),
    (PlanBreached, _breached),
    (DisputeOpened, dispute_opened),
    (DisputeAnswered, said("Réponse du créancier à la contestation", "Creditor answered the dispute")),
    (
        DisputeProofInsufficient,
        said(
            "Pièces du litige jugées insuffisantes ; le créancier est relancé",
            "Dispute documents judged insufficient; the creditor is asked again",
        ),
    ),
    (DisputeResolved, _resolved),
    (MessageSent, message_sent),
    (MessageDelivered, message_delivered),
    (FormalNoticeSent, formal_notice_sent),
    (FormalNoticeReceived, formal_notice_received),
    (DunningExhausted, dunning_exhausted),
    (CallbackRequested, callback_requested),
    (DebtorNotified, debtor_notified),
    (ReplyReceived, reply_received),
)
