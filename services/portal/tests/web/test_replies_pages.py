"""A debtor's reply to our e-mail, as dunning records it from the mailbox, over the real dunning and intake: the
agency's queue « Réponses des débiteurs » lists it unread with the case, the case's page shows it to staff and to the
case's creditor, staff mark it read (from the case's page, back to it), the message is downloaded as received; the
creditor has no button, and a forged mark is refused."""

from __future__ import annotations

import html
import re
import uuid
from email.message import EmailMessage

from fastapi import Query
from sqlmodel import Session


def replied(platform, case: dict | None, text: str, *, heavy: bool = False) -> None:
    """Our first reminder on `case`, and the debtor's answer to it read from the mailbox as dunning's pass reads it;
    with no case, an e-mail written to the bare reply address, which names no message; `heavy`: kept as its text
    only, as dunning keeps one too heavy to keep whole."""
    from dunning.messages.models import Message
    from dunning.messages.replies import read_reply, reply_to_address
    from dunning.messages.reply_records import record_reply

    ours = uuid.uuid4()
    answer = EmailMessage()
    answer["From"] = "Jean Dupont <jean@dupont.example>"
    answer["To"] = reply_to_address("reponses@recouvra.example", str(ours)) if case else "reponses@recouvra.example"
    answer["Subject"] = "RE: Facture impayée"
    answer["Message-ID"] = f"<{uuid.uuid4()}@dupont.example>"
    answer.set_content(text)
    answer.add_attachment(b"%PDF-1.4 avis", maintype="application", subtype="pdf", filename="avis-de-virement.pdf")
    raw = answer.as_bytes()
    with Session(platform.dunning_engine) as session, session.begin():
        session.add_all(
            [
                Message(
                    id=ours,
                    case_id=uuid.UUID(case["id"]),
                    channel="email",
                    template="email-courteous",
                    recipient="jean@dupont.example",
                    subject="Facture impayée : premier rappel",
                    body="…",
                    content_sha256="0",
                    status="sent",
                    prepared_at=platform.clock.now(),
                    sent_at=platform.clock.now(),
                )
            ]
            if case
            else []
        )
        session.flush()
        reply = read_reply(raw, "reponses@recouvra.example")
        assert reply is not None
        original = raw.split(b"\n\n", 1)[0] if heavy else raw
        assert record_reply(session=session, reply=reply, original=original, clock=platform.clock) is not None


def form_of(page: str, action: str) -> str:
    """The id of the reply whose `action` form (read, answer) the page shows first."""
    found = re.search(rf'action="/replies/([0-9a-f-]{{36}})/{action}"', page)
    assert found is not None, f"no {action} form on the page"
    return found.group(1)


def test_staff_read_a_reply_in_the_queue_and_on_the_case_and_mark_it_read(platform, new_case, csrf_of, sign_in):
    case = platform.case(new_case, "REPLY-01", "640.00")
    replied(platform, case, "Bonjour,\nnous avons réglé la facture par virement le 12 novembre.")
    sign_in(platform.portal, "agent@demo.example")

    queue = html.unescape(platform.portal.get("/replies").text)
    assert "1 réponse(s) non lue(s) sur 1" in queue and "Non lue" in queue
    assert re.search(r"D'après ses mots : <span class=\"badge badge--warn\">dit avoir payé</span>", queue)
    assert "nous avons réglé la facture par virement le 12 novembre." in queue
    assert f'href="/cases/{case["id"]}#replies"' in queue and "Dossier REPLY-01" in queue
    assert "En réponse à « Facture impayée : premier rappel »" in queue and "avis-de-virement.pdf (1 Ko)" in queue
    assert "Réponses des débiteurs" in html.unescape(platform.portal.get("/back-office").text)

    page = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert "Réponses du débiteur" in page and "De Jean Dupont <jean@dupont.example>, reçue le" in page
    reply_id = form_of(page, "read")
    original = platform.portal.get(f"/replies/{reply_id}/original")
    assert original.status_code == 200 and original.headers["content-type"] == "message/rfc822"
    assert b"avis-de-virement.pdf" in original.content

    read = platform.portal.post(f"/replies/{reply_id}/read", data={"csrf": csrf_of(page), "back": "case"})
    assert read.status_code == 303 and read.headers["location"] == f"/cases/{case['id']}?did=reply#replies"
    after = html.unescape(platform.portal.get(read.headers["location"]).text)
    assert "Réponse marquée comme lue." in after and "Marquer comme lue" not in after
    assert re.search(r"Lue le [^<]+ par agent@demo\.example", after), "who read it, by their sign-in e-mail"
    assert "0 réponse(s) non lue(s) sur 1" in html.unescape(platform.portal.get("/replies").text)


def test_the_creditor_reads_its_cases_replies_without_marking_them(platform, new_case, csrf_of, sign_in):
    case = platform.case(new_case, "REPLY-02", "310.00")
    replied(platform, case, "Nous contestons cette facture : la marchandise n'a pas été livrée.")
    sign_in(platform.portal, "creditor@demo.example")

    page = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert "la marchandise n'a pas été livrée." in page and "Marquer comme lue" not in page
    queue = html.unescape(platform.portal.get("/replies").text)
    assert "la marchandise n'a pas été livrée." in queue
    reply_id = queue.split('href="/replies/')[1].split("/original")[0]
    refused = platform.portal.post(f"/replies/{reply_id}/read", data={"csrf": csrf_of(page), "back": "queue"})
    assert refused.status_code == 403
    assert "1 réponse(s) non lue(s) sur 1" in html.unescape(platform.portal.get("/replies").text)
    forged = platform.portal.post(f"/replies/{reply_id}/read", data={"csrf": "forged", "back": "queue"})
    assert forged.status_code in (400, 403)


