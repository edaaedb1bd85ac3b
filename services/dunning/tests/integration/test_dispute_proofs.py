"""A dispute's proof over the real database: the documents intake says were filed (once each, whatever dunning knows
of the case yet), what the dispute's category asks the creditor for in its notice, the proof received, judged
insufficient by staff (the creditor told what is missing, once), then received again by a newer document."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from shared.audit import AuditEntry
from shared.events.intake_documents import DocumentAttached
from workbench.testing.moments import at

from dunning.messages.models import Message

DUE = date(2026, 11, 2)


def attach(dunning, case, kind: str, filename: str, when: datetime) -> DocumentAttached:
    event = DocumentAttached(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        document_id=str(uuid.uuid4()),
        kind=kind,
        filename=filename,
        attached_at=when,
    )
    dunning.apply(event, subject=case.case_id)
    return event


def new_case(dunning):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    return dunning.validate_case(due=DUE, creditor_id=creditor_id)


def open_dispute(dunning, case, body: dict) -> dict:
    dunning.clock.set(at(date(2026, 11, 4)))
    opened = dunning.client.post(f"/api/v1/dunning/cases/{case.case_id}/disputes", json=body, headers=dunning.headers())
    assert opened.status_code == 201, opened.text
    return opened.json()


def notices(dunning, case, template: str) -> list[Message]:
    with Session(dunning.engine) as session:
        return list(
            session.exec(
                select(Message).where(Message.case_id == uuid.UUID(case.case_id), Message.template == template)
            ).all()
        )


def plain(text: str) -> str:
    return " ".join(text.split())


def test_a_proof_filed_before_the_dispute_is_received_and_the_creditor_is_told_it_will_be_read(dunning):
    case = new_case(dunning)
    bl = attach(dunning, case, "delivery_proof", "bl-0412.pdf", datetime(2026, 10, 20, 9, tzinfo=UTC))
    attach(dunning, case, "invoice", "facture.pdf", datetime(2026, 10, 20, 9, tzinfo=UTC))
    dunning.apply(bl, subject=case.case_id)  # delivered twice: kept once

    dispute = open_dispute(dunning, case, {"reason": "Jamais reçu les palettes", "category": "not_received"})

    proof = dispute["proof"]
    assert proof["required"] == ["delivery_proof"] and proof["status"] == "received"
    assert [d["document_id"] for d in proof["documents"]] == [bl.document_id]
    assert proof["documents"][0]["filename"] == "bl-0412.pdf" and proof["insufficient_at"] is None
    [told] = notices(dunning, case, "creditor-dispute")
    assert (
        "Les pièces déjà au dossier qui peuvent y répondre seront examinées : bl-0412.pdf (déposée le 20 octobre "
        "2026)" in plain(told.body)
    )


def test_requested_then_received_judged_insufficient_once_then_received_again(dunning):
    case = new_case(dunning)
    dispute = open_dispute(dunning, case, {"reason": "Ce n'est pas ce qui était commandé", "category": "not_compliant"})
    path = f"/api/v1/dunning/cases/{case.case_id}/disputes/{dispute['id']}/proof-insufficient"
    assert dispute["proof"]["status"] == "requested" and dispute["proof"]["documents"] == []
    [told] = notices(dunning, case, "creditor-dispute")
    assert "merci de joindre au dossier depuis votre espace créancier le bon de commande ou le contrat signé" in (
        plain(told.body)
    )
    nothing = dunning.client.post(path, json={"note": "Il manque le bon de commande"}, headers=dunning.headers())
    assert nothing.status_code == 409 and "nothing to judge" in nothing.json()["detail"]

    order = attach(dunning, case, "purchase_order", "bc.pdf", at(date(2026, 11, 5)))
    [listed] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/disputes", headers=dunning.headers()).json()
    assert listed["proof"]["status"] == "received"
    creditor = dunning.headers("creditor", uuid.UUID(case.creditor_id))
    assert dunning.client.post(path, json={"note": "Pas signé"}, headers=creditor).status_code == 403

    dunning.clock.set(at(date(2026, 11, 6), 10))
    judged = dunning.client.post(path, json={"note": "Le bon de commande n'est pas signé"}, headers=dunning.headers())
    assert judged.status_code == 200, judged.text
    proof = judged.json()["proof"]
    assert proof["status"] == "insufficient" and proof["insufficient_note"] == "Le bon de commande n'est pas signé"
    assert [d["document_id"] for d in proof["documents"]] == [order.document_id]
    again = dunning.client.post(path, json={"note": "Autre chose"}, headers=dunning.headers())
    assert (
        again.status_code == 200 and again.json()["proof"]["insufficient_note"] == "Le bon de commande n'est pas signé"
    )
    [event] = dunning.outbox("recouvra.dunning.dispute.proof_insufficient.v1")
    assert event["dispute_id"] == dispute["id"] and "note" not in event
    [asked] = notices(dunning, case, "creditor-dispute-proof")
    assert asked.subject == f"Pièces insuffisantes pour le litige — dossier {case.reference}"
    assert "« Le bon de commande n'est pas signé »" in asked.body and "le contrat signé" in plain(asked.body)
    with Session(dunning.engine) as session:
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.entity_id == case.case_id)).all()
    assert "dispute.proof_insufficient" in actions

    attach(dunning, case, "contract", "contrat-signe.pdf", at(date(2026, 11, 9)))
    [listed] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/disputes", headers=creditor).json()
    assert listed["proof"]["status"] == "received" and len(listed["proof"]["documents"]) == 2
    assert listed["proof"]["insufficient_at"] is not None  # the last judgement stays to be read


def test_a_document_for_a_case_dunning_has_not_heard_of_yet_is_kept_for_when_it_does(dunning):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case_id = str(uuid.uuid4())
    early = DocumentAttached(
        case_id=case_id,
        creditor_id=str(creditor_id),
        document_id=str(uuid.uuid4()),
        kind="delivery_proof",
        filename="bl.pdf",
        attached_at=at(DUE, 7),
    )
    dunning.apply(early, subject=case_id)
    other = dunning.validate_case(due=DUE, creditor_id=creditor_id)  # its shape, for the case the document named
    case = other.model_copy(update={"case_id": case_id, "reference": "CRED-TARDIF"})
    dunning.apply(case, subject=case_id)

    dispute = open_dispute(dunning, case, {"reason": "Pas livré", "category": "not_received"})
    elsewhere = open_dispute(dunning, other, {"reason": "Pas livré non plus", "category": "not_received"})

    assert dispute["proof"]["status"] == "received" and dispute["proof"]["documents"][0]["filename"] == "bl.pdf"
    assert elsewhere["proof"]["status"] == "requested"  # another case's document does not answer this one
    queue = dunning.client.get("/api/v1/dunning/disputes", headers=dunning.headers()).json()
    listed = {item["id"]: item["proof"]["status"] for item in queue["items"]}
    assert listed[dispute["id"]] == "received" and listed[elsewhere["id"]] == "requested"


def test_a_declared_payment_or_a_resolved_dispute_is_not_judged(dunning):
    case = new_case(dunning)
    declared = open_dispute(dunning, case, {"reason": "Déjà payé par virement", "kind": "payment_declared"})
    assert declared["proof"] == {
        "required": [],
        "status": "not_required",
        "documents": [],
        "insufficient_at": None,
        "insufficient_note": None,
    }
    path = f"/api/v1/dunning/cases/{case.case_id}/disputes/{declared['id']}/proof-insufficient"
    refused = dunning.client.post(path, json={"note": "Rien"}, headers={**dunning.headers(), "Accept-Language": "fr"})
    assert refused.status_code == 409 and "n'appelle aucune pièce" in refused.json()["detail"]
    resolved = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes/{declared['id']}/resolve",
        json={"outcome": "upheld"},
        headers=dunning.headers(),
    )
    assert resolved.status_code == 200, resolved.text
    late = dunning.client.post(path, json={"note": "Rien"}, headers=dunning.headers())
    assert late.status_code == 409 and "already resolved" in late.json()["detail"]
    blank = dunning.client.post(path, json={"note": "  "}, headers=dunning.headers())
    assert blank.status_code == 422


def test_a_proof_filed_is_the_creditors_move_for_the_queue_and_its_reminder_until_judged_insufficient(dunning):
    case = new_case(dunning)
    dispute = open_dispute(dunning, case, {"reason": "Jamais reçu", "category": "not_received"})
    creditor = dunning.headers("creditor", uuid.UUID(case.creditor_id))

    def awaiting() -> str:
        page = dunning.client.get("/api/v1/dunning/disputes", params={"case_id": case.case_id}, headers=creditor)
        [item] = page.json()["items"]
        by_filter = {
            side: [
                i["id"]
                for i in dunning.client.get(
                    "/api/v1/dunning/disputes", params={"case_id": case.case_id, "awaiting": side}, headers=creditor
                ).json()["items"]
            ]
            for side in ("creditor", "agency")
        }
        assert by_filter[item["awaiting"]] == [dispute["id"]] and page.json()["awaiting_creditor"] == (
            1 if item["awaiting"] == "creditor" else 0
        )
        return str(item["awaiting"])

    assert awaiting() == "creditor"
    attach(dunning, case, "invoice", "facture.pdf", at(date(2026, 11, 5)))  # not what it asks for
    assert awaiting() == "creditor"
    attach(dunning, case, "delivery_proof", "bl.pdf", at(date(2026, 11, 5)))
    assert awaiting() == "agency"  # no answer written, but the document that answers it
    dunning.clock.set(at(date(2026, 11, 12), 11))  # eight days: no reminder, the creditor did its part
    assert dunning.run()["creditors_reminded"] == 0

    judge = f"/api/v1/dunning/cases/{case.case_id}/disputes/{dispute['id']}/proof-insufficient"
    assert dunning.client.post(judge, json={"note": "Non signé"}, headers=dunning.headers()).status_code == 200
    assert awaiting() == "creditor"
    assert dunning.run()["creditors_reminded"] == 1  # asked again, and past the days: reminded once
