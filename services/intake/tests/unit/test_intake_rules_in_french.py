"""The intake rules explain themselves in French too, naming what the reader must correct."""

from datetime import date
from decimal import Decimal

import pytest

from shared.i18n import BilingualValueError

from intake.domain import (
    Checklist,
    InvoiceFacts,
    RuleBroken,
    check_case_currency,
    check_invoice,
    check_new_invoices,
    check_transition,
    check_validation,
    normalise_currency,
)
from intake.domain.filetypes import refusal_reasons


def invoice(**changes) -> InvoiceFacts:
    values = {
        "number": "F-001",
        "issue_date": date(2026, 6, 1),
        "due_date": date(2026, 12, 15),
        "amount": Decimal("100.00"),
        "vat": None,
        "currency": "EUR",
        "outstanding": None,
    }
    return InvoiceFacts(**{**values, **changes})


def test_a_not_yet_due_invoice_is_refused_in_french_naming_the_invoice():
    with pytest.raises(RuleBroken) as refused:
        check_invoice(invoice(), kind="b2b", today=date(2026, 11, 24), field="invoices[0]")
    assert refused.value.message_fr == (
        "la facture F-001 : la date d'échéance (15/12/2026) n'est pas encore passée ; "
        "seules les factures échues peuvent être confiées au recouvrement"
    )


def test_a_prescribed_consumer_claim_is_explained_in_french():
    with pytest.raises(RuleBroken) as refused:
        check_invoice(
            invoice(issue_date=date(2020, 1, 1), due_date=date(2020, 2, 1)),
            kind="b2c",
            today=date(2026, 11, 24),
            field="invoices[0]",
        )
    assert refused.value.message_fr.startswith(
        "la facture F-001 : la créance est prescrite depuis le 01/02/2022 "
        "(2 ans d'un professionnel envers un consommateur"
    )


def test_a_refused_transition_names_both_states_and_the_next_ones_in_french():
    with pytest.raises(RuleBroken) as refused:
        check_transition("closed", "amicable")
    assert refused.value.message_fr == (
        "un dossier à l'état « clos » ne peut pas passer à l'état « amiable » "
        "(états suivants possibles : aucun : le dossier est clos)"
    )


def test_a_closed_case_takes_no_new_invoices_in_french():
    with pytest.raises(RuleBroken) as refused:
        check_new_invoices(status="legal", case_currency="EUR", invoices=[("F-1", "EUR")])
    assert refused.value.message_fr.startswith(
        "un dossier à l'état « judiciaire » ne reçoit plus de nouvelles factures"
    )


def test_a_case_in_two_currencies_names_the_invoice_in_french():
    with pytest.raises(RuleBroken) as refused:
        check_case_currency([("F-1", "USD"), ("F-2", "USD"), ("F-3", "EUR")], case_currency=None)
    assert refused.value.field == "invoices[2].currency"
    assert refused.value.message_fr == (
        "la facture F-3 : les factures d'un même dossier sont toutes dans la même devise (USD), pas en EUR ; "
        "confiez-la dans un dossier à part"
    )


def test_an_incomplete_checklist_lists_what_is_missing_in_french():
    with pytest.raises(RuleBroken) as refused:
        check_validation(Checklist(contract_signed=True, delivery_evidenced=False), None)
    assert "il manque : une preuve de livraison ou d'exécution" in (refused.value.message_fr or "")


def test_an_unknown_currency_is_refused_in_both_languages():
    with pytest.raises(BilingualValueError) as refused:
        normalise_currency("EUX")
    assert str(refused.value).startswith("'EUX' is not a known ISO 4217 currency code")
    assert refused.value.fr == "« EUX » n'est pas un code de devise ISO 4217 connu (par exemple EUR)"


def test_a_disguised_file_is_explained_in_french():
    english, french = refusal_reasons("facture.pdf", "image/png") or ("", "")
    assert "disguised" in english
    assert french == "le fichier facture.pdf est déguisé : son nom annonce un PDF mais son contenu est une image PNG"


def test_an_invoices_french_refusal_writes_its_amount_and_dates_as_a_french_reader_does():
    with pytest.raises(RuleBroken) as negative:
        check_invoice(invoice(amount=Decimal("-1280.5")), kind="b2b", today=date(2027, 1, 5), field="invoices[0]")
    with pytest.raises(RuleBroken) as future:
        check_invoice(invoice(issue_date=date(2027, 1, 10)), kind="b2b", today=date(2027, 1, 5), field="invoices[0]")

    assert negative.value.message_fr == "la facture F-001 : le montant doit être positif (-1\u202f280,50\u00a0€)"
    assert future.value.message_fr == "la facture F-001 : la date d'émission (10/01/2027) est dans le futur"
    assert future.value.message == "invoice F-001: the issue date 2027-01-10 is in the future"


def test_a_payment_dated_after_today_is_refused_with_french_dates():
    from intake.domain.payments import check_payment_accepted

    with pytest.raises(RuleBroken) as refused:
        check_payment_accepted(
            case_reference="DOS-1",
            case_status="amicable",
            closure_reason=None,
            case_currency="EUR",
            currency="EUR",
            received_on=date(2027, 1, 10),
            today=date(2027, 1, 9),
            from_bailiff=False,
        )
    assert refused.value.field == "received_on"
    assert refused.value.message_fr == (
        "le 10/01/2027 est après aujourd'hui (09/01/2027) ; enregistrez un paiement une fois reçu"
    )
