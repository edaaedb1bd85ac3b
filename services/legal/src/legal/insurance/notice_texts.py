"""The subrogation notice's wording, French first and English, and how it writes amounts and dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.i18n import Language
from shared.money import round_cents

NARROW_NBSP = "\u202f"

TEXTS: dict[Language, dict[str, str]] = {
    "fr": {
        "dated": "Le {date}",
        "title": "Notification de subrogation (affacturage)",
        "salutation": "Madame, Monsieur,",
        "contract": "{creditor} a confié le financement et le recouvrement de ses factures à {factor}, au titre du "
        "contrat d'affacturage n° {contract}.",
        "subrogation": "{factor} nous a payé les factures ci-dessous et, par la subrogation que nous lui avons "
        "expressément consentie lors de ce paiement (subrogation conventionnelle, article 1346-1 du Code civil), "
        "il est désormais titulaire de nos droits à votre égard pour ces factures :",
        "invoice": "Facture",
        "issued": "Date",
        "due": "Échéance",
        "amount": "Montant dû",
        "total": "Total",
        "discharge": "Dès réception de cette lettre, seul un paiement fait à {factor} vous libère valablement : "
        "adressez-lui directement le règlement de ces factures en rappelant leur numéro.",
        "iban": "IBAN de paiement : {iban}",
        "no_iban": "Les coordonnées de paiement figurent sur chaque facture.",
        "defences": "Cette subrogation ne crée pas de nouvelle dette : vous conservez envers {factor} les moyens de "
        "défense que vous pouviez opposer à {creditor} au titre de ces factures.",
        "closing": "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
        "reference": "Bordereau {batch} · contrat {contract}",
    },
    "en": {
        "dated": "{date}",
        "title": "Notice of subrogation (factoring)",
        "salutation": "Dear Sir or Madam,",
        "contract": "{creditor} has entrusted the financing and collection of its invoices to {factor}, under "
        "factoring contract no. {contract}.",
        "subrogation": "{factor} has paid us the invoices below and, through the subrogation we expressly granted "
        "it with that payment (conventional subrogation, article 1346-1 of the French Civil Code), now holds our "
        "rights against you for these invoices:",
        "invoice": "Invoice",
        "issued": "Date",
        "due": "Due date",
        "amount": "Amount due",
        "total": "Total",
        "discharge": "From receipt of this letter, only a payment to {factor} discharges you: please pay these "
        "invoices to it directly, quoting their numbers.",
        "iban": "IBAN for payment: {iban}",
        "no_iban": "The payment details are printed on each invoice.",
        "defences": "This subrogation creates no new debt: you keep against {factor} the defences you had against "
        "{creditor} for these invoices.",
        "closing": "Yours faithfully,",
        "reference": "Batch {batch} · contract {contract}",
    },
}

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def amount_text(amount: Decimal, currency: str, language: Language) -> str:
    """1 200,00 € in French (narrow no-break spaces between thousands and before the sign), EUR 1,200.00 in
    English."""
    grouped = f"{round_cents(amount):,.2f}"
    if language == "en":
        return f"{currency} {grouped}"
    french = grouped.replace(",", NARROW_NBSP).replace(".", ",")
    return f"{french}{NARROW_NBSP}€" if currency == "EUR" else f"{french}{NARROW_NBSP}{currency}"


def date_text(day: date, language: Language) -> str:
    if language == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day:%d/%m/%Y}"
