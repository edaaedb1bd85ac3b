"""A contact detail a message came back from is not used again: an e-mail address that bounced is skipped by the
next e-mail step of any case of the debtor, with a note saying why, until it is corrected; a new address is used at
once. A postal address a letter was returned from is skipped by the next letter; a formal notice still goes. An
e-mail the relay bounces comes back as a delivery status notice through the real mail server, and is recorded."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, select

from workbench.testing.moments import at

from dunning.cases.composing import address_lines
from dunning.domain.context import Party
from dunning.domain.scenarios import Channel
from dunning.messages.came_back import came_back
from dunning.messages.deliveries import record_delivery
from dunning.messages.mailbox import MailboxReader
from dunning.messages.models import Message

DUE = date(2026, 11, 2)  # a Monday


def mails_to(mail_server, address: str) -> list:
    return [m for m in mail_server.messages() if address in m["To"]]


def test_an_address_that_bounced_is_skipped_for_every_case_until_another_is_given(dunning, mail_server):
    debtor_id = uuid.uuid4()
    # an address of this test's own: the mail server is the session's, and other tests write to the default one
    address = f"compta-{uuid.uuid4().hex[:8]}@dupont.example"
    dunning.clock.set(at(DUE, 8))
    first = dunning.validate_case(due=DUE, debtor_id=debtor_id)
    dunning.facts.debtors[uuid.UUID(first.case_id)] = Party(name="Dupont SARL", email=address)
    dunning.clock.set(at(date(2026, 11, 9)))
    dunning.run()
    assert len(mails_to(mail_server, address)) == 1
    with Session(dunning.engine) as session:
        message = session.exec(select(Message).where(Message.case_id == uuid.UUID(first.case_id))).one()
        record_delivery(
            session=session,
            reference=str(message.id),
            status="bounced",
            received_on=None,
            detail="550 no such user",
            clock=dunning.clock,
        )
        session.commit()

    same, moved = (dunning.validate_case(due=DUE, debtor_id=debtor_id) for _ in range(2))
    dunning.facts.debtors[uuid.UUID(same.case_id)] = Party(name="Dupont SARL", email=address)
    corrected = f"factures-{uuid.uuid4().hex[:8]}@dupont.example"
    new_address = Party(name="Dupont SARL", email=corrected, address_lines=("3 rue", "33000 Bordeaux"))
    dunning.facts.debtors[uuid.UUID(moved.case_id)] = new_address  # its creditor corrected the address
    dunning.clock.set(at(date(2026, 11, 19)))  # the first case's firmer e-mail, and the others' first ones
    dunning.run()

    assert len(mails_to(mail_server, address)) == 1 == len(mails_to(mail_server, corrected))
    for case in (first, same):
        skipped = [s for s in dunning.steps(case.case_id)["items"] if s["status"] == "skipped"]
        assert [s["step"] for s in skipped] == (["email-2"] if case is first else ["email-1"]), skipped
        assert (
            skipped[0]["note"] == "the e-mail address came back (bounced) on an earlier message: correct it on the case"
        )
    assert next(s["status"] for s in dunning.steps(moved.case_id)["items"]) == "done"  # sent to the new address

    # the queue of details to correct: the two cases whose last e-mail went to the address that bounced
    queue = dunning.client.get("/api/v1/dunning/came-back", headers=dunning.headers()).json()
    mine = [item for item in queue["items"] if item["debtor_id"] == str(debtor_id)]
    assert [item["case_id"] for item in mine] == [first.case_id], mine  # `same` never sent: nothing came back on it
    assert (mine[0]["channel"], mine[0]["status"], mine[0]["detail"]) == ("email", "bounced", "550 no such user")
    own = dunning.headers("creditor", creditor_id=first.creditor_id)
    assert [i["case_id"] for i in dunning.client.get("/api/v1/dunning/came-back", headers=own).json()["items"]] == [
        first.case_id
    ]
    other = dunning.headers("creditor", creditor_id=moved.creditor_id)
    assert dunning.client.get("/api/v1/dunning/came-back", headers=other).json() == {"items": [], "total": 0}


def test_a_postal_address_a_letter_came_back_from_is_skipped_by_letters_but_not_by_a_formal_notice(dunning):
    debtor_id = uuid.uuid4()
    lines = " / ".join(address_lines({"line1": "3 rue du Louvre", "postal_code": "75001", "city": "Paris"}))
    with Session(dunning.engine) as session, session.begin():
        session.add(
            Message(
                case_id=uuid.uuid4(),
                debtor_id=debtor_id,
                channel="letter",
                template="letter-reminder",
                recipient=lines,
                subject="Relance",
                body="…",
                content_sha256="0",
                status="returned",
                prepared_at=dunning.clock.now(),
                sent_at=dunning.clock.now(),
            )
        )
    with Session(dunning.engine) as session:
        assert came_back(session, debtor_id, Channel.LETTER, lines) == (
            "the postal address came back (returned) on an earlier message: correct it on the case"
        )
        assert came_back(session, debtor_id, Channel.LETTER, "8 quai des Chartrons / 33000 Bordeaux") is None
        assert came_back(session, debtor_id, Channel.FORMAL_NOTICE, lines) is None  # the law's notice still goes
        assert came_back(session, uuid.uuid4(), Channel.LETTER, lines) is None  # another debtor's letters


def test_an_e_mail_the_relay_bounces_is_recorded_from_its_notice_and_the_address_is_not_written_to_again(
    dunning, mail_server
):
    debtor_id = uuid.uuid4()
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, debtor_id=debtor_id)
    nowhere = Party(name="Dupont SARL", email="compta@dupont.invalid", address_lines=("3 rue", "33000 Bordeaux"))
    dunning.facts.debtors[uuid.UUID(case.case_id)] = nowhere  # a domain nobody hosts: the relay bounces it
    dunning.clock.set(at(date(2026, 11, 9)))
    dunning.run()
    reader = MailboxReader(dunning.engine, dunning.clock, mail_server.path)

    assert reader() == (1, 0)
    assert reader() == (0, 0)  # each notice read once; the one recorded moved to cur/, seen
    [message] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/messages", headers=dunning.headers()).json()[
        "items"
    ]
    assert (message["status"], message["recipient"]) == ("bounced", "compta@dupont.invalid")
    assert message["detail"] == "550 5.1.2 <compta@dupont.invalid>: Host or domain name not found"
    dunning.clock.set(at(date(2026, 11, 19)))
    dunning.run()
    firm = next(s for s in dunning.steps(case.case_id)["items"] if s["step"] == "email-2")
    assert firm["status"] == "skipped", firm
