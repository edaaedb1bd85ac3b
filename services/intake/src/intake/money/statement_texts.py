"""Wording of statement-of-account lines (décompte), French first, English for staff."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.money import round_cents
from shared.wording import format_amount

from intake.money.accrual import AccrualPeriod
from intake.money.rates import format_rate


def eur(amount: Decimal) -> str:
    """French money format: Decimal("10000.5") -> "10 000,50 €"."""
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(round_cents(amount)):.2f}".split(".")
    grouped = f"{int(units):,}".replace(",", "\u202f")
    return f"{sign}{grouped},{cents} €"


def fr_date(day: date) -> str:
    """French date format, as printed on a décompte: 13/09/2025."""
    return day.strftime("%d/%m/%Y")


def invoice_label(number: str, due_date: date) -> tuple[str, str]:
    return (
        f"Facture n° {number} échue le {fr_date(due_date)}",
        f"Invoice {number} due on {due_date.isoformat()}",
    )


def indemnity_label(number: str) -> tuple[str, str]:
    return (
        f"Indemnité forfaitaire pour frais de recouvrement, facture n° {number} (art. L441-10 et D441-5 C. com.)",
        f"Fixed recovery indemnity, invoice {number} (art. L441-10 and D441-5 Commercial Code)",
    )


def indemnity_apart_note(currency: str) -> tuple[str, str]:
    return (
        f"Fixée en euros par l'article D441-5 C. com. : due en euros, à part du solde en {currency}, jamais convertie.",
        f"Fixed in euros by art. D441-5 Commercial Code: owed in euros, apart from the balance in {currency}, "
        "never converted.",
    )


def penalties_label(number: str, start: date, end: date) -> tuple[str, str]:
    return (
        f"Pénalités de retard, facture n° {number}, du {fr_date(start)} au {fr_date(end)} (art. L441-10 C. com.)",
        f"Late-payment penalties, invoice {number}, {start.isoformat()} to {end.isoformat()} "
        "(art. L441-10 Commercial Code)",
    )


def interest_label(number: str, start: date, end: date) -> tuple[str, str]:
    return (
        f"Intérêts au taux légal depuis la mise en demeure, facture n° {number}, "
        f"du {fr_date(start)} au {fr_date(end)} (art. 1231-6 C. civ.)",
        f"Legal interest since formal notice, invoice {number}, {start.isoformat()} to {end.isoformat()} "
        "(art. 1231-6 Civil Code)",
    )


def payment_label(paid_on: date) -> tuple[str, str]:
    return (f"Paiement reçu le {fr_date(paid_on)}", f"Payment received on {paid_on.isoformat()}")


def overpayment_label(paid_on: date) -> tuple[str, str]:
    return (
        f"Trop-perçu sur le paiement du {fr_date(paid_on)}, à restituer au débiteur",
        f"Overpayment on the payment of {paid_on.isoformat()}, to be refunded to the debtor",
    )


def explain_periods(periods: tuple[AccrualPeriod, ...], currency: str = "EUR") -> tuple[str, str]:
    """One clause per period: days, rate, base in the case's currency; the line total is rounded."""
    fr = " ; ".join(
        f"{p.days} j du {fr_date(p.start)} au {fr_date(p.end)} à {format_rate(p.rate)} ({p.semester.label}) "
        f"sur {format_amount(p.base, 'fr', currency)}"
        for p in periods
    )
    en = "; ".join(
        f"{p.days} days {p.start.isoformat()} to {p.end.isoformat()} at {format_rate(p.rate).replace(',', '.')} "
        f"({p.semester.label}) on {format_amount(p.base, 'en', currency)}"
        for p in periods
    )
    return f"{fr} ; montant x taux x jours / 365.", f"{en}; amount x rate x days / 365."


def credit_note_label(on: date, number: str) -> tuple[str, str]:
    return (
        f"Avoir du {fr_date(on)} sur la facture n° {number} : réduit le principal facturé",
        f"Credit note of {on.isoformat()} on invoice {number}: reduces the invoiced principal",
    )


def credit_note_explanation(number: str) -> tuple[str, str]:
    return (
        f"Un avoir annule une partie de la facture n° {number} elle-même : il réduit son principal depuis "
        "l'origine (pénalités et intérêts recalculés sur le montant réduit), jamais les accessoires, et "
        "n'est pas un encaissement.",
        f"A credit note cancels part of invoice {number} itself: it reduces its principal from the start "
        "(penalties and interest recomputed on the reduced amount), never the accessories, and collects nothing.",
    )


def write_off_label(on: date) -> tuple[str, str]:
    return (
        f"Abandon de créance du {fr_date(on)} (aucun encaissement)",
        f"Write-off of {on.isoformat()} (nothing collected)",
    )


def insolvency_stop_note(opened_on: date) -> tuple[str, str]:
    return (
        f" Le cours des intérêts et pénalités est arrêté par le jugement d'ouverture du {fr_date(opened_on)} "
        "(art. L622-28 C. com.).",
        f" Interest and penalties stop running at the opening judgment of {opened_on.isoformat()} "
        "(art. L622-28 Commercial Code).",
    )


def notice_sent_note(sent_on: date) -> tuple[str, str]:
    return (
        f" Les intérêts courent ici depuis la date d'envoi de la mise en demeure ({fr_date(sent_on)}), "
        "sa date de réception n'étant pas enregistrée.",
        f" Interest runs here from the day the formal notice was sent ({sent_on.isoformat()}): its receipt "
        "date is not recorded.",
    )
