"""The creditor answers a dispute on its case: once, while the dispute is open, kept on the dispute with an audit
entry and a `DisputeAnswered` event in the outbox; another creditor is told the case does not exist."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, select

from shared.audit import AuditEntry
from workbench.testing.moments import at

DUE = date(2026, 11, 2)


def disputed_case(dunning):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    dunning.clock.set(at(date(2026, 11, 4)))
    opened = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes",
        json={"reason": "Marchandise jamais livrée"},
        headers=dunning.headers(),
    )
    assert opened.status_code == 201, opened.text
    answer = f"/api/v1/dunning/cases/{case.case_id}/disputes/{opened.json()['id']}/answer"
    return case, opened.json(), answer, dunning.headers("creditor", creditor_id)


def test_the_creditor_answers_an_open_dispute_once_and_the_answer_is_kept(dunning):
    case, dispute, answer, mine = disputed_case(dunning)

    answered = dunning.client.post(
        answer, json={"text": "Bon de livraison signé le 3 octobre, ci-joint."}, headers=mine
    )

    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert body["creditor_answer"] == "Bon de livraison signé le 3 octobre, ci-joint."
    assert body["answered_at"] is not None and body["status"] == "open"
    [listed] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/disputes", headers=mine).json()
    assert listed["creditor_answer"] == body["creditor_answer"]
    [event] = dunning.outbox("recouvra.dunning.dispute.answered.v1")
    assert event["dispute_id"] == dispute["id"] and event["case_id"] == case.case_id
    assert event["creditor_id"] == case.creditor_id and "text" not in event
    with Session(dunning.engine) as session:
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.entity_id == case.case_id)).all()
    assert "dispute.answered" in actions

    again = dunning.client.post(answer, json={"text": "Autre chose"}, headers=mine)
    assert again.status_code == 409 and "already answered" in again.json()["detail"]
    assert len(dunning.outbox("recouvra.dunning.dispute.answered.v1")) == 1


def test_a_resolved_dispute_can_no_longer_be_answered(dunning):
    case, dispute, answer, mine = disputed_case(dunning)
    resolved = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes/{dispute['id']}/resolve",
        json={"outcome": "upheld"},
        headers=dunning.headers(),
    )
    assert resolved.status_code == 200, resolved.text

    refused = dunning.client.post(answer, json={"text": "Trop tard"}, headers=mine)

    assert refused.status_code == 409 and "already resolved" in refused.json()["detail"]
    french = dunning.client.post(answer, json={"text": "Trop tard"}, headers={**mine, "Accept-Language": "fr"})
    assert "déjà résolu" in french.json()["detail"]
    assert dunning.outbox("recouvra.dunning.dispute.answered.v1") == []


def test_another_creditor_and_an_unknown_dispute_are_not_found_and_an_empty_answer_is_refused(dunning):
    case, _, answer, mine = disputed_case(dunning)

    stranger = dunning.client.post(answer, json={"text": "Intrus"}, headers=dunning.headers("creditor", uuid.uuid4()))
    unknown = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes/{uuid.uuid4()}/answer", json={"text": "?"}, headers=mine
    )
    empty = dunning.client.post(answer, json={"text": " \u200b "}, headers=mine)
    too_long = dunning.client.post(answer, json={"text": "x" * 4001}, headers=mine)

    assert stranger.status_code == 404 and unknown.status_code == 404
    assert empty.status_code == 422 and too_long.status_code == 422
    assert dunning.outbox("recouvra.dunning.dispute.answered.v1") == []


def test_staff_may_record_the_answer_on_the_creditors_behalf(dunning):
    _, _, answer, _ = disputed_case(dunning)

    answered = dunning.client.post(answer, json={"text": "Réponse transmise par téléphone"}, headers=dunning.headers())

    assert answered.status_code == 200, answered.text
    assert answered.json()["creditor_answer"] == "Réponse transmise par téléphone"
