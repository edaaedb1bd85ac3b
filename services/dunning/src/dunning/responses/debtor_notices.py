"""What the debtor is told by e-mail about what it asked for: a payment plan agreed (its dates and amounts, what
keeps it running, where to pay) or refused (with the creditor's answer and what the debtor may do next), and the
other answers built with `notice_message` (an agent's answer to its reply, its dispute's outcome). Not a
reminder: it answers the debtor, so it goes out while the case is quiet (a plan running), counts against no
contact cap, and is withheld only when the debtor opted out of e-mail or has no address. Prepared as a message in
the caller's transaction, with no scenario step; the sender hands it to the mail server like any other
(`outbound.sending`)."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from itertools import groupby

from sqlmodel import Session

from shared.clock import Clock
from shared.events.dunning import DebtorNotified, NoticeKind
from shared.outbox import record_event

from dunning.cases.cases import event_ids
from dunning.cases.composing import ContactOf, DebtorContact, agency_of, self_service_access
from dunning.cases.models import DunningCase, DunningCreditor
from dunning.config import Settings
from dunning.domain.formatting import format_amount, format_date
from dunning.messages.models import Message
from dunning.responses.models import PaymentPlan, PlanInstalment, opted_out

log = logging.getLogger(__name__)

PLAN_AGREED, PLAN_REFUSED = "debtor-plan-agreed", "debtor-plan-refused"
REPLY_ANSWER = "debtor-reply-answer"  # an agent's answer to the debtor's reply (`dunning.responses.reply_answers`)
DISPUTE_OUTCOME = "debtor-dispute-outcome"  # how its dispute was settled (`dunning.responses.dispute_outcomes`)
SETTLEMENT_OFFERED = "debtor-settlement-offered"  # an offer it may accept (`dunning.responses.settlement_notices`)
NOTICE_EVENTS: dict[str, NoticeKind] = {
    PLAN_AGREED: "plan_agreed",
    PLAN_REFUSED: "plan_refused",
    REPLY_ANSWER: "reply_answered",
    DISPUTE_OUTCOME: "dispute_resolved",
    SETTLEMENT_OFFERED: "settlement_offered",
}
"""Each notice's template, as the contact log names it, and what `debtor.notified` says it told."""
NOTICES = tuple(NOTICE_EVENTS)


@dataclass(frozen=True)
class DebtorNotices:
    """What a use case needs to write to the debtor: the settings (the agency, the self-service link) and the
    debtor's contact as intake gives it (read before any row is locked)."""

    settings: Settings
    contact_of: ContactOf


def is_notice(message: Message) -> bool:
    """A message to the debtor that answers it rather than reminds it: no scenario step behind it."""
    return message.audience == "debtor" and message.step_id is None and message.template in NOTICES


def tell_debtor_of_plan(
    *,
    session: Session,
    case: DunningCase,
    plan: PaymentPlan,
    instalments: Sequence[PlanInstalment],
    contact: DebtorContact,
    settings: Settings,
    clock: Clock,
) -> Message | None:
    """The debtor told that its plan was agreed (the schedule) or refused (the creditor's answer). None when it
    cannot be told by e-mail: no address known, or an opt-out of e-mail (the page shows the decision either way)."""
    if not contact.email:
        log.info("case %s: the debtor has no e-mail address, plan %s %s not told", case.case_id, plan.id, plan.status)
        return None
    if opted_out(session, case.debtor_id, "email"):
        return None
    language = contact.language
    link, _ = self_service_access(settings, case, contact.rf_reference, clock.now())
    creditor = session.get(DunningCreditor, case.creditor_id)
    words = _Words(language, case, plan, contact, creditor.name if creditor else None, link)
    agreed = plan.status == "agreed"
    subject, lines = words.agreed(instalments) if agreed else words.refused(instalments)
    message = notice_message(
        case=case,
        template=PLAN_AGREED if agreed else PLAN_REFUSED,
        language=language,
        to=(contact.name, contact.email),
        subject=subject,
        lines=lines,
        settings=settings,
        clock=clock,
    )
    session.add(message)
    return message


def notice_message(
    *,
    case: DunningCase,
    template: str,
    language: str,
    to: tuple[str, str],
    subject: str,
    lines: Sequence[str],
    settings: Settings,
    clock: Clock,
    **recipient: str,
) -> Message:
    """A notice's e-mail to the debtor (`to`: its name and address), its `lines` signed by the agency, in text and
    HTML; `recipient`: more of what the channel reads (`in_reply_to`)."""
    agency = agency_of(settings)
    everything = [*lines, "", SIGN_OFF[language], agency.name, *agency.address_lines]
    body = "\n".join(everything).rstrip() + "\n"
    return Message(
        case_id=case.case_id,
        debtor_id=case.debtor_id,
        audience="debtor",
        channel="email",
        template=template,
        language=language,
        recipient=to[1],
        subject=subject,
        body=body,
        html=as_html(everything, language=language, title=subject),
        content_sha256=hashlib.sha256(body.encode()).hexdigest(),
        recipient_data={"name": to[0], "email": to[1], **recipient},
        prepared_at=clock.now(),
    )


def notified(*, session: Session, message: Message, case: DunningCase, clock: Clock) -> None:
    """The notice went out: the case's timeline says so (`debtor.notified`, not `message.sent`: no reminder)."""
    event = DebtorNotified(
        **event_ids(case),
        message_id=str(message.id),
        notice=NOTICE_EVENTS[message.template],
        channel="email",
        subject=message.subject,
        sent_at=message.sent_at or clock.now(),
    )
    record_event(session, event, clock=clock, subject=str(case.case_id), tenant=str(case.creditor_id))