def test_the_worklist_says_how_many_replies_wait_to_be_read(portal_for, intake_url, scoring_url, serve, sign_in):
    from fastapi import FastAPI

    dunning, unread = FastAPI(), [2]

    @dunning.get("/api/v1/dunning/tasks")
    def tasks() -> dict[str, object]:
        return {"items": [], "total": 0}

    @dunning.get("/api/v1/dunning/replies")
    def replies(unread_only: bool | None = Query(None, alias="unread")) -> dict[str, object]:
        assert unread_only is True
        return {"items": [], "total": unread[0], "unread": unread[0]}

    portal = portal_for(service_urls={"intake": intake_url, "scoring": scoring_url, "dunning": serve(dunning)})
    sign_in(portal, "agent@demo.example")
    assert '<a href="/replies">2 réponse(s) de débiteurs à lire</a>' in portal.get("/worklist").text
    unread[0] = 0
    assert "à lire</a>" not in portal.get("/worklist").text


def test_staff_answer_the_debtor_from_the_cases_page(platform, new_case, csrf_of, sign_in):
    case = platform.case(new_case, "REPLY-03", "520.00")
    replied(platform, case, "Pouvez-vous m'envoyer le détail ?")
    sign_in(platform.portal, "agent@demo.example")
    page = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert "Répondre au débiteur" in page and "Votre réponse, envoyée à jean@dupont.example" in page
    reply_id = form_of(page, "answer")
    assert "Répondre depuis la page du dossier" in html.unescape(platform.portal.get("/replies").text)

    blank = {"csrf": csrf_of(page), "case_id": case["id"], "text": "   "}
    refused = platform.portal.post(f"/replies/{reply_id}/answer", data=blank)
    assert refused.status_code == 422 and 'class="reply-answer" open' in refused.text

    written = {**blank, "text": "Bonjour,\nle détail est sur votre page."}
    sent = platform.portal.post(f"/replies/{reply_id}/answer", data=written)
    assert sent.status_code == 303 and sent.headers["location"] == f"/cases/{case['id']}?did=answered#replies"
    after = html.unescape(platform.portal.get(sent.headers["location"]).text)
    assert "Réponse enregistrée : elle part au prochain passage des envois." in after
    assert "Répondu le" in after and "(envoi en cours)" in after and "Répondre au débiteur" not in after


def test_a_reply_naming_no_message_is_filed_under_its_case_from_the_queue(platform, new_case, csrf_of, sign_in):
    case = platform.case(new_case, "REPLY-04", "275.00")
    replied(platform, None, "Bonjour, j'écris au sujet de la facture REPLY-04.", heavy=True)
    sign_in(platform.portal, "agent@demo.example")
    queue = html.unescape(platform.portal.get("/replies").text)
    assert "Rattachée à aucun dossier : ce message ne répond à aucun de nos e-mails." in queue
    assert queue.count("Message trop lourd : seuls son en-tête et son texte sont conservés") == 1
    reply_id = form_of(queue, "case")

    wrong = platform.portal.post(f"/replies/{reply_id}/case", data={"csrf": csrf_of(queue), "case": "REPLY-4"})
    assert wrong.status_code == 422
    said = html.unescape(wrong.text)
    assert "aucun dossier n'a la référence ou l'identifiant « REPLY-4 »" in said and 'value="REPLY-4"' in said

    filed = platform.portal.post(f"/replies/{reply_id}/case", data={"csrf": csrf_of(queue), "case": "REPLY-04"})
    assert filed.status_code == 303 and filed.headers["location"] == f"/cases/{case['id']}?did=filed#replies"
    page = html.unescape(platform.portal.get(filed.headers["location"]).text)
    assert "Réponse rattachée au dossier." in page and "j'écris au sujet de la facture REPLY-04." in page
    assert "Répondre au débiteur" in page  # filed, it can be answered


def test_the_debtors_page_says_its_message_reached_us_then_that_it_was_answered(platform, new_case, csrf_of, sign_in):
    case = platform.case(new_case, "REPLY-05", "410.00")
    page = platform.portal.get(f"/debtor/{platform.link(case)}")
    assert page.status_code == 200 and 'id="your-message"' not in page.text
    replied(platform, case, "Nous avons réglé hier.")
    told = html.unescape(platform.portal.get(f"/debtor/{platform.link(case)}").text)
    assert re.search(r"Votre message du \d+ \w+ 2026 nous est bien parvenu\.</p>", told), "said, and no more yet"

    sign_in(platform.portal, "agent@demo.example")
    staff_page = platform.portal.get(f"/cases/{case['id']}").text
    written = {"csrf": csrf_of(staff_page), "case_id": case["id"], "text": "Merci, nous vérifions."}
    assert platform.portal.post(f"/replies/{form_of(staff_page, 'answer')}/answer", data=written).status_code == 303
    answered = html.unescape(platform.portal.get(f"/debtor/{platform.link(case)}").text)
    assert re.search(r"nous est bien parvenu\. Nous y avons répondu par e-mail le \d+ \w+ 2026\.", answered)
