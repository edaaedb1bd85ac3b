"""Texts of « Webhooks »: the endpoints of a creditor's own system, their signing secret shown once, and the log of
what was sent to each."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.webhooks": ("Webhooks", "Webhooks"),
    "webhooks.title": ("Webhooks", "Webhooks"),
    "webhooks.card": (
        "Les adresses où les systèmes des créanciers (ERP, comptabilité) reçoivent les événements de leurs dossiers, "
        "et ce qui leur a été envoyé.",
        "The addresses where the creditors' systems (ERP, accounting) receive their cases' events, and what was "
        "sent to them.",
    ),
    "webhooks.intro.creditor": (
        "Reliez votre propre système (ERP, comptabilité, CRM) à Recouvra sans écrire d'appel d'API : chaque "
        "événement de vos dossiers (relances, promesses, paiements, reversements, étapes judiciaires, clôtures) est "
        "envoyé, signé, aux adresses que vous enregistrez ici, dès leur enregistrement.",
        "Connect your own system (ERP, accounting, CRM) to Recouvra without writing an API call: every event of your "
        "cases (reminders, promises, payments, remittances, legal steps, closures) is sent, signed, to the addresses "
        "you register here, from their registration on.",
    ),
    "webhooks.intro.staff": (
        "Les adresses où les créanciers reçoivent les événements de leurs dossiers, pour tous les créanciers.",
        "The addresses where the creditors receive their cases' events, for every creditor.",
    ),
    "webhooks.read_only": (
        "Consultation seule : seuls le créancier, un superviseur ou un administrateur modifient un webhook.",
        "Read only: only the creditor, a supervisor or an admin change a webhook.",
    ),
    "webhooks.unavailable": (
        "Les webhooks ne peuvent pas être lus pour le moment. Réessayez dans quelques instants.",
        "The webhooks cannot be read at the moment. Try again in a moment.",
    ),
    "webhooks.none.creditor": (
        "Aucun webhook pour le moment : ajoutez l'adresse de votre système ci-dessous.",
        "No webhook yet: add your system's address below.",
    ),
    "webhooks.none": ("Aucun webhook.", "No webhook."),
    "webhooks.count": ("{total} webhook(s)", "{total} webhook(s)"),
    "webhooks.caption": ("Webhooks, les plus anciens d'abord", "Webhooks, the oldest first"),
    "webhooks.col.url": ("Adresse", "Address"),
    "webhooks.col.creditor": ("Créancier", "Creditor"),
    "webhooks.col.events": ("Événements", "Events"),
    "webhooks.col.state": ("État", "State"),
    "webhooks.col.created": ("Créé le", "Created on"),
    "webhooks.col.actions": ("Actions", "Actions"),
    "webhooks.all_events": ("tous les événements", "every event"),
    "webhooks.some_events": ("{count} types d'événements", "{count} event types"),
    "webhooks.active": ("actif", "active"),
    "webhooks.inactive": ("désactivé", "deactivated"),
    "webhooks.previous_until": (
        "l'ancien secret signe aussi jusqu'au {when}",
        "the previous secret signs too until {when}",
    ),
    "webhooks.filter.creditor": ("Créancier", "Creditor"),
    "webhooks.filter.any_creditor": ("Tous les créanciers", "Every creditor"),
    "webhooks.filter.submit": ("Afficher", "Show"),
    "webhooks.test": ("Tester", "Test"),
    "webhooks.test_action": ("Envoyer un test à {url}", "Send a test to {url}"),
    "webhooks.deactivate": ("Désactiver", "Deactivate"),
    "webhooks.deactivate_action": ("Désactiver le webhook {url}", "Deactivate the webhook {url}"),
    "webhooks.reactivate": ("Réactiver", "Reactivate"),
    "webhooks.reactivate_action": ("Réactiver le webhook {url}", "Reactivate the webhook {url}"),
    "webhooks.rotate": ("Nouveau secret", "New secret"),
    "webhooks.rotate_action": ("Nouveau secret pour {url}", "New secret for {url}"),
    "webhooks.deliveries": ("Envois", "Deliveries"),
    "webhooks.deliveries_action": ("Envois vers {url}", "Deliveries to {url}"),
    "webhooks.done.tested": (
        "Le test est envoyé : son résultat apparaît ci-dessous dans quelques secondes (rechargez la page).",
        "The test is sent: its outcome shows below within a few seconds (reload the page).",
    ),
    "webhooks.done.deactivated": (
        "Le webhook est désactivé : il ne reçoit plus rien, et ses envois en attente sont annulés.",
        "The webhook is deactivated: it receives nothing more, and its waiting deliveries are cancelled.",
    ),
    "webhooks.done.reactivated": (
        "Le webhook est réactivé : il reçoit les événements à partir de maintenant (ce qui s'est passé entre-temps "
        "peut être renvoyé depuis ses envois).",
        "The webhook is active again: it receives the events from now on (what happened meanwhile can be sent "
        "again from its deliveries).",
    ),
    "webhooks.done.resent": ("L'envoi est renvoyé.", "The delivery is sent again."),
    "webhooks.secret.title.created": ("Webhook ajouté : son secret de signature", "Webhook added: its signing secret"),
    "webhooks.secret.title.rotated": ("Nouveau secret de signature", "New signing secret"),
    "webhooks.secret.for": ("Pour {url}", "For {url}"),
    "webhooks.secret.label": ("Secret", "Secret"),
    "webhooks.secret.warning": (
        "Copiez ce secret maintenant : il ne sera plus affiché. Enregistrez-le dans votre système, qui s'en sert "
        "pour vérifier la signature de chaque envoi.",
        "Copy this secret now: it will not be shown again. Store it in your system, which uses it to check the "
        "signature of every delivery.",
    ),
    "webhooks.secret.lost": (
        "Secret perdu ? « Nouveau secret » en crée un autre.",
        "Secret lost? “New secret” makes another one.",
    ),
    "webhooks.secret.grace": (
        "L'ancien secret signe encore chaque envoi, à côté du nouveau, jusqu'au {when} : basculez votre système "
        "d'ici là.",
        "The previous secret still signs every delivery, beside the new one, until {when}: switch your system "
        "before then.",
    ),
    "webhooks.new": ("Ajouter un webhook", "Add a webhook"),
    "webhooks.new.staff": ("Ajouter un webhook pour un créancier", "Add a webhook for a creditor"),
    "webhooks.field.url": ("Adresse (URL)", "Address (URL)"),
    "webhooks.field.url.creditor": ("Adresse (URL) de votre système", "Address (URL) of your system"),
    "webhooks.field.url.staff": ("Adresse (URL) du système du créancier", "Address (URL) of the creditor's system"),
    "webhooks.field.creditor_id.choose": ("— Choisissez un créancier —", "— Choose a creditor —"),
    "webhooks.field.url.hint": (
        "Par exemple https://erp.mon-entreprise.fr/recouvra/webhooks : Recouvra y envoie chaque événement par une "
        "requête POST.",
        "For example https://erp.my-company.example/recouvra/webhooks: Recouvra POSTs each event there.",
    ),
    "webhooks.field.description": ("Description", "Description"),
    "webhooks.field.description.hint": (
        "Pour vous y retrouver, par exemple « ERP : rapprochement des encaissements ».",
        "To find your way, for example “ERP: payment matching”.",
    ),
    "webhooks.field.creditor_id": ("Créancier", "Creditor"),
    "webhooks.field.events": ("Événements à recevoir", "Events to receive"),
    "webhooks.field.events.hint": (
        "Aucune case cochée : tous les événements, y compris ceux ajoutés plus tard.",
        "No box ticked: every event, those added later included.",
    ),
    "webhooks.add": ("Ajouter le webhook", "Add the webhook"),
    "webhooks.url.missing": ("est obligatoire", "is required"),
    "webhooks.url.scheme": (
        "doit commencer par https:// (ou http://) : les autres adresses ne sont pas appelées",
        "must start with https:// (or http://): other addresses are not called",
    ),
    "webhooks.url.invalid": (
        "n'est pas une adresse web complète (par exemple https://erp.mon-entreprise.fr/recouvra/webhooks)",
        "is not a full web address (for example https://erp.my-company.example/recouvra/webhooks)",
    ),
    "webhooks.url.too_long": ("doit contenir au plus 500 caractères", "must hold at most 500 characters"),
    "webhooks.description.too_long": ("doit contenir au plus 200 caractères", "must hold at most 200 characters"),
    "webhooks.how.title": ("Vérifier un envoi", "Checking a delivery"),
    "webhooks.how.request": (
        "Chaque événement arrive en POST, en JSON, avec les en-têtes X-Recouvra-Delivery (l'identifiant de l'envoi, "
        "le même à chaque tentative), X-Recouvra-Event (son type), X-Recouvra-Timestamp (secondes Unix) et "
        "X-Recouvra-Signature (sha256=…).",
        "Each event arrives as a JSON POST, with the headers X-Recouvra-Delivery (the delivery's id, the same at "
        "every attempt), X-Recouvra-Event (its type), X-Recouvra-Timestamp (Unix seconds) and X-Recouvra-Signature "
        "(sha256=…).",
    ),
    "webhooks.how.step1": (
        "Lisez le corps brut, en octets, avant tout décodage JSON.",
        "Read the raw body, as bytes, before any JSON parsing.",
    ),
    "webhooks.how.step2": (
        "Refusez (401) un horodatage à plus de 5 minutes de votre horloge.",
        "Refuse (401) a timestamp more than 5 minutes away from your clock.",
    ),
    "webhooks.how.step3": (
        "Calculez le HMAC-SHA256, avec votre secret, de « {timestamp}.{corps} » (l'horodatage, un point, puis le "
        "corps) en hexadécimal minuscule ; acceptez l'envoi s'il égale l'une des valeurs sha256= de "
        "X-Recouvra-Signature, comparées en temps constant (hmac.compare_digest en Python). Sinon, refusez (401).",
        "Compute the HMAC-SHA256, with your secret, of “{timestamp}.{body}” (the timestamp, a full stop, then the "
        "body) in lower-case hexadecimal; accept the delivery if it equals one of the sha256= values of "
        "X-Recouvra-Signature, compared in constant time (hmac.compare_digest in Python). Otherwise refuse (401).",
    ),
    "webhooks.how.step4": (
        "Gardez les identifiants X-Recouvra-Delivery déjà traités (une journée suffit) : un identifiant déjà vu est "
        "un renvoi, n'agissez pas deux fois (répondez 409 ou 2xx).",
        "Keep the X-Recouvra-Delivery ids already taken (a day is enough): an id already seen is a repeat, do not "
        "act twice (answer 409 or 2xx).",
    ),
    "webhooks.how.step5": (
        "Répondez 2xx en moins de 5 secondes, puis faites le travail. Sans réponse 2xx, l'envoi est retenté après "
        "30 s, 60 s, 120 s… pendant environ une heure, puis marqué échoué.",
        "Answer 2xx within 5 seconds, then do the work. Without a 2xx answer, the delivery is tried again after "
        "30 s, 60 s, 120 s… for about an hour, then marked failed.",
    ),
    "webhooks.how.test": (
        "« Tester » envoie tout de suite un événement webhook.test : le moyen de vérifier votre réception avant le "
        "premier vrai événement.",
        "“Test” sends a webhook.test event at once: the way to check your receiver before the first real event.",
    ),
    "webhooks.how.api": (
        "Les mêmes opérations existent dans l'API (/api/v1/webhooks) :",
        "The same operations exist in the API (/api/v1/webhooks):",
    ),
    "webhooks.how.api_link": ("documentation de l'API", "API documentation"),
}
