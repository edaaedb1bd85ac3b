"""Staff correct a creditor's registration (PATCH) and read its remittance account back, the IBAN masked."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from shared.audit import AuditEntry
from shared.demo import DEMO_CREDITOR_ID
from shared.outbox import OutboxMessage

CREDITOR = f"/api/v1/creditors/{DEMO_CREDITOR_ID}"
ADDRESS = {"line1": "3 quai des Chartrons", "postal_code": "33000", "city": "Bordeaux", "country": "FR"}


def _register(api, name: str = "Gamma Négoce", siren: str = "552100554") -> dict[str, Any]:
    response = api.client.post("/api/v1/creditors", json={"name": name, "siren": siren}, headers=api.admin)
    assert response.status_code == 201, response.text
    return response.json()


def _updates(api) -> list[AuditEntry]:
    with Session(api.engine) as session:
        return list(
            session.exec(
                select(AuditEntry).where(AuditEntry.action == "creditor.updated").order_by(col(AuditEntry.id))
            ).all()
        )


def _events(api, event_type: str) -> list[dict[str, Any]]:
    with Session(api.engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.event_type == event_type)).all()
        return [row.envelope["data"] for row in rows]


def test_an_admin_changes_only_the_fields_given_and_the_change_is_audited_and_announced(api):
    creditor = _register(api)

    response = api.client.patch(
        f"/api/v1/creditors/{creditor['id']}",
        json={"name": "Gamma Négoce SA", "address": ADDRESS},
        headers=api.admin,
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["siren"], body["email"]) == ("Gamma Négoce SA", "552100554", None)
    assert body["address"]["city"] == "Bordeaux"
    assert api.client.get(f"/api/v1/creditors/{creditor['id']}", headers=api.agent).json()["name"] == "Gamma Négoce SA"
    (entry,) = _updates(api)
    assert entry.entity_id == creditor["id"] and entry.actor_role == "admin"
    assert entry.details["before"] == {"name": "Gamma Négoce", "address": None}
    assert entry.details["after"] == {"name": "Gamma Négoce SA", "address": ADDRESS}
    (event,) = _events(api, "recouvra.intake.creditor.updated.v1")
    assert event == {"creditor_id": creditor["id"], "name": "Gamma Négoce SA", "email": None}


def test_a_patch_that_changes_nothing_writes_nothing(api):
    creditor = _register(api)

    response = api.client.patch(f"/api/v1/creditors/{creditor['id']}", json={"name": "Gamma Négoce"}, headers=api.admin)

    assert response.status_code == 200 and response.json()["name"] == "Gamma Négoce"
    assert _updates(api) == [] and _events(api, "recouvra.intake.creditor.updated.v1") == []


def test_invalid_fields_are_refused_as_at_registration_in_plain_words(api):
    creditor = _register(api)
    path = f"/api/v1/creditors/{creditor['id']}"

    bad_email = api.client.patch(path, json={"email": "not-an-address"}, headers=api.admin)
    no_name = api.client.patch(path, json={"name": None}, headers=api.admin)
    long_name = api.client.patch(path, json={"name": "x" * 201}, headers=api.admin)

    assert bad_email.status_code == 422 and "email" in bad_email.text
    assert no_name.status_code == 422 and "a creditor always has a name" in no_name.text
    assert long_name.status_code == 422
    assert _updates(api) == []


def test_an_unknown_creditor_cannot_be_patched(api):
    response = api.client.patch(
        "/api/v1/creditors/00000000-0000-0000-0000-000000000000", json={"name": "Nobody"}, headers=api.admin
    )

    assert response.status_code == 404


def test_only_an_admin_may_patch_a_creditor_as_only_an_admin_may_register_one(api):
    for headers in (api.creditor, api.agent):
        response = api.client.patch(CREDITOR, json={"name": "Renamed by its own user"}, headers=headers)
        assert response.status_code == 403, response.text
    assert _updates(api) == []


def test_the_remittance_account_is_read_back_with_the_iban_masked(api):
    recorded = api.client.put(
        f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account",
        json={"iban": "FR14 2004 1010 0505 0001 3M02 606", "bic": "PSSTFRPPPAR"},
        headers=api.admin,
    )
    assert recorded.status_code == 200, recorded.text

    for headers in (api.creditor, api.agent):
        account = api.client.get(CREDITOR, headers=headers).json()["bank_account"]
        assert account["iban"] == "FR** **** **** **** **** ***2 606"
        assert account["bic"] == "PSSTFRPPPAR"
        assert account["holder_name"] == api.client.get(CREDITOR, headers=headers).json()["name"]
        assert account["set_at"] == "2026-11-24T09:00:00Z"
    assert "2004" not in api.client.get(CREDITOR, headers=api.creditor).text


def test_a_creditor_without_an_account_reads_none_and_another_creditors_is_hidden(api):
    other = _register(api)

    assert api.client.get(f"/api/v1/creditors/{other['id']}", headers=api.agent).json()["bank_account"] is None
    assert api.client.get(f"/api/v1/creditors/{other['id']}", headers=api.creditor).status_code == 404
    assert api.client.get(CREDITOR, headers=api.other).status_code == 404
