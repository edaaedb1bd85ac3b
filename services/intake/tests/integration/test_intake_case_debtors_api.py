"""Cases through intake's API, on a real database: one debtor record across creditors (recognised, merged,
unmerged, created once under concurrent requests), retried requests, closed cases, a mandate's claims."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from shared.idempotency_records import IdempotencyRecord

from intake.cases.models import Case, Invoice


def count(api, model) -> int:
    with Session(api.engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_the_same_company_placed_by_two_creditors_is_one_debtor(api, a_case):
    other_creditor = api.client.post("/api/v1/creditors", json={"name": "Autre SA"}, headers=api.admin).json()
    first = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    second = api.client.post(
        "/api/v1/cases", json=a_case("AUTRE-1", creditor_id=other_creditor["id"]), headers=api.agent
    )
    assert second.status_code == 201, second.text
    assert second.json()["debtor"]["id"] == first["debtor"]["id"]


def test_an_agent_merges_two_records_of_one_person_and_can_undo_it(api, a_case):
    one = api.client.post(
        "/api/v1/cases",
        json=a_case("P-1", kind="b2c", debtor={"type": "person", "name": "Léa Durand", "email": "lea@example.org"}),
        headers=api.creditor,
    ).json()
    two = api.client.post(
        "/api/v1/cases",
        json=a_case(
            "P-2",
            kind="b2c",
            debtor={"type": "person", "name": "Lea DURAND", "email": "lea.durand@example.net"},
            invoices=[{"number": "F-100", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "80.00"}],
        ),
        headers=api.creditor,
    ).json()
    keep, duplicate = one["debtor"]["id"], two["debtor"]["id"]
    assert keep != duplicate
    merged = api.client.post(
        f"/api/v1/intake/debtors/{keep}/merge",
        json={"merge_id": duplicate, "reason": "même personne"},
        headers=api.agent,
    )
    assert merged.status_code == 200, merged.text
    assert api.client.get(f"/api/v1/cases/{two['id']}", headers=api.creditor).json()["debtor"]["id"] == keep
    undone = api.client.post(
        f"/api/v1/intake/debtors/{duplicate}/unmerge", json={"reason": "homonymes"}, headers=api.agent
    )
    assert undone.status_code == 200 and undone.json()["merged_into_id"] is None
    assert api.client.get(f"/api/v1/cases/{two['id']}", headers=api.creditor).json()["debtor"]["id"] == duplicate
    with Session(api.engine) as session:  # the invoices followed their case both ways
        debtors = session.exec(select(Invoice.debtor_id).where(Invoice.case_id == uuid.UUID(two["id"]))).all()
    assert [str(debtor) for debtor in debtors] == [duplicate]


def test_an_invoice_belongs_to_its_cases_creditor_and_debtor(api, a_case):
    """The invoices' one foreign key (`fk_invoices_case`): an invoice moved to another debtor than its case's is
    refused when the transaction commits."""
    first = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    other = api.client.post(
        "/api/v1/cases",
        json=a_case(
            "CRED-0002",
            debtor={"type": "company", "name": "Autre SARL", "siren": "552100554"},
            invoices=[{"number": "G-1", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "80.00"}],
        ),
        headers=api.creditor,
    ).json()
    assert other["debtor"]["id"] != first["debtor"]["id"]
    with Session(api.engine) as session:
        session.execute(
            update(Invoice)
            .where(col(Invoice.case_id) == uuid.UUID(first["id"]))
            .values(debtor_id=uuid.UUID(other["debtor"]["id"]))
        )
        with pytest.raises(IntegrityError, match="fk_invoices_case"):
            session.commit()


def test_a_retried_post_with_the_same_idempotency_key_creates_one_case(api, a_case):
    headers = {**api.creditor, "Idempotency-Key": "open-CRED-0001"}
    first = api.client.post("/api/v1/cases", json=a_case(), headers=headers)
    again = api.client.post("/api/v1/cases", json=a_case(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and again.headers["Idempotent-Replayed"] == "true"
    assert count(api, Case) == 1


def test_a_retry_whose_first_answer_was_lost_is_sent_to_the_case_it_opened(api, a_case):
    """A kill between the commit and the kept answer leaves the claim stamped with the case it created: the retry
    is answered 303 See Other to that case, which a client reads as if the answer had arrived (issue 18's proof)."""
    headers = {**api.creditor, "Idempotency-Key": "open-lost-answer"}
    first = api.client.post("/api/v1/cases", json=a_case(), headers=headers)
    assert first.status_code == 201
    with Session(api.engine) as session:  # what the kill leaves: the stamp, no kept answer
        session.execute(update(IdempotencyRecord).values(status_code=None, body=None))
        session.commit()
    again = api.client.post("/api/v1/cases", json=a_case(), headers=headers, follow_redirects=False)
    assert again.status_code == 303, again.text
    assert again.headers["Location"] == f"/api/v1/cases/{first.json()['id']}"
    assert "carried out" in again.text or "exécutée" in again.text
    read = api.client.get(again.headers["Location"], headers=api.creditor)
    assert read.status_code == 200 and read.json() == first.json()
    assert count(api, Case) == 1


@pytest.mark.parametrize(
    ("action", "body"),
    [("validate", {"override_reason": "pièces en cours"}), ("transitions", {"to": "closed", "reason": "paid"})],
)
def test_a_retried_validation_or_transition_whose_answer_was_lost_is_sent_to_the_case(api, a_case, action, body):
    """As for an opening: the retry of a validation or a move whose answer a kill lost is answered 303 See Other to
    the case it left, not 409 (issue 18's proof, run 15, lost such an answer for a payment)."""
    case = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    if action == "transitions":
        api.client.post(f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "x"}, headers=api.agent)
    headers = {**api.agent, "Idempotency-Key": f"{action}-lost-answer"}
    first = api.client.post(f"/api/v1/cases/{case['id']}/{action}", json=body, headers=headers)
    assert first.status_code == 200, first.text
    with Session(api.engine) as session:  # what the kill leaves: the stamp, no kept answer
        session.execute(update(IdempotencyRecord).values(status_code=None, body=None))
        session.commit()
    again = api.client.post(f"/api/v1/cases/{case['id']}/{action}", json=body, headers=headers, follow_redirects=False)
    assert again.status_code == 303, again.text
    assert again.headers["Location"] == f"/api/v1/cases/{case['id']}"
    read = api.client.get(again.headers["Location"], headers=api.agent)
    assert read.status_code == 200 and read.json()["status"] == first.json()["status"]


