"""The suspense queue says what was wrong with a credit (issue 12, finding 7), in French unless English is asked."""

from __future__ import annotations

import io

from intake.money.reference import creditor_reference


def upload(api, document: bytes, language: str):
    response = api.client.post(
        "/api/v1/intake/bank-statements",
        files={"file": ("releve.xml", io.BytesIO(document))},
        headers={**api.agent, "Accept-Language": language},
    )
    assert response.status_code == 201, response.text
    return response.json()


def rf_of(api, case) -> str:
    account = api.client.get(
        f"/api/v1/cases/{case['id']}/statement", params={"as_of": "2026-05-01"}, headers=api.creditor
    )
    return account.json()["rf_reference"]


def test_an_unknown_reference_and_a_closed_cases_reference_are_told_apart_in_the_suspense_queue(
    api, open_case, invoice, camt053
):
    closed = open_case("REC-CLOSED", [invoice("F-C", "2026-04-01", "300.00")])
    closed_rf = rf_of(api, closed)
    shut = api.client.post(
        f"/api/v1/cases/{closed['id']}/transitions", json={"to": "closed", "reason": "withdrawn"}, headers=api.creditor
    )
    assert shut.status_code == 200, shut.text
    unknown = creditor_reference("NOBODY-7")
    report = upload(
        api,
        camt053.build(
            [
                camt053.entry("77.00", reference="BNK-U", debtor_name="Inconnu", structured_reference=unknown),
                camt053.entry("300.00", reference="BNK-C", debtor_name="Inconnu", structured_reference=closed_rf),
                camt053.entry("12.00", reference="BNK-N", debtor_name="Inconnu au bataillon"),
            ]
        ),
        "fr",
    )
    assert report["suspense"] == 3
    queue = api.client.get("/api/v1/intake/suspense", headers={**api.agent, "Accept-Language": "fr"}).json()
    why = {item["entry_reference"]: item for item in queue}
    assert why["BNK-U"]["match_reason"] == "unknown_reference"
    assert why["BNK-U"]["explanation"].startswith(f"{unknown} : aucun dossier ne porte cette référence")
    assert why["BNK-U"]["explanation_en"].startswith(f"{unknown}: no case carries this reference")
    assert why["BNK-C"]["match_reason"] == "case_not_open"
    assert why["BNK-C"]["explanation"].startswith(f"{closed_rf} : le dossier REC-CLOSED porte cette référence")
    assert why["BNK-N"]["match_reason"] == "unmatched"
    assert why["BNK-N"]["explanation"].startswith("le virement ne porte aucune référence de dossier")
    english = api.client.get("/api/v1/intake/suspense", headers={**api.agent, "Accept-Language": "en"}).json()
    assert {item["explanation"] for item in english} == {item["explanation_en"] for item in queue}
