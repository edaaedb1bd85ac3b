"""What the case's page says of a contact detail that does not work: the last message of a channel to the debtor came
back (an e-mail bounced, an SMS failed, a letter returned: « n'habite pas à l'adresse indiquée ») and went to the
detail still known, which then needs correcting. Once corrected, the message went elsewhere and nothing is said."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Each channel with the contact detail it uses; a formal notice goes by registered letter to the postal address.
CHANNELS = {"email": "email", "sms": "phone", "letter": "address", "formal_notice": "address"}
CAME_BACK = {"bounced", "failed", "returned"}


@dataclass(frozen=True)
class Undelivered:
    detail: str  # the contact detail to correct: email | phone | address
    channel: str
    recipient: str
    at: str  # when it was sent (an ISO instant, as dunning gives it)
    said: str | None  # what the provider said


def undelivered(messages: Any, debtor: dict[str, Any]) -> list[Undelivered]:
    """For each contact detail, the last message that used it, when it came back from the detail still known."""
    last: dict[str, dict[str, Any]] = {}
    for message in (messages or {}).get("items", []) if isinstance(messages, dict) else []:
        if message.get("audience") == "debtor" and message.get("channel") in CHANNELS and message.get("sent_at"):
            last[CHANNELS[message["channel"]]] = message  # dunning lists them oldest first
    found = []
    for detail, message in last.items():
        if message.get("status") in CAME_BACK and still_known(
            message["channel"], str(message.get("recipient")), debtor
        ):
            found.append(
                Undelivered(detail, message["channel"], message["recipient"], message["sent_at"], message.get("detail"))
            )
    return sorted(found, key=lambda item: list(CHANNELS.values()).index(item.detail))


def still_known(channel: str, recipient: str, debtor: dict[str, Any]) -> bool:
    """Whether the message on `channel` went to the detail the debtor still has (intake's case read)."""
    detail = CHANNELS[channel]
    if detail == "email":
        return recipient.lower() == str(debtor.get("email") or "").lower()
    if detail == "phone":
        return recipient == (debtor.get("phone") or "")
    address = debtor.get("address") or {}
    # dunning writes the address's lines one after the other: the same first line and postal code, the same address
    return bool(address) and all(str(address.get(part) or "") in recipient for part in ("line1", "postal_code"))
