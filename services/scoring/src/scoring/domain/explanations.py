"""Reasons an agent and a creditor can read: a French and an English sentence with the value written for a
person ("50 100,00 €", "personne physique"), whether the factor raises or lowers the probability, and its
contribution in scorecard points.

Scorecard points follow the usual convention: 20 points double the odds of recovery, so a contribution of
`c` log-odds points is `c × 20 / ln 2` (about 28.85 × c) scorecard points, rounded to a whole number.
Reasons are stored as they were computed (code, factor, value, contribution); these sentences are written
when a score is read, so that scores stored before them read the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from shared.money import round_cents

POINTS_TO_DOUBLE_ODDS = Decimal(20)
POINTS_PER_LOG_ODDS = POINTS_TO_DOUBLE_ODDS / Decimal(repr(math.log(2)))
SOLE_TRADER_FORMS = frozenset({"EI", "EIRL", "MICRO", "AE"})

Labels = tuple[str, str]  # French, English


def scorecard_points(contribution: Decimal) -> int:
    return int((contribution * POINTS_PER_LOG_ODDS).to_integral_value())


def effect_of(contribution: Decimal) -> str:
    return "raises" if contribution > 0 else "lowers" if contribution < 0 else "neutral"


def amount_fr(amount: Decimal) -> str:
    """50 100,00 € (French: spaces between thousands, decimal comma, the sign after)."""
    return f"{round_cents(amount):,.2f}".replace(",", " ").replace(".", ",") + " €"


def amount_en(amount: Decimal) -> str:
    return f"€{round_cents(amount):,.2f}"


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _count(value: Any) -> int | None:
    number = _decimal(value)
    return None if number is None else int(number)


def _counted(fr: str, en: str) -> Callable[[Any], Labels]:
    def labels(value: Any) -> Labels:
        count = _count(value)
        return (f"{fr} : {'inconnu' if count is None else count}", f"{en}: {'unknown' if count is None else count}")

    return labels


def _amount(fr: str, en: str) -> Callable[[Any], Labels]:
    def labels(value: Any) -> Labels:
        amount = _decimal(value)
        if amount is None:
            return f"{fr} : inconnu", f"{en}: unknown"
        return f"{fr} : {amount_fr(amount)}", f"{en}: {amount_en(amount)}"

    return labels


def _days(value: Any) -> Labels:
    days = _count(value)
    if days is None:
        return (
            "Retard de la plus ancienne facture impayée : inconnu",
            "Days past due of the oldest unpaid invoice: unknown",
        )
    return (
        f"Plus ancienne facture impayée en retard de {days} jour{'s' if days > 1 else ''}",
        f"Oldest unpaid invoice {days} day{'s' if days != 1 else ''} past due",
    )


def _debtor_kind(value: Any) -> Labels:
    text = "" if value is None else str(value)
    if text == "person":
        return "Personne physique", "Private individual"
    if text == "company":
        return "Entreprise", "Company"
    if text.upper() in SOLE_TRADER_FORMS:
        return f"Entrepreneur individuel ({text})", f"Sole trader ({text})"
    return (
        (f"Forme juridique : {text}", f"Legal form: {text}")
        if text
        else ("Forme juridique inconnue", "Legal form unknown")
    )


def _company_age(value: Any) -> Labels:
    years = _count(value)
    if years is None:
        return "Ancienneté de l'entreprise inconnue", "Company age unknown"
    if years < 1:
        return "Entreprise créée il y a moins d'un an", "Company founded less than a year ago"
    return (
        f"Entreprise créée il y a {years} an{'s' if years > 1 else ''}",
        f"Company founded {years} year{'s' if years > 1 else ''} ago",
    )


def _insolvency(value: Any) -> Labels:
    if value in (True, "yes", "True", "true"):
        return "Procédure collective en cours", "Insolvency proceedings under way"
    return "Aucune procédure collective", "No insolvency proceedings"


def _contact(value: Any) -> Labels:
    channels = _count(value)
    if channels == 0:
        return (
            "Aucun moyen de contact valide (e-mail, téléphone, adresse)",
            "No valid contact channel (e-mail, phone, address)",
        )
    shown = "?" if channels is None else channels
    return (
        f"Moyens de contact valides (e-mail, téléphone, adresse) : {shown} sur 3",
        f"Valid contact channels (e-mail, phone, address): {shown} of 3",
    )


def _insurer_grade(value: Any) -> Labels:
    grade = _count(value)
    shown = "inconnue" if grade is None else f"{grade} sur 10"
    return (
        f"Note de l'assureur-crédit : {shown} (1 la meilleure, 10 la pire)",
        f"Credit-insurer grade: {'unknown' if grade is None else f'{grade} of 10'} (1 best, 10 worst)",
    )


def _insurer_limit(value: Any) -> Labels:
    limit = _decimal(value)
    if limit == 0:
        return "L'assureur-crédit refuse de couvrir ce débiteur", "The credit insurer refused to cover this debtor"
    return _amount("Limite de l'assureur-crédit", "Credit-insurer limit")(value)


def _other_currencies(value: Any) -> Labels:
    codes = ", ".join(value) if isinstance(value, list | tuple) else str(value)
    return (
        f"Montants en {codes} non comptés : aucun taux de change n'est appliqué",
        f"Amounts in {codes} not counted: no exchange rate is applied",
    )


def _portfolio(value: Any) -> Labels:
    return (
        "Montant, ancienneté, dossiers, comportement de paiement et assurance-crédit, mesurés tous créanciers "
        "confondus (détail réservé à l'agence)",
        "Amount, debt age, cases, payment behaviour and credit insurance, measured across all creditors "
        "(details kept by the agency)",
    )


LABELS: dict[str, Callable[[Any], Labels]] = {
    "base": lambda value: ("Point de départ du barème", "Starting point of the scorecard"),
    "outstanding": _amount("Montant dû", "Amount outstanding"),
    "days_past_due": _days,
    "open_cases": _counted(
        "Dossiers ouverts à l'agence, tous créanciers confondus", "Open cases with the agency, all creditors"
    ),
    "partial_payments": _counted("Paiements partiels effectués", "Partial payments made"),
    "promises_kept": _counted("Promesses de paiement tenues", "Promises to pay kept"),
    "promises_broken": _counted("Promesses de paiement non tenues", "Promises to pay broken"),
    "disputes": _counted("Litiges ouverts", "Disputes opened"),
    "legal_failures": _counted("Actions judiciaires infructueuses", "Unsuccessful legal steps"),
    "legal_form": _debtor_kind,
    "debtor_type": _debtor_kind,
    "company_age_years": _company_age,
    "insolvency": _insolvency,
    "contact_channels": _contact,
    "insurer_grade": _insurer_grade,
    "insurer_limit": _insurer_limit,
    "other_currencies": _other_currencies,
    "portfolio": _portfolio,
}

EFFECT_FR = {
    "raises": "augmente la probabilité de recouvrement",
    "lowers": "diminue la probabilité de recouvrement",
    "neutral": "sans effet sur la probabilité de recouvrement",
}
EFFECT_EN = {
    "raises": "raises the chance of recovery",
    "lowers": "lowers the chance of recovery",
    "neutral": "does not change the chance of recovery",
}


def explained(reason: dict[str, Any]) -> dict[str, Any]:
    """The stored reason with `label_fr`, `label_en`, `effect` and `points` added."""
    contribution = _decimal(reason.get("contribution")) or Decimal("0")
    factor = str(reason.get("factor"))
    describe = LABELS.get(factor, lambda value: (f"{factor} : {value}", f"{factor}: {value}"))
    french, english = describe(reason.get("value"))
    effect = effect_of(contribution)
    if factor != "base":
        french, english = f"{french} — {EFFECT_FR[effect]}", f"{english} — {EFFECT_EN[effect]}"
    return {
        **reason,
        "label_fr": french,
        "label_en": english,
        "effect": effect,
        "points": scorecard_points(contribution),
    }
