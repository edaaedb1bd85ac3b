"""The language a creditor writes to its debtor in (French unless it says English) is part of its own view of the
debtor: given with a case or in an import's "Langue" column, read back with the case, refused in plain words when
it is neither."""

from __future__ import annotations

import io


def _debtor(a_case, **changes) -> dict:
    return {**a_case()["debtor"], **changes}


def test_a_case_opened_with_an_english_speaking_debtor_reads_it_back(api, a_case):
    body = a_case("LANG-1", debtor=_debtor(a_case, name="Acme Ltd", siren=None, language="en"))
    response = api.client.post("/api/v1/cases", json=body, headers=api.creditor)
    assert response.status_code == 201, response.text
    assert response.json()["debtor"]["language"] == "en"
    read = api.client.get(f"/api/v1/cases/{response.json()['id']}", headers=api.creditor)
    assert read.json()["debtor"]["language"] == "en"


def test_a_debtor_given_without_a_language_is_left_unsaid(api, a_case):
    response = api.client.post("/api/v1/cases", json=a_case("LANG-2"), headers=api.creditor)
    assert response.status_code == 201, response.text
    assert response.json()["debtor"]["language"] is None


def test_a_language_we_do_not_write_in_is_refused_on_its_field(api, a_case):
    body = a_case("LANG-3", debtor=_debtor(a_case, language="de"))
    response = api.client.post("/api/v1/cases", json=body, headers={**api.creditor, "Accept-Language": "fr"})
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "debtor", "language"], error
    assert error["msg"] == "le champ « debtor.language » doit valoir 'fr' ou 'en'"


def test_an_import_keeps_the_language_of_its_column(api):
    content = (
        "N° facture;Date facture;Date d'échéance;Montant TTC;Raison sociale;Langue\n"
        "IMP-EN-1;15/01/2026;14/02/2026;100,00;Acme Ltd;Anglais\n"
        "IMP-EN-2;15/01/2026;14/02/2026;100,00;Durand SARL;\n"
    ).encode()
    response = api.client.post(
        "/api/v1/imports", files={"file": ("langues.csv", io.BytesIO(content))}, headers=api.creditor
    )
    assert response.status_code == 202, response.text
    report = api.client.get(f"/api/v1/imports/{response.json()['id']}", headers=api.creditor).json()
    assert (report["status"], report["accepted"]) == ("done", 2), report
    cases = api.client.get("/api/v1/cases?limit=50", headers=api.creditor).json()["items"]
    languages = {case["reference"]: case["debtor"]["language"] for case in cases}
    assert (languages["IMP-EN-1"], languages["IMP-EN-2"]) == ("en", None)


def test_the_debtors_own_choice_outranks_its_creditors_and_only_staff_or_the_portal_set_it(api, a_case):
    body = a_case("LANG-4", debtor=_debtor(a_case, language="en"))
    opened = api.client.post("/api/v1/cases", json=body, headers=api.creditor).json()
    debtor_id, case_path = opened["debtor"]["id"], f"/api/v1/cases/{opened['id']}"
    path = f"/api/v1/intake/debtors/{debtor_id}/language"
    assert api.client.put(path, json={"language": "fr"}, headers=api.creditor).status_code == 403
    chosen = api.client.put(path, json={"language": "fr"}, headers=api.agent)
    assert chosen.status_code == 200 and chosen.json() == {"debtor_id": debtor_id, "language": "fr"}, chosen.text
    # the creditor said English; the debtor asked for French: French it is, and the read says whose choice it is
    read = api.client.get(case_path, headers=api.creditor).json()["debtor"]
    assert (read["language"], read["language_chosen_by_debtor"]) == ("fr", True)
    assert opened["debtor"]["language_chosen_by_debtor"] is False
    assert api.client.put(path, json={"language": "en"}, headers=api.agent).status_code == 200
    assert api.client.get(case_path, headers=api.creditor).json()["debtor"]["language"] == "en"
    assert api.client.put(path, json={"language": "de"}, headers=api.agent).status_code == 422


def test_a_choice_made_through_a_merged_record_goes_to_the_record_kept(api, a_case):
    one = api.client.post("/api/v1/cases", json=a_case("LANG-5"), headers=api.creditor).json()
    other = _debtor(a_case, name="DUPONT", siren=None, email="autre@dupont.example")
    invoice = {"number": "F-900", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "80.00"}
    two_body = a_case("LANG-6", debtor=other, invoices=[invoice])
    two = api.client.post("/api/v1/cases", json=two_body, headers=api.creditor).json()
    keep, duplicate = one["debtor"]["id"], two["debtor"]["id"]
    merged = api.client.post(
        f"/api/v1/intake/debtors/{keep}/merge", json={"merge_id": duplicate, "reason": "same"}, headers=api.agent
    )
    assert merged.status_code == 200, merged.text
    # a link sent before the merge names the duplicate
    chosen = api.client.put(f"/api/v1/intake/debtors/{duplicate}/language", json={"language": "en"}, headers=api.agent)
    assert chosen.status_code == 200 and chosen.json()["debtor_id"] == keep, chosen.text
    for case in (one, two):
        assert api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()["debtor"]["language"] == "en"
