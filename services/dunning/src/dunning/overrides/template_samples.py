"""Sample cases a creditor's template is tried on before it is saved: every situation the template may be sent in
(a business or a consumer; the first contact or a later one, except for an SMS or a call, which are never the
first), with every component of the claim non-zero so that each mention the law asks for is looked for."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from dunning.cases.composing import agency_of
from dunning.config import Settings
from dunning.domain.compliance import SHORT_CHANNELS
from dunning.domain.context import Figures, FirstContact, InvoiceLine, MessageContext, Party

CHANNEL_OF_TEMPLATE = {
    "email-courteous": "email",
    "email-firm": "email",
    "letter-reminder": "letter",
    "formal-notice": "formal_notice",
    "sms-reminder": "sms",
    "phone-script": "phone",
}
SAMPLE_IBAN = "FR7630006000011234567890189"


@dataclass(frozen=True)
class Situation:
    kind: str  # b2b | b2c
    first_contact: bool

    def describe(self, language: str) -> str:
        if language == "fr":
            who = "à un professionnel" if self.kind == "b2b" else "à un consommateur"
            return f"{'premier contact' if self.first_contact else 'relance suivante'} {who}"
        who = "to a business" if self.kind == "b2b" else "to a consumer"
        return f"{'the first contact' if self.first_contact else 'a later reminder'} {who}"


def situations(template: str) -> Iterator[Situation]:
    firsts = (False,) if CHANNEL_OF_TEMPLATE.get(template) in SHORT_CHANNELS else (True, False)
    for kind in ("b2b", "b2c"):
        for first in firsts:
            yield Situation(kind=kind, first_contact=first)


def _figures(kind: str, today: date) -> Figures:
    principal = Decimal("1200.00")
    penalties, indemnities = (Decimal("18.35"), Decimal("40.00")) if kind == "b2b" else (Decimal("0"), Decimal("0"))
    interest = Decimal("6.12")
    return Figures(
        as_of=today,
        currency="EUR",
        principal=principal,
        penalties=penalties,
        indemnities=indemnities,
        interest=interest,
        fees=Decimal("0.00"),
        paid=Decimal("200.00"),
        balance=principal + penalties + indemnities + interest - Decimal("200.00"),
        invoices=(
            InvoiceLine(
                "F-EXEMPLE-001",
                today - timedelta(days=75),
                today - timedelta(days=45),
                principal,
                penalties,
                indemnities,
                interest,
            ),
        ),
    )


def sample_context(
    *, settings: Settings, template: str, language: str, situation: Situation, now: datetime, today: date
) -> MessageContext:
    agency = agency_of(settings)
    if not agency.iban:
        agency = dataclasses.replace(agency, iban=SAMPLE_IBAN)
    first = None if situation.first_contact else FirstContact(reference="REL-0A1B2C3D4E", sent_on=today - timedelta(10))
    return MessageContext(
        language=language,
        channel=CHANNEL_OF_TEMPLATE.get(template, "email"),
        step="sample",
        template=template,
        kind=situation.kind,
        sent_on=today,
        message_reference="REL-5F6A7B8C9D",
        case_reference="DOSSIER-EXEMPLE-42",
        rf_reference="RF18539007547034",
        agency=agency,
        creditor=Party(name="Créancier Exemple SAS", address_lines=("5 rue de l'Exemple", "69002 Lyon")),
        debtor=Party(
            name="Débiteur Exemple SARL" if situation.kind == "b2b" else "Camille Exemple",
            address_lines=("8 avenue de l'Essai", "33000 Bordeaux"),
            email="debiteur@exemple.example",
            phone="+33600000000",
        ),
        figures=_figures(situation.kind, today),
        self_service_url=f"{settings.public_base_url}/d/RF18539007547034-K7QM4XD2",
        access_code="K7QM-4XD2",
        access_page=f"{settings.public_base_url}/debtor",
        first_contact=first,
        reply_days=settings.formal_notice_reply_days,
    )
