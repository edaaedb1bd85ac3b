"""A debtor's reply to one of our e-mails reaches the platform: each reminder asks to be answered at the reply address
tagged with its id, the debtor's answer goes through the real mail server into the platform's mailbox, the
scheduler's pass records it on the case (once), the agency reads it in its queue (a creditor its own), downloads it
as received and marks it read; meanwhile the debtor's next automatic reminder waits as after a conversation."""

from __future__ import annotations

import smtplib
import uuid
from datetime import date
from email.message import EmailMessage

import pytest
from sqlmodel import Session, update

from workbench.testing.moments import at

from dunning.cases.models import DunningCase
from dunning.domain.context import Party

DUE = date(2026, 11, 2)  # a Monday: the first e-mail on the 9th, the firmer one on the 19th
REPLIES = "reponses@recouvra.example"


@pytest.fixture
def settings_for(settings_for, mail_server):
    """Dunning reading the test's mail server's Maildir, replies asked at `REPLIES`."""

    def make(service, **overrides):
        return settings_for(service, **{"reply_address": REPLIES, "bounce_maildir": str(mail_server.path), **overrides})

    return make


def reminded(dunning, mail_server) -> tuple:
    """A case validated on its due day whose debtor has an address of its own, and the first reminder it received."""
    address = f"compta-{uuid.uuid4().hex[:8]}@dupont.example"
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.facts.debtors[uuid.UUID(case.case_id)] = Party(name="Dupont SARL", email=address, address_lines=("3 rue",))
    dunning.clock.set(at(date(2026, 11, 9)))
    dunning.run()
    [reminder] = mail_server.mailbox.find(to=address)
    return case, address, reminder


def answer(mail_server, reminder: EmailMessage, text: str, *, to: str | None = None, **headers: str) -> None:
    """The debtor answers from its mail program, through the mail server, as a relay delivers to the platform."""
    reply = EmailMessage()
    reply["From"] = f"Jean Dupont <{reminder['To'].addresses[0].addr_spec}>"
    reply["To"] = to or str(reminder["Reply-To"])
    reply["Subject"] = f"RE: {reminder['Subject']}"
    reply["Date"] = "Tue, 17 Nov 2026 09:12:00 +0100"
    reply["Message-ID"] = f"<{uuid.uuid4()}@dupont.example>"
    reply["In-Reply-To"] = str(reminder["Message-ID"])
    for name, value in headers.items():
        reply[name.replace("_", "-")] = value
    reply.set_content(f"{text}\n\n> {reminder['Subject']}\n> (le message d'origine, cité)\n")
    reply.add_attachment(b"%PDF-1.4 virement", maintype="application", subtype="pdf", filename="virement.pdf")
    with smtplib.SMTP(mail_server.host, mail_server.port) as smtp:
        smtp.send_message(reply)


def test_a_reply_is_recorded_on_its_case_read_by_the_agency_and_holds_the_next_reminder(dunning, mail_server):
    case, address, reminder = reminded(dunning, mail_server)
    [sent] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/messages", headers=dunning.headers()).json()[
        "items"
    ]
    assert reminder["Reply-To"].addresses[0].addr_spec == f"reponses+{sent['id']}@recouvra.example"

    dunning.clock.set(at(date(2026, 11, 17), 9, 15))
    answer(mail_server, reminder, "Bonjour, nous avons payé par virement le 12 novembre. Voir pièce jointe.")
    assert dunning.run()["replies"] == 1
    assert dunning.run()["replies"] == 0  # read once: moved to cur/

    agency = dunning.client.get("/api/v1/dunning/replies", params={"case_id": case.case_id}, headers=dunning.headers())
    assert agency.status_code == 200, agency.text
    assert (agency.json()["total"], agency.json()["unread"]) == (1, 1)
    [reply] = agency.json()["items"]
    assert (reply["sender"], reply["sender_name"], reply["message_id"]) == (address, "Jean Dupont", sent["id"])
    assert reply["subject"] == f"RE: {reminder['Subject']}" and reply["answered_subject"] == reminder["Subject"]
    assert reply["text"].startswith("Bonjour, nous avons payé par virement le 12 novembre.")
    assert reply["topics"] == ["paid"]  # from its own words, not the reminder it quotes
    assert reply["attachments"] == [{"name": "virement.pdf", "content_type": "application/pdf", "size": 17}]
    assert reply["written_at"] == "2026-11-17T08:12:00Z" and reply["read_at"] is None
    [event] = dunning.outbox("recouvra.dunning.reply.received.v1")
    assert (event["case_id"], event["reply_id"], event["message_id"], event["attachments"]) == (
        case.case_id,
        reply["id"],
        sent["id"],
        1,
    )
    original = dunning.client.get(f"/api/v1/dunning/replies/{reply['id']}/original", headers=dunning.headers())
    assert original.headers["content-type"] == "message/rfc822"
    assert b"virement.pdf" in original.content and b"12 novembre" in original.content

    # the case's creditor reads it too, not mark it; another creditor does not see it
    own = dunning.headers("creditor", creditor_id=case.creditor_id)
    assert [r["id"] for r in dunning.client.get("/api/v1/dunning/replies", headers=own).json()["items"]] == [
        reply["id"]
    ]
    assert dunning.client.post(f"/api/v1/dunning/replies/{reply['id']}/read", headers=own).status_code == 403
    other = dunning.headers("creditor", creditor_id=uuid.uuid4())
    assert dunning.client.get("/api/v1/dunning/replies", headers=other).json() == {"items": [], "total": 0, "unread": 0}
    assert dunning.client.get(f"/api/v1/dunning/replies/{reply['id']}", headers=other).status_code == 404
    listed = dunning.client.get("/api/v1/dunning/replies", params={"case_id": case.case_id}, headers=other)
    assert listed.status_code == 404

    # the firmer e-mail, due on the 19th, waits three days after the reply (a conversation), then goes
    dunning.clock.set(at(date(2026, 11, 19)))
    dunning.run()
    firm = next(s for s in dunning.steps(case.case_id)["items"] if s["step"] == "email-2")
    assert firm["status"] == "scheduled" and firm["due_at"] == at(date(2026, 11, 20), 9, 15).isoformat().replace(
        "+00:00", "Z"
    ), firm
    assert firm["waiting"] == {"reason": "reply", "since": "2026-11-17T08:15:00Z"}, firm  # and says why
    assert len(mail_server.mailbox.find(to=address)) == 1

    read = dunning.client.post(f"/api/v1/dunning/replies/{reply['id']}/read", headers=dunning.headers())
    assert read.status_code == 200, read.text
    again = dunning.client.post(f"/api/v1/dunning/replies/{reply['id']}/read", headers=dunning.headers("admin"))
    assert again.json()["read_at"] == read.json()["read_at"] and again.json()["read_by"] == read.json()["read_by"]
    unread = dunning.client.get("/api/v1/dunning/replies", params={"unread": True}, headers=own).json()
    assert (unread["total"], unread["unread"]) == (0, 0)

    dunning.clock.set(at(date(2026, 11, 20), 10))
    dunning.run()
    assert len(mail_server.mailbox.find(to=address)) == 2


