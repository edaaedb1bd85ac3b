"""What a returned e-mail says, read without a mailbox: a relay's delivery status notification (RFC 3464) for one of
our messages is a bounce with the relay's words; a delay, an ordinary e-mail, or a notice about a message that is
not ours is nothing."""

from __future__ import annotations

import uuid

from workbench.stack.mail import delivery_status_notice

from dunning.channels.base import rfc822_message_id
from dunning.channels.email import envelope_sender
from dunning.messages.bounces import read_bounce


def original(message_id: str) -> bytes:
    headers = f"From: relances@recouvra.example\r\nTo: compta@dupont.invalid\r\nMessage-ID: {message_id}\r\n"
    return (headers + "\r\nBonjour\r\n").encode()


def test_a_failed_delivery_of_our_message_is_a_bounce_with_the_relays_words():
    ours = uuid.uuid4()
    notice = delivery_status_notice(
        "relances@recouvra.example", "compta@dupont.invalid", original(rfc822_message_id(str(ours)))
    )
    bounce = read_bounce(notice)
    assert bounce is not None
    assert (bounce.message_id, bounce.recipient) == (ours, "compta@dupont.invalid")
    assert bounce.diagnostic == "550 5.1.2 <compta@dupont.invalid>: Host or domain name not found"


def test_a_delay_an_ordinary_e_mail_and_someone_elses_message_are_not_bounces():
    ours = rfc822_message_id(str(uuid.uuid4()))
    notice = delivery_status_notice("relances@recouvra.example", "compta@dupont.invalid", original(ours))
    assert read_bounce(notice.replace(b"Action: failed", b"Action: delayed")) is None
    assert read_bounce(original(ours)) is None
    assert read_bounce(delivery_status_notice("x@example.org", "y@z.invalid", original("<abc@example.org>"))) is None


def test_the_address_a_notice_is_returned_to_names_our_message_even_without_the_original_headers():
    ours = str(uuid.uuid4())
    returned_to = envelope_sender("retours@recouvra.example", ours)
    assert returned_to == f"retours+{ours}@recouvra.example"
    notice = delivery_status_notice(returned_to, "compta@dupont.invalid", original("<abc@relay.example>"))
    bounce = read_bounce(notice)
    assert bounce is not None and str(bounce.message_id) == ours
