"""What a collection message must say, as data: the text of art. L111-8 al. 2 and 3 CPCE that the first letter
reproduces word for word (art. R124-4 5° CPCE), the mandatory mentions with their labels in both languages, and
the words the compliance check looks for. Templates and `domain.compliance` both read this module, so what a
template prints and what the check expects cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

# Art. L111-8 al. 2 and 3 CPCE, version in force since 19 March 2014 (loi 2014-344, art. 12). R124-4 5° requires
# their verbatim reproduction: keep every character, including the straight apostrophes of the official text.
L111_8_PARAGRAPHS: tuple[str, ...] = (
    "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s'ils "
    "concernent un acte dont l'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire "
    "est réputée non écrite, sauf disposition législative contraire.",
    "Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa "
    "créance peut demander au juge de l'exécution de laisser tout ou partie des frais ainsi exposés à la charge du "
    "débiteur de mauvaise foi.",
)
L111_8_HEADING_FR = "Article L111-8, alinéas 2 et 3, du code des procédures civiles d'exécution"

# A courtesy translation for English readers. It never replaces the French text, which the law requires verbatim.
L111_8_TRANSLATION_EN: tuple[str, ...] = (
    "The costs of collection undertaken without an enforceable title remain payable by the creditor, unless they "
    "concern an act that the law requires the creditor to perform. Any contrary stipulation is deemed unwritten, "
    "unless a statute provides otherwise.",
    "However, a creditor who proves that the steps taken to recover its claim were necessary may ask the "
    "enforcement judge (juge de l'exécution) to leave all or part of the costs so incurred payable by a debtor "
    "acting in bad faith.",
)
L111_8_TRANSLATION_HEADING_EN = (
    "Courtesy translation (not legally binding; only the French text above is authoritative): Article L111-8, "
    "paragraphs 2 and 3, of the French Code of Civil Enforcement Procedures"
)


@dataclass(frozen=True)
class Mention:
    code: str
    label_fr: str
    label_en: str


MENTIONS: tuple[Mention, ...] = (
    Mention("agency_name", "nom de l'agence de recouvrement", "name of the collection agency"),
    Mention("agency_address", "adresse de l'agence de recouvrement", "address of the collection agency"),
    Mention(
        "agency_activity",
        "mention de l'activité de recouvrement amiable",
        "statement that the agency collects debts amicably",
    ),
    Mention("creditor_name", "nom du créancier", "name of the creditor"),
    Mention("creditor_address", "adresse du créancier", "address of the creditor"),
    Mention("principal", "montant du principal", "amount of the principal"),
    Mention("penalties", "montant des pénalités de retard", "amount of the late-payment penalties"),
    Mention("indemnities", "montant de l'indemnité forfaitaire", "amount of the fixed recovery indemnity"),
    Mention("interest", "montant des intérêts", "amount of the interest"),
    Mention("balance", "solde dû", "balance due"),
    Mention("demand_to_pay", "demande de paiement", "demand to pay"),
    Mention("agency_iban", "IBAN du compte de l'agence", "IBAN of the agency's account"),
    Mention("rf_reference", "référence de paiement RF", "RF payment reference"),
    Mention(
        "l111_8_text",
        "reproduction intégrale de l'article L111-8 alinéas 2 et 3 CPCE",
        "verbatim text of article L111-8 paragraphs 2 and 3 CPCE",
    ),
    Mention("first_contact_reference", "référence du premier courrier", "reference of the first letter"),
    Mention("first_contact_date", "date d'envoi du premier courrier", "sending date of the first letter"),
    Mention("case_reference", "référence du dossier", "case reference"),
    Mention("self_service_url", "lien vers l'espace de paiement", "link to the self-service page"),
    Mention(
        "no_consumer_fees",
        "aucuns frais de recouvrement réclamés à un consommateur (art. L111-8 CPCE)",
        "no collection fees charged to a consumer (article L111-8 CPCE)",
    ),
)
MENTIONS_BY_CODE: dict[str, Mention] = {mention.code: mention for mention in MENTIONS}

# The claim's components as the templates label them (R124-4 3°: each one apart); the check finds each label
# followed closely by its amount.
COMPONENT_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "principal": "Principal",
        "penalties": "Pénalités de retard",
        "indemnities": "Indemnité forfaitaire",
        "interest": "Intérêts",
        "balance": "Solde dû",
    },
    "en": {
        "principal": "Principal",
        "penalties": "Late-payment penalties",
        "indemnities": "Fixed recovery indemnity",
        "interest": "Interest",
        "balance": "Balance due",
    },
}

# A demand to pay (R124-4 4°) is one of these phrases; a creditor's own template must use one of them.
DEMAND_PHRASES: dict[str, tuple[str, ...]] = {
    "fr": (
        "nous vous demandons de régler",
        "nous vous remercions de régler",
        "nous vous mettons en demeure de payer",
        "nous vous invitons à régler",
        "merci de régler",
        "veuillez régler",
    ),
    "en": (
        "we ask you to pay",
        "please pay",
        "we formally demand that you pay",
        "you are required to pay",
    ),
}

# Lines a consumer's message must never carry (L111-8 al. 2 CPCE; DGCCRF findings): matched case-insensitively
# outside the reproduced text of L111-8 and its translation, which name such costs to say who bears them.
CONSUMER_FORBIDDEN_FEE_WORDS: tuple[str, ...] = (
    "frais de recouvrement",
    "frais de dossier",
    "dommages-intérêts",
    "dommages et intérêts",
    "collection fee",
    "collection costs",
    "handling fee",
    "file fee",
    "damages",
)
