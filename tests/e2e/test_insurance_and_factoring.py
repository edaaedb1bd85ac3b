"""Credit insurance and factoring on the running platform, the platform clock set to 1 December 2026.

Insurance: an admin registers a credit insurer, an agent enters the demo creditor's policy; a validated case's
threat of loss is declared within the policy's deadline, the claim goes through documents sent and accepted to the
insurer's payout, and intake records the indemnity on the case as a payment of source `insurer`.

Factoring: an admin registers a factor, an agent enters the creditor's contract (with recourse, every debtor), then
assigns one case's invoice in a batch: the batch's CSV ends with its control totals and the debtor's subrogation
notice is a PDF.

Court procedure: a supervisor opens a payment order on a case whose contract (a PDF) is on file: the contract follows
the request in its PDF behind its numbered separator; the procedure closed, intake writes it in the case's history
and the creditor's timeline shows it."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import httpx
import pytest
from pypdf import PdfReader, PdfWriter

from shared.clock import PARIS

pytestmark = pytest.mark.e2e

TODAY = date(2026, 12, 1)


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as client:  # a loaded machine answers slowly; a wait is not a failure here
        yield client


@pytest.fixture
def staff(platform, http) -> Iterator[dict[str, dict[str, str]]]:
    """The admin, an agent and the demo creditor signed in, the platform clock on TODAY (put back afterwards)."""
    signed = {who: platform.sign_in(f"{who}@demo.example") for who in ("admin", "agent", "creditor")}
    url = platform.url()
    now = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0, tzinfo=PARIS).isoformat()
    answer = http.put(f"{url}/api/v1/admin/clock", json={"now": now}, headers=signed["admin"])
    assert answer.status_code == 200, answer.text
    try:
        yield signed
    finally:
        http.put(f"{url}/api/v1/admin/clock", json={"now": None}, headers=signed["admin"])


def a_pdf() -> bytes:
    """A one-page PDF, as a scanned contract would be (blank here)."""
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def validated_case(
    http: httpx.Client,
    url: str,
    staff: dict[str, dict[str, str]],
    *,
    debtor: str,
    siren: str,
    amount: str,
    contract: bytes | None = None,
) -> dict[str, Any]:
    reference = f"ASS-{uuid.uuid4().hex[:8]}"
    opened = http.post(
        f"{url}/api/v1/cases",
        headers=staff["creditor"],
        json={
            "reference": reference,
            "kind": "b2b",
            "debtor": {
                "type": "company",
                "name": debtor,
                "siren": siren,
                "address": {"line1": "8 quai des Chartrons", "postal_code": "33000", "city": "Bordeaux"},
            },
            "invoices": [
                {"number": f"{reference}-1", "issue_date": "2026-09-15", "due_date": "2026-10-15", "amount": amount}
            ],
        },
    )
    assert opened.status_code == 201, opened.text
    if contract is not None:
        filed = http.post(
            f"{url}/api/v1/cases/{opened.json()['id']}/documents",
            headers=staff["creditor"],
            data={"kind": "contract"},
            files={"file": ("contrat.pdf", contract, "application/pdf")},
        )
        assert filed.status_code == 201, filed.text
    validated = http.post(
        f"{url}/api/v1/cases/{opened.json()['id']}/validate",
        headers=staff["agent"],
        json={"override_reason": "e2e: pièces vues"},
    )
    assert validated.status_code == 200, validated.text
    return dict(validated.json())


def register(http: httpx.Client, url: str, admin: dict[str, str], kind: str, name: str) -> str:
    answer = http.post(f"{url}/api/v1/legal/partners", json={"kind": kind, "name": name}, headers=admin)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def test_a_declared_threat_of_loss_is_indemnified_and_intake_records_the_insurers_payment(platform, http, staff):
    url = platform.url()
    insurer = register(http, url, staff["admin"], "insurer", f"Assurance-crédit E2E {uuid.uuid4().hex[:6]}")
    case = validated_case(http, url, staff, debtor="Négoce Chartrons SAS", siren="342824869", amount="2000.00")
    policy = http.put(
        f"{url}/api/v1/legal/creditors/{case['creditor_id']}/insurance-policy",
        headers=staff["agent"],
        json={
            "insurer_id": insurer,
            "policy_number": "E2E-POL-1",
            "declaration_days": 90,
            "indemnity_percentage": "90.00",
            "waiting_days": 30,
        },
    )
    assert policy.status_code == 200, policy.text

    def declare() -> httpx.Response | None:
        answer = http.post(f"{url}/api/v1/legal/cases/{case['id']}/insurance-claims", headers=staff["agent"], json={})
        return None if answer.status_code == 404 else answer  # legal has not heard of the case yet

    declared = platform.eventually(declare, timeout_s=30)
    assert declared is not None and declared.status_code == 201, declared.text if declared else "legal never heard"
    claim = declared.json()
    assert claim["deadline"] == "2027-01-13" and claim["declared_on"] == TODAY.isoformat()
    assert claim["indemnity_due_from"] == "2026-11-14" and claim["expected_indemnity"] == "1800.00"

    events = f"{url}/api/v1/legal/cases/{case['id']}/insurance-claims/{claim['id']}/events"
    for step in ({"type": "documents_sent"}, {"type": "accepted", "reference": "SIN-E2E-1"}):
        answer = http.post(events, headers=staff["agent"], json={**step, "occurred_on": TODAY.isoformat()})
        assert answer.status_code == 200, answer.text
    paid = http.post(
        events, headers=staff["agent"], json={"type": "paid", "occurred_on": TODAY.isoformat(), "amount": "1800.00"}
    )
    assert paid.status_code == 200, paid.text
    assert paid.json()["state"] == "paid" and paid.json()["indemnity_paid"] == "1800.00"

    def insurer_payments() -> list[tuple[str, str, str]]:
        answer = http.get(f"{url}/api/v1/cases/{case['id']}/payments", headers=staff["creditor"])
        if answer.status_code != 200:
            return []
        body = answer.json()
        items = body["items"] if isinstance(body, dict) else body
        return [(p["amount"], p["reference"], p["source"]) for p in items if p["source"] == "insurer"]

    recorded = platform.eventually(insurer_payments, timeout_s=30)
    assert recorded == [("1800.00", f"INDEMNITE-{claim['id']}", "insurer")], "the indemnity never reached intake"
    # the creditor reads its claim, paid
    [shown] = http.get(f"{url}/api/v1/legal/cases/{case['id']}/insurance-claims", headers=staff["creditor"]).json()[
        "items"
    ]
    assert shown["state"] == "paid" and [s["step"] for s in shown["steps"]][-1] == "paid"


def test_a_factored_invoice_is_assigned_in_a_batch_with_its_csv_and_subrogation_notice(platform, http, staff):
    url = platform.url()
    factor = register(http, url, staff["admin"], "factor", f"Affacturage E2E {uuid.uuid4().hex[:6]}")
    case = validated_case(http, url, staff, debtor="Tonnellerie Garonne SARL", siren="682612957", amount="5400.00")
    contract = http.put(
        f"{url}/api/v1/legal/creditors/{case['creditor_id']}/factoring-contract",
        headers=staff["agent"],
        json={
            "factor_id": factor,
            "contract_number": "E2E-FACT-1",
            "with_recourse": True,
            "eligible_debtors": "all",
            "factor_iban": "FR7630006000011234567890189",
        },
    )
    assert contract.status_code == 200, contract.text

    def assign() -> httpx.Response | None:
        answer = http.post(
            f"{url}/api/v1/legal/factoring/batches",
            headers=staff["agent"],
            json={"creditor_id": case["creditor_id"], "case_ids": [case["id"]]},
        )
        if answer.status_code == 409 and "no receivable" in answer.text:
            return None  # legal has not heard of the case's invoice yet: nothing to assign
        return answer

    created = platform.eventually(assign, timeout_s=30)
    assert created.status_code == 201, created.text
    batch = created.json()
    assert batch["total"] == "5400.00" and batch["with_recourse"] is True
    [assignment] = batch["assignments"]
    assert assignment["invoice_number"] == case["invoices"][0]["number"]

    sheet = http.get(f"{url}{batch['csv_url']}", headers=staff["creditor"])
    assert sheet.status_code == 200 and sheet.headers["content-type"].startswith("text/csv")
    *_, trailer = csv.reader(io.StringIO(sheet.text.lstrip("\ufeff")), delimiter=";")
    assert "TOTAL" in trailer and "1" in trailer and "5400.00" in trailer, trailer
    notices = http.get(f"{url}{batch['notices_url']}", headers=staff["agent"], timeout=60)
    assert notices.status_code == 200 and notices.content.startswith(b"%PDF"), notices.text[:200]


def test_the_contract_follows_the_request_and_a_closed_procedure_reaches_intake_and_the_timeline(platform, http, staff):
    url = platform.url()
    case = validated_case(
        http, url, staff, debtor="Chais du Médoc SAS", siren="417526514", amount="3100.00", contract=a_pdf()
    )
    supervisor = staff["admin"]  # admins decide as supervisors do

    def approve() -> httpx.Response | None:
        answer = http.post(
            f"{url}/api/v1/legal/cases/{case['id']}/procedures",
            headers=supervisor,
            json={"kind": "injonction_de_payer"},
            timeout=60,
        )
        # 404: legal has not heard of the case yet; 503: intake did not answer in time; nothing changed, ask again
        return None if answer.status_code in (404, 503) else answer

    approved = platform.eventually(approve, timeout_s=60)
    assert approved is not None and approved.status_code == 201, approved.text if approved else "never opened"
    procedure = approved.json()
    [contract] = [e for e in procedure["request"]["exhibits"] if e["label_en"].startswith("Contract")]
    assert contract["attached"] is True, procedure["request"]["exhibits"]
    pdf = http.get(f"{url}{procedure['request']['url']}", headers=staff["creditor"])
    assert pdf.status_code == 200
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages]
    assert any(f"Pièce n° {contract['number']} Contrat" in t and "Reproduite en" in t for t in texts), texts

    assert platform.eventually(
        lambda: http.get(f"{url}/api/v1/cases/{case['id']}", headers=staff["agent"]).json().get("status") == "legal",
        timeout_s=30,
    )
    closed = http.post(
        f"{url}/api/v1/legal/procedures/{procedure['id']}/events",
        headers=staff["agent"],
        json={"type": "closed", "occurred_on": TODAY.isoformat(), "note": "accord amiable trouvé"},
    )
    assert closed.status_code == 200, closed.text

    def history() -> list[dict[str, Any]]:
        answer = http.get(f"{url}/api/v1/cases/{case['id']}/audit", headers=staff["agent"])
        return [e for e in answer.json() if e["action"] == "case.procedure_closed"] if answer.status_code == 200 else []

    [entry] = platform.eventually(history, timeout_s=30)
    assert entry["details"]["procedure_id"] == procedure["id"] and entry["reason"] == "accord amiable trouvé"

    def timeline() -> list[str]:
        answer = http.get(f"{url}/api/v1/cases/{case['id']}/timeline", headers=staff["creditor"])
        return [item["type"] for item in answer.json()["items"]] if answer.status_code == 200 else []

    assert platform.eventually(lambda: "procedure.closed" in timeline(), timeout_s=30), timeline()
