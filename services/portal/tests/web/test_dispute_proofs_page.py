"""A dispute's proof on the portal's pages, over the real intake and dunning: the case's page says what the dispute
asks of the creditor and where it stands (awaited, received with each document linked, judged insufficient with
what is missing), shows the creditor where to attach it and staff a form to judge it insufficient; the queue and
its export say it in short words; the case's timeline tells the document filed and the judgement; the debtor's page
says what the creditor sent, among the documents it lists."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, select

from shared.events.dunning import DisputeProofInsufficient
from shared.events.envelope import CloudEvent
from shared.events.intake_documents import DocumentAttached
from shared.outbox import OutboxMessage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def text_of(response: Any) -> str:
    """The page as read: entities decoded, runs of white space as one space."""
    return re.sub(r"\s+", " ", html.unescape(response.text))


def heard(platform, case: dict[str, Any]) -> list[dict[str, Any]]:
    """Intake's documents of the case, told to dunning and to the portal's timeline as their consumers would hear
    intake's `document.attached`; the documents as intake lists them."""
    from dunning.handlers import HANDLERS as DUNNING
    from portal.handlers import HANDLERS as PORTAL

    items = platform.portal.get(f"/api/v1/cases/{case['id']}/documents", headers=platform.creditor).json()["items"]
    for item in items:
        event = DocumentAttached(
            case_id=case["id"],
            creditor_id=str(case["creditor_id"]),
            document_id=item["id"],
            kind=item["kind"],
            filename=item["filename"],
            attached_at=datetime.fromisoformat(item["uploaded_at"]),
        )
        envelope = CloudEvent.wrap(event, subject=event.case_id, tenant=event.creditor_id, time=event.attached_at)
        for handlers, engine in (
            (DUNNING, platform.dunning_engine),
            (PORTAL, platform.portal.app.state.runtime.engine),
        ):
            with Session(engine) as session, session.begin():
                handlers[DocumentAttached](session=session, event=event, envelope=envelope, clock=platform.clock)
    return items


def judgement_heard(platform) -> None:
    """Dunning's `dispute.proof_insufficient` events, from its outbox, told to the portal's timeline."""
    from portal.handlers import HANDLERS

    with Session(platform.dunning_engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.event_type == DisputeProofInsufficient.type))
        envelopes = [CloudEvent.model_validate(row.envelope) for row in rows]
    assert envelopes, "dunning recorded no judgement"
    for envelope in envelopes:
        event = DisputeProofInsufficient.model_validate(envelope.data)
        with Session(platform.portal.app.state.runtime.engine) as session, session.begin():
            HANDLERS[DisputeProofInsufficient](session=session, event=event, envelope=envelope, clock=platform.clock)


def disputed(platform, case: dict[str, Any], category: str, headers: dict[str, str]) -> str:
    path = f"/api/v1/dunning/cases/{case['id']}/disputes"
    opened = platform.portal.post(path, json={"reason": "Rien reçu", "category": category}, headers=headers)
    assert opened.status_code == 201, opened.text
    return opened.json()["id"]


