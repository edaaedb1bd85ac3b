"""What a debtor's reply says, read without a mailbox: the message it answers from the tagged reply address (or, the
tag dropped, from `In-Reply-To` when it was sent to the reply address; none when it names none), its sender,
subject, text (an HTML-only reply read as text), date and attachments; an out-of-office, a delivery notice, one of
our own reminders and a message to another address are no reply."""

from __future__ import annotations

import email
import email.policy
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage

from workbench.stack.mail import delivery_status_notice

from dunning.channels.base import rfc822_message_id
from dunning.messages.replies import addressed_to, read_reply, reply_to_address

REPLIES = "reponses@recouvra.example"


def reply(to: str, text: str = "Nous avons payé le 12.", *, html: str | None = None, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = '"Dupont, Jean" <jean@dupont.example>'
    message["To"] = to
    message["Subject"] = "RE: Facture impayée F-001"
    message["Date"] = "Tue, 17 Nov 2026 09:12:00 +0100"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message.as_bytes()


def test_a_reply_to_the_tagged_address_names_the_message_it_answers():
    ours = uuid.uuid4()
    assert reply_to_address(REPLIES, str(ours)) == f"reponses+{ours}@recouvra.example"
    read = read_reply(
        reply(f"Service relances <reponses+{ours}@Recouvra.example>", Message_ID="<r1@dupont.example>"), REPLIES
    )
    assert read is not None
    assert (read.answers, read.identity, read.sender, read.sender_name) == (
        ours,
        "<r1@dupont.example>",
        "jean@dupont.example",
        "Dupont, Jean",
    )
    assert (read.subject, read.text, read.attachments) == ("RE: Facture impayée F-001", "Nous avons payé le 12.", ())
    assert read.written_at == datetime(2026, 11, 17, 8, 12, tzinfo=UTC)


def test_the_tag_dropped_the_reply_is_matched_by_in_reply_to_and_without_a_message_id_by_its_bytes():
    ours = uuid.uuid4()
    raw = reply(REPLIES, In_Reply_To=rfc822_message_id(str(ours)))
    read = read_reply(raw, REPLIES)
    assert read is not None and read.answers == ours
    again = read_reply(raw, REPLIES)
    assert read.identity.startswith("sha256:") and again is not None and again.identity == read.identity
    fresh = read_reply(reply(REPLIES), REPLIES)  # written to the bare address: a reply to no message, kept to file
    assert fresh is not None and fresh.answers is None and fresh.text == "Nous avons payé le 12."


def test_an_html_reply_is_read_as_text_and_its_attachments_listed():
    message = EmailMessage()
    message["From"] = "jean@dupont.example"
    message["To"] = reply_to_address(REPLIES, str(uuid.uuid4()))
    message.set_content(
        "<html><style>p{color:red}</style><body><p>Bonjour,</p><p>Payé le&nbsp;12 &amp; le 13.</p></body></html>",
        subtype="html",
    )
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="preuve.pdf")
    read = read_reply(message.as_bytes(), REPLIES)
    assert read is not None
    assert read.text == "Bonjour,\nPayé le 12 & le 13."  # the style dropped, the entities read
    assert [(a.name, a.content_type, a.size) for a in read.attachments] == [("preuve.pdf", "application/pdf", 8)]


def test_an_out_of_office_a_notice_our_own_reminder_and_mail_to_another_address_are_no_reply():
    ours = str(uuid.uuid4())
    tagged = reply_to_address(REPLIES, ours)
    assert read_reply(reply(tagged, Auto_Submitted="auto-replied"), REPLIES) is None
    assert read_reply(reply(tagged, X_Autoreply="yes"), REPLIES) is None
    assert read_reply(reply(tagged, Precedence="bulk"), REPLIES) is None
    notice = delivery_status_notice(tagged, "compta@dupont.invalid", b"Message-ID: <x@y>\r\n\r\nBonjour\r\n")
    assert read_reply(notice, REPLIES) is None
    reminder = reply("compta@dupont.example", Reply_To=tagged, Message_ID=rfc822_message_id(ours))
    assert read_reply(reminder, REPLIES) is None  # ours, on its way out, in the same mailbox
    assert read_reply(reply(f"retours+{ours}@recouvra.example"), REPLIES) is None  # the return path, not replies
    assert read_reply(reply(f"reponses+{ours}@ailleurs.example"), REPLIES) is None


def test_a_reply_too_heavy_to_keep_whole_is_kept_as_its_headers_and_text(monkeypatch):
    from dunning.messages import replies

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "jean@dupont.example", REPLIES, "Justificatifs"
    message["Message-ID"] = "<lourd@dupont.example>"
    message.set_content("Voici les justificatifs.")
    message.add_attachment(b"\x00" * 5000, maintype="application", subtype="pdf", filename="scan.pdf")
    raw = message.as_bytes()
    read = read_reply(raw, REPLIES)
    assert read is not None and read.size == len(raw)
    assert replies.kept_original(raw, read) == raw  # under the limit: as received
    monkeypatch.setattr(replies, "ORIGINAL_LIMIT", 2000)
    kept = email.message_from_bytes(replies.kept_original(raw, read), policy=email.policy.default)
    assert (kept["Subject"], kept["Message-ID"], kept.get_content_type()) == (
        "Justificatifs",
        "<lourd@dupont.example>",
        "text/plain",
    )
    assert "Voici les justificatifs." in kept.get_content() and "attachments not kept: scan.pdf (5000 bytes)" in (
        kept.get_content()
    )


def test_a_reply_is_told_from_our_own_e_mails_by_its_recipients_before_it_is_parsed():
    ours = reply_to_address(REPLIES, str(uuid.uuid4()))
    assert addressed_to(reply(ours), REPLIES)
    folded = (
        b"From: jean@dupont.example\r\nTo: Compta <compta@dupont.example>,\r\n  <" + ours.encode() + b">\r\n\r\nOk\r\n"
    )
    assert addressed_to(folded, REPLIES)
    reminder = reply("compta@dupont.example", Reply_To=ours)
    assert not addressed_to(reminder, REPLIES)  # names it in its Reply-To only
    assert not addressed_to(b"To: compta@dupont.example\r\n\r\nreponses+x@recouvra.example\r\n", REPLIES)  # body
