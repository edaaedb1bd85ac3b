"""The texts of the scoring models' page."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "models.title": ("Modèles de score", "Scoring models"),
    "models.card": (
        "Les modèles qui classent les débiteurs, leur qualité mesurée et celui qui est en service.",
        "The models that rank debtors, how well they did, and the one in use.",
    ),
    "models.intro": (
        "Un modèle est entraîné sur les dossiers clos de l'agence, à partir des informations connues à leur "
        "validation. Il n'est mis en service que si son AUC, mesurée sur les dossiers mis de côté pendant "
        "l'entraînement, dépasse le seuil avec 95 % de confiance ; sinon le modèle en service reste. Les "
        "débiteurs sont notés avec le modèle en service dès la notation quotidienne suivante.",
        "A model is trained on the agency's closed cases, from what was known when each was validated. It is "
        "put in use only if its AUC, measured on the cases held out of its training, is above the threshold with "
        "95 % confidence; otherwise the model in use stays. Debtors are scored with the model in use from the "
        "next daily scoring on.",
    ),
    "models.in_use": ("En service : {version}", "In use: {version}"),
    "models.version": ("Version", "Version"),
    "models.trained": ("Entraîné le", "Trained on"),
    "models.rows": ("Dossiers", "Cases"),
    "models.auc": ("AUC (au moins)", "AUC (at least)"),
    "models.state": ("État", "State"),
    "models.why": ("Pourquoi", "Why"),
    "models.active": ("en service", "in use"),
    "models.inactive": ("inactif", "not in use"),
    "models.expert": ("Modèle expert (règles de l'agence)", "Expert scorecard (the agency's rules)"),
    "models.expert.why": (
        "Utilisé tant qu'aucun modèle entraîné n'est en service.",
        "Used while no trained model is in use.",
    ),
    "models.retrain": ("Entraîner un nouveau modèle", "Train a new model"),
    "models.retrain.hint": (
        "Sur tous les dossiers clos avec une issue connue (payé, réglé, passé en perte, procédure collective).",
        "On every closed case with a known outcome (paid, settled, written off, insolvency).",
    ),
    "models.rescore": ("Recalculer les scores maintenant", "Rescore now"),
    "models.rescore.hint": (
        "Chaque débiteur ayant un dossier en cours est noté à nouveau avec le modèle en service (sinon fait chaque "
        "jour) : après une mise en service, ou une correction de données.",
        "Every debtor with an open case is scored again with the model in use (otherwise done every day): after a "
        "model is put in use, or data corrected.",
    ),
    "models.done.rescored": (
        "Scores recalculés : {count} débiteurs notés à nouveau.",
        "Scores recalculated: {count} debtors scored again.",
    ),
    "models.done.rescored.one": (
        "Scores recalculés : {count} débiteur noté à nouveau.",
        "Scores recalculated: {count} debtor scored again.",
    ),
    "models.done.activated": (
        "Le nouveau modèle est entraîné et mis en service.",
        "The new model is trained and in use.",
    ),
    "models.done.kept": (
        "Le nouveau modèle est entraîné mais pas mis en service : voir pourquoi dans le tableau.",
        "The new model is trained but not put in use: see why in the table.",
    ),
}
