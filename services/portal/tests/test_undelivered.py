"""Which contact detail the case's page asks to correct: the last message on it came back from the detail still
known. Without a database: dunning's contact log and intake's debtor as the page reads them."""

from __future__ import annotations

from typing import Any

from portal.web.undelivered import undelivered

DEBTOR = {
    "email": "compta@dupont.example",
    "phone": "+33612345678",
    "address": {"line1": "3 rue du Louvre", "postal_code": "75001", "city": "Paris"},
}


def sent(channel: str, recipient: str, status: str, day: int, **more: Any) -> dict[str, Any]:
    at = f"2026-11-{day:02d}T09:00:00+00:00"
    return {"audience": "debtor", "channel": channel, "recipient": recipient, "status": status, "sent_at": at, **more}


def log(*messages: dict[str, Any]) -> dict[str, Any]:
    return {"items": list(messages), "total": len(messages)}


def test_the_last_message_of_each_detail_decides_and_a_corrected_detail_is_not_asked_again():
    messages = log(
        sent("email", "Compta@Dupont.example", "bounced", 3, detail="550 no such user"),
        sent("sms", "+33612345678", "delivered", 4),
        sent("letter", "3 rue du Louvre / 75001 Paris", "returned", 5),
    )
    found = undelivered(messages, DEBTOR)
    assert [(item.detail, item.channel, item.said) for item in found] == [
        ("email", "email", "550 no such user"),
        ("address", "letter", None),
    ]
    moved = {**DEBTOR, "email": "factures@dupont.example", "address": {"line1": "8 quai", "postal_code": "33000"}}
    assert undelivered(messages, moved) == []


def test_a_later_message_delivered_on_the_same_detail_clears_it_and_the_creditors_copies_do_not_count():
    messages = log(
        sent("email", "compta@dupont.example", "bounced", 3),
        sent("email", "compta@dupont.example", "delivered", 9),
        sent("formal_notice", "3 rue du Louvre / 75001 Paris", "returned", 10),
        sent("letter", "3 rue du Louvre / 75001 Paris", "sent", 12),
        {**sent("email", "creditor@demo.example", "bounced", 12), "audience": "creditor"},
    )
    assert undelivered(messages, DEBTOR) == []
    assert undelivered(None, DEBTOR) == [] and undelivered(object(), DEBTOR) == []  # dunning did not answer
