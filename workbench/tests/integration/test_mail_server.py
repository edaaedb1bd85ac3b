"""The embedded mail server stores what it receives in a Maildir, once per Message-ID: a sender that resends
after a crash puts one message in the mailbox, not two."""

import smtplib
import uuid
from email.message import EmailMessage
from email.utils import make_msgid

from workbench.stack.broker import free_port
from workbench.stack.mail import MailDir, MailServer


def a_reminder(
    to: str, *, subject: str = "Relance : facture F-2026-001", message_id: str | None = None
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "relances@recouvra.example"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="recouvra.example")
    message.set_content("Madame, Monsieur,\n\nSauf erreur de notre part, la facture F-2026-001 reste impayée.\n")
    return message


def send(server, message: EmailMessage, *, bcc: list[str] = ()) -> None:
    with smtplib.SMTP(server.host, server.port, timeout=10) as client:
        client.send_message(message, to_addrs=[message["To"], *bcc])


def a_debtor() -> str:
    return f"debiteur-{uuid.uuid4().hex[:8]}@example.fr"


def test_a_message_sent_over_smtp_lands_in_the_maildir(mail_server):
    debtor = a_debtor()
    send(mail_server, a_reminder(debtor))

    [stored] = mail_server.mailbox.find(to=debtor)
    assert stored["Subject"] == "Relance : facture F-2026-001"
    assert "reste impayée" in stored.get_content()
    assert any(path.name for path in (mail_server.path / "new").iterdir())


def test_the_same_message_id_twice_is_acknowledged_and_stored_once(mail_server):
    debtor, message_id = a_debtor(), make_msgid(domain="recouvra.example")
    send(mail_server, a_reminder(debtor, message_id=message_id))
    send(mail_server, a_reminder(debtor, message_id=message_id))  # smtplib raises unless the server answered 250

    assert [m["Message-ID"] for m in mail_server.mailbox.find(to=debtor)] == [message_id]


def test_two_messages_with_different_ids_are_both_stored(mail_server):
    debtor = a_debtor()
    send(mail_server, a_reminder(debtor, subject="Relance 1"))
    send(mail_server, a_reminder(debtor, subject="Relance 2"))

    assert [m["Subject"] for m in mail_server.mailbox.find(to=debtor)] == ["Relance 1", "Relance 2"]
    assert len(mail_server.mailbox.find(to=debtor, subject="Relance 2")) == 1


def test_a_bcc_recipient_is_found_through_the_envelope(mail_server):
    debtor, accountant = a_debtor(), a_debtor()
    send(mail_server, a_reminder(debtor), bcc=[accountant])

    assert len(mail_server.mailbox.find(to=accountant)) == 1


def test_a_restarted_server_still_knows_the_message_ids_it_stored(tmp_path):
    message_id = make_msgid(domain="recouvra.example")
    for _ in range(2):
        server = MailServer(tmp_path / "Maildir", port=free_port())
        server.start()
        try:
            send(server, a_reminder("debiteur@example.fr", message_id=message_id))
        finally:
            server.stop()

    assert MailDir(tmp_path / "Maildir").count() == 1


def test_reading_a_maildir_nobody_wrote_to_gives_no_message(tmp_path):
    assert MailDir(tmp_path / "nothing").messages() == []
