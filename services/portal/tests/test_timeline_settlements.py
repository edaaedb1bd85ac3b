"""The timeline's words for a settlement (accord transactionnel), without a database: the offer within the
mandate's floor or put to the creditor, the creditor's decision, the debtor's acceptance, its end (honoured, or
lapsed), the e-mail that told the debtor of it, the rest written off and the case closed as settled; and the
portal's consumer records each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.events.base import Event
from shared.events.dunning import DebtorNotified, PromiseBroken, PromiseMade
from shared.events.dunning_settlements import (
    SettlementAccepted,
    SettlementDecided,
    SettlementHonoured,
    SettlementLapsed,
    SettlementOffered,
)
from shared.events.intake import CaseClosed, PaymentRecorded

from portal.handlers import HANDLERS
from portal.timeline.catalogue import CATALOGUE, RANKS, service_and_type
from portal.timeline.wording import Said

NNBSP, NBSP = "\u202f", "\u00a0"
IDS = {"case_id": "c", "creditor_id": "k", "debtor_id": "d", "settlement_id": "s"}
SETTLEMENT_EVENTS = (SettlementOffered, SettlementDecided, SettlementAccepted, SettlementHonoured, SettlementLapsed)


def told(event: Event) -> Said:
    said = dict(CATALOGUE)[type(event)](event)
    assert said is not None
    return said


def test_an_offer_says_what_is_paid_what_is_given_up_by_when_and_who_decides():
    offer = {"amount": Decimal("1001.88"), "balance": Decimal("1252.34"), "pay_by": date(2026, 12, 10)}
    within = told(SettlementOffered(**IDS, **offer, within_mandate=True))
    below = told(SettlementOffered(**IDS, **offer, within_mandate=False))

    assert within.fr == (
        f"Accord transactionnel de 1{NNBSP}001,88{NBSP}€ au lieu de 1{NNBSP}252,34{NBSP}€, à payer au plus tard le "
        f"10 décembre 2026 (250,46{NBSP}€ abandonnés) : dans le seuil du mandat, proposé au débiteur"
    )
    assert within.en == (
        "Settlement of €1,001.88 instead of €1,252.34, to pay by 10 December 2026 (€250.46 given up): within the "
        "mandate's floor, offered to the debtor"
    )
    assert below.fr.endswith("en dessous du seuil du mandat, soumis au créancier")
    assert below.en.endswith("below the mandate's floor, put to the creditor")


def test_the_creditors_decision_the_acceptance_and_the_end_are_told_in_both_languages():
    approved = told(SettlementDecided(**IDS, approved=True))
    refused = told(SettlementDecided(**IDS, approved=False))
    accepted = told(SettlementAccepted(**IDS, amount=Decimal("1001.88"), pay_by=date(2026, 12, 10)))
    honoured = told(
        SettlementHonoured(**IDS, amount=Decimal("1001.88"), paid=Decimal("1001.88"), honoured_on=date(2026, 12, 9))
    )
    lapsed = told(SettlementLapsed(**IDS, paid=Decimal("300"), lapsed_on=date(2026, 12, 15)))

    assert approved.fr == "Accord transactionnel approuvé par le créancier : il est proposé au débiteur"
    assert refused.en == "Settlement refused by the creditor"
    assert accepted.fr == (
        f"Accord transactionnel accepté par le débiteur (enregistré par l'agence) : 1{NNBSP}001,88{NBSP}€ à payer au "
        "plus tard le 10 décembre 2026 ; les relances sont suspendues"
    )
    assert accepted.en == (
        "Settlement accepted by the debtor (recorded by the agency): €1,001.88 to pay by 10 December 2026; reminders "
        "are on hold"
    )
    online = told(SettlementAccepted(**IDS, amount=Decimal("1001.88"), pay_by=date(2026, 12, 10), by_debtor=True))
    assert online.fr.startswith("Accord transactionnel accepté par le débiteur sur sa page : 1")
    assert online.en.startswith("Settlement accepted by the debtor on its page: €1,001.88")
    assert honoured.fr == (
        f"Accord transactionnel honoré le 9 décembre 2026 (1{NNBSP}001,88{NBSP}€ payés) : le reste de la créance est "
        "abandonné"
    )
    assert lapsed.en == (
        "Settlement lapsed on 15 December 2026 (€300.00 paid): the whole balance is due again, reminders resume"
    )


def test_the_offer_e_mailed_to_the_debtor_the_rest_written_off_and_the_closure_read_plainly():
    ids = {"case_id": "c", "creditor_id": "k", "debtor_id": "d"}
    notified = told(
        DebtorNotified(
            **ids,
            message_id="m",
            notice="settlement_offered",
            channel="email",
            subject="Proposition d'accord",
            sent_at="2026-11-24T09:00:00Z",
        )
    )
    payment = {"payment_id": "p", "amount": Decimal("250.46"), "currency": "EUR", "received_on": date(2026, 12, 9)}
    settled = told(PaymentRecorded(**ids, **payment, origin="write_off", reference="ACCORD-s"))
    written_off = told(PaymentRecorded(**ids, **payment, origin="write_off", reference="PERTE-1"))
    closed = told(CaseClosed(**ids, reason="settled", closed_on=date(2026, 12, 10)))

    assert (
        notified.fr == "Proposition d'accord transactionnel envoyée au débiteur par e-mail : « Proposition d'accord »"
    )
    assert notified.en == "Settlement offer sent to the debtor by e-mail: “Proposition d'accord”"
    assert notified.channel == "email"
    assert (
        settled.fr
        == f"250,46{NBSP}€ abandonnés par le créancier le 9 décembre 2026, l'accord transactionnel étant payé"
    )
    assert settled.en == "€250.46 given up by the creditor on 9 December 2026, the settlement being paid"
    assert written_off.en == "€250.46 written off on 9 December 2026"
    assert (closed.fr, closed.en) == ("Dossier clos : réglé par un accord", "Case closed: settled")


def test_the_portals_consumer_records_every_settlement_event_the_acceptance_before_its_promise():
    for event_cls in SETTLEMENT_EVENTS:
        assert event_cls in HANDLERS, event_cls.type
    rank = {cls: RANKS[service_and_type(cls)] for cls in SETTLEMENT_EVENTS}
    assert rank[SettlementAccepted] < RANKS[service_and_type(PromiseMade)]
    assert rank[SettlementLapsed] > RANKS[service_and_type(PromiseBroken)]
