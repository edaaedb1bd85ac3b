"""Opening, checking and validating collection files through intake's API, on a real database and broker."""

from __future__ import annotations

import io
import json

import pytest
from sqlmodel import Session, func, select

from shared.relay import OutboxRelay
from workbench.testing.kafka import read_topic

from intake.cases.models import Case, Invoice
from intake.documents.models import Document

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\x00" * 64


def count(api, model) -> int:
    with Session(api.engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def attach(api, case_id, kind, name, content, headers=None):
    return api.client.post(
        f"/api/v1/cases/{case_id}/documents",
        data={"kind": kind},
        files={"file": (name, io.BytesIO(content))},
        headers=headers or api.creditor,
    )


def test_a_creditor_opens_a_case_with_two_invoices_and_two_documents_and_an_agent_validates_it(api, broker, a_case):
    created = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor)
    assert created.status_code == 201, created.text
    case = created.json()
    assert case["status"] == "submitted" and case["outstanding"] == "1800.00"
    assert case["rf_reference"].startswith("RF")
    assert [i["number"] for i in case["invoices"]] == ["F-001", "F-002"]
    assert attach(api, case["id"], "contract", "contrat.pdf", PDF).status_code == 201
    assert attach(api, case["id"], "delivery_proof", "bon-de-livraison.png", PNG).status_code == 201

    checklist = api.client.put(
        f"/api/v1/cases/{case['id']}/checklist",
        json={"contract_signed": True, "delivery_evidenced": True},
        headers=api.creditor,
    )
    assert checklist.json() | {"documents": None} == {
        "contract_signed": True,
        "delivery_evidenced": True,
        "complete": True,
        "missing": [],
        "documents": None,
    }
    assert checklist.json()["documents"] == {"contract": 1, "delivery_proof": 1}

    validated = api.client.post(f"/api/v1/cases/{case['id']}/validate", json={}, headers=api.agent)
    assert validated.status_code == 200, validated.text
    assert validated.json()["status"] == "amicable"

    OutboxRelay(engine=api.engine, settings=api.settings).publish_pending()
    records = read_topic(broker.bootstrap, api.settings.kafka_topic_prefix + "intake.cases", expected=4)
    types = [json.loads(r.value)["type"] for r in records if r.key == case["id"].encode()]
    assert "recouvra.intake.case.validated.v1" in types
    validated_event = next(json.loads(r.value) for r in records if json.loads(r.value)["type"].endswith("validated.v1"))
    assert validated_event["tenant"] == case["creditor_id"] and validated_event["data"]["status"] == "amicable"
    assert len(validated_event["data"]["invoices"]) == 2


