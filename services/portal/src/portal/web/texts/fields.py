"""The API's field names as a form's refusal names them, French then English (`portal.web.refused_fields`): the
label a person reads beside the field, not the name the API gives it. `field.X.item` names the n-th element of a
list."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "field.reference": ("Référence du dossier", "Case reference"),
    "field.name": ("Nom ou raison sociale", "Name or company name"),
    "field.siren": ("SIREN", "SIREN"),
    "field.siret": ("SIRET", "SIRET"),
    "field.vat_number": ("N° de TVA", "VAT number"),
    "field.email": ("E-mail", "E-mail"),
    "field.phone": ("Téléphone", "Phone"),
    "field.line1": ("Adresse", "Address"),
    "field.postal_code": ("Code postal", "Postal code"),
    "field.city": ("Ville", "City"),
    "field.country": ("Pays", "Country"),
    "field.invoices.item": ("Facture {n}", "Invoice {n}"),
    "field.number": ("numéro", "number"),
    "field.issue_date": ("date d'émission", "issue date"),
    "field.due_date": ("date d'échéance", "due date"),
    "field.amount": ("Montant", "Amount"),
    "field.instalments": ("Échéances", "Instalments"),
    "field.instalments.item": ("Échéance {n}", "Instalment {n}"),
    "field.due_on": ("Date", "Date"),
    "field.text": ("Texte", "Text"),
    "field.note": ("Note", "Note"),
    "field.reason": ("Motif", "Reason"),
    "field.override_reason": ("Motif", "Reason"),
    "field.iban": ("IBAN", "IBAN"),
    "field.bic": ("BIC", "BIC"),
    "field.commission_rate": ("Taux de commission", "Commission rate"),
    "field.password": ("Mot de passe", "Password"),
    "field.signed_on": ("Signé le", "Signed on"),
    "field.occurred_on": ("Date", "Date"),
    "field.execution_date": ("Date d'exécution", "Execution date"),
    "field.declared_amount": ("Montant déclaré", "Declared amount"),
    "field.insurance_reference": ("Référence de l'assureur", "Insurer's reference"),
    "field.page": ("Page", "Page"),
}
