"""Dunning's events about a settlement (transaction, art. 2044 C. civ.): the agency offers the debtor to close the
case for less than the balance due, within the mandate's floor or with the creditor's approval; the debtor accepts;
paid by its day, the settlement is honoured and intake writes the rest off; unpaid, it lapses and the reminders
resume. On `dunning.actions`, keyed by the case, like every dunning event."""

from __future__ import annotations

from datetime import date

from shared.events.base import Event
from shared.events.dunning import TOPIC
from shared.money import Amount


class _CaseEvent(Event):
    case_id: str
    creditor_id: str
    debtor_id: str


class SettlementOffered(_CaseEvent):
    """Offered: `within_mandate`, the debtor may accept it now; otherwise it waits for the creditor's approval."""

    type = "recouvra.dunning.settlement.offered.v1"
    topic = TOPIC

    settlement_id: str
    amount: Amount
    currency: str = "EUR"
    balance: Amount  # the balance due on the statement of account when it was offered
    pay_by: date
    within_mandate: bool


class SettlementDecided(_CaseEvent):
    """The creditor approved an offer below the mandate's floor (the debtor may then accept it) or refused it."""

    type = "recouvra.dunning.settlement.decided.v1"
    topic = TOPIC

    settlement_id: str
    approved: bool


class SettlementAccepted(_CaseEvent):
    """The debtor accepted: the reminders wait for the payment until `pay_by` (a promise of the amount)."""

    type = "recouvra.dunning.settlement.accepted.v1"
    topic = TOPIC

    settlement_id: str
    amount: Amount
    currency: str = "EUR"
    pay_by: date
    by_debtor: bool = False  # on the debtor's own page; otherwise an agent recorded the debtor's word


class SettlementHonoured(_CaseEvent):
    """Paid in full by its day: intake writes off what remains due and closes the case as settled."""

    type = "recouvra.dunning.settlement.honoured.v1"
    topic = TOPIC

    settlement_id: str
    amount: Amount
    currency: str = "EUR"
    paid: Amount
    honoured_on: date


class SettlementLapsed(_CaseEvent):
    """Accepted but not paid by its day (and the grace days): the whole balance is due again."""

    type = "recouvra.dunning.settlement.lapsed.v1"
    topic = TOPIC

    settlement_id: str
    paid: Amount
    lapsed_on: date