def test_the_creditor_is_asked_files_the_proof_and_staff_judge_it_insufficient(
    platform, new_case, sign_in, csrf_of, issue_token, portal_for, intake_url
):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    platform.clock.set(datetime(2026, 11, 4, 9, tzinfo=UTC))
    case = platform.case(new_case, "PRV-0001", "640.00")
    dispute = disputed(platform, case, "not_received", agent)
    sign_in(platform.portal, "creditor@demo.example")
    asked = text_of(platform.portal.get(f"/cases/{case['id']}"))
    assert "Pièces demandées au créancier : preuve de livraison — en attente" in asked
    assert (
        '<a href="#attach">Vous pouvez la joindre avec le formulaire « Joindre une pièce » de la section Pièces.'
        in (asked)
    )
    assert '<option value="delivery_proof" selected>' in asked  # the kind asked, offered first
    assert "proof-insufficient" not in asked  # staff's form only

    platform.clock.set(datetime(2026, 11, 5, 10, tzinfo=UTC))
    form = platform.portal.get(f"/cases/{case['id']}").text
    files = {"file": ("bl.pdf", PDF, "application/pdf")}
    sent = platform.portal.post(
        f"/cases/{case['id']}/documents", data={"csrf": csrf_of(form), "kind": "delivery_proof"}, files=files
    )
    assert sent.status_code == 303, sent.text
    [document] = heard(platform, case)
    received = text_of(platform.portal.get(f"/cases/{case['id']}"))
    link = f'<a href="/cases/{case["id"]}/documents/{document["id"]}">bl.pdf</a>'
    assert f"Pièces demandées au créancier : preuve de livraison — reçue : {link} (déposée le 5 novembre 2026)" in (
        received
    )
    assert 'href="#attach"' not in received and "Pièce ajoutée au dossier : preuve de livraison (bl.pdf)" in received
    judge = f"/cases/{case['id']}/disputes/{dispute}/proof-insufficient"
    refused = platform.portal.post(judge, data={"csrf": csrf_of(form), "note": "Le BL n'est pas signé."})
    assert refused.status_code == 403  # a creditor does not judge its own documents

    staff = portal_for(service_urls={"intake": intake_url, "dunning": platform.dunning_url})
    sign_in(staff, "agent@demo.example")
    page = staff.get(f"/cases/{case['id']}")
    assert f'action="{judge}"' in page.text and "Pièces insuffisantes" in page.text
    empty = staff.post(judge, data={"csrf": csrf_of(page.text), "note": "  "})
    assert empty.status_code == 422 and "Écrivez ce qui manque au créancier avant d'envoyer." in text_of(empty)
    short = staff.post(judge, data={"csrf": csrf_of(page.text), "note": "BL"})  # dunning asks 3 characters at least
    assert short.status_code == 422 and ">BL</textarea>" in short.text  # what was typed, given back
    platform.clock.set(datetime(2026, 11, 6, 11, tzinfo=UTC))
    judged = staff.post(judge, data={"csrf": csrf_of(page.text), "note": " Le BL n'est pas signé par le client. "})
    assert judged.status_code == 303, judged.text
    assert judged.headers["location"] == f"/cases/{case['id']}?did=proof#disputes"
    after = text_of(staff.get(judged.headers["location"]))
    assert "Les pièces sont jugées insuffisantes : le créancier reçoit par e-mail ce qui manque." in after
    said = "preuve de livraison — jugées insuffisantes le 6 novembre 2026 : <q>Le BL n'est pas signé par le client.</q>"
    assert said in after and f'action="{judge}"' not in after

    judgement_heard(platform)
    creditor_page = text_of(platform.portal.get(f"/cases/{case['id']}"))
    assert said in creditor_page and '<a href="#attach">' in creditor_page  # asked again, shown where to send it
    assert "Pièces du litige jugées insuffisantes ; le créancier est relancé" in creditor_page
    platform.portal.cookies.set("recouvra_lang", "en")
    english = text_of(platform.portal.get(f"/cases/{case['id']}"))
    assert "Documents asked of the creditor: proof of delivery — judged insufficient on 6 November 2026: " in english
    assert "Dispute documents judged insufficient; the creditor is asked again" in english
    assert "Document filed with the case: delivery proof (bl.pdf)" in english


def test_a_judgement_dunning_refuses_is_said_in_plain_words(
    platform, new_case, sign_in, csrf_of, issue_token, portal_for, intake_url
):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    case = platform.case(new_case, "PRV-0002", "320.00")
    waiting = disputed(platform, case, "wrong_amount", agent)
    sign_in(platform.portal, "agent@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")
    assert "Pièces demandées au créancier : bon de commande, contrat ou facture proforma — en attente" in text_of(page)
    assert "proof-insufficient" not in page.text  # nothing filed yet: nothing to judge
    judge = f"/cases/{case['id']}/disputes/{waiting}/proof-insufficient"
    early = platform.portal.post(judge, data={"csrf": csrf_of(page.text), "note": "Rien de probant."})
    assert early.status_code == 409 and "il n'y a rien à juger" in text_of(early)

    settled = platform.portal.post(
        f"/api/v1/dunning/cases/{case['id']}/disputes/{waiting}/resolve", json={"outcome": "upheld"}, headers=agent
    )
    assert settled.status_code == 200, settled.text
    late = platform.portal.post(judge, data={"csrf": csrf_of(page.text), "note": "Rien de probant."})
    assert late.status_code == 409 and "ce litige est déjà résolu" in text_of(late)
    assert "— en attente" not in text_of(late)  # settled: nothing is awaited any more


