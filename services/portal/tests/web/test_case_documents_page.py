"""« Joindre une pièce » on a case's page, over the real intake and dunning: the case's creditor and staff file a
document with a case neither draft nor closed, passed on to intake's API as the visitor; what the form or intake
refuses (no file, an empty or disguised file, a file too large, a case closed meanwhile) is said in the visitor's
language and nothing is filed."""

from __future__ import annotations

import html
from typing import Any

from shared.demo import DEMO_CREDITOR_ID

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 59 + b"PE\x00\x00" + b"\x00" * 200


def documents(platform, case: dict[str, Any]) -> list[dict[str, Any]]:
    """The case's documents as intake lists them."""
    listed = platform.portal.get(f"/api/v1/cases/{case['id']}/documents", headers=platform.creditor)
    assert listed.status_code == 200, listed.text
    return listed.json()["items"]


def attach(client, case: dict[str, Any], csrf: str, kind: str, file: tuple[str, bytes, str] | None) -> Any:
    """The form as a browser posts it: multipart, the kind chosen and the file (none: an empty file part)."""
    files = {"file": file or ("", b"", "application/octet-stream")}
    return client.post(f"/cases/{case['id']}/documents", data={"csrf": csrf, "kind": kind}, files=files)


def test_the_creditor_attaches_a_document_to_a_running_case_and_reads_it_listed(platform, new_case, sign_in, csrf_of):
    case = platform.case(new_case, "PJ-0001", "640.00")
    sign_in(platform.portal, "creditor@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")
    assert page.status_code == 200, page.text
    text = html.unescape(page.text)
    assert f'action="/cases/{case["id"]}/documents"' in text and 'enctype="multipart/form-data"' in text
    assert '<h3 id="attach-title">Joindre une pièce</h3>' in text and 'id="documents"' in text
    assert 'name="kind"' in text and 'name="file"' in text and 'name="document_kind"' not in text  # not the draft's

    forged = attach(platform.portal, case, "wrong", "delivery_proof", ("bl.pdf", PDF, "application/pdf"))
    assert forged.status_code == 403 and documents(platform, case) == []
    sent = attach(platform.portal, case, csrf_of(page.text), "delivery_proof", ("bl.pdf", PDF, "application/pdf"))
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"] == f"/cases/{case['id']}?did=attached#documents"
    [filed] = documents(platform, case)
    assert (filed["kind"], filed["filename"]) == ("delivery_proof", "bl.pdf")
    after = html.unescape(platform.portal.get(sent.headers["location"]).text)
    assert "La pièce est jointe au dossier." in after
    assert f'<a href="/cases/{case["id"]}/documents/{filed["id"]}">Preuve de livraison — bl.pdf</a>' in after
    assert platform.portal.get(f"/cases/{case['id']}/documents/{filed['id']}").content == PDF


def test_what_the_form_or_intake_refuses_is_said_in_the_visitors_language_and_nothing_is_filed(
    platform, new_case, sign_in, csrf_of, monkeypatch
):
    case = platform.case(new_case, "PJ-0002", "320.00")
    sign_in(platform.portal, "creditor@demo.example")
    csrf = csrf_of(platform.portal.get(f"/cases/{case['id']}").text)

    nothing = attach(platform.portal, case, csrf, "contract", None)
    assert nothing.status_code == 422 and "Choisissez le fichier à joindre." in html.unescape(nothing.text)
    empty = attach(platform.portal, case, csrf, "contract", ("contrat.pdf", b"", "application/pdf"))
    assert empty.status_code == 422 and "le fichier est vide" in html.unescape(empty.text)
    disguised = attach(platform.portal, case, csrf, "contract", ("contrat.pdf", EXE, "application/pdf"))
    assert disguised.status_code == 422, disguised.text
    # the kind the visitor chose is offered again beside the refusal
    assert '<option value="contract" selected>' in disguised.text

    monkeypatch.setattr("portal.web.routes.case_documents.MAX_DOCUMENT_BYTES", len(PDF) - 1)
    too_large = attach(platform.portal, case, csrf, "contract", ("contrat.pdf", PDF, "application/pdf"))
    assert too_large.status_code == 413 and "Le fichier dépasse 20 Mo." in html.unescape(too_large.text)
    monkeypatch.undo()

    platform.portal.cookies.set("recouvra_lang", "en")
    english = attach(platform.portal, case, csrf, "contract", ("contract.pdf", b"", "application/pdf"))
    assert english.status_code == 422 and "the file is empty" in english.text
    assert "Attach a document" in english.text
    assert documents(platform, case) == []


def test_a_draft_keeps_its_own_form_a_closed_case_offers_none_and_one_closed_meanwhile_is_refused(
    platform, new_case, sign_in, csrf_of, issue_token
):
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    draft = platform.portal.post("/api/v1/cases", json={**new_case("PJ-0003"), "draft": True}, headers=creditor)
    assert draft.status_code == 201, draft.text
    case = platform.case(new_case, "PJ-0004", "150.00")
    sign_in(platform.portal, "creditor@demo.example")
    drafted = platform.portal.get(f"/cases/{draft.json()['id']}").text
    assert 'id="draft-title"' in drafted and 'id="attach-title"' not in drafted

    open_page = platform.portal.get(f"/cases/{case['id']}").text
    closed = platform.portal.post(
        f"/api/v1/cases/{case['id']}/transitions", json={"to": "closed", "reason": "withdrawn"}, headers=creditor
    )
    assert closed.status_code == 200, closed.text
    assert 'id="attach-title"' not in platform.portal.get(f"/cases/{case['id']}").text
    late = attach(platform.portal, case, csrf_of(open_page), "invoice", ("f.pdf", PDF, "application/pdf"))
    assert late.status_code == 409 and "on ne peut plus y ajouter de documents" in html.unescape(late.text)


def test_staff_attach_a_document_for_the_creditor(platform, new_case, sign_in, csrf_of, portal_for, intake_url):
    case = platform.case(new_case, "PJ-0005", "410.00")
    staff = portal_for(service_urls={"intake": intake_url, "dunning": platform.dunning_url})
    sign_in(staff, "agent@demo.example")
    page = staff.get(f"/cases/{case['id']}")
    assert 'id="attach-title"' in page.text
    sent = attach(staff, case, csrf_of(page.text), "purchase_order", ("bc.pdf", PDF, "application/pdf"))
    assert sent.status_code == 303, sent.text
    assert [(d["kind"], d["filename"]) for d in documents(platform, case)] == [("purchase_order", "bc.pdf")]


def test_a_validated_case_says_what_its_checklist_lacked_at_validation_not_what_it_lacks_now(
    platform, new_case, sign_in, issue_token
):
    case = platform.case(new_case, "PJ-0009", "640.00")
    sign_in(platform.portal, "creditor@demo.example")
    before = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert "Manque : une preuve de livraison" in before and "Validé sans" not in before
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    path = f"/api/v1/cases/{case['id']}/validate"
    validated = platform.portal.post(path, json={"override_reason": "pièces reçues par courrier"}, headers=agent)
    assert validated.status_code == 200, validated.text

    after = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)

    assert "Validé sans : une preuve de livraison" in after and "Manque :" not in after
