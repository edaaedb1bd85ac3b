"""The back-office pages over intake's API: the suspense queue (a bank credit no case claimed, assigned to a
case by its reference), the remittance runs (run from the page, the run's page and its SEPA file); and that
creditors have no back-office."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI, Request

from shared.demo import DEMO_CREDITOR_ID

# A camt.053.001.08 statement of one credit nothing identifies: it goes to the suspense queue.
STATEMENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Id>STMT-WEB-1</Id>
<Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">321.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>WEB-REF-1</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><EndToEndId>WEB-E2E-1</EndToEndId></Refs><Amt Ccy="EUR">321.00</Amt>
<RltdPties><Dbtr><Pty><Nm>Inconnu SARL</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>reglement divers</Ustrd></RmtInf>
</TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>
"""


@pytest.fixture
def portal(portal_for, settings_for, clock, verifier, serve, tmp_path):
    from intake.main import create_app as create_intake

    settings = settings_for(
        "intake",
        documents_dir=tmp_path / "documents",
        seed_demo=True,
        agency_iban="FR7630006000011234567890189",  # the client-money account remittances are paid from
        agency_bic="AGRIFRPP",
    )
    return portal_for(service_urls={"intake": serve(create_intake(settings, clock=clock, verifier=verifier))})


@pytest.fixture
def admin(issue_token):
    return {"Authorization": f"Bearer {issue_token('admin')}"}


def _case(portal, admin, new_case, reference: str) -> dict[str, object]:
    body = {**new_case(reference), "creditor_id": str(DEMO_CREDITOR_ID)}
    case = portal.post("/api/v1/cases", json=body, headers=admin)
    assert case.status_code == 201, case.text
    validated = portal.post(f"/api/v1/cases/{case.json()['id']}/validate", json={"override_reason": "t"}, headers=admin)
    assert validated.status_code == 200, validated.text
    return dict(case.json())


def _statement_imported(portal, admin, sign_in):
    """The bank statement imported (its credit for no known case lands in the suspense queue), an admin signed in."""
    imported = portal.post(
        "/api/v1/intake/bank-statements", files={"file": ("releve.xml", STATEMENT, "application/xml")}, headers=admin
    )
    assert imported.status_code == 201, imported.text
    sign_in(portal, "admin@demo.example")
    return imported


def test_a_suspense_credit_is_assigned_to_a_case_by_its_reference(portal, sign_in, csrf_of, admin, new_case):
    _case(portal, admin, new_case, "SUSP-0001")
    imported = _statement_imported(portal, admin, sign_in)

    queue = portal.get("/back-office/suspense")
    assert queue.status_code == 200, queue.text
    assert "Inconnu SARL" in queue.text and "321,00" in queue.text
    credit_id = imported.json()["items"][0]["id"]
    unknown = portal.post(
        f"/back-office/suspense/{credit_id}/resolve", data={"csrf": csrf_of(queue.text), "case_reference": "NOPE"}
    )
    assigned = portal.post(
        f"/back-office/suspense/{credit_id}/resolve", data={"csrf": csrf_of(queue.text), "case_reference": "SUSP-0001"}
    )

    assert unknown.status_code == 422 and "cette référence" in unknown.text
    assert assigned.status_code == 303, assigned.text
    after = portal.get(assigned.headers["location"])
    assert "Le paiement est traité." in after.text and "Inconnu SARL" not in after.text


def test_remittances_are_run_from_the_page_and_the_run_shows_its_transfers(portal, sign_in, csrf_of, admin, new_case):
    account = {"iban": "FR14 2004 1010 0505 0001 3M02 606"}
    assert (
        portal.put(f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json=account, headers=admin).status_code
        == 200
    )
    case = _case(portal, admin, new_case, "REM-0001")
    payment = {
        "case_id": case["id"],
        "amount": "500.00",
        "received_on": "2026-11-20",
        "source": "debtor_to_agency",
        "reference": "VIR-REM-0001",
    }
    assert portal.post("/api/v1/payments", json=payment, headers=admin).status_code == 201
    sign_in(portal, "admin@demo.example")
    page = portal.get("/back-office/remittances")
    assert page.status_code == 200, page.text

    run = portal.post("/back-office/remittances/runs", data={"csrf": csrf_of(page.text)})

    assert run.status_code == 303, run.text
    shown = portal.get(run.headers["location"])
    assert shown.status_code == 200 and "Campagne de reversement" in shown.text
    assert "FR14 2004 1010 0505 0001 3M02 606" in shown.text
    transfers = portal.get(run.headers["location"] + "/pain001")
    assert transfers.status_code == 200 and b"pain.001" in transfers.content
    listed = portal.get("/back-office/remittances")
    assert "Voir la campagne" in listed.text
    assert "FC-000001 (PDF)" in shown.text and "FC-000001 (PDF)" in listed.text
    [invoice] = {link for link in re.findall(r'href="(/back-office/remittances/[0-9a-f-]+/invoice)"', listed.text)}
    pdf = portal.get(invoice)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and b"FC-000001" in pdf.content


def test_creditors_have_no_back_office(portal, sign_in):
    sign_in(portal, "creditor@demo.example")

    for path in ("/back-office", "/back-office/suspense", "/back-office/remittances", "/back-office/escalations"):
        assert portal.get(path).status_code == 403, path
    assert "/back-office" not in portal.get("/cases").text


