"""Texts of settlements (accords transactionnels, art. 2044 C. civ.): the block of a case's page, where staff offer
one and the creditor approves or refuses one below its mandate's floor, and the debtor's page, where the debtor
accepts the one offered."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "case.settlements": ("Accords transactionnels", "Settlements"),
    "settlement.status.to_approve": ("À approuver par le créancier", "Awaiting the creditor's approval"),
    "settlement.status.offered": ("Proposé au débiteur", "Offered to the debtor"),
    "settlement.status.accepted": ("Accepté, en attente du paiement", "Accepted, awaiting payment"),
    "settlement.status.honoured": ("Honoré : payé, le reste abandonné", "Honoured: paid, the rest given up"),
    "settlement.status.lapsed": ("Caduc : non payé à temps", "Lapsed: not paid in time"),
    "settlement.status.refused": ("Refusé par le créancier", "Refused by the creditor"),
    "settlement.status.withdrawn": (
        "Retiré : remplacé par une nouvelle proposition",
        "Withdrawn: replaced by a new offer",
    ),
    "settlement.status.expired": ("Expiré : la date limite est passée", "Expired: its day passed"),
    "settlement.amount": ("Montant de l'accord", "Settlement amount"),
    "settlement.balance": ("Solde dû à la proposition", "Balance due when offered"),
    "settlement.given_up": ("Abandonné par le créancier", "Given up by the creditor"),
    "settlement.pay_by": ("Date limite de paiement", "Pay by"),
    "settlement.mandate": ("Mandat", "Mandate"),
    "settlement.within": (
        "Dans le seuil du mandat : l'agence le propose seule",
        "Within the mandate's floor: the agency offers it alone",
    ),
    "settlement.below": (
        "En dessous du seuil du mandat : le créancier décide",
        "Below the mandate's floor: the creditor decides",
    ),
    "settlement.note": ("Note de l'agence", "The agency's note"),
    "settlement.decided": ("Décision du créancier, le {day}", "The creditor's decision, on {day}"),
    "settlement.accepted_online": (
        "Accepté par le débiteur sur son espace en ligne, le {day}",
        "Accepted by the debtor online, on {day}",
    ),
    "settlement.accepted_by_phone": (
        "Accepté par le débiteur auprès de l'agence, le {day}",
        "Accepted by the debtor through the agency, on {day}",
    ),
    "settlement.paid": ("Payé à ce jour", "Paid so far"),
    "settlement.answer": ("Réponse (facultative, transmise à l'agence)", "Answer (optional, passed on to the agency)"),
    "settlement.approve": ("Approuver l'accord", "Approve the settlement"),
    "settlement.refuse": ("Refuser l'accord", "Refuse the settlement"),
    "settlement.record_acceptance": (
        "Enregistrer l'acceptation du débiteur (par téléphone)",
        "Record the debtor's acceptance (by phone)",
    ),
    "settlement.offer.title": ("Proposer un accord transactionnel", "Offer a settlement"),
    "settlement.offer.hint": (
        "Un paiement unique, inférieur au solde dû, dans les 30 jours. Dans le seuil du mandat, le débiteur reçoit la "
        "proposition aussitôt ; en dessous, le créancier l'approuve ou la refuse d'abord. Une nouvelle proposition "
        "retire celle qui attend.",
        "One payment, less than the balance due, within 30 days. Within the mandate's floor, the debtor is sent the "
        "offer at once; below it, the creditor approves or refuses it first. A new offer withdraws the one waiting.",
    ),
    "settlement.offer.note": ("Note pour le créancier (facultative)", "Note for the creditor (optional)"),
    "settlement.offer.submit": ("Proposer l'accord", "Offer the settlement"),
    "settlement.refused.amount_missing": (
        "indiquez le montant de l'accord, par exemple 1\u202f000,00",
        "enter the settlement amount, for example 1,000.00",
    ),
    "settlement.refused.day_missing": ("choisissez la date limite de paiement", "choose the day to pay by"),
    "settlement.done.offered": (
        "La proposition d'accord est envoyée au débiteur.",
        "The settlement offer is sent to the debtor.",
    ),
    "settlement.done.to_approve": (
        "La proposition d'accord, en dessous du seuil du mandat, est soumise au créancier.",
        "The settlement offer, below the mandate's floor, is put to the creditor.",
    ),
    "settlement.done.accepted": (
        "L'acceptation du débiteur est enregistrée : les relances attendent le paiement de l'accord.",
        "The debtor's acceptance is recorded: reminders wait for the settlement's payment.",
    ),
    "settlement.done.approved": (
        "Votre approbation est enregistrée : l'accord est proposé au débiteur.",
        "Your approval is recorded: the settlement is offered to the debtor.",
    ),
    "settlement.done.refused": (
        "Votre refus de l'accord est enregistré.",
        "Your refusal of the settlement is recorded.",
    ),
    # the debtor's page
    "debtor.settlement": ("Un accord vous est proposé", "A settlement is offered to you"),
    "debtor.settlement.to_pay": ("Montant de l'accord à payer", "Settlement amount to pay"),
    "debtor.settlement.offer": (
        "Proposition d'accord : réglez {amount} au lieu de {balance} au plus tard le {day} ; le reste, {given_up}, est "
        "abandonné.",
        "Settlement offer: pay {amount} instead of {balance} by {day}; the rest, {given_up}, is given up.",
    ),
    "debtor.settlement.text": (
        "En acceptant, vous vous engagez à payer ce montant en une fois, à cette date au plus tard ; les relances "
        "s'arrêtent en attendant. Payé à temps, le dossier est clos. Non payé, l'accord tombe et le solde entier "
        "redevient dû.",
        "By accepting, you undertake to pay this amount in one payment, by that day at the latest; reminders stop "
        "meanwhile. Paid in time, the case is closed. Unpaid, the settlement falls through and the whole balance is "
        "due again.",
    ),
    "debtor.settlement.accept": ("Accepter l'accord", "Accept the settlement"),
    "debtor.settlement.accepted": (
        "Accord accepté : payez {amount} au plus tard le {day}.",
        "Settlement accepted: pay {amount} by {day} at the latest.",
    ),
    "debtor.settlement.paid": ("Déjà reçu : {paid}.", "Already received: {paid}."),
    "debtor.settlement.sent": (
        "Votre acceptation est enregistrée. Payez le montant de l'accord à sa date limite au plus tard, avec les "
        "coordonnées ci-dessous.",
        "Your acceptance is recorded. Pay the settlement's amount by its day at the latest, to the account below.",
    ),
}
