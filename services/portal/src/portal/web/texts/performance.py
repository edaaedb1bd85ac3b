"""« Performance des agents »: each member of staff's results over a period."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "perf.title": ("Performance des agents", "Staff performance"),
    "perf.card": (
        "Appels, promesses tenues ou rompues, échéanciers et litiges réglés, par agent et par période.",
        "Calls, promises kept or broken, plans and settled disputes, per member of staff and period.",
    ),
    "perf.intro": (
        "Ce que chacun a obtenu sur la période : une promesse compte le jour où elle est enregistrée, quelle que soit "
        "son issue ; le taux de tenue porte sur les promesses déjà échues.",
        "What each person obtained over the period: a promise counts on the day it was recorded, whatever its end; the "
        "kept rate is over the promises already ended.",
    ),
    "perf.period": ("Période", "Period"),
    "perf.from": ("Du", "From"),
    "perf.to": ("Au", "To"),
    "perf.show": ("Afficher", "Show"),
    "perf.period_said": ("Du {since} au {until}", "From {since} to {until}"),
    "perf.empty": ("Personne n'a rien enregistré sur cette période.", "No one recorded anything over this period."),
    "perf.who": ("Qui", "Who"),
    "perf.who.debtor": ("Le débiteur, sur sa page", "The debtor, on its page"),
    "perf.calls": ("Appels", "Calls"),
    "perf.reached": ("Joints", "Reached"),
    "perf.promises": ("Promesses", "Promises"),
    "perf.kept": ("Tenues", "Kept"),
    "perf.broken": ("Rompues", "Broken"),
    "perf.kept_rate": ("Taux de tenue", "Kept rate"),
    "perf.promised": ("Promis", "Promised"),
    "perf.paid": ("Payé", "Paid"),
    "perf.plans": ("Échéanciers", "Plans"),
    "perf.disputes": ("Litiges réglés", "Disputes settled"),
    "perf.notes": (
        "Joints : l'appel a abouti (débiteur joint, promesse ou contestation). Payé : ce qui a été versé à ce jour "
        "sur les promesses de la période. Échéanciers : saisis / décidés (acceptés ou refusés pour le créancier).",
        "Reached: someone answered (reached, a promise or a dispute). Paid: what was paid so far against the "
        "period's promises. Plans: entered / decided (agreed or refused for the creditor).",
    ),
}
