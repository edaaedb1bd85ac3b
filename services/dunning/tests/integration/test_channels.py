"""The channels against real servers: e-mail through the embedded SMTP server (Maildir), SMS and letters through
the local fake provider speaking the provider's API; only failures that server cannot give (a 5xx, a 429, a
time-out) come from an httpx.MockTransport."""

from __future__ import annotations

import re
import socket
import uuid
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from aiosmtpd.controller import Controller

from workbench.stack.broker import free_port
from workbench.stack.mail import MailServer

from dunning.channels.base import ChannelRejected, ChannelUnavailable, Outgoing, Sent
from dunning.channels.email import SmtpEmail
from dunning.channels.provider import ProviderPost, ProviderSms

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CALLBACK = "http://127.0.0.1:9/api/v1/dunning/provider-callbacks"  # never called here: auto_deliver is off


def outgoing(**values: object) -> Outgoing:
    fields: dict[str, object] = {
        "message_id": str(uuid.uuid4()),
        "channel": "email",
        "recipient_name": "Société Débitrice SARL",
        "recipient_email": f"compta-{uuid.uuid4().hex[:8]}@debiteur.example",
        "recipient_phone": "+33612345678",
        "recipient_address_lines": ("12 rue des Lilas", "69003 Lyon"),
        "sender_name": "Recouvra Agence",
        "sender_address_lines": ("10 rue de la Bourse", "75002 Paris"),
        "subject": "Rappel : facture F-2026-001 échue",
        "text": "Madame, Monsieur,\nnous vous rappelons que la facture F-2026-001 reste impayée.",
        "callback_url": CALLBACK,
    }
    fields.update(values)
    return Outgoing(**fields)  # type: ignore[arg-type]  # the test's values are of the right types


# -- e-mail ---------------------------------------------------------------------------------------------------


@pytest.fixture
def smtp(mail_server, clock) -> SmtpEmail:
    return SmtpEmail(mail_server.host, mail_server.port, "relances@recouvra.example", "Recouvra", 5.0, clock=clock)


def received(mail_server, to: str) -> list[EmailMessage]:
    return [message for message in mail_server.messages() if to in str(message["To"])]


def test_an_email_leaves_with_its_headers_text_html_and_pdf(smtp, mail_server, clock):
    message = outgoing(html="<p>Rappel</p>", pdf=PDF, reference="REL-2026/0042")
    sent = smtp.send(message)
    assert sent == Sent(provider_id=f"<{message.message_id}@recouvra.invalid>", status="sent")
    (mail,) = received(mail_server, message.recipient_email)
    assert mail["Message-ID"] == message.rfc822_message_id == f"<{message.message_id}@recouvra.invalid>"
    assert mail["From"].addresses[0].addr_spec == "relances@recouvra.example"
    assert mail["To"].addresses[0].display_name == "Société Débitrice SARL"
    assert mail["Subject"] == "Rappel : facture F-2026-001 échue"
    assert mail["Date"].datetime == clock.now()
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and "reste impayée" in body.get_content()
    html = mail.get_body(preferencelist=("html",))
    assert html is not None and "<p>Rappel</p>" in html.get_content()
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == "REL-2026-0042.pdf" and attachment.get_content() == PDF


def test_a_resend_after_a_crash_is_the_same_message_and_reaches_the_mailbox_once(smtp, mail_server):
    message = outgoing()
    first, again = smtp.send(message), smtp.send(message)
    assert first == again
    assert len(received(mail_server, message.recipient_email)) == 1


def test_several_emails_share_one_connection_and_a_bad_address_stops_only_its_own(smtp, mail_server):
    good, bad, other = outgoing(), outgoing(recipient_email="pas-une-adresse"), outgoing(html="<p>html</p>")
    results = smtp.send_many([good, bad, other])
    assert isinstance(results[0], Sent) and isinstance(results[2], Sent)
    assert isinstance(results[1], ChannelRejected) and "pas-une-adresse" in results[1].reason
    assert len(received(mail_server, good.recipient_email)) == len(received(mail_server, other.recipient_email)) == 1


def test_an_email_without_an_address_or_with_a_line_break_in_a_header_is_rejected(smtp):
    with pytest.raises(ChannelRejected, match="no e-mail address"):
        smtp.send(outgoing(recipient_email=None))
    with pytest.raises(ChannelRejected):
        smtp.send(outgoing(subject="Rappel\r\nBcc: everyone@example.com"))


class Refusing:
    """An SMTP server that refuses every recipient with `answer`."""

    def __init__(self, answer: str) -> None:
        self.answer = answer

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        return self.answer


@pytest.fixture
def refusing_server() -> Iterator[Callable[[str], SmtpEmail]]:
    controllers: list[Controller] = []

    def start(answer: str) -> SmtpEmail:
        controller = Controller(
            Refusing(answer), hostname="127.0.0.1", port=free_port(), server_hostname="refusing.localhost"
        )
        controller.start()
        controllers.append(controller)
        return SmtpEmail("127.0.0.1", controller.port, "relances@recouvra.example", "Recouvra", 5.0)

    yield start
    for controller in controllers:
        controller.stop()