def test_the_queue_and_its_export_say_where_each_disputes_documents_stand(
    platform, new_case, sign_in, csrf_of, issue_token
):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    platform.clock.set(datetime(2026, 11, 10, 9, tzinfo=UTC))
    awaited, received = platform.case(new_case, "PRV-0003", "100.00"), platform.case(new_case, "PRV-0004", "200.00")
    unasked = platform.case(new_case, "PRV-0005", "300.00")
    disputed(platform, awaited, "not_compliant", agent)
    disputed(platform, received, "not_received", agent)
    disputed(platform, unasked, "other", agent)
    sign_in(platform.portal, "agent@demo.example")
    form = platform.portal.get(f"/cases/{received['id']}").text
    files = {"file": ("bl.pdf", PDF, "application/pdf")}
    data = {"csrf": csrf_of(form), "kind": "delivery_proof"}
    assert platform.portal.post(f"/cases/{received['id']}/documents", data=data, files=files).status_code == 303
    heard(platform, received)

    queue = text_of(platform.portal.get("/disputes"))
    assert '<th scope="col">Pièces</th>' in queue
    cells = dict(re.findall(r'>(PRV-000\d)</a>.*?<td data-label="Pièces">(.*?)</td>', queue))
    assert cells == {"PRV-0003": "en attente", "PRV-0004": "reçues", "PRV-0005": "—"}
    moves = dict(re.findall(r'>(PRV-000\d)</a>.*?<td data-label="À qui la main">(.*?)</td>', queue))
    assert moves["PRV-0004"] == "Le créancier a déposé une pièce qui y répond : à l'agence de trancher"
    assert "En attente de la réponse du créancier" in moves["PRV-0003"]  # nothing filed: still the creditor's move
    exported = platform.portal.get("/disputes/export.csv").text.splitlines()
    assert exported[0].endswith(";Pièces")
    assert {line.split(";")[0]: line.split(";")[-1] for line in exported[1:]} == cells
    platform.portal.cookies.set("recouvra_lang", "en")
    english = text_of(platform.portal.get("/disputes"))
    assert (
        '<td data-label="Documents">awaited</td>' in english and '<td data-label="Documents">received</td>' in english
    )


def test_the_debtor_reads_that_the_creditor_sent_the_proof_among_its_documents(platform, new_case, sign_in, csrf_of):
    case = platform.case(new_case, "PRV-0006", "980.00")
    link = platform.link(case)
    page = platform.portal.get(f"/debtor/{link}")
    reason = {"csrf": csrf_of(page.text), "category": "not_received", "reason": "Les palettes ne sont jamais arrivées."}
    assert platform.portal.post(f"/debtor/{link}/dispute", data=reason).status_code == 303
    waiting = text_of(platform.portal.get(f"/debtor/{link}"))
    assert 'id="dispute-proof"' not in waiting  # nothing sent yet, but what was asked for is said
    assert (
        "Pour examiner votre contestation, nous avons demandé au créancier : preuve de livraison. Vous pourrez le "
        "consulter sur cette page dès qu'il l'aura transmis." in waiting
    )

    creditor = platform.portal
    sign_in(creditor, "creditor@demo.example")
    form = creditor.get(f"/cases/{case['id']}").text
    files = {"file": ("bl.pdf", PDF, "application/pdf")}
    data = {"csrf": csrf_of(form), "kind": "delivery_proof"}
    assert creditor.post(f"/cases/{case['id']}/documents", data=data, files=files).status_code == 303
    heard(platform, case)
    creditor.cookies.clear()

    debtor = text_of(platform.portal.get(f"/debtor/{link}"))
    assert "Le créancier a transmis : preuve de livraison (bl.pdf) ; vous pouvez la consulter ci-dessous." in debtor
    assert "Preuve de livraison — bl.pdf</a>" in debtor  # the document it speaks of, listed below
    assert 'id="dispute-proof-asked"' not in debtor  # received: no longer asked
    platform.portal.cookies.set("recouvra_lang", "en")
    english = text_of(platform.portal.get(f"/debtor/{link}"))
    assert "The creditor has sent: proof of delivery (bl.pdf); you can read it below." in english
