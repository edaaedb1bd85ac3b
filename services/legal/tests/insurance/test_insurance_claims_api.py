"""Credit insurance through the API: staff enter a creditor's policy, which the creditor reads (another creditor is
told it does not exist); a case's threat of loss is declared by the policy's deadline, refused in plain words after
it; the claim is tracked to payout, whose indemnity is published for intake's ledger; the daily pass announces the
declaration coming up, then missed, and scoring's exposure alerts on insured cases."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from shared.events.scoring import ExposureAlerted


def policy_body(insurer: uuid.UUID, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "insurer_id": str(insurer),
        "policy_number": "AT-2026-004512",
        "buyer_limit": "8000.00",
        "declaration_days": 60,
        "indemnity_percentage": "90.00",
        "waiting_days": 90,
    }
    return body | changes


def insured(legal, creditor: uuid.UUID, **changes: object) -> uuid.UUID:
    insurer = legal.add_partner("insurer", "Allianz Trade")
    response = legal.client.put(
        f"/api/v1/legal/creditors/{creditor}/insurance-policy",
        json=policy_body(insurer, **changes),
        headers=legal.headers("agent"),
    )
    assert response.status_code == 200, response.text
    return insurer


def at(legal, day: date) -> None:
    legal.clock.set(datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC))


def test_staff_enter_the_policy_and_only_its_creditor_reads_it(legal):
    creditor, other = uuid.uuid4(), uuid.uuid4()
    insurer = insured(legal, creditor)
    own = legal.client.get(
        f"/api/v1/legal/creditors/{creditor}/insurance-policy", headers=legal.headers("creditor", creditor_id=creditor)
    )
    assert own.status_code == 200, own.text
    assert own.json() | {"updated_at": None, "updated_by": None} == {
        "creditor_id": str(creditor),
        "insurer_id": str(insurer),
        "insurer_name": "Allianz Trade",
        "policy_number": "AT-2026-004512",
        "buyer_limit": "8000.00",
        "currency": "EUR",
        "declaration_days": 60,
        "indemnity_percentage": "90.00",
        "waiting_days": 90,
        "updated_at": None,
        "updated_by": None,
    }
    foreign = legal.client.get(
        f"/api/v1/legal/creditors/{creditor}/insurance-policy", headers=legal.headers("creditor", creditor_id=other)
    )
    assert foreign.status_code == 404
    written = legal.client.put(
        f"/api/v1/legal/creditors/{creditor}/insurance-policy",
        json=policy_body(insurer),
        headers=legal.headers("creditor", creditor_id=creditor),
    )
    assert written.status_code == 403, "a creditor reads its policy; staff enter it"


def test_a_policy_names_an_insurer_the_agency_works_with(legal):
    factor = legal.add_partner("factor", "Eurofactor")
    for insurer in (uuid.uuid4(), factor):
        response = legal.client.put(
            f"/api/v1/legal/creditors/{uuid.uuid4()}/insurance-policy",
            json=policy_body(insurer),
            headers=legal.headers("agent"),
        )
        assert response.status_code == 422
        assert response.json()["field"] == "insurer_id"
    response = legal.client.put(
        f"/api/v1/legal/creditors/{uuid.uuid4()}/insurance-policy",
        json=policy_body(uuid.uuid4(), indemnity_percentage="120.00"),
        headers=legal.headers("agent"),
    )
    assert response.status_code == 422


def test_the_declaration_is_opened_by_the_deadline_then_tracked_to_the_indemnity(legal):
    creditor = uuid.uuid4()
    insurer = insured(legal, creditor)
    case_id = legal.place_case(
        creditor_id=creditor,
        invoices=[("F-1", date(2026, 10, 1), "6000.00"), ("F-2", date(2026, 10, 15), "4000.00")],
    )
    at(legal, date(2026, 11, 30))  # the deadline: 1 October + 60 days
    opened = legal.client.post(f"/api/v1/legal/cases/{case_id}/insurance-claims", json={}, headers=legal.headers())
    assert opened.status_code == 201, opened.text
    claim = opened.json()
    assert claim["state"] == "declared"
    assert claim["deadline"] == "2026-11-30" and claim["declared_on"] == "2026-11-30"
    assert claim["indemnity_due_from"] == "2026-12-30"
    assert claim["declared_amount"] == "10000.00"
    assert claim["expected_indemnity"] == "7200.00", "90 % of the loss counted up to the 8,000 buyer limit"
    [declared] = legal.outbox("recouvra.legal.insurance_claim.declared.v1")
    assert declared["claim_id"] == claim["id"] and declared["insurer_id"] == str(insurer)

    base = f"/api/v1/legal/cases/{case_id}/insurance-claims/{claim['id']}/events"
    early = legal.client.post(base, json={"type": "paid", "occurred_on": "2026-11-30", "amount": "7200.00"},
                              headers=legal.headers())  # fmt: skip
    assert early.status_code == 409, "the insurer accepts the claim before it pays"
    for step in ({"type": "documents_sent", "occurred_on": "2026-11-30"},
                 {"type": "accepted", "occurred_on": "2026-11-30", "reference": "SIN-77"}):  # fmt: skip
        response = legal.client.post(base, json=step, headers=legal.headers())
        assert response.status_code == 200, response.text
    paid = legal.client.post(
        base, json={"type": "paid", "occurred_on": "2026-11-30", "amount": "7200.00"}, headers=legal.headers()
    )
    assert paid.status_code == 200, paid.text
    assert paid.json()["state"] == "paid"
    assert paid.json()["indemnity_paid"] == "7200.00" and paid.json()["insurer_reference"] == "SIN-77"
    assert [s["step"] for s in paid.json()["steps"]] == ["declared", "documents_sent", "accepted", "paid"]
    [indemnity] = legal.outbox("recouvra.legal.insurance_claim.indemnity_paid.v1")
    assert indemnity == {
        "claim_id": claim["id"],
        "case_id": case_id,
        "creditor_id": str(creditor),
        "insurer_id": str(insurer),
        "amount": "7200.00",
        "currency": "EUR",
        "paid_on": "2026-11-30",
        "reference": f"INDEMNITE-{claim['id']}",
    }
    again = legal.client.post(
        base, json={"type": "paid", "occurred_on": "2026-11-30", "amount": "7200.00"}, headers=legal.headers()
    )
    assert again.status_code == 409
    assert len(legal.outbox("recouvra.legal.insurance_claim.indemnity_paid.v1")) == 1


def test_a_declaration_after_the_deadline_is_refused_in_plain_words(legal):
    creditor = uuid.uuid4()
    insured(legal, creditor)
    case_id = legal.place_case(creditor_id=creditor, invoices=[("F-1", date(2026, 10, 1), "1200.00")])
    at(legal, date(2026, 12, 1))
    response = legal.client.post(
        f"/api/v1/legal/cases/{case_id}/insurance-claims", json={}, headers=legal.headers() | {"Accept-Language": "fr"}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["field"] == "declared_on"
    assert "au plus tard le 30/11/2026" in body["detail"]
    assert "was due by 2026-11-30" in body["detail_en"]
    on_time = legal.client.post(
        f"/api/v1/legal/cases/{case_id}/insurance-claims", json={"declared_on": "2026-11-28"}, headers=legal.headers()
    )
    assert on_time.status_code == 201, "a declaration made on time may be recorded later"


def test_the_deadline_follows_the_oldest_invoice_still_unpaid(legal):
    creditor = uuid.uuid4()
    insured(legal, creditor)
    case_id = legal.place_case(
        creditor_id=creditor,
        invoices=[("F-1", date(2026, 9, 1), "500.00"), ("F-2", date(2026, 10, 10), "700.00")],
    )
    legal.pay_invoice(case_id, creditor_id=creditor, outstanding={"F-1": "0.00", "F-2": "700.00"})
    at(legal, date(2026, 12, 5))  # past 1 September + 60, within 10 October + 60
    response = legal.client.post(f"/api/v1/legal/cases/{case_id}/insurance-claims", headers=legal.headers())
    assert response.status_code == 201, response.text
    assert response.json()["deadline"] == "2026-12-09"
    assert response.json()["declared_amount"] == "700.00"


def test_a_second_declaration_an_unknown_case_or_an_uninsured_creditor_is_refused(legal):
    creditor, uninsured = uuid.uuid4(), uuid.uuid4()
    insured(legal, creditor)
    case_id = legal.place_case(creditor_id=creditor, invoices=[("F-1", date(2026, 11, 1), "1200.00")])
    url = f"/api/v1/legal/cases/{case_id}/insurance-claims"
    assert legal.client.post(url, headers=legal.headers()).status_code == 201
    assert legal.client.post(url, headers=legal.headers()).status_code == 409
    unknown = legal.client.post(f"/api/v1/legal/cases/{uuid.uuid4()}/insurance-claims", headers=legal.headers())
    assert unknown.status_code == 404
    draft = legal.place_case(creditor_id=creditor, invoices=[("F-9", date(2026, 11, 1), "10.00")], validate=False)
    assert (
        legal.client.post(f"/api/v1/legal/cases/{draft}/insurance-claims", headers=legal.headers()).status_code == 404
    )
    other = legal.place_case(creditor_id=uninsured, invoices=[("F-2", date(2026, 11, 1), "1200.00")])
    refused = legal.client.post(f"/api/v1/legal/cases/{other}/insurance-claims", headers=legal.headers())
    assert refused.status_code == 409 and "no credit-insurance policy" in refused.json()["detail"]


def test_another_creditor_is_told_the_case_claims_do_not_exist(legal):
    creditor = uuid.uuid4()
    insured(legal, creditor)
    case_id = legal.place_case(creditor_id=creditor, invoices=[("F-1", date(2026, 11, 1), "1200.00")])
    claim = legal.client.post(f"/api/v1/legal/cases/{case_id}/insurance-claims", headers=legal.headers()).json()
    mine = legal.headers("creditor", creditor_id=creditor)
    theirs = legal.headers("creditor", creditor_id=uuid.uuid4())
    assert (
        legal.client.get(f"/api/v1/legal/cases/{case_id}/insurance-claims", headers=mine).json()["items"][0]["id"]
        == claim["id"]
    )
    for url in (f"/api/v1/legal/cases/{case_id}/insurance-claims",
                f"/api/v1/legal/cases/{case_id}/insurance-claims/{claim['id']}"):  # fmt: skip
        assert legal.client.get(url, headers=theirs).status_code == 404
    elsewhere = legal.place_case(creditor_id=creditor, invoices=[("F-2", date(2026, 11, 1), "10.00")])
    misplaced = legal.client.get(f"/api/v1/legal/cases/{elsewhere}/insurance-claims/{claim['id']}", headers=mine)
    assert misplaced.status_code == 404


def test_the_daily_pass_announces_the_declaration_then_its_miss_and_a_declaration_ends_it(legal):
    creditor, other = uuid.uuid4(), uuid.uuid4()
    insured(legal, creditor)
    case_id = legal.place_case(creditor_id=creditor, invoices=[("F-1", date(2026, 10, 1), "1200.00")])
    late = legal.place_case(creditor_id=creditor, invoices=[("F-2", date(2026, 9, 1), "300.00")])
    legal.place_case(creditor_id=other, invoices=[("F-3", date(2026, 9, 1), "300.00")])  # not insured: no alert
    at(legal, date(2026, 11, 19))
    assert legal.run_daily_pass() == 1  # the late one; 30 November is 11 days away
    at(legal, date(2026, 11, 20))
    assert legal.run_daily_pass() == 1
    assert legal.run_daily_pass() == 0, "a second pass the same day raises nothing twice"
    page = legal.client.get("/api/v1/legal/insurance/alerts", headers=legal.headers("creditor", creditor_id=creditor))
    alerts = {a["case_id"]: a for a in page.json()["items"]}
    assert alerts[case_id]["kind"] == "declaration_due" and alerts[case_id]["due_on"] == "2026-11-30"
    assert alerts[late]["kind"] == "declaration_missed" and alerts[late]["due_on"] == "2026-10-31"
    assert "2026-11-30" in alerts[case_id]["message"]
    french = legal.client.get("/api/v1/legal/insurance/alerts", headers=legal.headers() | {"Accept-Language": "fr"})
    assert any("au plus tard le 30/11/2026" in a["message"] for a in french.json()["items"])
    assert legal.client.get(
        "/api/v1/legal/insurance/alerts", headers=legal.headers("creditor", creditor_id=other)
    ).json() == {"items": [], "total": 0}

    legal.client.post(f"/api/v1/legal/cases/{case_id}/insurance-claims", headers=legal.headers())
    legal.close_case(late, creditor_id=creditor)
    legal.run_daily_pass()
    assert legal.client.get("/api/v1/legal/insurance/alerts", headers=legal.headers()).json()["total"] == 0


def test_scorings_exposure_alert_is_named_on_the_insured_cases_of_that_debtor(legal):
    creditor, debtor = uuid.uuid4(), uuid.uuid4()
    insured(legal, creditor)
    case_id = legal.place_case(creditor_id=creditor, debtor_id=debtor, invoices=[("F-1", date(2026, 11, 20), "90.00")])
    legal.apply(
        ExposureAlerted(
            debtor_id=str(debtor), exposure=Decimal("12000"), limit=Decimal("10000"), reason="limit_exceeded"
        ),
        subject=str(debtor),
    )
    legal.run_daily_pass()
    [alert] = legal.client.get("/api/v1/legal/insurance/alerts", headers=legal.headers()).json()["items"]
    assert alert["case_id"] == case_id and alert["kind"] == "exposure"
    assert "12000" not in alert["message"], "the exposure adds up every creditor's debts: not shown"
