"""Texts of the champion and challenger experiments of the back-office (dunning's scenario experiments)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "exp.title": ("Expériences de scénarios", "Scenario experiments"),
    "exp.card": (
        "Essayer un autre scénario sur une part des nouveaux dossiers et comparer ce qu'ils recouvrent.",
        "Try another scenario on a share of the new cases and compare what they recover.",
    ),
    "exp.intro": (
        "Une expérience fait suivre le scénario challenger à une part des nouveaux dossiers du scénario champion ; "
        "les autres gardent le champion. Les dossiers validés avant son lancement n'y entrent pas. Seuls les "
        "superviseurs lancent et arrêtent une expérience.",
        "An experiment has a share of the champion scenario's new cases follow the challenger scenario instead; the "
        "others keep the champion. Cases validated before it started stay out of it. Only supervisors start and stop "
        "an experiment.",
    ),
    "exp.scenarios_link": ("Les scénarios de relance", "The dunning scenarios"),
    "exp.from_scenarios": (
        "Comparer deux scénarios sur de vrais dossiers : les expériences",
        "Compare two scenarios on real cases: the experiments",
    ),
    "exp.none": ("Aucune expérience pour le moment.", "No experiment yet."),
    "exp.count.one": ("Une expérience.", "One experiment."),
    "exp.count": ("{count} expériences, celles en cours d'abord.", "{count} experiments, the running ones first."),
    "exp.done.started": ("L'expérience est lancée.", "The experiment has started."),
    "exp.done.stopped": ("L'expérience est arrêtée.", "The experiment has stopped."),
    "exp.running": ("En cours", "Running"),
    "exp.ended": ("Arrêtée", "Stopped"),
    "exp.scenarios": ("Scénarios", "Scenarios"),
    "exp.versus": ("{champion} → {challenger}", "{champion} → {challenger}"),
    "exp.share": ("Part au challenger", "Share to the challenger"),
    "exp.share_value": ("{share} % des nouveaux dossiers", "{share}% of the new cases"),
    "exp.creditor": ("Créancier", "Creditor"),
    "exp.every_creditor": ("tous les créanciers", "every creditor"),
    "exp.started": ("Lancée", "Started"),
    "exp.ended_on": ("Arrêtée le", "Stopped on"),
    "exp.results": ("Résultats de « {name} »", "Results of “{name}”"),
    "exp.no_case": (
        "Aucun dossier n'est encore entré dans l'expérience.",
        "No case has entered the experiment yet.",
    ),
    "exp.arm": ("Bras", "Arm"),
    "exp.arm.champion": ("Champion", "Champion"),
    "exp.arm.challenger": ("Challenger", "Challenger"),
    "exp.currency": ("Devise", "Currency"),
    "exp.cases": ("Dossiers", "Cases"),
    "exp.placed": ("Confié", "Placed"),
    "exp.collected": ("Encaissé", "Collected"),
    "exp.rate": ("Taux de recouvrement", "Recovery rate"),
    "exp.settled": ("Soldés", "Settled"),
    "exp.disputed": ("Contestés", "Disputed"),
    "exp.significant": (
        "Le challenger règle {challenger} des dossiers contre {champion} pour le champion : un écart qui ne doit "
        "rien au hasard (test à 95 %).",
        "The challenger settles {challenger} of its cases against {champion} for the champion: a gap that is not "
        "down to chance (95% test).",
    ),
    "exp.not_significant": (
        "Pas encore d'écart significatif (il faut au moins 30 dossiers par bras et un écart net).",
        "No significant gap yet (it takes at least 30 cases an arm and a clear gap).",
    ),
    "exp.stop": ("Arrêter", "Stop"),
    "exp.stop_action": ("Arrêter l'expérience « {name} »", "Stop the experiment “{name}”"),
    "exp.stop_hint": (
        "Arrêter ne change pas le scénario des dossiers déjà entrés ; les résultats restent consultables.",
        "Stopping does not change the scenario of the cases already in; the results stay readable.",
    ),
    "exp.new": ("Lancer une expérience", "Start an experiment"),
    "exp.name": ("Ce qui est essayé", "What is tried"),
    "exp.name_hint": ("en quelques mots : « Relance ferme d'emblée »", "in a few words: “Firm reminder first”"),
    "exp.champion": ("Champion (le scénario suivi aujourd'hui)", "Champion (the scenario followed today)"),
    "exp.challenger": ("Challenger (le scénario essayé)", "Challenger (the scenario tried)"),
    "exp.share_field": ("Part des nouveaux dossiers au challenger (%)", "Share of the new cases to the challenger (%)"),
    "exp.share_hint": ("de 1 à 50 %", "from 1 to 50%"),
    "exp.creditor_field": ("Dossiers de", "Cases of"),
    "exp.start": ("Lancer l'expérience", "Start the experiment"),
    "exp.no_scenarios": (
        "La liste des scénarios ne peut pas être lue pour l'instant : une expérience ne peut pas être lancée.",
        "The list of scenarios cannot be read at the moment: no experiment can be started.",
    ),
}
