"""Texts of « Décisions en attente »: the plans and settlements waiting for the creditor's decision."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "approvals.title": ("Décisions en attente", "Decisions waiting"),
    "approvals.intro.creditor": (
        "Les échéanciers et les accords transactionnels qui attendent votre décision, les plus anciens d'abord. Les "
        "relances continuent d'ici là ; approuvez ou refusez chacun sur la page de son dossier.",
        "The payment plans and settlements waiting for your decision, the oldest first. The reminders go on until "
        "then; approve or refuse each on its case's page.",
    ),
    "approvals.intro": (
        "Les échéanciers et les accords transactionnels qui attendent la décision d'un créancier, les plus anciens "
        "d'abord : à relancer auprès du créancier, ou à enregistrer sur sa parole depuis la page du dossier.",
        "The payment plans and settlements waiting for a creditor's decision, the oldest first: to chase with the "
        "creditor, or to record on its word from the case's page.",
    ),
    "approvals.none": ("Aucune décision en attente.", "No decision waiting."),
    "approvals.count": ("{total} décision(s) en attente", "{total} decision(s) waiting"),
    "approvals.caption": ("Décisions en attente, les plus anciennes d'abord", "Decisions waiting, the oldest first"),
    "approvals.col.what": ("Proposition", "Proposal"),
    "approvals.col.amount": ("Montant", "Amount"),
    "approvals.col.until": ("À décider avant le", "To decide by"),
    "approvals.col.waiting": ("Soumise le", "Put to you on"),
    "approvals.plan": ("Échéancier en {count} échéances", "Payment plan in {count} instalments"),
    "approvals.by_debtor": ("proposé par le débiteur", "proposed by the debtor"),
    "approvals.settlement": (
        "Accord transactionnel (solde dû : {balance})",
        "Settlement (balance due: {balance})",
    ),
    "approvals.days": ("en attente depuis {days} jour(s)", "waiting for {days} day(s)"),
    "worklist.approvals": (
        "{count} proposition(s) d'échéancier ou d'accord attendent la décision d'un créancier",
        "{count} payment plan or settlement proposal(s) wait for a creditor's decision",
    ),
    "dashboard.approvals": (
        "{count} proposition(s) d'échéancier ou d'accord attendent votre décision.",
        "{count} payment plan or settlement proposal(s) wait for your decision.",
    ),
}
