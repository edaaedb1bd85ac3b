"""Escalation: a case whose dunning ran out becomes a proposal, never a procedure on its own; a person approves it
(the request file is drawn up from intake's figures) or refuses it; a mandate that pre-approved going to court
opens the payment order at once."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from shared.events.intake import CaseClosed

from .conftest import exhausted


def test_an_exhausted_case_becomes_a_proposal_not_a_procedure(legal):
    case = legal.validate_case()
    legal.exhaust(case)

    proposals = legal.client.get("/api/v1/legal/proposals?status=proposed", headers=legal.headers("supervisor")).json()
    assert [(p["case_id"], p["status"], p["balance"]) for p in proposals["items"]] == [
        (case.case_id, "proposed", "1275.12")
    ]
    procedures = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/procedures", headers=legal.headers()).json()
    assert procedures == {"items": []}
    [proposed] = legal.outbox("recouvra.legal.procedure.proposed.v1")
    assert proposed["proposal"] == "legal" and proposed["case_id"] == case.case_id
    assert legal.outbox("recouvra.legal.procedure.opened.v1") == []


def test_without_the_legal_phase_in_the_mandate_the_proposal_is_to_close(legal):
    case = legal.validate_case()
    legal.exhaust(case, legal_allowed=False)

    [proposal] = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/proposals", headers=legal.headers()).json()[
        "items"
    ]
    assert proposal["status"] == "closing_proposed"
    refused = legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/procedures",
        json={"kind": "injonction_de_payer"},
        headers={**legal.headers("supervisor"), "Accept-Language": "fr"},
    )
    assert refused.status_code == 409
    assert "mandat du créancier n'autorise pas la phase judiciaire" in refused.text


def test_an_exhaustion_heard_before_the_validation_waits_for_it(legal):
    case = legal.validate_case()
    other = case.model_copy(update={"case_id": "6f1c0a54-3f7e-4d53-9a56-0d1f5e1d2c3b"})
    parked = legal.parks(exhausted(other, legal_allowed=True, balance="10.00", on=date(2026, 11, 24)))
    assert parked.awaiting == other.case_id


def test_a_supervisor_approves_a_payment_order_with_its_request_file(legal):
    case = legal.validate_case()
    legal.exhaust(case)

    procedure = legal.approve(case)

    assert procedure["kind"] == "injonction_de_payer" and procedure["state"] == "opened"
    assert procedure["court"]["kind"] == "tribunal_de_commerce" and procedure["court"]["place"] == "33000 Bordeaux"
    assert procedure["claimed"] == "1275.12" and procedure["deadlines"] == []
    request = procedure["request"]
    assert [e["source"] for e in request["exhibits"]] == [
        "document",
        "document",
        "invoice",
        "statement",
        "formal_notice",
    ]
    assert request["missing"] == ["copies of the invoices (listed here by number, to be attached)"]
    [opened] = legal.outbox("recouvra.legal.procedure.opened.v1")
    assert opened["procedure_id"] == procedure["id"] and opened["kind"] == "injonction_de_payer"
    [proposal] = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/proposals", headers=legal.headers()).json()[
        "items"
    ]
    assert proposal["status"] == "approved" and proposal["procedure_id"] == procedure["id"]

    pdf = legal.client.get(request["url"], headers=legal.headers("creditor", creditor_id=case.creditor_id))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["x-content-type-options"] == "nosniff"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Requête en injonction de payer".upper() in text.upper()
    assert "Dupont SARL" in text and "Demo Créancier SAS" in text and case.reference in text
    assert "tribunal de commerce" in text and "1 275,12" in text and "Bordereau des pièces" in text
    assert "Pénalités de retard" in text and "L441-10" in text


def test_a_second_procedure_on_the_same_case_is_refused(legal):
    case = legal.validate_case()
    legal.approve(case)
    again = legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/procedures",
        json={"kind": "injonction_de_payer"},
        headers=legal.headers("supervisor"),
    )
    assert again.status_code == 409 and "already has a procedure" in again.text


def test_small_claims_are_refused_above_five_thousand_euros(legal):
    case = legal.validate_case(amount="6000.00")
    refused = legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/procedures", json={"kind": "small_claims"}, headers=legal.headers()
    )
    assert refused.status_code == 422 and "up to 5000.00 EUR" in refused.text
    small = legal.validate_case(amount="900.00", kind="b2c")
    procedure = legal.approve(small, kind="small_claims")
    assert procedure["court"]["kind"] == "commissaire_de_justice"


def test_a_consumer_claim_goes_to_the_judicial_court(legal):
    procedure = legal.approve(legal.validate_case(kind="b2c"))
    assert procedure["court"]["kind"] == "tribunal_judiciaire"


def test_only_agency_deciders_approve_and_a_creditor_sees_its_own_only(legal):
    case = legal.validate_case()
    as_creditor = legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/procedures",
        json={"kind": "injonction_de_payer"},
        headers=legal.headers("creditor", creditor_id=case.creditor_id),
    )
    assert as_creditor.status_code == 403
    procedure = legal.approve(case, role="agent")
    other = legal.headers("creditor", creditor_id="5d0e4f1a-6f3b-4b53-8d6c-0f2a3b4c5d6e")
    assert legal.client.get(f"/api/v1/legal/procedures/{procedure['id']}", headers=other).status_code == 404
    assert legal.client.get(f"/api/v1/legal/cases/{case.case_id}/procedures", headers=other).status_code == 404
    own = legal.headers("creditor", creditor_id=case.creditor_id)
    assert legal.client.get(f"/api/v1/legal/procedures/{procedure['id']}", headers=own).status_code == 200


def test_intake_unavailable_at_approval_changes_nothing(legal):
    case = legal.validate_case()
    legal.exhaust(case)
    legal.intake.down = True
    answer = legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/procedures",
        json={"kind": "injonction_de_payer"},
        headers=legal.headers("supervisor"),
    )
    assert answer.status_code == 503
    assert legal.client.get(f"/api/v1/legal/cases/{case.case_id}/procedures", headers=legal.headers()).json() == {
        "items": []
    }
    assert legal.outbox("recouvra.legal.procedure.opened.v1") == []


def test_a_refused_proposal_says_why_and_cannot_be_refused_twice(legal):
    case = legal.validate_case()
    legal.exhaust(case)
    [proposal] = legal.client.get("/api/v1/legal/proposals", headers=legal.headers()).json()["items"]
    url = f"/api/v1/legal/proposals/{proposal['id']}/refusal"
    refused = legal.client.post(url, json={"reason": "débiteur insolvable"}, headers=legal.headers("supervisor"))
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    assert refused.json()["decision_note"] == "débiteur insolvable"
    again = legal.client.post(url, json={"reason": "encore"}, headers=legal.headers("supervisor"))
    assert again.status_code == 409


def test_a_case_closed_in_intake_withdraws_its_pending_proposal_whatever_the_order(legal):
    first, second = legal.validate_case(), legal.validate_case()
    legal.exhaust(first)
    for case in (first, second):
        closed = CaseClosed(
            case_id=case.case_id,
            creditor_id=case.creditor_id,
            debtor_id=case.debtor.debtor_id,
            reason="paid",
            closed_on=date(2026, 11, 24),
        )
        legal.apply(closed, subject=case.case_id)
    legal.exhaust(second)
    items = legal.client.get("/api/v1/legal/proposals", headers=legal.headers()).json()["items"]
    assert (
        sorted((p["status"], p["decision_note"]) for p in items)
        == [("withdrawn", "the case was closed before a decision")] * 2
    )


def test_a_mandate_that_pre_approves_going_to_court_opens_the_payment_order_at_once(legal):
    case = legal.validate_case()
    policy = legal.client.put(
        f"/api/v1/legal/creditors/{case.creditor_id}/escalation",
        json={"preapproved": True},
        headers=legal.headers("supervisor"),
    )
    assert policy.status_code == 200 and policy.json()["preapproved"] is True
    assert (
        legal.client.put(
            f"/api/v1/legal/creditors/{case.creditor_id}/escalation",
            json={"preapproved": False},
            headers=legal.headers("agent"),
        ).status_code
        == 403
    )

    legal.exhaust(case)

    [procedure] = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/procedures", headers=legal.headers()).json()[
        "items"
    ]
    assert procedure["approved_by"] == "mandate" and procedure["request"] is None
    [opened] = legal.outbox("recouvra.legal.procedure.opened.v1")
    assert opened["approved_by"] == "mandate"
    pdf = legal.client.get(f"/api/v1/legal/procedures/{procedure['id']}/request.pdf", headers=legal.headers())
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    shown = legal.client.get(f"/api/v1/legal/procedures/{procedure['id']}", headers=legal.headers()).json()
    assert shown["request"] is not None and shown["court"]["place"] == "33000 Bordeaux"


def test_no_procedure_against_a_debtor_under_insolvency_proceedings(legal):
    case = legal.validate_case(status="claim_declaration", insolvency=True)
    refused = legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/procedures",
        json={"kind": "injonction_de_payer"},
        headers=legal.headers("supervisor"),
    )
    assert refused.status_code == 409 and "L622-21" in refused.text
