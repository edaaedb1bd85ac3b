"""What intake's case events say on the timeline. Intake records several events in one transaction, at one
instant: the order of this table is their order on the timeline when their instants are equal."""

from __future__ import annotations

from decimal import Decimal

from shared.events.base import Event
from shared.events.intake import (
    CaseClosed,
    CaseOpened,
    CasePaid,
    CaseStatusChanged,
    CaseValidated,
    InvoiceAdded,
    PaymentAllocated,
    PaymentRecorded,
    PaymentReversed,
)
from shared.events.intake_debtors import DebtorContactsCorrected
from shared.events.intake_documents import DocumentAttached
from shared.i18n import Language

from portal.timeline.wording import Describer, Said, amount, counted, day, listed, said, word

INVOICES_FR, INVOICES_EN = ("facture", "factures"), ("invoice", "invoices")


def case_opened(event: CaseOpened) -> Said:
    currency = event.invoices[0].currency if event.invoices else "EUR"
    total = sum((invoice.amount for invoice in event.invoices), Decimal(0))

    def text(language: Language) -> str:
        invoices = counted(len(event.invoices), language, INVOICES_FR, INVOICES_EN)
        figure = amount(total, language, currency)
        if language == "fr":
            return f"Dossier {event.reference} ouvert contre {event.debtor.name} : {invoices}, {figure}"
        return f"Case {event.reference} opened against {event.debtor.name}: {invoices}, {figure}"

    return Said(fr=text("fr"), en=text("en"))


def case_validated(event: CaseValidated) -> Said:
    if event.status == "claim_declaration":
        return Said(
            fr="Dossier validé : le débiteur est en procédure collective, la créance sera déclarée",
            en="Case validated: the debtor is under insolvency proceedings, the claim will be declared",
        )
    return Said(
        fr="Dossier validé : le recouvrement amiable commence",
        en="Case validated: amicable collection starts",
    )


# Validation and closure move the status too; their own events say so, with more.
_TOLD_ELSEWHERE = {("submitted", "validated"), ("validated", "amicable"), ("submitted", "claim_declaration")}


def case_status_changed(event: CaseStatusChanged) -> Said | None:
    if event.to_status == "closed" or (event.from_status, event.to_status) in _TOLD_ELSEWHERE:
        return None
    if event.to_status == "claim_declaration":
        return Said(
            fr="Procédure collective ouverte contre le débiteur : relances et actions arrêtées (art. L622-21 C. com.), "
            "la créance sera déclarée au mandataire",
            en="Insolvency proceedings opened against the debtor: reminders and actions stopped (art. L622-21 C. "
            "com.), the claim will be declared to the administrator",
        )
    return said(
        "Le dossier passe de « {from_status:status} » à « {to_status:status} »",
        "The case moved from {from_status:status} to {to_status:status}",
    )(event)


def invoice_added(event: InvoiceAdded) -> Said:
    invoice = event.invoice

    def text(language: Language) -> str:
        figure, due = amount(invoice.amount, language, invoice.currency), day(invoice.due_date, language)
        if language == "fr":
            return f"Facture {invoice.number} ajoutée : {figure}, échue le {due}"
        return f"Invoice {invoice.number} added: {figure}, due on {due}"

    return Said(fr=text("fr"), en=text("en"))


def document_attached(event: DocumentAttached) -> Said:
    """ "Pièce ajoutée au dossier : preuve de livraison (bl.pdf)"; its content stays in intake."""

    def text(language: Language) -> str:
        what = word("document", event.kind, language)
        named = f"{what} ({event.filename})" if event.filename else what
        if language == "fr":
            return f"Pièce ajoutée au dossier : {named}"
        return f"Document filed with the case: {named}"

    return Said(fr=text("fr"), en=text("en"))


def debtor_contacts_corrected(event: DebtorContactsCorrected) -> Said:
    def text(language: Language) -> str:
        what = listed([word("contact", field, language) for field in event.corrected], language)
        if language == "fr":
            by = " par le débiteur sur sa page" if event.by == "debtor" else ""
            return f"Coordonnées du débiteur corrigées{by} : {what}"
        by = " by the debtor on its page" if event.by == "debtor" else ""
        return f"Debtor's contact details corrected{by}: {what}"

    return Said(fr=text("fr"), en=text("en"))


_PAYMENTS = {
    "credit_note": ("Avoir de {amount} imputé le {received_on}", "Credit note of {amount} applied on {received_on}"),
    "write_off": ("{amount} passés en perte le {received_on}", "{amount} written off on {received_on}"),
    "bailiff": (
        "Paiement de {amount} recouvré par le commissaire de justice le {received_on}",
        "Payment of {amount} collected by the bailiff on {received_on}",
    ),
    "debtor_to_creditor": (
        "Paiement de {amount} reçu par le créancier le {received_on}",
        "Payment of {amount} received by the creditor on {received_on}",
    ),
}
_PAID_TO_AGENCY = ("Paiement de {amount} reçu le {received_on}", "Payment of {amount} received on {received_on}")


# the rest of a case whose settlement was paid, written off by intake under the reference `ACCORD-<settlement id>`
_SETTLED = (
    "{amount} abandonnés par le créancier le {received_on}, l'accord transactionnel étant payé",
    "{amount} given up by the creditor on {received_on}, the settlement being paid",
)


def payment_recorded(event: PaymentRecorded) -> Said:
    fr, en = _PAYMENTS.get(event.origin, _PAID_TO_AGENCY)
    if event.origin == "write_off" and event.reference.startswith("ACCORD-"):
        fr, en = _SETTLED
    return said(fr, en)(event)


def payment_allocated(event: PaymentAllocated) -> Said | None:
    if not event.lines:
        return None

    def text(language: Language) -> str:
        parts = [
            f"{amount(line.amount, language)} {word('component', line.component, language)}" for line in event.lines
        ]
        intro = "Paiement imputé" if language == "fr" else "Payment allocated"
        return f"{intro}{' :' if language == 'fr' else ':'} {listed(parts, language)}"

    return Said(fr=text("fr"), en=text("en"))


INTAKE: tuple[tuple[type[Event], Describer], ...] = (
    (CaseOpened, case_opened),
    (InvoiceAdded, invoice_added),
    (DocumentAttached, document_attached),
    (CaseValidated, case_validated),
    (PaymentRecorded, payment_recorded),
    (PaymentAllocated, payment_allocated),
    (
        PaymentReversed,
        said(
            "Paiement de {amount} du {received_on} annulé : {reason}",
            "Payment of {amount} of {received_on} reversed: {reason}",
        ),
    ),
    (CasePaid, said("Dossier entièrement payé le {paid_on}", "Case paid in full on {paid_on}")),
    (CaseStatusChanged, case_status_changed),
    (DebtorContactsCorrected, debtor_contacts_corrected),
    (CaseClosed, said("Dossier clos : {reason:closure}", "Case closed: {reason:closure}")),
)
