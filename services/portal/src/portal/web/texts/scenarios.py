"""Texts of the scenario editor and its test mode (the preview of what dunning would send for a case)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "scen.title": ("Scénarios de relance", "Dunning scenarios"),
    "scen.intro": (
        "Les étapes de relance amiable, modifiables sans code. Les dossiers prennent les nouvelles étapes à partir "
        "de leur prochaine étape. Seuls les superviseurs enregistrent.",
        "The amicable dunning steps, edited without code. Cases take the new steps from their next step on. Only "
        "supervisors may save.",
    ),
    "scen.caption": ("Les scénarios", "The scenarios"),
    "scen.code": ("Code", "Code"),
    "scen.name": ("Nom", "Name"),
    "scen.steps": ("Étapes", "Steps"),
    "scen.version": ("Version", "Version"),
    "scen.updated": ("Modifié", "Changed"),
    "scen.shipped": ("livré avec Recouvra", "shipped with Recouvra"),
    "scen.new": ("Nouveau scénario", "New scenario"),
    "scen.new_code": ("Code du scénario", "Scenario code"),
    "scen.code_hint": ("minuscules, chiffres et tirets : b2b-ferme", "lower case, digits and hyphens: b2b-firm"),
    "scen.create": ("Créer", "Create"),
    "scen.back": ("Tous les scénarios", "Every scenario"),
    "scen.edit_title": ("Scénario {code}", "Scenario {code}"),
    "scen.version_of": ("Version {version}.", "Version {version}."),
    "scen.is_new": ("Nouveau scénario : il n'existe pas encore.", "New scenario: it does not exist yet."),
    "scen.edit_intro": (
        "Chaque étape part de l'échéance ou de l'étape précédente ; les conditions la limitent à certains dossiers.",
        "Each step counts from the due date or from the previous step; its conditions limit it to some cases.",
    ),
    "scen.saved": ("Le scénario est enregistré.", "The scenario is saved."),
    "scen.exhaust": ("Amiable épuisé après (jours)", "Amicable collection exhausted after (days)"),
    "scen.step": ("Étape {number}", "Step {number}"),
    "scen.step_new": ("Étape {number} (nouvelle, facultative)", "Step {number} (new, optional)"),
    "scen.step_code": ("Code de l'étape", "Step code"),
    "scen.channel": ("Canal", "Channel"),
    "scen.channel.email": ("E-mail", "E-mail"),
    "scen.channel.sms": ("SMS", "Text message"),
    "scen.channel.letter": ("Lettre simple", "Letter"),
    "scen.channel.registered_letter": ("Lettre recommandée avec AR", "Registered letter"),
    "scen.channel.phone": ("Appel téléphonique", "Phone call"),
    "scen.channel.formal_notice": ("Mise en demeure", "Formal notice"),
    "scen.template": ("Modèle", "Template"),
    "scen.offset": ("Délai (jours)", "Offset (days)"),
    "scen.anchor": ("À compter de", "Counted from"),
    "scen.anchor.due": ("l'échéance", "the due date"),
    "scen.anchor.previous": ("l'étape précédente", "the previous step"),
    "scen.kind": ("Dossiers", "Cases"),
    "scen.kind.any": ("tous", "all"),
    "scen.kind.b2b": ("entre professionnels (B2B)", "business (B2B)"),
    "scen.kind.b2c": ("particuliers (B2C)", "consumer (B2C)"),
    "scen.conditions": ("Conditions (vides : tous les dossiers)", "Conditions (empty: every case)"),
    "scen.grades": ("Notes de risque (ex. « D E »)", "Risk grades (e.g. “D E”)"),
    "scen.min_amount": ("Solde minimum (€)", "Minimum balance (EUR)"),
    "scen.max_amount": ("Solde maximum (€)", "Maximum balance (EUR)"),
    "scen.rows_hint": (
        "Une étape sans code est retirée ; enregistrez pour obtenir de nouvelles lignes vides.",
        "A step without a code is removed; save to get new blank rows.",
    ),
    "preview.title": ("Mode test d'un dossier", "Test mode for a case"),
    "preview.intro": (
        "Ce que les relances enverraient, quand et avec quel texte. Rien n'est envoyé.",
        "What dunning would send, when and with which text. Nothing is sent.",
    ),
    "preview.open": (
        "Mode test : ce que les relances enverraient pour ce dossier",
        "Test mode: what dunning would send for this case",
    ),
    "preview.reference": ("Référence du dossier", "Case reference"),
    "preview.run": ("Tester", "Test"),
    "preview.no_case": ("Aucun dossier n'a la référence {reference}.", "No case has the reference {reference}."),
    "preview.none": (
        "Les relances ne suivent pas ce dossier (pas encore validé, ou clos).",
        "Dunning does not follow this case (not validated yet, or closed).",
    ),
    "preview.scenario": ("Scénario : {scenario}.", "Scenario: {scenario}."),
    "preview.empty": ("Plus aucune étape à venir.", "No step left to come."),
    "preview.compliant": ("Mentions obligatoires présentes", "Mandatory mentions present"),
    "preview.not_compliant": ("Mentions manquantes", "Mentions missing"),
    "preview.missing": ("Manque :", "Missing:"),
    "preview.subject": ("Objet", "Subject"),
    "preview.item_language": ("Langue", "Language"),
    "preview.language": (
        "Les messages sont rédigés en {language}, la langue dans laquelle le débiteur les reçoit. Les dates sont "
        "celles où le planificateur les enverra.",
        "The messages are written in {language}, the language the debtor receives them in. The dates are those on "
        "which the scheduler will send them.",
    ),
    "preview.lang.fr": ("français", "French"),
    "preview.lang.en": ("anglais", "English"),
    "preview.finished": (
        "{status} : plus aucune relance ne partira pour ce dossier.",
        "{status}: no reminder will go out for this case any more.",
    ),
    "preview.pause.promise": (
        "En pause : le débiteur a promis de payer {amount} au plus tard le {day}.",
        "Paused: the debtor promised to pay {amount} by {day}.",
    ),
    "preview.pause.plan": ("En pause : un échéancier est en cours.", "Paused: a payment plan is running."),
    "preview.pause.dispute": (
        "Suspendu : le débiteur conteste la créance ; rien ne part tant que le litige n'est pas résolu.",
        "Held: the debtor disputes the claim; nothing goes out until the dispute is resolved.",
    ),
    "preview.resumes.promise": (
        "Si la promesse n'est pas tenue, les relances reprennent le {day} : les dates ci-dessous en partent.",
        "If the promise is not kept, the reminders resume on {day}: the dates below count from then.",
    ),
    "preview.resumes.plan": (
        "Si une échéance reste impayée, les relances reprennent le {day} : les dates ci-dessous en partent.",
        "If an instalment stays unpaid, the reminders resume on {day}: the dates below count from then.",
    ),
    "preview.resumes.legal": (
        "Si une échéance reste impayée, le dossier passe au judiciaire le {day} : aucune relance ne partira plus.",
        "If an instalment stays unpaid, the case goes to legal on {day}: no reminder will go out any more.",
    ),
    "preview.resumes.unknown": (
        "Aucun jour de reprise n'est connu : les dates ci-dessous sont les plus proches possibles, si la pause "
        "prenait fin aujourd'hui.",
        "No day to resume is known: the dates below are the earliest possible, if the pause ended today.",
    ),
}