def test_an_out_of_office_and_a_reply_to_another_address_are_not_recorded(dunning, mail_server):
    case, _, reminder = reminded(dunning, mail_server)

    answer(mail_server, reminder, "Je suis absent jusqu'au 30 novembre.", Auto_Submitted="auto-replied")
    answer(mail_server, reminder, "Écrit à l'expéditeur.", to="relances@recouvra.example")
    assert dunning.run()["replies"] == 0
    replies = dunning.client.get("/api/v1/dunning/replies", params={"case_id": case.case_id}, headers=dunning.headers())
    assert replies.json() == {"items": [], "total": 0, "unread": 0}


def test_a_reply_that_could_not_be_recorded_is_read_again_at_the_next_pass(dunning, mail_server, monkeypatch):
    from dunning.messages import mailbox

    _, _, reminder = reminded(dunning, mail_server)
    answer(mail_server, reminder, "Nous avons payé.")
    real, failures = mailbox.record_reply, [OSError("the database went away")]

    def flaky(**kwargs):
        if failures:
            raise failures.pop()
        return real(**kwargs)

    monkeypatch.setattr(mailbox, "record_reply", flaky)
    assert dunning.run()["replies"] == 0 and not failures  # failed: left where it was, not marked seen
    assert dunning.run()["replies"] == 1

    # one that always fails is tried at a few passes, then left in new/ until the process starts again
    _, _, reminder = reminded(dunning, mail_server)
    answer(mail_server, reminder, "Toujours en échec.")
    failures.extend(OSError("broken") for _ in range(mailbox.TRIES + 2))
    assert [dunning.run()["replies"] for _ in range(mailbox.TRIES + 1)] == [0] * (mailbox.TRIES + 1)
    assert len(failures) == 2  # not tried after TRIES

    # the process starting again reads it anew (and leaves the session's mail server's Maildir clean for the others)
    monkeypatch.setattr(mailbox, "record_reply", real)
    restarted = mailbox.MailboxReader(dunning.engine, dunning.clock, mail_server.path, reply_address=REPLIES)
    assert restarted().replies == 1


