"""The BODACC watch against the fake of DILA's API (a real HTTP server speaking the Explore v2.1 records endpoint): an
opening judgment published about a debtor under collection is recorded on it as staff would, its case moves to
claim declaration with the deadline two months from the publication, once however often the watch runs; a notice
about another company, or one that opens nothing, changes nothing; the API out of reach is said, not fatal."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from sqlmodel import Session, select

from shared.audit import AuditEntry
from workbench.stack.fake_bodacc import RECORDS

from intake.cases.bodacc_watch import BodaccClient, watch_bodacc

VALID_CHECKLIST = {"contract_signed": True, "delivery_evidenced": True}


def a_siren() -> str:
    """A random SIREN with its Luhn key: the fake is the session's, so each test watches SIRENs of its own."""
    digits = [int(d) for d in f"{uuid.uuid4().int % 10**8:08d}"]
    total = sum(d if i % 2 == 0 else (2 * d - 9 if 2 * d > 9 else 2 * d) for i, d in enumerate(reversed(digits), 1))
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


@pytest.fixture
def settings_for(settings_for, fake_provider):
    def make(service, **overrides):
        return settings_for(service, **{"bodacc_url": fake_provider.base_url + RECORDS, **overrides})

    return make


def validated(api, a_case, reference: str, siren: str) -> dict:
    body = a_case(reference)
    body["debtor"] = {**body["debtor"], "siren": siren, "name": f"Menuiserie {reference}"}
    case = api.client.post("/api/v1/cases", json=body, headers=api.creditor)
    assert case.status_code == 201, case.text
    api.client.put(f"/api/v1/cases/{case.json()['id']}/checklist", json=VALID_CHECKLIST, headers=api.creditor)
    answer = api.client.post(f"/api/v1/cases/{case.json()['id']}/validate", json={}, headers=api.agent)
    assert answer.status_code == 200, answer.text
    return answer.json()


def publish(fake_provider, siren: str, *, nature: str, family: str = "Jugement d'ouverture", **fields) -> str:
    notice_id = f"A2026{uuid.uuid4().int % 10**8:08d}"
    record = {
        "id": notice_id,
        "familleavis": "collective",
        "familleavis_lib": "Procédures collectives",
        "dateparution": "2026-11-13",
        "registre": [f"{siren[:3]} {siren[3:6]} {siren[6:]}", siren],
        "tribunal": "Tribunal de commerce de Lyon",
        "jugement": json.dumps({"famille": family, "nature": nature, "date": "2026-11-10"}),
        **fields,
    }
    answer = httpx.post(f"{fake_provider.base_url}/bodacc/_control/notices", json=record, timeout=10)
    assert answer.status_code == 201, answer.text
    return notice_id


def test_an_opening_judgment_published_about_a_debtor_under_collection_is_recorded_once(api, a_case, fake_provider):
    siren, bystander = a_siren(), a_siren()
    case = validated(api, a_case, f"BOD-{siren}", siren)
    other = validated(api, a_case, f"BOD-{bystander}", bystander)
    notice_id = publish(fake_provider, siren, nature="Jugement d'ouverture d'une procédure de redressement judiciaire")
    publish(fake_provider, bystander, family="Jugement arrêtant le plan", nature="Plan de continuation")

    answer = api.client.post("/api/v1/intake/debtors/bodacc-watch", headers=api.agent)
    assert answer.status_code == 200, answer.text
    mine = [r for r in answer.json()["recorded"] if r["siren"] == siren]
    assert [(r["notice_id"], r["kind"], r["opened_on"], r["published_on"], r["cases_moved"]) for r in mine] == [
        (notice_id, "redressement", "2026-11-10", "2026-11-13", 1)
    ]
    assert all(r["siren"] != bystander for r in answer.json()["recorded"])
    read = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()
    assert (read["status"], read["claim_deadline"]) == ("claim_declaration", "2027-01-13")
    debtor = api.client.get(f"/api/v1/intake/debtors/{case['debtor']['id']}", headers=api.agent).json()
    assert debtor["insolvency"]["kind"] == "redressement"
    assert api.client.get(f"/api/v1/cases/{other['id']}", headers=api.creditor).json()["status"] == "amicable"
    with Session(api.engine) as session:
        [entry] = session.exec(
            select(AuditEntry).where(
                AuditEntry.action == "debtor.insolvency_recorded", AuditEntry.entity_id == case["debtor"]["id"]
            )
        ).all()
    assert entry.actor == "bodacc-watch"

    again = api.client.post("/api/v1/intake/debtors/bodacc-watch", headers=api.agent)  # the next day's pass
    assert all(r["siren"] != siren for r in again.json()["recorded"])  # recorded: no longer asked about
    assert api.client.post("/api/v1/intake/debtors/bodacc-watch", headers=api.creditor).status_code == 403


def test_the_watch_out_of_reach_says_so_and_records_nothing(api, a_case):
    siren = a_siren()
    validated(api, a_case, f"BOD-{siren}", siren)
    client = BodaccClient("http://127.0.0.1:9/nothing-listens-here", timeout_s=2)
    report = watch_bodacc(engine=api.engine, clock=api.client.app.state.runtime.clock, client=client, lookback_days=60)
    assert report.unreachable and report.recorded == [] and report.watched >= 1


@pytest.mark.intake_settings(bodacc_url="")
def test_without_a_configured_watch_the_route_says_how_to_record_proceedings(api):
    answer = api.client.post("/api/v1/intake/debtors/bodacc-watch", headers=api.agent)
    assert answer.status_code == 409 and "INTAKE_BODACC_URL" in answer.text
