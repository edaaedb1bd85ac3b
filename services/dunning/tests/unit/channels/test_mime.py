"""The e-mail composer writes what a mail reader parses back to the same message: headers decoded, text, HTML and
PDF intact, French characters kept, line breaks in headers refused, and the same bytes for the same message."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

import pytest

from dunning.channels.mime import Attachment, HeaderRefused, Mailbox, wire_message

TEXT = "Madame, Monsieur,\n\nNous vous rappelons la somme de 1 234,56 € restant due.\n.ligne commençant par un point\n"
HTML = "<p>Madame, Monsieur,</p><p>Somme due : <strong>1 234,56 €</strong></p>" + "<span>é</span>" * 60
SUBJECT = "Relance : facture FAC-2026-0042 échue depuis le 15/11/2026, merci de régulariser rapidement la situation"


def _compose(**changes: object) -> bytes:
    fields: dict[str, object] = {
        "sender": Mailbox("Recouvra — Agence de recouvrement", "relances@recouvra.example"),
        "recipient": Mailbox("Société Générale des Étangs", "compta@etangs.example"),
        "reply_to": Mailbox("Recouvra", "gestion@recouvra.example"),
        "subject": SUBJECT,
        "date": "Tue, 24 Nov 2026 10:00:00 +0000",
        "message_id": "<4f1c2e8a-0000-4000-8000-000000000042@recouvra.example>",
        "text": TEXT,
        "html": HTML,
        "pdf": Attachment("REL-0042.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40),
    }
    fields.update(changes)
    return wire_message(**fields)  # type: ignore[arg-type]  # the test passes each field by name from a dict


def _parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_a_reader_gets_back_every_header_and_part() -> None:
    message = _parse(_compose())
    assert message["Subject"] == SUBJECT
    assert message["From"].addresses[0].display_name == "Recouvra — Agence de recouvrement"
    assert message["To"].addresses[0].addr_spec == "compta@etangs.example"
    assert message["To"].addresses[0].display_name == "Société Générale des Étangs"
    assert message["Reply-To"].addresses[0].addr_spec == "gestion@recouvra.example"
    assert message["Message-ID"] == "<4f1c2e8a-0000-4000-8000-000000000042@recouvra.example>"
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content().replace("\r\n", "\n") == TEXT
    assert html.get_content().rstrip("\r\n") == HTML
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "REL-0042.pdf"
    assert attachment.get_content() == b"%PDF-1.7\n" + bytes(range(256)) * 40
    assert not message.defects and all(not part.defects for part in message.walk())


def test_lines_stay_within_the_limits_of_smtp() -> None:
    lines = _compose().split(b"\r\n")
    assert max(len(line) for line in lines) <= 78
    assert b"\n" not in _compose().replace(b"\r\n", b"")


def test_text_alone_is_one_plain_part() -> None:
    message = _parse(_compose(html=None, pdf=None, reply_to=None))
    assert message.get_content_type() == "text/plain" and not message.is_multipart()
    assert message.get_content().replace("\r\n", "\n") == TEXT
    assert message["Reply-To"] is None


def test_the_same_message_is_the_same_bytes() -> None:
    assert _compose() == _compose()


@pytest.mark.parametrize(
    "changes",
    [
        {"subject": "Relance\r\nBcc: victime@example.org"},
        {"recipient": Mailbox("Débiteur\nBcc: victime@example.org", "a@b.example")},
        {"recipient": Mailbox("Débiteur", "a@b.example\r\nBcc: victime@example.org")},
    ],
)
def test_a_line_break_in_a_header_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(HeaderRefused):
        _compose(**changes)


@pytest.mark.parametrize(
    "subject",
    [
        "é" * 200,  # two bytes a character, every word full
        "Relance 💶 " * 20,  # four bytes a character: never cut inside one
        "Ã" + "a" * 300,  # a non-ASCII start, then a long ASCII run still encoded
    ],
)
def test_a_long_french_subject_is_folded_into_whole_characters_within_76_columns(subject: str) -> None:
    data = _compose(subject=subject)
    lines = data.split(b"\r\n\r\n", 1)[0].decode("ascii").split("\r\n")
    start = next(n for n, line in enumerate(lines) if line.startswith("Subject: "))
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith(" "))
    assert end - start > 2, "a subject this long is folded"
    assert all(len(line) <= 76 for line in lines[start:end])
    assert _parse(data)["Subject"] == subject


def test_an_answer_is_threaded_to_the_message_it_answers_and_nothing_else_gets_in() -> None:
    threaded = _parse(_compose(in_reply_to="<a1b2@dupont.example>"))
    assert threaded["In-Reply-To"] == threaded["References"] == "<a1b2@dupont.example>"
    for forged in ("<a1b2@dupont.example>\r\nBcc: victime@example.org", "a1b2@dupont.example", "<a b@c>", "sha256:00"):
        message = _parse(_compose(in_reply_to=forged))
        assert message["In-Reply-To"] is None and message["Bcc"] is None, forged
    assert _parse(_compose())["In-Reply-To"] is None
