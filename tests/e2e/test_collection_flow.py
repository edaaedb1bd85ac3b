"""A collection file from the creditor's first click to the agent's validation, on the running platform, through
the one base URL (port 8000) and the broker."""

import io
import json
import uuid

import httpx
import pytest

from workbench.testing.kafka import read_topic

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def test_a_creditor_opens_a_case_with_two_invoices_and_two_documents_and_the_agent_validates_it(platform):
    creditor, agent = platform.sign_in("creditor@demo.example"), platform.sign_in("agent@demo.example")
    reference = f"E2E-{uuid.uuid4().hex[:8]}"
    body = {
        "reference": reference,
        "kind": "b2b",
        "debtor": {
            "type": "company",
            "name": "Transports Lenoir SAS",
            "siren": "552100554",
            "email": "compta@lenoir.example",
            "address": {"line1": "8 quai de Seine", "postal_code": "76000", "city": "Rouen"},
        },
        "invoices": [
            {
                "number": f"{reference}-1",
                "issue_date": "2026-05-02",
                "due_date": "2026-06-01",
                "amount": "4800.00",
                "vat": "800.00",
            },
            {"number": f"{reference}-2", "issue_date": "2026-06-02", "due_date": "2026-07-02", "amount": "1200.00"},
        ],
    }
    opened = httpx.post(f"{platform.url()}/api/v1/cases", json=body, headers=creditor)
    assert opened.status_code == 201, opened.text
    case = opened.json()
    for kind, name, content in (("contract", "contrat-cadre.pdf", PDF), ("delivery_proof", "cmr-signee.jpg", JPEG)):
        attached = httpx.post(
            f"{platform.url()}/api/v1/cases/{case['id']}/documents",
            headers=creditor,
            data={"kind": kind},
            files={"file": (name, io.BytesIO(content))},
        )
        assert attached.status_code == 201, attached.text
    checklist = httpx.put(
        f"{platform.url()}/api/v1/cases/{case['id']}/checklist",
        headers=creditor,
        json={"contract_signed": True, "delivery_evidenced": True},
    )
    assert checklist.json()["complete"] is True
    validated = httpx.post(f"{platform.url()}/api/v1/cases/{case['id']}/validate", headers=agent, json={})
    assert validated.status_code == 200, validated.text
    assert validated.json()["status"] == "amicable"

    records = read_topic(platform.bootstrap, "intake.cases", expected=100, timeout_s=5)
    ours = [json.loads(r.value) for r in records if r.key == case["id"].encode()]
    assert "recouvra.intake.case.validated.v1" in [e["type"] for e in ours]

    debtor_id = case["debtor"]["id"]
    score = platform.eventually(
        lambda: (
            (r := httpx.get(f"{platform.url()}/api/v1/debtors/{debtor_id}/score", headers=creditor)).status_code == 200
            and r.json()
        )
    )
    assert score, "scoring never scored the debtor of the validated case"
    assert score["grade"] in "ABCDE" and score["reasons"] and score["model_version"]
    worklist = httpx.get(f"{platform.url()}/api/v1/worklist", headers=agent).json()
    assert case["id"] in [item["case_id"] for item in worklist["items"]]

    aged = f"{platform.url()}/api/v1/aged-balance?debtor_id={debtor_id}"
    assert platform.eventually(lambda: httpx.get(aged, headers=creditor).json()["total"] == "6000.00")
    paid = httpx.post(
        f"{platform.url()}/api/v1/payments",
        headers=agent,
        json={
            "case_id": case["id"],
            "amount": "1000.00",
            "currency": "EUR",
            "received_on": "2026-06-20",
            "source": "debtor_to_agency",
            "reference": f"VIR-{reference}",
        },
    )
    assert paid.status_code == 201, paid.text
    statement = httpx.get(f"{platform.url()}/api/v1/cases/{case['id']}/statement?as_of=2026-06-30", headers=creditor)
    assert statement.status_code == 200, statement.text
    assert statement.json()["paid"] == "1000.00" and statement.json()["indemnities"] == "40.00"
    outstanding = httpx.get(f"{platform.url()}/api/v1/cases/{case['id']}", headers=creditor).json()["outstanding"]
    assert outstanding != "6000.00"
    # scoring learnt of the payment from intake's events: its aged balance follows intake's ledger
    assert platform.eventually(lambda: httpx.get(aged, headers=creditor).json()["total"] == outstanding), outstanding

    admin = platform.sign_in("admin@demo.example")
    other = httpx.post(f"{platform.url()}/api/v1/creditors", headers=admin, json={"name": f"Autre {reference}"}).json()
    user = {
        "email": f"{reference.lower()}@autre.example",
        "password": "a-long-password-1",
        "role": "creditor",
        "creditor_id": other["id"],
    }
    assert platform.eventually(
        lambda: httpx.post(f"{platform.url()}/api/v1/users", headers=admin, json=user).status_code == 201
    )
    stranger = platform.sign_in(user["email"], user["password"])
    assert httpx.get(f"{platform.url()}/api/v1/cases/{case['id']}", headers=stranger).status_code == 404
    assert httpx.get(f"{platform.url()}/api/v1/cases/{case['id']}/documents", headers=stranger).status_code == 404


def test_a_french_spreadsheet_imported_through_the_one_base_url_opens_its_cases(platform):
    from workbench import samples

    creditor = platform.sign_in("creditor@demo.example")
    rows = [
        {
            **row,
            "reference": f"IMP-{uuid.uuid4().hex[:6]}-{row.get('reference', '')}",
            "number": f"{row['number']}-{uuid.uuid4().hex[:4]}",
        }
        for row in samples.good_rows()
    ]
    accepted = httpx.post(
        f"{platform.url()}/api/v1/imports",
        headers=creditor,
        files={"file": ("relances.csv", io.BytesIO(samples.french_csv(rows)), "text/csv")},
    )
    assert accepted.status_code == 202, accepted.text
    url = f"{platform.url()}/api/v1/imports/{accepted.json()['id']}"
    report = platform.eventually(
        lambda: (r := httpx.get(url, headers=creditor).json())["status"] in ("done", "failed") and r
    )
    assert report and report["status"] == "done" and (report["accepted"], report["rejected"]) == (4, 0), report