SIGN_OFF = {"fr": "Bien cordialement,", "en": "Kind regards,"}
_LINK = re.compile(r"https?://\S+")


def as_html(lines: Sequence[str], *, language: str, title: str) -> str:
    """The notice's own lines as the HTML part of its e-mail: a paragraph for each run of lines, the schedule's
    "- " lines as a list, the page's address as a link. The same words as the text part, nothing more."""
    blocks: list[str] = []
    for paragraph in "\n".join(lines).strip().split("\n\n"):
        # runs of the paragraph's rows in their order: written rows, or a list's "- " rows
        for listed, run in groupby(paragraph.split("\n"), key=lambda row: row.startswith("- ")):
            if listed:
                blocks.append("<ul>\n" + "\n".join(f"<li>{escape(row[2:])}</li>" for row in run) + "\n</ul>")
            else:
                blocks.append("<p>" + "<br>\n".join(_linked(row) for row in run) + "</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
        '</head>\n<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.45; '
        'color: #1d2330; max-width: 640px; margin: 0 auto; padding: 16px;">\n'
        + "\n".join(blocks)
        + "\n</body>\n</html>\n"
    )


def _linked(row: str) -> str:
    """The row escaped, its addresses as links."""
    at, parts = 0, []
    for found in _LINK.finditer(row):
        address = escape(found.group(0))
        parts += [escape(row[at : found.start()]), f'<a href="{address}">{address}</a>']
        at = found.end()
    return "".join([*parts, escape(row[at:])])


@dataclass(frozen=True)
class _Words:
    language: str
    case: DunningCase
    plan: PaymentPlan
    contact: DebtorContact
    creditor: str | None
    link: str

    def _amount(self, value: Decimal) -> str:
        return format_amount(value, self.language, self.plan.currency)

    def _schedule(self, instalments: Sequence[PlanInstalment]) -> list[str]:
        lines = [f"- {format_date(i.due_on, self.language)} : {self._amount(i.amount)}" for i in instalments]
        if self.language == "en":
            lines = [line.replace(" : ", ": ", 1) for line in lines]
        return lines

    def agreed(self, instalments: Sequence[PlanInstalment]) -> tuple[str, list[str]]:
        reference, plan, rf = self.case.reference, self.plan, self.contact.rf_reference
        if self.language == "en":
            lines = [
                f"Hello {self.contact.name},",
                "",
                f"The payment plan for case {reference} is agreed. Its instalments:",
                *self._schedule(instalments),
                f"Total: {self._amount(plan.total)}",
                "",
                "Pay each instalment by its date"
                + (f", quoting the payment reference {rf}." if rf else ".")
                + " No reminder is sent to you while the instalments are kept. An instalment still unpaid "
                f"{plan.grace_days} days after its date ends the plan"
                + (", and the creditor may then go to court." if plan.escalates else ", and the reminders resume."),
                "",
                f"Your instalments, what you have paid and how to pay are on your page: {self.link}",
            ]
            return f"Your payment plan is agreed — case {reference}", lines
        lines = [
            f"Bonjour {self.contact.name},",
            "",
            f"L'échéancier du dossier {reference} est accepté. Ses échéances :",
            *self._schedule(instalments),
            f"Total : {self._amount(plan.total)}",
            "",
            "Réglez chaque échéance à sa date"
            + (f", en rappelant la référence de paiement {rf}." if rf else ".")
            + " Aucune relance ne vous est adressée tant que les échéances sont honorées. Une échéance toujours "
            f"impayée {plan.grace_days} jours après sa date met fin à l'échéancier"
            + (
                ", et le créancier peut alors saisir la justice." if plan.escalates else ", et les relances reprennent."
            ),
            "",
            f"Vos échéances, vos paiements et les moyens de payer sont sur votre espace : {self.link}",
        ]
        return f"Votre échéancier est accepté — dossier {reference}", lines

    def refused(self, instalments: Sequence[PlanInstalment]) -> tuple[str, list[str]]:
        reference, plan, answer = self.case.reference, self.plan, self.plan.decision_note
        count = len(instalments)
        if self.language == "en":
            creditor = self.creditor or "The creditor"
            lines = [
                f"Hello {self.contact.name},",
                "",
                f"{creditor} did not accept the payment plan proposed for case {reference} "
                f"({self._amount(plan.total)} in {count} instalment{'s' if count > 1 else ''}).",
                *([f'Its answer: "{answer}"'] if answer else []),
                "",
                f"You may propose other dates, or pay the balance, on your page: {self.link}",
            ]
            return f"Your payment plan was not accepted — case {reference}", lines
        creditor = f"Le créancier, {self.creditor}," if self.creditor else "Le créancier"
        lines = [
            f"Bonjour {self.contact.name},",
            "",
            f"{creditor} n'a pas accepté l'échéancier proposé pour le dossier {reference} "
            f"({self._amount(plan.total)} en {count} échéance{'s' if count > 1 else ''}).",
            *([f"Sa réponse : « {answer} »"] if answer else []),
            "",
            f"Vous pouvez proposer d'autres dates, ou régler le solde, depuis votre espace : {self.link}",
        ]
        return f"Votre proposition d'échéancier n'est pas acceptée — dossier {reference}", lines
