"""Staff register the credit insurers and factors the agency works with (supervisors and admins), admins a bailiff
firm, list every partner by kind, and a policy then names the insurer registered; a second registration of the same
name is refused in the caller's language; creditors and bailiffs see no partner list."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from shared.audit import AuditEntry


def register(legal, kind: str, name: str, role: str = "supervisor"):
    return legal.client.post("/api/v1/legal/partners", json={"kind": kind, "name": name}, headers=legal.headers(role))


def test_a_supervisor_registers_an_insurer_that_a_policy_then_names(legal):
    response = register(legal, "insurer", "  Allianz Trade France ")
    assert response.status_code == 201, response.text
    insurer = response.json()
    assert insurer["kind"] == "insurer" and insurer["name"] == "Allianz Trade France" and insurer["active"] is True

    creditor = uuid.uuid4()
    policy = legal.client.put(
        f"/api/v1/legal/creditors/{creditor}/insurance-policy",
        json={
            "insurer_id": insurer["id"],
            "policy_number": "AT-2026-1",
            "declaration_days": 60,
            "indemnity_percentage": "90.00",
            "waiting_days": 90,
        },
        headers=legal.headers("agent"),
    )
    assert policy.status_code == 200, policy.text
    assert policy.json()["insurer_name"] == "Allianz Trade France"
    read = legal.client.get(f"/api/v1/legal/partners/{insurer['id']}", headers=legal.headers("agent"))
    assert read.status_code == 200 and read.json() == insurer


def test_the_same_name_twice_is_refused_in_the_callers_language(legal):
    assert register(legal, "factor", "BPI Factor").status_code == 201
    again = legal.client.post(
        "/api/v1/legal/partners",
        json={"kind": "factor", "name": "bpi factor"},
        headers=legal.headers("admin") | {"Accept-Language": "fr"},
    )
    assert again.status_code == 409
    assert "déjà enregistré" in again.text
    english = register(legal, "factor", "BPI FACTOR", role="admin")
    assert english.status_code == 409 and "already registered" in english.text
    assert register(legal, "insurer", "BPI Factor").status_code == 201, "another kind, another partner"


def test_only_supervisors_or_admins_register_partners_and_only_admins_a_bailiff_firm(legal):
    supervisor = legal.client.post(
        "/api/v1/legal/partners",
        json={"kind": "bailiff", "name": "Étude Martin"},
        headers=legal.headers("supervisor") | {"Accept-Language": "fr"},
    )
    assert supervisor.status_code == 403 and "seul un administrateur" in supervisor.text
    firm = register(legal, "bailiff", " Étude Martin ", role="admin")
    assert firm.status_code == 201, firm.text
    assert firm.json()["kind"] == "bailiff" and firm.json()["name"] == "Étude Martin"
    again = register(legal, "bailiff", "ÉTUDE MARTIN", role="admin")
    assert again.status_code == 409 and "already registered" in again.text
    refused = legal.client.patch(
        f"/api/v1/legal/partners/{firm.json()['id']}", json={"name": "Étude Durand"}, headers=legal.headers("admin")
    )
    assert refused.status_code == 409, "a bailiff firm's name is not changed here"
    with Session(legal.engine) as session:
        trail = session.exec(select(AuditEntry).where(AuditEntry.entity_id == firm.json()["id"])).all()
    assert [(e.action, e.actor_role, e.details["kind"]) for e in trail] == [("partner.registered", "admin", "bailiff")]

    assert register(legal, "notary", "Étude Martin", role="admin").status_code == 422
    assert register(legal, "insurer", "").status_code == 422
    assert register(legal, "insurer", "Coface", role="agent").status_code == 403
    assert register(legal, "insurer", "Coface", role="creditor").status_code == 403


def test_staff_list_partners_by_kind_a_page_at_a_time(legal):
    for name in ("Coface", "Atradius", "Allianz Trade"):
        assert register(legal, "insurer", name).status_code == 201
    assert register(legal, "factor", "CA Leasing & Factoring").status_code == 201

    page = legal.client.get(
        "/api/v1/legal/partners", params={"kind": "insurer", "limit": 2}, headers=legal.headers("agent")
    )
    assert page.status_code == 200
    assert page.json()["total"] == 3
    assert [p["name"] for p in page.json()["items"]] == ["Allianz Trade", "Atradius"]
    rest = legal.client.get(
        "/api/v1/legal/partners", params={"kind": "insurer", "offset": 2}, headers=legal.headers("agent")
    )
    assert [p["name"] for p in rest.json()["items"]] == ["Coface"]
    everyone = legal.client.get("/api/v1/legal/partners", headers=legal.headers("agent")).json()
    assert {p["kind"] for p in everyone["items"]} >= {"insurer", "factor"}
    creditor = legal.client.get("/api/v1/legal/partners", headers=legal.headers("creditor", creditor_id=uuid.uuid4()))
    assert creditor.status_code == 403
    assert legal.client.get(f"/api/v1/legal/partners/{uuid.uuid4()}", headers=legal.headers()).status_code == 404


def test_an_insurer_set_aside_is_named_by_no_new_policy_and_its_name_can_be_corrected(legal):
    insurer = register(legal, "insurer", "Cofase").json()
    assert register(legal, "insurer", "Atradius").status_code == 201
    url = f"/api/v1/legal/partners/{insurer['id']}"

    corrected = legal.client.patch(url, json={"name": "Coface"}, headers=legal.headers("supervisor"))
    assert corrected.status_code == 200 and corrected.json()["name"] == "Coface"
    taken = legal.client.patch(url, json={"name": "atradius"}, headers=legal.headers("supervisor"))
    assert taken.status_code == 409
    assert legal.client.patch(url, json={"active": False}, headers=legal.headers("agent")).status_code == 403
    aside = legal.client.patch(url, json={"active": False}, headers=legal.headers("admin"))
    assert aside.status_code == 200 and aside.json()["active"] is False

    policy = legal.client.put(
        f"/api/v1/legal/creditors/{uuid.uuid4()}/insurance-policy",
        json={
            "insurer_id": insurer["id"],
            "policy_number": "CF-1",
            "declaration_days": 60,
            "indemnity_percentage": "90.00",
            "waiting_days": 90,
        },
        headers=legal.headers("agent"),
    )
    assert policy.status_code == 422 and "not an active insurer" in policy.text

    bailiff = legal.add_partner("bailiff", "Étude Martin")
    refused = legal.client.patch(
        f"/api/v1/legal/partners/{bailiff}", json={"active": False}, headers=legal.headers("admin")
    )
    assert refused.status_code == 409 and "only insurers and factors" in refused.text
