"""A document proves the checklist's item it is evidence of: a contract, purchase order or proforma ticks "signed
contract", a proof of delivery ticks "delivery evidenced", while the checklist is open (draft, submitted). Once the
case is validated the checklist is settled, and a document attached later changes nothing."""

from __future__ import annotations

import io

from sqlmodel import Session, select

from shared.audit import AuditEntry

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach(api, case_id, kind):
    answer = api.client.post(
        f"/api/v1/cases/{case_id}/documents",
        data={"kind": kind},
        files={"file": (f"{kind}.pdf", io.BytesIO(PDF))},
        headers=api.creditor,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def checklist(api, case_id) -> dict:
    return api.client.get(f"/api/v1/cases/{case_id}", headers=api.creditor).json()["checklist"]


def test_a_contract_and_a_proof_of_delivery_tick_the_open_checklist(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case("EVID-0001"), headers=api.creditor).json()
    assert checklist(api, case["id"])["missing"] != []

    attach(api, case["id"], "correspondence")
    assert checklist(api, case["id"])["contract_signed"] is False  # a letter proves neither
    proforma = attach(api, case["id"], "proforma")
    assert checklist(api, case["id"])["contract_signed"] is True
    delivery = attach(api, case["id"], "delivery_proof")
    assert checklist(api, case["id"])["complete"] is True

    with Session(api.engine) as session:
        ticked = session.exec(select(AuditEntry).where(AuditEntry.action == "case.checklist_updated")).all()
    assert [e.details for e in ticked] == [
        {"contract_signed": True, "evidenced_by": proforma["id"]},
        {"delivery_evidenced": True, "evidenced_by": delivery["id"]},
    ]


def test_a_document_attached_after_validation_leaves_the_settled_checklist_alone(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case("EVID-0002"), headers=api.creditor).json()
    validated = api.client.post(
        f"/api/v1/cases/{case['id']}/validate",
        json={"override_reason": "pièces promises par le client"},
        headers=api.agent,
    )
    assert validated.status_code == 200, validated.text

    attach(api, case["id"], "contract")

    assert checklist(api, case["id"])["contract_signed"] is False
