"""A document filed with a case is said on `intake.cases` (`document.attached`, keyed by the case), in the same
transaction: its kind, its safe name and when, never its content; a refused file says nothing."""

from __future__ import annotations

import io
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from shared.events.intake_documents import DocumentAttached
from shared.outbox import OutboxMessage

from intake.cases.document_announcements import announce_documents

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def said(api) -> list[OutboxMessage]:
    with Session(api.engine) as session:
        return list(
            session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.event_type == DocumentAttached.type)
                .order_by(col(OutboxMessage.seq))
            ).all()
        )


def test_a_filed_document_is_said_with_its_kind_and_name_and_a_refused_one_is_not(api, a_case):
    opened = api.client.post("/api/v1/cases", json=a_case("DOC-EVENT-1"), headers=api.creditor)
    assert opened.status_code == 201, opened.text
    case = opened.json()
    path = f"/api/v1/cases/{case['id']}/documents"

    filed = api.client.post(
        path,
        data={"kind": "delivery_proof"},
        files={"file": ("../bons/bl-0412.pdf", io.BytesIO(PDF))},
        headers=api.creditor,
    )
    refused = api.client.post(
        path, data={"kind": "delivery_proof"}, files={"file": ("vide.pdf", io.BytesIO(b""))}, headers=api.creditor
    )

    assert filed.status_code == 201, filed.text
    assert refused.status_code == 422
    [row] = said(api)
    assert row.topic == DocumentAttached.topic and row.key == case["id"]
    data = row.envelope["data"]
    assert data["document_id"] == filed.json()["id"] and data["case_id"] == case["id"]
    assert data["creditor_id"] == case["creditor_id"] and data["kind"] == "delivery_proof"
    assert data["filename"] == "bl-0412.pdf"
    assert datetime.fromisoformat(data["attached_at"]) == datetime.fromisoformat(filed.json()["uploaded_at"])
    assert set(data) == {"case_id", "creditor_id", "document_id", "kind", "filename", "attached_at"}


def test_documents_filed_before_intake_said_so_are_announced_once_each(api, a_case, clock):
    opened = api.client.post("/api/v1/cases", json=a_case("DOC-EVENT-2"), headers=api.creditor)
    assert opened.status_code == 201, opened.text
    case = opened.json()
    ids = []
    for kind, name in (("contract", "contrat.pdf"), ("delivery_proof", "bl.pdf")):
        filed = api.client.post(
            f"/api/v1/cases/{case['id']}/documents",
            data={"kind": kind},
            files={"file": (name, io.BytesIO(PDF))},
            headers=api.creditor,
        )
        assert filed.status_code == 201, filed.text
        ids.append(filed.json()["id"])
    with Session(api.engine) as session, session.begin():  # as before intake said a filed document
        session.execute(delete(OutboxMessage).where(col(OutboxMessage.event_type) == DocumentAttached.type))
    assert said(api) == []

    assert announce_documents(engine=api.engine, clock=clock) == 2
    assert announce_documents(engine=api.engine, clock=clock) == 0  # each once, whatever the runs

    rows = said(api)
    assert sorted(row.envelope["data"]["document_id"] for row in rows) == sorted(ids)
    assert {row.key for row in rows} == {case["id"]}
    assert {row.envelope["data"]["kind"] for row in rows} == {"contract", "delivery_proof"}