def test_a_closed_case_says_why_and_only_staff_escalate(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    api.client.post(
        f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "pièces en cours"}, headers=api.agent
    )
    escalate = {"to": "legal", "note": "relances épuisées"}
    assert (
        api.client.post(f"/api/v1/cases/{case['id']}/transitions", json=escalate, headers=api.creditor).status_code
        == 409
    )
    assert (
        api.client.post(f"/api/v1/cases/{case['id']}/transitions", json=escalate, headers=api.agent).json()["status"]
        == "legal"
    )
    no_reason = api.client.post(f"/api/v1/cases/{case['id']}/transitions", json={"to": "closed"}, headers=api.agent)
    assert no_reason.status_code == 422
    closed = api.client.post(
        f"/api/v1/cases/{case['id']}/transitions", json={"to": "closed", "reason": "settled"}, headers=api.agent
    ).json()
    assert closed["status"] == "closed" and closed["closure_reason"] == "settled"
    late = api.client.post(
        f"/api/v1/cases/{case['id']}/invoices",
        json=[{"number": "F-3", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "1.00"}],
        headers=api.creditor,
    )
    assert late.status_code == 409


def test_the_mandate_lists_each_claim_placed_under_it_with_its_components(api, a_case):
    from shared.demo import DEMO_CREDITOR_ID

    from intake.seed import DEMO_MANDATE_ID

    api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor)
    url = f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates/{DEMO_MANDATE_ID}/claims"
    body = api.client.get(url, headers=api.creditor).json()
    assert [(c["invoice_number"], c["amount_incl_vat"], c["vat"], c["amount_excl_vat"]) for c in body["claims"]] == [
        ("F-001", "1200.00", "200.00", "1000.00"),
        ("F-002", "600.00", None, None),
    ]
    assert body["totals"] == {"EUR": "1800.00"}
    assert api.client.get(url, headers=api.other).status_code == 404


def test_the_database_keeps_one_live_record_per_debtor_even_for_two_requests_at_once(api, a_case):
    from sqlalchemy.exc import IntegrityError

    from intake.debtors.models import Debtor

    api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor)
    with Session(api.engine) as session:
        first = session.exec(select(Debtor)).one()
        twin = Debtor(
            type="company",
            name="Dupont SARL",
            siren=first.siren,
            match_key=first.match_key,
            created_at=first.created_at,
        )  # what a request racing the first one would have inserted
        session.add(twin)
        with pytest.raises(IntegrityError):
            session.commit()
