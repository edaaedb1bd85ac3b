"""Codes the services' events carry (a channel, a status, a procedure's step...) in plain French and English:
`{field:kind}` in a timeline sentence reads `VOCABULARY[kind]`."""

from __future__ import annotations

from collections.abc import Mapping

VOCABULARY: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "channel": {
        "email": ("e-mail", "e-mail"),
        "sms": ("SMS", "text message"),
        "letter": ("lettre simple", "letter"),
        "registered_letter": ("lettre recommandée", "registered letter"),
        "formal_notice": ("mise en demeure", "formal notice"),
        "phone": ("téléphone", "phone"),
    },
    "contact": {
        "email": ("l'e-mail", "e-mail"),
        "phone": ("le téléphone", "phone"),
        "address": ("l'adresse", "address"),
        "language": ("la langue des courriers", "language of the letters"),
    },
    "status": {
        "draft": ("brouillon", "draft"),
        "submitted": ("soumis", "submitted"),
        "validated": ("validé", "validated"),
        "amicable": ("recouvrement amiable", "amicable collection"),
        "legal": ("phase judiciaire", "legal phase"),
        "claim_declaration": ("déclaration de créance", "claim declaration"),
        "closed": ("clos", "closed"),
    },
    "closure": {
        "paid": ("payé", "paid"),
        "settled": ("réglé par un accord", "settled"),
        "written_off": ("créance passée en perte", "written off"),
        "withdrawn": ("retiré par le créancier", "withdrawn by the creditor"),
        "insolvency": ("procédure collective du débiteur", "the debtor's insolvency proceedings"),
    },
    "component": {
        "principal": ("en principal", "to the principal"),
        "penalties": ("en pénalités de retard", "to late-payment penalties"),
        "indemnity": ("en indemnité forfaitaire de recouvrement", "to the fixed recovery indemnity"),
        "interest": ("en intérêts", "to interest"),
        "fees": ("en frais", "to fees"),
    },
    "document": {  # intake's document kinds, as a sentence names them
        "contract": ("contrat", "contract"),
        "purchase_order": ("bon de commande", "purchase order"),
        "proforma": ("facture proforma", "proforma invoice"),
        "delivery_proof": ("preuve de livraison", "delivery proof"),
        "invoice": ("facture", "invoice"),
        "correspondence": ("correspondance", "correspondence"),
    },
    "next_action": {
        "resume": ("les relances reprennent", "reminders resume"),
        "escalate": ("le recouvrement amiable s'arrête", "amicable collection ends"),
    },
    # legal
    "procedure": {
        "injonction_de_payer": ("injonction de payer", "payment order"),
        "small_claims": ("procédure simplifiée de recouvrement des petites créances", "small-claims procedure"),
    },
    "court": {
        "tribunal_de_commerce": ("tribunal de commerce", "commercial court"),
        "tribunal_judiciaire": ("tribunal judiciaire", "judicial court"),
        "commissaire_de_justice": ("commissaire de justice", "bailiff"),
    },
    "step": {
        "opened": ("procédure ouverte", "procedure opened"),
        "filed": ("demande déposée", "application filed"),
        "granted": ("titre accordé", "order granted"),
        "rejected": ("demande rejetée", "application rejected"),
        "served": ("titre signifié au débiteur", "order served on the debtor"),
        "opposed": ("opposition du débiteur", "the debtor opposed"),
        "enforceable": ("titre exécutoire", "order enforceable"),
        "enforcement": ("exécution forcée engagée", "enforcement started"),
        "void": ("ordonnance non avenue, faute de signification à temps", "order void, not served in time"),
        "closed": ("procédure close", "procedure closed"),
    },
    "deadline": {
        "service": ("signification de l'ordonnance", "serving the order"),
        "opposition": ("fin du délai d'opposition du débiteur", "end of the debtor's opposition period"),
        "debtor_answer": ("réponse du débiteur à l'invitation", "the debtor's answer to the invitation"),
        "prescription": ("prescription de la créance", "the claim's prescription"),
        "case_closed": (
            "dossier clos : se désister de la procédure, faire lever toute saisie",
            "case closed: withdraw the procedure, have any seizure lifted",
        ),
        "claim_declaration": (
            "déclaration de la créance au mandataire judiciaire",
            "declaring the claim to the court-appointed administrator",
        ),
        "insolvency_stay": (
            "procédure collective ouverte : instance interrompue, déclarer la créance, arrêter toute exécution",
            "insolvency proceedings opened: the action is interrupted, declare the claim, stop any enforcement",
        ),
    },
    "mission": {
        "service": ("signification d'un acte", "serving an act"),
        "enforcement": ("exécution du titre", "enforcing the title"),
        "search": ("recherche du débiteur", "searching for the debtor"),
        "amicable": ("recouvrement amiable", "amicable collection"),
    },
    "report": {
        "served": ("acte signifié au débiteur", "act served on the debtor"),
        "search_unsuccessful": ("débiteur introuvable", "debtor not found"),
        "seizure": ("saisie pratiquée", "seizure carried out"),
    },
    "mission_outcome": {"withdrawn": ("retirée", "was withdrawn"), "closed": ("terminée", "was completed")},
    "borne_by": {
        "debtor": ("à la charge du débiteur", "borne by the debtor"),
        "creditor": ("à la charge du créancier", "borne by the creditor"),
    },
}
