"""Columns are recognised by meaning, in French or English, whatever the case, accents or spacing."""

import pytest

from intake.imports.headers import normalise_header, read_header


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("N° facture", "number"),
        ("Numéro de facture", "number"),
        ("invoice number", "number"),
        ("Invoice_No", "number"),
        ("Nº Facture", "number"),
        ("Date d'échéance", "due_date"),
        ("ÉCHÉANCE", "due_date"),
        ("Due date", "due_date"),
        ("Montant TTC", "amount"),
        ("montant", "amount"),
        ("Amount", "amount"),
        ("Raison sociale", "name"),
        ("Débiteur", "name"),
        ("nom", "name"),
        ("Debtor name", "name"),
        ("Customer", "name"),
        ("SIREN", "siren"),
        ("Siret", "siret"),
        ("TVA intracommunautaire", "vat_number"),
        ("VAT number", "vat_number"),
        ("TVA", "vat"),
        ("Montant TVA", "vat"),
        ("VAT amount", "vat"),
        ("E-mail", "email"),
        ("Courriel", "email"),
        ("Téléphone", "phone"),
        ("Phone", "phone"),
        ("Adresse", "line1"),
        ("Code postal", "postal_code"),
        ("ZIP", "postal_code"),
        ("Ville", "city"),
        ("Pays", "country"),
        ("Devise", "currency"),
        ("Référence dossier", "reference"),
        ("reference", "reference"),
        ("Date facture", "issue_date"),
        ("Date d'émission", "issue_date"),
        ("issue  date", "issue_date"),
        ("Type", "kind"),
        ("Reste dû", "outstanding"),
    ],
)
def test_a_known_header_maps_to_its_field(header, field):
    assert read_header([header]).position == {field: 0}


def test_headers_are_compared_without_case_accents_punctuation_or_small_words():
    assert normalise_header("  Date  d’Échéance ") == "date echeance"


def test_unknown_headers_are_ignored_and_the_first_of_two_synonyms_wins():
    columns = read_header(["Commentaire", "Montant TTC", "Montant", None, "N° facture"])
    assert columns.position == {"amount": 1, "number": 4}
    assert columns.title["amount"] == "Montant TTC"


def test_the_required_columns_a_header_lacks_are_listed():
    assert read_header(["N° facture", "Montant TTC"]).missing == ["issue_date", "due_date", "name"]
