"""A creditor that has not answered a dispute is reminded once by e-mail, through the real mail server, after
`DUNNING_DISPUTE_CREDITOR_REMINDER_DAYS` (7): not before, never twice, not once it answered, not for a payment the
debtor declared (the agency looks for that one in its own account)."""

from __future__ import annotations

import uuid
from datetime import date

from workbench.testing.moments import at

DUE = date(2026, 10, 1)


def disputed(dunning, body: dict) -> tuple[object, str, str]:
    creditor_id = uuid.uuid4()
    address = f"litiges-{creditor_id.hex[:8]}@creancier.example"
    dunning.register_creditor(creditor_id, email=address)
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    opened = dunning.client.post(f"/api/v1/dunning/cases/{case.case_id}/disputes", json=body, headers=dunning.headers())
    assert opened.status_code == 201, opened.text
    return case, opened.json()["id"], address


def reminders(mail_server, address: str) -> list:
    return [m for m in mail_server.mailbox.find(to=address) if m["Subject"].startswith("Rappel : litige")]


def test_the_creditor_is_reminded_once_of_a_dispute_it_left_unanswered(dunning, mail_server):
    dunning.clock.set(at(date(2026, 11, 2), 10))
    case, _, address = disputed(dunning, {"reason": "Palettes abîmées à la livraison", "category": "not_compliant"})
    answered, answered_id, answered_to = disputed(dunning, {"reason": "Montant erroné"})
    _, _, declared_to = disputed(
        dunning, {"reason": "Payé par virement", "kind": "payment_declared", "declared_amount": "100.00"}
    )
    dunning.clock.set(at(date(2026, 11, 5), 10))
    own = dunning.headers("creditor", creditor_id=uuid.UUID(answered.creditor_id))
    told = dunning.client.post(
        f"/api/v1/dunning/cases/{answered.case_id}/disputes/{answered_id}/answer",
        json={"text": "Bon joint."},
        headers=own,
    )
    assert told.status_code == 200, told.text

    dunning.clock.set(at(date(2026, 11, 8), 10))  # six days: not yet
    assert dunning.run()["creditors_reminded"] == 0
    dunning.clock.set(at(date(2026, 11, 9), 10, 30))  # seven days and a half
    assert dunning.run()["creditors_reminded"] == 1
    assert dunning.run()["creditors_reminded"] == 0  # once

    [reminder] = reminders(mail_server, address)
    assert reminder["Subject"] == f"Rappel : litige en attente de votre réponse — dossier {case.reference}"
    text = " ".join(reminder.get_body(("plain",)).get_content().split())
    assert "conteste la créance depuis le 2 novembre 2026 (7 jours) (marchandise ou prestation non conforme)" in text
    assert "« Palettes abîmées à la livraison »" in text and "aucune relance de ce dossier ne part" in text
    assert reminders(mail_server, answered_to) == [] and reminders(mail_server, declared_to) == []