def test_the_back_office_offers_the_users_page_to_admins_only(portal_for, sign_in):
    for email, offered in (("agent@demo.example", False), ("admin@demo.example", True)):
        portal = portal_for(service_urls={})
        sign_in(portal, email)
        index = portal.get("/back-office")
        assert index.status_code == 200, index.text
        assert ('href="/back-office/users"' in index.text) is offered, email
        assert 'href="/back-office/suspense"' in index.text


def test_an_escalation_is_refused_with_its_reason_or_approved_by_opening_the_procedure(
    portal_for, serve, sign_in, csrf_of
):
    proposal = {
        "id": "6f1f7f3e-0000-4000-8000-000000000001",
        "case_id": "6f1f7f3e-0000-4000-8000-0000000000c1",
        "creditor_id": str(DEMO_CREDITOR_ID),
        "status": "proposed",
        "scenario": "b2b_standard",
        "exhausted_on": "2026-11-02",
        "balance": "1450.00",
    }
    received: list[tuple[str, object]] = []
    legal = FastAPI()  # legal as the page sees it: its list, its refusal, its procedure opening

    @legal.get("/api/v1/legal/proposals")
    def proposals(status: str) -> dict[str, object]:
        return {"items": [proposal] if status == "proposed" else [], "total": 1}

    @legal.post("/api/v1/legal/proposals/{proposal_id}/refusal")
    async def refusal(proposal_id: str, request: Request) -> dict[str, object]:
        received.append((f"refuse {proposal_id}", await request.json()))
        return {**proposal, "status": "refused"}

    @legal.post("/api/v1/legal/cases/{case_id}/procedures", status_code=201)
    async def procedure(case_id: str, request: Request) -> dict[str, object]:
        received.append((f"open {case_id}", await request.json()))
        return {"id": "p-1"}

    portal = portal_for(service_urls={"legal": serve(legal)})
    sign_in(portal, "admin@demo.example")
    page = portal.get("/back-office/escalations")
    assert page.status_code == 200, page.text
    assert "1\u202f450,00\u00a0€" in page.text and "Injonction de payer" in page.text
    action = f"/back-office/escalations/{proposal['id']}/decision"
    form = {"csrf": csrf_of(page.text), "case_id": proposal["case_id"]}

    refused = portal.post(action, data={**form, "decision": "refuse", "note": "débiteur en liquidation"})
    opened = portal.post(action, data={**form, "decision": "approve", "kind": "small_claims"})

    assert refused.status_code == 303 and opened.status_code == 303
    assert received == [
        (f"refuse {proposal['id']}", {"reason": "débiteur en liquidation"}),
        (f"open {proposal['case_id']}", {"kind": "small_claims", "note": None}),
    ]
    assert "La procédure est ouverte." in portal.get(opened.headers["location"]).text


def _dunning_declaring(declared: list[dict[str, str]]) -> FastAPI:
    """Dunning as the suspense page reads it: the payments debtors declared."""
    app = FastAPI()

    @app.get("/api/v1/dunning/declared-payments")
    def declared_payments(request: Request) -> dict[str, object]:
        assert request.headers["authorization"].startswith("Bearer ")  # read with the visitor's token
        return {"items": declared, "total": len(declared)}

    return app


def test_a_credit_the_debtor_declared_names_the_case_and_fills_it_in(
    portal_for, settings_for, clock, verifier, serve, tmp_path, sign_in, admin, new_case
):
    from intake.main import create_app as create_intake

    settings = settings_for(
        "intake", documents_dir=tmp_path / "documents", seed_demo=True, agency_iban="FR7630006000011234567890189"
    )
    declared = [
        {"case_reference": "SUSP-0002", "declared_amount": "321.00", "currency": "EUR", "declared_on": "2026-11-18"},
        {"case_reference": "SUSP-0003", "declared_amount": "321.00", "currency": "EUR", "declared_on": "2026-10-01"},
        {"case_reference": "SUSP-0004", "declared_amount": "320.00", "currency": "EUR", "declared_on": "2026-11-20"},
        {"case_reference": "SUSP-0005", "declared_amount": "321.00", "currency": "CHF", "declared_on": "2026-11-18"},
    ]  # 0003 too long ago, 0004 another amount, 0005 another currency
    intake = serve(create_intake(settings, clock=clock, verifier=verifier))
    portal = portal_for(service_urls={"intake": intake, "dunning": serve(_dunning_declaring(declared))})
    _statement_imported(portal, admin, sign_in)

    queue = portal.get("/back-office/suspense")

    assert queue.status_code == 200, queue.text
    text = queue.text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Le débiteur du dossier SUSP-0002 déclare avoir payé 321,00 € le 18 novembre 2026" in text
    assert not any(f'data-declared-case="SUSP-000{n}"' in text for n in (3, 4, 5))
    assert 'name="case_reference" required autocomplete="off" value="SUSP-0002"' in text


def test_the_queue_works_without_the_declared_payments(portal, sign_in, admin):
    _statement_imported(portal, admin, sign_in)

    queue = portal.get("/back-office/suspense")  # no dunning for this portal

    assert queue.status_code == 200 and "Inconnu SARL" in queue.text
    assert "ne peuvent pas être lus pour l'instant" in queue.text.replace("&#39;", "'")
