"""A message context for the template, compliance and letter tests: a B2B or B2C case of one invoice, part paid,
the first contact or a later one, every part replaceable."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from dunning.domain.context import Agency, Figures, FirstContact, InvoiceLine, MessageContext, Party

CHANNEL_OF = {
    "email-courteous": "email",
    "email-firm": "email",
    "letter-reminder": "letter",
    "formal-notice": "registered_letter",
    "sms-reminder": "sms",
    "phone-script": "phone",
}

AGENCY = Agency(
    name="Recouvra SAS",
    address_lines=("12 rue de la Paix", "75002 Paris"),
    email="contact@recouvra.example",
    phone="01 23 45 67 89",
    iban="FR7630006000011234567890189",
    bic="AGRIFRPP",
    siren="912345678",
)
CREDITOR = Party(name="Boulangerie Martin SARL", address_lines=("3 place du Marché", "69001 Lyon"))
FIRST_CONTACT = FirstContact(reference="MSG-1A2B3C", sent_on=date(2026, 2, 20))


def figures(kind: str, **changes: Any) -> Figures:
    if kind == "b2b":
        penalties, indemnities, interest, balance = Decimal("18.35"), Decimal("40.00"), Decimal("0.00"), "1058.35"
    else:
        penalties, indemnities, interest, balance = Decimal("0.00"), Decimal("0.00"), Decimal("6.12"), "1006.12"
    base = Figures(
        as_of=date(2026, 3, 10),
        currency="EUR",
        principal=Decimal("1200.00"),
        penalties=penalties,
        indemnities=indemnities,
        interest=interest,
        fees=Decimal("0.00"),
        paid=Decimal("200.00"),
        balance=Decimal(balance),
        invoices=(InvoiceLine("F-2026-001", date(2026, 1, 5), date(2026, 2, 4), Decimal("1200.00")),),
    )
    return dataclasses.replace(base, **changes)


def build_context(
    template: str = "email-courteous",
    *,
    language: str = "fr",
    kind: str = "b2b",
    first: bool = False,
    figures_changes: dict[str, Any] | None = None,
    **changes: Any,
) -> MessageContext:
    debtor = Party(
        name="Jean Dupont" if kind == "b2c" else "Dupont Bâtiment SAS",
        address_lines=("8 avenue Foch", "33000 Bordeaux"),
        email="debiteur@example.org",
        phone="06 12 34 56 78",
    )
    context = MessageContext(
        language=language,
        channel=CHANNEL_OF[template],
        step="step-1",
        template=template,
        kind=kind,
        sent_on=date(2026, 3, 12),
        message_reference="MSG-7Q2K9X",
        case_reference="DOS-1042",
        rf_reference="RF18539007547034",
        agency=AGENCY,
        creditor=CREDITOR,
        debtor=debtor,
        figures=figures(kind, **(figures_changes or {})),
        self_service_url="https://pay.recouvra.example/p/abc123",
        first_contact=None if first else FIRST_CONTACT,
    )
    return dataclasses.replace(context, **changes)


@pytest.fixture
def make_context() -> Callable[..., MessageContext]:
    return build_context
