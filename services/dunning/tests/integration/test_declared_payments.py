"""A payment the debtor declares is a dispute of its own kind: it holds the reminders as a dispute does, is listed
with its kind, and the creditor is asked whether it was paid to them directly, not for the claim's documents."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, select

from workbench.testing.moments import at

from dunning.messages.models import Message
from dunning.responses.notices import SIGN_OFF

DUE = date(2026, 11, 2)


def _opened(dunning, body, currency="EUR"):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id, currency=currency)
    dunning.clock.set(at(date(2026, 11, 4)))
    opened = dunning.client.post(f"/api/v1/dunning/cases/{case.case_id}/disputes", json=body, headers=dunning.headers())
    assert opened.status_code == 201, opened.text
    with Session(dunning.engine) as session:
        told = session.exec(
            select(Message).where(Message.case_id == uuid.UUID(case.case_id), Message.template == "creditor-dispute")
        ).one()
    return case, opened.json(), told


def test_a_declared_payment_holds_the_case_and_asks_the_creditor_whether_it_was_paid_to_them(dunning):
    reason = "Paiement déjà effectué, déclaré par le débiteur en ligne : 1 200,00 € le 3 novembre 2026 par virement."
    case, dispute, told = _opened(dunning, {"reason": reason, "kind": "payment_declared"})

    assert dispute["kind"] == "payment_declared" and dispute["status"] == "open"
    [listed] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/disputes", headers=dunning.headers()).json()
    assert listed["kind"] == "payment_declared"
    steps = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/steps", headers=dunning.headers()).json()
    assert steps["status"] == "dispute"  # the reminders wait, as for any dispute
    assert told.subject.startswith("Paiement déclaré par le débiteur")
    assert "déclare avoir déjà payé" in told.body and reason in told.body
    assert "versé directement" in told.body and "preuve de livraison" not in told.body
    assert told.body.endswith(SIGN_OFF) and "Bien cordialement," in told.body  # a letter, not a bare notice


def test_a_dispute_is_still_a_dispute_and_an_unknown_kind_is_refused_in_plain_words(dunning):
    case, dispute, told = _opened(dunning, {"reason": "Marchandise jamais livrée"})

    assert dispute["kind"] == "dispute"
    assert told.subject.startswith("Litige ouvert") and "preuve de livraison" in told.body
    refused = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes",
        json={"reason": "autre chose", "kind": "gift"},
        headers=dunning.headers(),
    )
    assert refused.status_code == 422 and "kind" in refused.text


def test_a_declared_payments_amount_and_day_are_kept_and_listed_for_staff_until_it_is_resolved(dunning):
    body = {"reason": "Payé par virement", "kind": "payment_declared", "declared_amount": "1200.00"}
    case, dispute, _ = _opened(dunning, body | {"declared_on": "2026-11-03"})
    _, words_only, _ = _opened(dunning, {"reason": "Payé il y a longtemps", "kind": "payment_declared"})
    _opened(dunning, {"reason": "Marchandise jamais livrée"})

    assert (dispute["declared_amount"], dispute["declared_on"]) == ("1200.00", "2026-11-03")
    assert (words_only["declared_amount"], words_only["declared_on"]) == (None, None)
    listed = dunning.client.get("/api/v1/dunning/declared-payments", headers=dunning.headers(role="agent"))
    assert listed.status_code == 200, listed.text
    assert listed.json()["total"] == 1  # neither the one without an amount nor the dispute
    [declared] = listed.json()["items"]
    assert declared == {
        "dispute_id": dispute["id"],
        "case_id": case.case_id,
        "case_reference": case.reference,
        "declared_amount": "1200.00",
        "currency": "EUR",
        "declared_on": "2026-11-03",
        "opened_at": declared["opened_at"],
    }
    a_creditor = dunning.headers(role="creditor", creditor_id=uuid.uuid4())
    assert dunning.client.get("/api/v1/dunning/declared-payments", headers=a_creditor).status_code == 403

    resolved = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes/{dispute['id']}/resolve",
        json={"outcome": "cancelled", "note": "virement retrouvé"},
        headers=dunning.headers(role="agent"),
    )
    assert resolved.status_code == 200, resolved.text
    assert dunning.client.get("/api/v1/dunning/declared-payments", headers=dunning.headers(role="agent")).json() == {
        "items": [],
        "total": 0,
    }


def test_a_declared_day_to_come_or_an_amount_on_a_dispute_is_refused_in_plain_words(dunning):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    dunning.clock.set(at(date(2026, 11, 4)))
    path = f"/api/v1/dunning/cases/{case.case_id}/disputes"

    tomorrow = {
        "reason": "Je paierai",
        "kind": "payment_declared",
        "declared_amount": "10",
        "declared_on": "2026-11-05",
    }
    refused = dunning.client.post(path, json=tomorrow, headers=dunning.headers())
    assert refused.status_code == 422 and "declared_on" in refused.text
    on_a_dispute = {"reason": "Contesté", "declared_amount": "10.00"}
    refused = dunning.client.post(path, json=on_a_dispute, headers=dunning.headers())
    assert refused.status_code == 422 and "accompagnent un paiement déclaré" in refused.text
    negative = {"reason": "Payé", "kind": "payment_declared", "declared_amount": "-5", "declared_on": "2026-11-03"}
    assert dunning.client.post(path, json=negative, headers=dunning.headers()).status_code == 422
    listed = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/disputes", headers=dunning.headers()).json()
    assert listed == []  # nothing opened by a refusal


def test_a_declared_payment_is_listed_in_its_cases_currency(dunning):
    body = {"reason": "Paid by wire", "kind": "payment_declared", "declared_amount": "1200.00"}
    _opened(dunning, body | {"declared_on": "2026-11-03"}, currency="CHF")

    listed = dunning.client.get("/api/v1/dunning/declared-payments", headers=dunning.headers(role="agent"))
    assert [(item["declared_amount"], item["currency"]) for item in listed.json()["items"]] == [("1200.00", "CHF")]


def test_a_dispute_says_what_the_debtor_finds_wrong_to_the_creditor_and_in_its_event(dunning):
    body = {"reason": "Les palettes ne sont jamais arrivées.", "category": "not_received"}
    case, dispute, told = _opened(dunning, body)

    assert dispute["category"] == "not_received"
    [listed] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/disputes", headers=dunning.headers()).json()
    assert listed["category"] == "not_received"
    assert f"conteste la créance du dossier {case.reference} (marchandise ou prestation non reçue)" in told.body
    [event] = dunning.outbox("recouvra.dunning.dispute.opened.v1")
    assert (event["category"], event["reason"]) == ("not_received", body["reason"])


def test_a_category_is_one_of_dunnings_and_goes_with_a_dispute_not_a_declared_payment(dunning):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    path = f"/api/v1/dunning/cases/{case.case_id}/disputes"
    unknown = dunning.client.post(path, json={"reason": "Rien reçu", "category": "lost"}, headers=dunning.headers())
    declared = {"reason": "Payé le 3", "kind": "payment_declared", "category": "wrong_amount"}
    mixed = dunning.client.post(path, json=declared, headers=dunning.headers())
    assert (unknown.status_code, mixed.status_code) == (422, 422), (unknown.text, mixed.text)
    assert "category goes with a dispute" in mixed.text
    assert dunning.client.get(path, headers=dunning.headers()).json() == []  # nothing opened
