"""Texts of the debtor's self-service page (no account: the link is the proof)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "debtor.title": ("Votre dossier {reference}", "Your case {reference}"),
    "debtor.intro": (
        "{agency}, agence de {activity}, vous contacte pour le compte de {creditor}. Cette page vous montre ce qui "
        "reste dû sur ce dossier, pourquoi, et comment le régler.",
        "{agency}, an agency for {activity}, contacts you on behalf of {creditor}. This page shows what remains due "
        "on this case, why, and how to settle it.",
    ),
    "debtor.owed": ("Ce qui reste dû", "What remains due"),
    "debtor.why": ("Pourquoi : les factures impayées", "Why: the unpaid invoices"),
    "debtor.documents": ("Les justificatifs de la créance", "The documents supporting the claim"),
    "debtor.documents.text": (
        "Le créancier a confié ces pièces à l'agence à l'appui de sa demande ; vous pouvez les consulter et les "
        "télécharger. Chaque consultation est notée au dossier.",
        "The creditor gave these documents to the agency in support of its claim; you may read and download them. "
        "Each reading is noted on the case.",
    ),
    "debtor.documents.added": ("pièce ajoutée le {day}", "added on {day}"),
    "debtor.documents.none": (
        "Le créancier n'a pas encore joint de justificatif à ce dossier. Vous pouvez en demander une copie à l'agence, "
        "ou contester la créance ci-dessous.",
        "The creditor has not attached any supporting document to this case yet. You may ask the agency for a copy, "
        "or dispute the claim below.",
    ),
    "debtor.documents.unavailable": (
        "La liste des justificatifs est momentanément indisponible ; réessayez dans quelques minutes.",
        "The list of supporting documents is unavailable for the moment; try again in a few minutes.",
    ),
    "debtor.callback": ("Être rappelé", "Be called back"),
    "debtor.callback.text": (
        "Vous préférez en parler ? Choisissez un créneau et le numéro auquel vous joindre : un conseiller de l'agence "
        "vous appellera pendant ce créneau.",
        "Would you rather talk it over? Choose a slot and the number to reach you on: an adviser of the agency will "
        "call you during that slot.",
    ),
    "debtor.callback.move_text": (
        "Ce créneau ne vous convient plus ? Choisissez-en un autre.",
        "That slot no longer suits you? Choose another one.",
    ),
    "debtor.callback.slot": ("Créneau", "Slot"),
    "debtor.callback.phone": ("Numéro de téléphone", "Phone number"),
    "debtor.callback.note": (
        "De quoi souhaitez-vous parler ? (facultatif)",
        "What would you like to talk about? (optional)",
    ),
    "debtor.callback.submit": ("Demander à être rappelé", "Ask to be called back"),
    "debtor.callback.move": ("Changer de créneau", "Change the slot"),
    "debtor.callback.waiting": (
        "Un conseiller vous appellera le {slot}, au {phone}.",
        "An adviser will call you on {slot}, on {phone}.",
    ),
    "debtor.callback.sent": (
        "Votre demande de rappel est enregistrée : un conseiller vous appellera pendant le créneau choisi.",
        "Your call-back request is recorded: an adviser will call you during the slot you chose.",
    ),
    "debtor.pay": ("Comment payer", "How to pay"),
    "debtor.pay.text": (
        "Par virement sur le compte de l'agence, en indiquant la référence de paiement ci-dessous : votre "
        "paiement sera ainsi rapproché de ce dossier.",
        "By bank transfer to the agency's account, quoting the payment reference below so that your payment is "
        "matched to this case.",
    ),
    "debtor.card": ("Payer par carte bancaire", "Pay by card"),
    "debtor.card.text": (
        "Payez tout ou partie du solde sur la page sécurisée de notre prestataire de paiement : vos données de "
        "carte ne passent pas par ce site.",
        "Pay all or part of the balance on our payment provider's secure page: your card details never pass "
        "through this site.",
    ),
    "debtor.card.amount_label": ("Montant à payer (€)", "Amount to pay (€)"),
    "debtor.card.submit": ("Payer par carte", "Pay by card"),
    "debtor.card.amount": (
        "Indiquez un montant en euros, par exemple 250,00.",
        "Give an amount in euros, for example 250.00.",
    ),
    "debtor.card.go.title": ("Paiement par carte", "Card payment"),
    "debtor.card.go.text": (
        "Vous allez payer {amount} sur le dossier {reference}, par carte, sur la page sécurisée de notre prestataire "
        "de paiement ; vous reviendrez ensuite sur votre dossier.",
        "You are about to pay {amount} on case {reference}, by card, on our payment provider's secure page; you "
        "will then come back to your case.",
    ),
    "debtor.card.go": ("Continuer vers le paiement sécurisé", "Go on to the secure payment page"),
    "debtor.card.back": ("Revenir à mon dossier sans payer", "Back to my case without paying"),
    "debtor.card.sent": (
        "Merci : votre paiement par carte a été accepté. Il apparaîtra sur cette page dès que notre prestataire "
        "nous l'aura confirmé, en général en quelques instants.",
        "Thank you: your card payment was accepted. It will show on this page as soon as our provider has "
        "confirmed it to us, usually within moments.",
    ),
    "debtor.iban": ("IBAN", "IBAN"),
    "debtor.beneficiary": ("Bénéficiaire", "Beneficiary"),
    "debtor.rf": ("Référence de paiement", "Payment reference"),
    "debtor.no_iban": (
        "Contactez l'agence pour connaître ses coordonnées bancaires.",
        "Contact the agency for its bank details.",
    ),
    "debtor.plan": ("Proposer un échéancier", "Propose a payment plan"),
    # the figures are dunning's plan bounds, the very ones it checks a plan against (never written here)
    "debtor.plan.text": (
        "Vous pouvez proposer de payer en plusieurs fois : {count}, de {minimum} au moins chacune, la dernière le "
        "{last} au plus tard, pour un total qui ne dépasse pas le solde dû ({balance}). Votre proposition est "
        "transmise au créancier, qui l'accepte ou la refuse.",
        "You may propose to pay in instalments: {count}, at least {minimum} each, the last by {last}, adding up to "
        "no more than the balance due ({balance}). Your proposal goes to the creditor, who approves or refuses it.",
    ),
    "debtor.plan.count": ("de {fewest} à {most} échéances", "{fewest} to {most} instalments"),
    "debtor.plan.count_exact": ("{most} échéances", "{most} instalments"),
    "debtor.plan.impossible": (
        "Le solde dû ({balance}) est trop faible pour payer en plusieurs fois : un échéancier compte au moins "
        "{fewest} échéances, de {minimum} chacune au minimum. Réglez-le en une fois (voir « Comment payer » "
        "ci-dessus) ou, si vous ne le pouvez pas, contactez l'agence : {email}, {phone}.",
        "The balance due ({balance}) is too small to pay in instalments: a payment plan has {fewest} instalments at "
        "least, of {minimum} or more each. Pay it in one go (see “How to pay” above) or, if you cannot, contact the "
        "agency: {email}, {phone}.",
    ),
    "debtor.plan.unavailable": (
        "Les propositions d'échéancier sont momentanément indisponibles : rechargez cette page dans quelques minutes, "
        "ou contactez l'agence.",
        "Payment plan proposals are unavailable just now: reload this page in a few minutes, or contact the agency.",
    ),
    "debtor.plan.row": ("Échéance {n}", "Instalment {n}"),
    "debtor.plan.due_on": ("Date", "Date"),
    "debtor.plan.amount": ("Montant", "Amount"),
    "debtor.plan.message": ("Message au créancier (facultatif)", "Message to the creditor (optional)"),
    "debtor.plan.submit": ("Envoyer ma proposition", "Send my proposal"),
    "debtor.plan.refused": (
        "Le créancier n'a pas accepté votre proposition d'échéancier le {day} : vous pouvez en proposer une autre "
        "ci-dessous, régler le solde, ou nous contacter.",
        "The creditor did not accept your payment plan proposal on {day}: you may propose another one below, pay the "
        "balance, or contact us.",
    ),
    "debtor.plan.refused_note": ("Sa réponse", "Its answer"),
    "debtor.plan.sent": (
        "Votre proposition d'échéancier est envoyée. Elle attend la décision du créancier.",
        "Your payment plan proposal is sent. It awaits the creditor's decision.",
    ),
    "debtor.plan.pending": (
        "Une proposition d'échéancier attend la décision du créancier.",
        "A payment plan proposal awaits the creditor's decision.",
    ),
    "debtor.plan.agreed": ("Un échéancier est en cours :", "A payment plan is running:"),
    "debtor.not_ready": (
        "Votre dossier vient d'être transmis à l'agence : vous pourrez proposer un échéancier ou contester la "
        "créance dans quelques minutes. Rechargez alors cette page.",
        "Your case has just been passed to the agency: you will be able to propose a payment plan or dispute the "
        "claim in a few minutes. Reload this page then.",
    ),
    "debtor.dispute": ("Contester la créance", "Dispute the claim"),
    "debtor.dispute.text": (
        "Si vous contestez ce qui vous est réclamé, dites-nous pourquoi : les relances sont suspendues pendant "
        "l'examen de votre contestation.",
        "If you dispute what is claimed, tell us why: reminders are held while your dispute is examined.",
    ),
    "debtor.dispute.reason": ("Motif de la contestation", "Reason for the dispute"),
    "debtor.dispute.file": ("Pièce jointe (facultatif, PDF ou image)", "Attachment (optional, PDF or image)"),
    "debtor.dispute.submit": ("Envoyer ma contestation", "Send my dispute"),
    "debtor.dispute.sent": (
        "Votre contestation est enregistrée. Les relances sont suspendues pendant son examen.",
        "Your dispute is recorded. Reminders are held while it is examined.",
    ),
    "debtor.dispute.open": (
        "Votre contestation est en cours d'examen : les relances sont suspendues.",
        "Your dispute is being examined: reminders are held.",
    ),
    "debtor.dispute.required": ("Dites-nous pourquoi vous contestez.", "Tell us why you dispute."),
    "debtor.dispute.too_large": (
        "La pièce jointe dépasse 10 Mo : envoyez un fichier plus léger, ou votre contestation sans pièce jointe.",
        "The attachment is larger than 10 MB: send a smaller file, or your dispute without an attachment.",
    ),
    "debtor.paid": ("Vous avez déjà payé ?", "Already paid?"),
    "debtor.paid.text": (
        "Dites-nous quand, combien et comment : les relances sont suspendues le temps que nous retrouvions votre "
        "paiement dans nos encaissements. Joignez une preuve si vous en avez une (avis de virement, copie du chèque).",
        "Tell us when, how much and how: reminders are held while we find your payment in what we received. Attach a "
        "proof if you have one (a transfer notice, a copy of the cheque).",
    ),
    "debtor.paid.day": ("Date du paiement", "Date of the payment"),
    "debtor.paid.amount": ("Montant payé (€)", "Amount paid (€)"),
    "debtor.paid.means": ("Moyen de paiement", "Means of payment"),
    "debtor.paid.means.transfer": ("par virement.", "by bank transfer."),
    "debtor.paid.means.cheque": ("par chèque.", "by cheque."),
    "debtor.paid.means.card": ("par carte bancaire.", "by card."),
    "debtor.paid.means.other": ("par un autre moyen.", "by other means."),
    "debtor.paid.choice.transfer": ("Virement", "Bank transfer"),
    "debtor.paid.choice.cheque": ("Chèque", "Cheque"),
    "debtor.paid.choice.card": ("Carte bancaire", "Card"),
    "debtor.paid.choice.other": ("Autre", "Other"),
    "debtor.paid.reference": (
        "Référence du virement ou numéro du chèque (facultatif)",
        "Transfer reference or cheque number (optional)",
    ),
    "debtor.paid.file": ("Preuve du paiement (facultatif, PDF ou image)", "Proof of payment (optional, PDF or image)"),
    "debtor.paid.submit": ("Déclarer mon paiement", "Declare my payment"),
    "debtor.paid.said": (
        "Paiement déjà effectué, déclaré par le débiteur en ligne : {amount} le {day}",
        "Payment already made, declared by the debtor online: {amount} on {day}",
    ),
    "debtor.paid.said_reference": ("Référence : {reference}.", "Reference: {reference}."),
    "debtor.letters_language": ("Langue de nos courriers", "Language of our letters"),
    "debtor.letters_language.text": (
        "Nos e-mails et courriers vous sont écrits dans cette langue.",
        "Our e-mails and letters are written to you in this language.",
    ),
    "debtor.letters_language.label": ("Langue", "Language"),
    "debtor.letters_language.submit": ("Enregistrer", "Save"),
    "debtor.language.sent": (
        "C'est noté : nous vous écrirons désormais dans la langue choisie.",
        "Noted: we will write to you in the language you chose from now on.",
    ),
    "debtor.paid.sent": (
        "Votre paiement est déclaré. Les relances sont suspendues le temps que nous le retrouvions.",
        "Your payment is declared. Reminders are held while we find it.",
    ),
    "debtor.paid.bad_day": (
        "Date du paiement : indiquez le jour où vous avez payé, aujourd'hui au plus tard.",
        "Date of the payment: give the day you paid, today at the latest.",
    ),
    "debtor.paid.bad_amount": (
        "Montant payé : indiquez un montant en euros, par exemple 1 250,40.",
        "Amount paid: give an amount in euros, for example 1250.40.",
    ),
    "debtor.paid.open": (
        "Nous recherchons le paiement que vous avez déclaré : les relances sont suspendues.",
        "We are looking for the payment you declared: reminders are held.",
    ),
    "debtor.paid.bad_means": ("Moyen de paiement : choisissez-en un.", "Means of payment: choose one."),
    "debtor.agency": ("L'agence de recouvrement", "The collection agency"),
    "debtor.creditor": ("Le créancier", "The creditor"),
    "debtor.contact": ("Nous contacter", "Contact us"),
    "debtor.closed": (
        "Ce dossier est clos : plus rien ne vous est réclamé.",
        "This case is closed: nothing more is claimed.",
    ),
    "debtor.insolvency": (
        "Une procédure collective (sauvegarde, redressement ou liquidation judiciaire) a été ouverte à votre égard : "
        "nous ne vous adressons plus de relance. Cette créance est déclarée au mandataire judiciaire ; la loi vous "
        "interdit de la payer directement (art. L622-7 du Code de commerce).",
        "Insolvency proceedings (safeguard, receivership or liquidation) have been opened against you: we no longer "
        "send you reminders. This claim is declared to the court-appointed administrator; the law forbids you to pay "
        "it directly (art. L622-7 of the French Commercial Code).",
    ),
    "debtor.link_invalid": (
        "Ce lien n'est pas valable. Demandez-en un nouveau à l'agence.",
        "This link is not valid. Ask the agency for a new one.",
    ),
    "debtor.entry.title": ("Accéder à votre dossier", "Open your case"),
    "debtor.entry.intro": (
        "Saisissez la référence de paiement et le code d'accès imprimés sur le courrier que vous avez reçu de "
        "l'agence : vous verrez ce qui reste dû, comment le régler, et pourrez proposer un échéancier ou contester.",
        "Enter the payment reference and the access code printed on the letter you received from the agency: you "
        "will see what remains due and how to settle it, and may propose a payment plan or dispute it.",
    ),
    "debtor.entry.reference_hint": (
        "Elle commence par RF, par exemple RF18 5390 0754 7034.",
        "It starts with RF, for example RF18 5390 0754 7034.",
    ),
    "debtor.entry.from_link": (
        "Vous avez un courrier de l'agence ? Saisissez sa référence de paiement et son code d'accès",
        "Have a letter from the agency? Enter its payment reference and its access code",
    ),
    "debtor.entry.code": ("Code d'accès", "Access code"),
    "debtor.entry.code_hint": (
        "Huit lettres et chiffres, par exemple K7QM-4XD2 ; majuscules, minuscules et tirets sont acceptés.",
        "Eight letters and digits, for example K7QM-4XD2; capitals, small letters and dashes are accepted.",
    ),
    "debtor.entry.submit": ("Accéder au dossier", "Open the case"),
    "debtor.entry.unreadable_reference": (
        "Référence de paiement : elle commence par RF suivi de chiffres et de lettres, comme sur votre courrier.",
        "Payment reference: it starts with RF followed by digits and letters, as on your letter.",
    ),
    "debtor.entry.unreadable_code": (
        "Code d'accès : il compte huit lettres et chiffres, comme sur votre courrier.",
        "Access code: it has eight letters and digits, as on your letter.",
    ),
    "debtor.entry.wrong": (
        "Cette référence et ce code n'ouvrent aucun dossier : vérifiez-les sur votre courrier. Un code n'est valable "
        "qu'un temps : s'il a expiré, demandez-en un nouveau à l'agence.",
        "This reference and this code open no case: check them against your letter. A code is valid for a "
        "time only: if it has expired, ask the agency for a new one.",
    ),
    "debtor.entry.throttled": (
        "Trop d'essais pour cette référence ou depuis cette adresse : patientez un quart d'heure avant de réessayer, "
        "ou contactez l'agence.",
        "Too many attempts for this reference or from this address: wait a quarter of an hour before trying again, "
        "or contact the agency.",
    ),
}
