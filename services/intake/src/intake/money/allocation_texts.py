"""Wording of allocation lines: French for the debtor and the creditor, English for staff."""

from __future__ import annotations

from enum import StrEnum


class Component(StrEnum):
    """Parts of one debt, in the order a partial payment settles them (art. 1343-1 C. civ., extended
    to costs and accessories by Cass. 1re civ. 7 Feb 1995, n° 92-14.216)."""

    INDEMNITY = "indemnity"
    INTEREST = "interest"
    PENALTIES = "penalties"
    PRINCIPAL = "principal"


COMPONENT_ORDER = (Component.INDEMNITY, Component.INTEREST, Component.PENALTIES, Component.PRINCIPAL)


class ReasonCode(StrEnum):
    DEBTOR_CHOICE = "debtor_choice"
    OLDEST_DUE_DEBT = "oldest_due_debt"
    EQUAL_STANDING_PRO_RATA = "equal_standing_pro_rata"
    NOT_YET_DUE = "not_yet_due"


_COMPONENT_FR = {
    Component.INDEMNITY: "l'indemnité forfaitaire et les frais",
    Component.INTEREST: "les intérêts",
    Component.PENALTIES: "les pénalités de retard",
    Component.PRINCIPAL: "le principal",
}
_COMPONENT_EN = {
    Component.INDEMNITY: "the fixed indemnity and costs",
    Component.INTEREST: "interest",
    Component.PENALTIES: "late-payment penalties",
    Component.PRINCIPAL: "principal",
}
_REASON_FR = {
    ReasonCode.DEBTOR_CHOICE: "Facture {number} désignée par le débiteur (art. 1342-10 al. 1 C. civ.).",
    ReasonCode.OLDEST_DUE_DEBT: "Sans indication du débiteur, la dette échue la plus ancienne, la facture {number}, "
    "est payée en premier (art. 1342-10 al. 2 C. civ.).",
    ReasonCode.EQUAL_STANDING_PRO_RATA: "Facture {number} échue le même jour que d'autres : le paiement est réparti "
    "au prorata (art. 1342-10 al. 2 C. civ.).",
    ReasonCode.NOT_YET_DUE: "Les dettes échues étant réglées, le solde va à la facture {number}, non encore échue "
    "(art. 1342-10 al. 2 C. civ.).",
}
_REASON_EN = {
    ReasonCode.DEBTOR_CHOICE: "Invoice {number} named by the debtor (art. 1342-10 para. 1 Civil Code).",
    ReasonCode.OLDEST_DUE_DEBT: "No instruction from the debtor: the oldest debt already due, invoice {number}, "
    "is paid first (art. 1342-10 para. 2 Civil Code).",
    ReasonCode.EQUAL_STANDING_PRO_RATA: "Invoice {number} fell due the same day as others: the payment is shared "
    "pro rata (art. 1342-10 para. 2 Civil Code).",
    ReasonCode.NOT_YET_DUE: "Debts already due are settled, so the rest goes to invoice {number}, not yet due "
    "(art. 1342-10 para. 2 Civil Code).",
}


def explain_fr(reason: ReasonCode, component: Component, number: str) -> str:
    """Why this part of a payment went where it did: the art. 1342-10 choice of debt, then the
    art. 1343-1 order within it, in French for the debtor and the creditor."""
    if component is Component.PRINCIPAL:
        order = "Le principal n'est réglé qu'après les accessoires (art. 1343-1 C. civ.)."
    else:
        order = (
            f"Un paiement partiel règle d'abord {_COMPONENT_FR[component]}, avant le principal (art. 1343-1 C. civ.)."
        )
    return f"{_REASON_FR[reason].format(number=number)} {order}"


def explain_en(reason: ReasonCode, component: Component, number: str) -> str:
    """The same explanation as `explain_fr`, in English for staff."""
    if component is Component.PRINCIPAL:
        order = "Principal is paid only after the accessories (art. 1343-1 Civil Code)."
    else:
        order = f"A partial payment settles {_COMPONENT_EN[component]} before principal (art. 1343-1 Civil Code)."
    return f"{_REASON_EN[reason].format(number=number)} {order}"
