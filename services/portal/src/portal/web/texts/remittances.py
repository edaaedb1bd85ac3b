"""« Reversements »: a creditor's remittances and the agency's invoices of its commission."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.remittances": ("Reversements", "Remittances"),
    "remit.title": ("Vos reversements", "Your remittances"),
    "remit.intro": (
        "Ce que l'agence vous a reversé des sommes encaissées pour vous, commission déduite, avec la facture de la "
        "commission (articles R124-5 et R124-6 du CPCE).",
        "What the agency paid over to you of the sums collected for you, its commission deducted, with the invoice of "
        "the commission (articles R124-5 and R124-6 CPCE).",
    ),
    "remit.empty": ("Aucun reversement pour l'instant.", "No remittance yet."),
    "remit.caption": ("{count} reversement(s), le plus récent en tête", "{count} remittance(s), the latest first"),
    "remit.to_pay": ("Commission à régler", "Commission to pay"),
    "remit.pages": ("Pages des reversements", "Remittance pages"),
    "remit.previous": ("Précédents", "Previous"),
    "remit.next": ("Suivants", "Next"),
    "remit.page_of": ("Page {page} sur {pages}", "Page {page} of {pages}"),
    "remit.detail_title": ("Reversement du {day}", "Remittance of {day}"),
    "remit.held": ("Dont détenu par l'agence", "Of which held by the agency"),
    "remit.commission_excl_vat": ("Commission HT", "Commission excl. VAT"),
    "remit.vat": ("TVA", "VAT"),
    "remit.lines": ("Paiement par paiement", "Payment by payment"),
    "remit.received_on": ("Reçu le", "Received on"),
    "remit.case": ("Dossier", "Case"),
    "remit.open_case": ("Voir le dossier", "See the case"),
    "remit.amount": ("Paiement", "Payment"),
    "remit.net": ("Net reversé", "Net paid over"),
    "remit.arithmetic": ("Calcul", "How it was computed"),
    "remit.back": ("Tous vos reversements", "All your remittances"),
}
