"""Errors in plain words: French unless the client prefers English, with both texts in the body."""

from __future__ import annotations

import pytest

NOT_YET_DUE = {
    "number": "F-009",
    "issue_date": "2026-11-01",
    "due_date": "2026-12-15",
    "amount": "300.00",
    "currency": "EUR",
}


@pytest.fixture
def french_api(api):
    """The intake client as a browser that sends no Accept-Language."""
    del api.client.headers["Accept-Language"]
    return api


def test_a_not_yet_due_invoice_is_refused_in_french_naming_the_invoice_with_the_english_beside(french_api, a_case):
    response = french_api.client.post("/api/v1/cases", json=a_case(invoices=[NOT_YET_DUE]), headers=french_api.creditor)
    assert response.status_code == 422 and response.headers["Content-Language"] == "fr"
    body = response.json()
    assert (
        body["detail"]
        == body["detail_fr"]
        == (
            "invoices[0].due_date : la facture F-009 : la date d'échéance (15/12/2026) n'est pas encore passée ; "
            "seules les factures échues peuvent être confiées au recouvrement"
        )
    )
    assert body["detail_en"].startswith("invoices[0].due_date: invoice F-009: the due date 2026-12-15 has not passed")


def test_a_client_asking_for_english_reads_the_english_detail(french_api, a_case):
    response = french_api.client.post(
        "/api/v1/cases", json=a_case(invoices=[NOT_YET_DUE]), headers={**french_api.creditor, "Accept-Language": "en"}
    )
    assert response.status_code == 422 and response.headers["Content-Language"] == "en"
    assert response.json()["detail"] == response.json()["detail_en"]
    assert "invoice F-009: the due date 2026-12-15 has not passed yet" in response.json()["detail"]


def test_english_weighed_below_french_answers_in_french(french_api, a_case):
    response = french_api.client.post(
        "/api/v1/cases",
        json=a_case(invoices=[NOT_YET_DUE]),
        headers={**french_api.creditor, "Accept-Language": "en;q=0.5, fr"},
    )
    assert response.headers["Content-Language"] == "fr"
    assert "la facture F-009" in response.json()["detail"]


def test_a_missing_field_is_named_in_a_french_message(french_api, a_case):
    body = a_case()
    del body["debtor"]["name"]
    response = french_api.client.post("/api/v1/cases", json=body, headers=french_api.creditor)
    assert response.status_code == 422 and response.headers["Content-Language"] == "fr"
    assert response.json()["detail"] == [
        {
            "loc": ["body", "debtor", "name"],
            "type": "missing",
            "msg": "le champ « debtor.name » est obligatoire",
            "reason": "est obligatoire",  # for a form, which names the field by its label
        }
    ]
    assert response.json()["detail_en"][0]["msg"] == "Field required"


def test_an_english_client_keeps_fastapis_validation_list(french_api, a_case):
    body = a_case()
    del body["debtor"]["name"]
    response = french_api.client.post(
        "/api/v1/cases", json=body, headers={**french_api.creditor, "Accept-Language": "en"}
    )
    assert response.status_code == 422 and response.headers["Content-Language"] == "en"
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "debtor", "name"] and error["msg"] == "Field required"
    assert "detail_en" not in response.json()


def test_an_invalid_siren_is_explained_by_the_validators_own_french(french_api, a_case):
    body = a_case()
    body["debtor"]["siren"] = "732829321"
    response = french_api.client.post("/api/v1/cases", json=body, headers=french_api.creditor)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == (
        "debtor.siren : « 732829321 » n'est pas un SIREN valide (9 chiffres dont une clé de contrôle correcte)"
    )


def test_a_missing_case_is_reported_in_french(french_api):
    response = french_api.client.get("/api/v1/cases/00000000-0000-0000-0000-000000000001", headers=french_api.creditor)
    assert response.status_code == 404
    assert response.json()["detail"] == "aucun dossier 00000000-0000-0000-0000-000000000001"
    assert response.json()["detail_en"] == "no case 00000000-0000-0000-0000-000000000001"


def test_a_domain_error_names_the_field_it_is_about_apart_from_its_text(api, a_case):
    api.client.post("/api/v1/cases", json=a_case("FIELD-1"), headers=api.creditor)
    again = api.client.post("/api/v1/cases", json=a_case("FIELD-1"), headers=api.creditor)
    assert again.status_code in (409, 422), again.text
    assert again.json()["field"] == "reference", again.json()


def test_an_action_reserved_to_other_roles_names_them_in_french(french_api):
    response = french_api.client.post("/api/v1/intake/rates", json={}, headers=french_api.creditor)
    assert response.status_code == 403, response.text
    assert response.json()["detail"] == "cette action est réservée à : personnel de l'agence"
    assert response.json()["detail_en"] == "this action is reserved to: agency staff"