BAD_INPUT = [
    (
        "negative amount",
        {"invoices": [{"number": "F-9", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "-5.00"}]},
        "amount must be positive",
    ),
    (
        "unknown currency",
        {
            "invoices": [
                {
                    "number": "F-9",
                    "issue_date": "2026-06-01",
                    "due_date": "2026-07-01",
                    "amount": "5.00",
                    "currency": "EUX",
                }
            ]
        },
        "ISO 4217",
    ),
    ("invalid SIREN", {"debtor": {"type": "company", "name": "X", "siren": "732829321"}}, "not a valid SIREN"),
    (
        "future due date",
        {"invoices": [{"number": "F-9", "issue_date": "2026-11-01", "due_date": "2026-12-15", "amount": "5.00"}]},
        "has not passed yet",
    ),
    (
        "prescribed claim",
        {"invoices": [{"number": "F-9", "issue_date": "2021-06-01", "due_date": "2021-07-01", "amount": "5.00"}]},
        "prescribed since 2026-07-01",
    ),
    (
        "float amount",
        {"invoices": [{"number": "F-9", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": 5.5}]},
        "never floating-point",
    ),
]


@pytest.mark.parametrize(("what", "change", "message"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_refused_with_a_422_naming_the_problem_and_nothing_is_stored(api, what, change, message, a_case):
    response = api.client.post("/api/v1/cases", json=a_case(**change), headers=api.creditor)
    assert response.status_code == 422, response.text
    assert message in response.text
    assert count(api, Case) == 0 and count(api, Invoice) == 0


def test_a_consumer_claim_is_prescribed_after_two_years_unless_a_partial_payment_restarted_it(api, a_case):
    person = {"type": "person", "name": "Jean Martin", "email": "jean.martin@example.org"}
    old = {"number": "C-1", "issue_date": "2024-03-01", "due_date": "2024-03-10", "amount": "300.00"}
    refused = api.client.post(
        "/api/v1/cases", json=a_case(kind="b2c", debtor=person, invoices=[old]), headers=api.creditor
    )
    assert refused.status_code == 422 and "prescribed since 2026-03-10" in refused.text
    restarted = {**old, "last_partial_payment_on": "2026-02-01"}  # docs/rules.md §3.4: new period to 1 Feb 2028
    accepted = api.client.post(
        "/api/v1/cases", json=a_case(kind="b2c", debtor=person, invoices=[restarted]), headers=api.creditor
    )
    assert accepted.status_code == 201, accepted.text


def test_the_same_invoice_of_the_same_debtor_cannot_be_placed_twice(api, a_case):
    assert api.client.post("/api/v1/cases", json=a_case("CRED-0001"), headers=api.creditor).status_code == 201
    again = api.client.post("/api/v1/cases", json=a_case("CRED-0002"), headers=api.creditor)
    assert again.status_code == 422
    assert "invoice F-001 of this debtor is already placed in case CRED-0001" in again.json()["detail"]
    assert count(api, Case) == 1


def test_a_reference_is_unique_per_creditor(api, a_case):
    assert api.client.post("/api/v1/cases", json=a_case("CRED-0001"), headers=api.creditor).status_code == 201
    other_invoices = [{"number": "F-777", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "10.00"}]
    again = api.client.post("/api/v1/cases", json=a_case("CRED-0001", invoices=other_invoices), headers=api.creditor)
    assert again.status_code == 409 and "reference" in again.json()["detail"]


def test_an_oversized_or_disguised_document_is_refused_and_nothing_is_stored(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    disguised = attach(api, case["id"], "invoice", "facture.pdf", PNG)
    assert disguised.status_code == 422 and "disguised" in disguised.json()["detail"]
    program = attach(api, case["id"], "invoice", "facture", b"\x7fELF\x02\x01\x01" + b"\x00" * 64)
    assert program.status_code == 422 and "not accepted" in program.json()["detail"]
    api.settings.max_document_bytes = 1024
    oversized = attach(api, case["id"], "invoice", "big.pdf", PDF + b"0" * 2048)
    assert oversized.status_code == 422 and "larger than" in oversized.json()["detail"]
    assert count(api, Document) == 0
    assert not any(p.is_file() for p in api.settings.documents_dir.rglob("*"))


def test_another_creditor_gets_404_on_the_case_and_its_documents(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    document = attach(api, case["id"], "contract", "contrat.pdf", PDF).json()
    for path in (
        f"/api/v1/cases/{case['id']}",
        f"/api/v1/cases/{case['id']}/documents",
        f"/api/v1/cases/{case['id']}/documents/{document['id']}/content",
        f"/api/v1/cases/{case['id']}/audit",
    ):
        assert api.client.get(path, headers=api.other).status_code == 404, path
    assert (
        api.client.get(f"/api/v1/cases/{case['id']}/documents/{document['id']}/content", headers=api.creditor).content
        == PDF
    )
    assert api.client.get("/api/v1/cases", headers=api.other).json() == {"items": [], "total": 0}


def test_an_incomplete_checklist_blocks_validation_unless_an_agent_gives_a_written_reason(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    refused = api.client.post(f"/api/v1/cases/{case['id']}/validate", json={}, headers=api.agent)
    assert refused.status_code == 422 and "checklist is incomplete" in refused.json()["detail"]
    overridden = api.client.post(
        f"/api/v1/cases/{case['id']}/validate",
        json={"override_reason": "contrat oral confirmé par courriel du débiteur"},
        headers=api.agent,
    )
    assert overridden.status_code == 200 and overridden.json()["status"] == "amicable"
    trail = api.client.get(f"/api/v1/cases/{case['id']}/audit", headers=api.creditor).json()
    assert [e["action"] for e in trail] == ["case.opened", "case.validated", "case.amicable"]
    assert trail[1]["reason"] == "contrat oral confirmé par courriel du débiteur" and trail[1]["actor"] == "agent-1"


def test_a_creditor_cannot_validate_its_own_case(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    assert api.client.post(f"/api/v1/cases/{case['id']}/validate", json={}, headers=api.creditor).status_code == 403


def test_a_debtor_under_insolvency_proceedings_sends_the_case_to_claim_declaration(api, a_case):
    debtor = {
        **a_case()["debtor"],
        "insolvency": {"kind": "redressement", "opened_on": "2026-10-01", "published_on": "2026-10-15"},
    }
    case = api.client.post("/api/v1/cases", json=a_case(debtor=debtor), headers=api.creditor).json()
    api.client.put(
        f"/api/v1/cases/{case['id']}/checklist",
        json={"contract_signed": True, "delivery_evidenced": True},
        headers=api.creditor,
    )
    validated = api.client.post(f"/api/v1/cases/{case['id']}/validate", json={}, headers=api.agent).json()
    assert validated["status"] == "claim_declaration" and validated["claim_deadline"] == "2026-12-15"


def test_a_case_is_checked_without_being_opened_with_the_same_answers_as_opening_it(api, a_case):
    from intake.debtors.models import Debtor

    debtors = count(api, Debtor)
    checked = api.client.post("/api/v1/cases/checks", json=a_case("CHECK-0001"), headers=api.creditor)
    assert checked.status_code == 200 and checked.json() == {"valid": True}
    assert count(api, Case) == 0 and count(api, Debtor) == debtors  # the debtor it recognised is not kept

    bad = a_case("CHECK-0002")
    bad["debtor"]["siren"], bad["debtor"]["email"] = "123456789", "not-an-address"
    refused = api.client.post("/api/v1/cases/checks", json=bad, headers=api.creditor)
    assert refused.status_code == 422
    assert {tuple(item["loc"][-2:]) for item in refused.json()["detail"]} >= {("debtor", "siren"), ("debtor", "email")}

    assert api.client.post("/api/v1/cases", json=a_case("CHECK-0003"), headers=api.creditor).status_code == 201
    taken = api.client.post("/api/v1/cases/checks", json=a_case("CHECK-0003"), headers=api.creditor)
    assert taken.status_code == 409 and "reference" in taken.json()["detail"]
    assert count(api, Case) == 1


def test_every_problem_of_a_case_is_said_at_once_the_first_answering_as_it_alone_would(api, a_case):
    assert api.client.post("/api/v1/cases", json=a_case("CHECK-0010"), headers=api.creditor).status_code == 201
    again = a_case("CHECK-0010")  # the reference taken, F-001 placed already, F-002 issued in the future
    again["invoices"][1].update(number="F-009", issue_date="2030-01-01", due_date="2030-02-01")

    for path in ("/api/v1/cases/checks", "/api/v1/cases"):
        refused = api.client.post(path, json=again, headers={**api.creditor, "Accept-Language": "fr"})
        body = refused.json()
        assert refused.status_code == 409 and body["field"] == "reference"  # the first problem, as before
        said = {error["field"]: error for error in body["errors"]}
        assert list(said) == ["reference", "invoices[1].issue_date", "invoices[0].number"]
        assert "dans le futur" in said["invoices[1].issue_date"]["detail"]
        assert "CHECK-0010" in said["invoices[0].number"]["detail_en"] and said["reference"]["detail_fr"]
    assert count(api, Case) == 1