def test_a_permanent_smtp_refusal_is_rejected_and_a_temporary_one_is_retried_later(refusing_server):
    with pytest.raises(ChannelRejected, match="550"):
        refusing_server("550 5.1.1 no such mailbox").send(outgoing())
    with pytest.raises(ChannelUnavailable, match="451"):
        refusing_server("451 4.3.0 try again later").send(outgoing())


def test_a_mail_server_that_is_down_or_silent_is_unavailable(tmp_path):
    with pytest.raises(ChannelUnavailable, match="could not be reached"):
        SmtpEmail("127.0.0.1", free_port(), "relances@recouvra.example", "Recouvra", 2.0).send(outgoing())
    with socket.socket() as silent:  # accepts connections (the kernel's backlog) and never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(ChannelUnavailable):
            SmtpEmail("127.0.0.1", port, "relances@recouvra.example", "Recouvra", 0.3).send(outgoing())
    stopped = MailServer(tmp_path / "Maildir", port=free_port())
    stopped.start()
    stopped.stop()
    results = SmtpEmail("127.0.0.1", stopped.port, "r@recouvra.example", "R", 2.0).send_many([outgoing(), outgoing()])
    assert all(isinstance(result, ChannelUnavailable) for result in results) and len(results) == 2


# -- SMS and letters through the provider -------------------------------------------------------------------


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


def listed(fake_provider, reference: str) -> list[dict]:
    return [item for item in fake_provider.messages() if item["reference"] == reference]


def test_an_sms_is_accepted_once_per_message_even_when_sent_again(fake_provider, http):
    sms = ProviderSms(http, fake_provider.base_url, fake_provider.api_key)
    message = outgoing(channel="sms", text="Recouvra : votre facture F-2026-001 reste due. Payez en ligne.")
    first, again = sms.send(message), sms.send(message)
    assert first == again and first.status == "accepted" and first.provider_id.startswith("sms_")
    (item,) = listed(fake_provider, message.message_id)
    assert item["kind"] == "sms" and item["recipient"] == "+33612345678" and item["callback_url"] == CALLBACK


def test_a_registered_letter_gets_a_tracking_number_and_a_simple_one_none(fake_provider, http):
    post = ProviderPost(http, fake_provider.base_url, fake_provider.api_key)
    registered = outgoing(channel="letter", pdf=PDF, registered=True)
    sent = post.send(registered)
    assert sent.provider_id.startswith("let_") and re.fullmatch(r"1A\d{11}", sent.tracking_number or "")
    (item,) = listed(fake_provider, registered.message_id)
    assert item["service"] == "registered_ar"
    assert item["recipient"]["address_lines"] == ["12 rue des Lilas", "69003 Lyon"]
    assert Path(item["pdf_path"]).read_bytes() == PDF
    simple = post.send(outgoing(channel="letter", pdf=PDF))
    assert simple.tracking_number is None and post.send(registered) == sent


def test_the_providers_refusals_are_rejections_with_its_own_words(fake_provider, http):
    sms = ProviderSms(http, fake_provider.base_url, fake_provider.api_key)
    with pytest.raises(ChannelRejected, match=r"E\.164"):
        sms.send(outgoing(channel="sms", recipient_phone="06 12 34 56 78"))
    with pytest.raises(ChannelRejected, match="640"):
        sms.send(outgoing(channel="sms", text="x" * 641))
    with pytest.raises(ChannelRejected, match=r"401.*API key"):
        ProviderSms(http, fake_provider.base_url, "not-the-key").send(outgoing(channel="sms"))
    post = ProviderPost(http, fake_provider.base_url, fake_provider.api_key)
    with pytest.raises(ChannelRejected, match="not a PDF"):
        post.send(outgoing(channel="letter", pdf=b"<html>not a pdf</html>"))
    with pytest.raises(ChannelRejected, match="no postal address"):
        post.send(outgoing(channel="letter", pdf=PDF, recipient_address_lines=("  ",)))
    with pytest.raises(ChannelRejected, match="no mobile"):
        sms.send(outgoing(channel="sms", recipient_phone=None))


def answering(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_a_provider_that_fails_for_now_is_unavailable(http):
    with pytest.raises(ChannelUnavailable, match="did not answer"):
        ProviderSms(http, f"http://127.0.0.1:{free_port()}", "key").send(outgoing(channel="sms"))
    for status in (500, 502, 503, 429):
        client = answering(lambda request, status=status: httpx.Response(status, json={"detail": "busy"}))
        with pytest.raises(ChannelUnavailable, match=str(status)):
            ProviderPost(client, "http://provider.test", "key").send(outgoing(channel="letter", pdf=PDF))

    def time_out(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer in time", request=request)

    with pytest.raises(ChannelUnavailable, match="did not answer"):
        ProviderSms(answering(time_out), "http://provider.test", "key").send(outgoing(channel="sms"))
    garbled = answering(lambda request: httpx.Response(201, text="<html>proxy error</html>"))
    with pytest.raises(ChannelUnavailable, match="unreadable"):
        ProviderSms(garbled, "http://provider.test", "key").send(outgoing(channel="sms"))
