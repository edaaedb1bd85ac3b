"""A prepared message as its channel takes it: the recipient's coordinates kept with the message, the agency as
sender, the provider's callback address."""

from __future__ import annotations

from collections.abc import Callable

from dunning.cases.composing import agency_of, message_reference
from dunning.channels.base import Outgoing
from dunning.config import Settings
from dunning.domain.scenarios import POSTAL, REGISTERED, Channel
from dunning.messages.models import Message
from dunning.messages.replies import reply_to_address

CALLBACK_PATH = "/api/v1/dunning/provider-callbacks"


def callback_url(settings: Settings) -> str:
    base = settings.callback_base_url or settings.service_urls.get("dunning", "")
    return base.rstrip("/") + CALLBACK_PATH if base else ""


def outgoing_builder(settings: Settings) -> Callable[[Message], Outgoing]:
    agency = agency_of(settings)
    callback = callback_url(settings) or None

    def outgoing_for(message: Message) -> Outgoing:
        channel = Channel(message.channel)
        recipient = message.recipient_data
        return Outgoing(
            message_id=str(message.id),
            channel="letter" if channel in POSTAL else channel.value,
            recipient_name=str(recipient.get("name") or ""),
            subject=message.subject,
            text=message.body,
            recipient_email=recipient.get("email"),
            recipient_phone=recipient.get("phone"),
            recipient_address_lines=tuple(recipient.get("address_lines") or ()),
            sender_name=agency.name,
            sender_email=settings.smtp_sender,
            sender_address_lines=agency.address_lines,
            html=message.html,
            pdf=message.document,
            registered=channel in REGISTERED,
            callback_url=callback,
            reference=message_reference(message.id),
            # a debtor's reply names this message, and so its case (`dunning.messages.replies`)
            reply_to=reply_to_address(settings.reply_address, str(message.id))
            if settings.reply_address and message.audience == "debtor"
            else None,
            in_reply_to=recipient.get("in_reply_to"),
        )

    return outgoing_for