def test_an_agent_answers_the_reply_by_e_mail_threaded_to_it_once(dunning, mail_server):
    case, address, reminder = reminded(dunning, mail_server)
    answer(mail_server, reminder, "Pouvez-vous m'envoyer la facture ?")
    dunning.run()
    listed = dunning.client.get("/api/v1/dunning/replies", params={"case_id": case.case_id}, headers=dunning.headers())
    [reply] = listed.json()["items"]
    path = f"/api/v1/dunning/replies/{reply['id']}/answer"

    own = dunning.headers("creditor", creditor_id=case.creditor_id)
    assert dunning.client.post(path, json={"text": "Ci-jointe."}, headers=own).status_code == 403
    empty = dunning.client.post(path, json={"text": "  \n "}, headers=dunning.headers())
    assert empty.status_code == 422 and "empty" in empty.text
    answered = dunning.client.post(
        path,
        json={"text": "Bonjour,\nVous la trouverez sur votre page.\nMarie, service recouvrement"},
        headers=dunning.headers(),
    )
    assert answered.status_code == 200, answered.text
    assert (
        answered.json()["answered_by"] and answered.json()["read_at"] and answered.json()["answer_status"] == "prepared"
    )
    again = dunning.client.post(path, json={"text": "Encore"}, headers=dunning.headers())
    assert again.status_code == 409 and "answered already" in again.text

    dunning.run()  # the pass sends it: not a reminder, so the debtor's pause after its reply does not hold it
    [sent] = [m for m in mail_server.mailbox.find(to=address) if m["In-Reply-To"]]
    assert sent["Subject"] == f"RE: {reminder['Subject']}" and sent["In-Reply-To"] == sent["References"]
    assert sent["In-Reply-To"].startswith("<") and sent["In-Reply-To"].endswith("@dupont.example>")
    assert sent["Reply-To"].addresses[0].addr_spec.startswith("reponses+")  # its own answer comes back to the case
    text = sent.get_body(preferencelist=("plain",)).get_content()
    assert text.startswith(
        "Bonjour,\nVous la trouverez sur votre page.\nMarie, service recouvrement\n\nBien cordialement,"
    )
    [told] = [e for e in dunning.outbox("recouvra.dunning.debtor.notified.v1") if e["case_id"] == case.case_id]
    assert (told["notice"], told["subject"]) == ("reply_answered", sent["Subject"])
    after = dunning.client.get(f"/api/v1/dunning/replies/{reply['id']}", headers=dunning.headers()).json()
    assert after["answer_status"] == "sent"


def test_a_reply_naming_no_message_is_kept_for_the_agency_to_file_under_its_case(dunning, mail_server):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    twin = dunning.validate_case(due=DUE)  # another creditor's case under the same reference
    sender = f"jean-{uuid.uuid4().hex[:8]}@dupont.example"
    fresh = EmailMessage()
    fresh["From"], fresh["To"], fresh["Subject"] = sender, REPLIES, "Dossier de la SARL Dupont"
    fresh["Message-ID"] = f"<{uuid.uuid4()}@dupont.example>"
    fresh.set_content("Bonjour, j'ai reçu un courrier de votre part : nous avons payé.")
    with smtplib.SMTP(mail_server.host, mail_server.port) as smtp:
        smtp.send_message(fresh)
    assert dunning.run()["replies"] == 1

    staff = dunning.client.get("/api/v1/dunning/replies", params={"unread": True}, headers=dunning.headers()).json()
    [kept] = [item for item in staff["items"] if item["sender"] == sender]
    assert (kept["case_id"], kept["case_reference"], kept["message_id"], kept["answered_subject"]) == (
        None,
        None,
        None,
        "",
    )
    own = dunning.headers("creditor", creditor_id=case.creditor_id)
    assert all(
        item["sender"] != sender for item in dunning.client.get("/api/v1/dunning/replies", headers=own).json()["items"]
    )
    assert dunning.client.get(f"/api/v1/dunning/replies/{kept['id']}", headers=own).status_code == 404
    path = f"/api/v1/dunning/replies/{kept['id']}"
    unfiled = dunning.client.post(f"{path}/answer", json={"text": "Merci"}, headers=dunning.headers())
    assert unfiled.status_code == 409 and "file it under its case first" in unfiled.text
    assert dunning.outbox("recouvra.dunning.reply.received.v1") == []  # no case, no timeline yet

    ambiguous = dunning.client.post(f"{path}/case", json={"case": "CRED-none"}, headers=dunning.headers())
    assert ambiguous.status_code == 422 and "no case with the reference or id 'CRED-none'" in ambiguous.text
    with Session(dunning.engine) as session, session.begin():  # two creditors' cases share a reference
        session.exec(
            update(DunningCase).where(DunningCase.case_id == uuid.UUID(twin.case_id)).values(reference=case.reference)
        )
    twice = dunning.client.post(f"{path}/case", json={"case": case.reference}, headers=dunning.headers())
    assert twice.status_code == 422 and "several cases carry the reference" in twice.text
    assert dunning.client.post(f"{path}/case", json={"case": case.case_id}, headers=own).status_code == 403

    filed = dunning.client.post(f"{path}/case", json={"case": case.case_id}, headers=dunning.headers())
    assert filed.status_code == 200, filed.text
    assert (filed.json()["case_id"], filed.json()["case_reference"]) == (case.case_id, case.reference)
    [event] = dunning.outbox("recouvra.dunning.reply.received.v1")
    assert (event["case_id"], event["reply_id"], event["message_id"]) == (case.case_id, kept["id"], None)
    assert (
        dunning.client.post(f"{path}/case", json={"case": case.case_id}, headers=dunning.headers()).status_code == 200
    )
    elsewhere = dunning.client.post(f"{path}/case", json={"case": twin.case_id}, headers=dunning.headers())
    assert elsewhere.status_code == 409 and len(dunning.outbox("recouvra.dunning.reply.received.v1")) == 1
    assert [r["id"] for r in dunning.client.get("/api/v1/dunning/replies", headers=own).json()["items"]] == [kept["id"]]
