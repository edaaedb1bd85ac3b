"""What dunning's settlements (accords transactionnels, art. 2044 C. civ.) say on the timeline: the offer, within
the mandate's floor or put to the creditor, the creditor's decision, the debtor's acceptance, and how it ended
(honoured, so the rest is given up, or lapsed, so the whole balance is due again)."""

from __future__ import annotations

from shared.events.base import Event
from shared.events.dunning_settlements import (
    SettlementAccepted,
    SettlementDecided,
    SettlementHonoured,
    SettlementLapsed,
    SettlementOffered,
)
from shared.i18n import Language

from portal.timeline.wording import Describer, Said, amount, day, said


def settlement_offered(event: SettlementOffered) -> Said:
    def text(language: Language) -> str:
        offered, balance = (
            amount(event.amount, language, event.currency),
            amount(event.balance, language, event.currency),
        )
        given_up = amount(event.balance - event.amount, language, event.currency)
        by = day(event.pay_by, language)
        if language == "fr":
            told = f"Accord transactionnel de {offered} au lieu de {balance}, à payer au plus tard le {by}"
            if event.within_mandate:
                return f"{told} ({given_up} abandonnés) : dans le seuil du mandat, proposé au débiteur"
            return f"{told} ({given_up} abandonnés) : en dessous du seuil du mandat, soumis au créancier"
        told = f"Settlement of {offered} instead of {balance}, to pay by {by}"
        if event.within_mandate:
            return f"{told} ({given_up} given up): within the mandate's floor, offered to the debtor"
        return f"{told} ({given_up} given up): below the mandate's floor, put to the creditor"

    return Said(fr=text("fr"), en=text("en"))


def settlement_decided(event: SettlementDecided) -> Said:
    if event.approved:
        return Said(
            fr="Accord transactionnel approuvé par le créancier : il est proposé au débiteur",
            en="Settlement approved by the creditor: it is offered to the debtor",
        )
    return Said(fr="Accord transactionnel refusé par le créancier", en="Settlement refused by the creditor")


def settlement_accepted(event: SettlementAccepted) -> Said:
    """On the debtor's own page, or the debtor's word an agent recorded."""
    where_fr, where_en = (" sur sa page", " on its page") if event.by_debtor else (" (enregistré par l'agence)", "")
    by_en = "the debtor" + where_en if event.by_debtor else "the debtor (recorded by the agency)"

    def text(language: Language) -> tuple[str, str]:
        return amount(event.amount, language, event.currency), day(event.pay_by, language)

    (fr_amount, fr_day), (en_amount, en_day) = text("fr"), text("en")
    return Said(
        fr=f"Accord transactionnel accepté par le débiteur{where_fr} : {fr_amount} à payer au plus tard le {fr_day} ; "
        "les relances sont suspendues",
        en=f"Settlement accepted by {by_en}: {en_amount} to pay by {en_day}; reminders are on hold",
    )


OFFERING: tuple[tuple[type[Event], Describer], ...] = (
    (SettlementOffered, settlement_offered),
    (SettlementDecided, settlement_decided),
    (SettlementAccepted, settlement_accepted),
)
"""before the promise the acceptance makes (told in the same instant, after it)"""

ENDING: tuple[tuple[type[Event], Describer], ...] = (
    (
        SettlementHonoured,
        said(
            "Accord transactionnel honoré le {honoured_on} ({paid} payés) : le reste de la créance est abandonné",
            "Settlement honoured on {honoured_on} ({paid} paid): the rest of the claim is given up",
        ),
    ),
    (
        SettlementLapsed,
        said(
            "Accord transactionnel caduc le {lapsed_on} ({paid} payés) : le solde entier est de nouveau dû, les "
            "relances reprennent",
            "Settlement lapsed on {lapsed_on} ({paid} paid): the whole balance is due again, reminders resume",
        ),
    ),
)
"""after the promise's own end, kept or broken"""
