"""Every list intake answers is a bounded page (issue 11): `offset` and `limit` like the cases' list, a `limit` over
200 or an `offset` past a million refused with a 422, and how many there are in all (`total`, or `X-Total-Count`
for the lists that answer a bare array)."""

from __future__ import annotations

import io

import pytest

from shared.demo import DEMO_CREDITOR_ID
from shared.limits import MAX_OFFSET, MAX_PAGE_SIZE

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LISTS = [
    "/api/v1/creditors/{creditor}/mandates",
    "/api/v1/cases/{case}/documents",
    "/api/v1/cases/{case}/audit",
    "/api/v1/cases/{case}/payments",
    "/api/v1/remittances",
    "/api/v1/remittances/alerts",
    "/api/v1/intake/suspense",
]


def _mandate(api, rate: str) -> None:
    response = api.client.post(
        f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates",
        json={"commission_rate": rate, "phases": ["amicable"]},
        headers=api.admin,
    )
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("query", [{"limit": MAX_PAGE_SIZE + 1}, {"limit": 0}, {"offset": MAX_OFFSET + 1}])
def test_a_page_beyond_the_bounds_is_refused_with_a_422_naming_the_parameter(api, open_case, invoice, path, query):
    case = open_case("PAGE-BOUNDS", [invoice("F-1", "2026-09-01", "100.00")])
    url = path.format(creditor=DEMO_CREDITOR_ID, case=case["id"])
    response = api.client.get(url, params=query, headers=api.agent)
    assert response.status_code == 422, (url, response.text)
    assert response.json()["detail"][0]["loc"] == ["query", *query]


def test_a_creditors_mandates_come_a_page_at_a_time_with_their_total(api, clock):
    for rate in ("0.12", "0.18"):
        clock.advance(minutes=1)
        _mandate(api, rate)
    everything = api.client.get(f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates", headers=api.creditor).json()
    assert everything["total"] == len(everything["items"]) >= 3  # the demo's own mandate, then these two
    assert everything["items"][0]["commission_rate"] == "0.1800"  # the latest first
    second = api.client.get(
        f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates", params={"offset": 1, "limit": 1}, headers=api.creditor
    ).json()
    assert second == {"items": [everything["items"][1]], "total": everything["total"]}


def test_cases_come_newest_first_a_page_at_a_time_with_the_total_of_those_the_reader_may_see(
    api, open_case, invoice, clock
):
    for number in range(3):
        clock.advance(minutes=1)
        open_case(f"PAGE-CASE-{number}", [invoice(f"C-{number}", "2026-09-01", "100.00")])

    def page(headers: dict[str, str], **params: object) -> tuple[list[str], int]:
        answer = api.client.get("/api/v1/cases", params=params, headers=headers)
        assert answer.status_code == 200, answer.text
        return [case["reference"] for case in answer.json()["items"]], answer.json()["total"]

    assert page(api.creditor, limit=2) == (["PAGE-CASE-2", "PAGE-CASE-1"], 3)
    assert page(api.creditor, offset=2, limit=2) == (["PAGE-CASE-0"], 3)
    assert page(api.creditor, offset=5) == ([], 3)  # past the last page, the total still counts them
    assert page(api.agent, status="submitted", limit=1) == (["PAGE-CASE-2"], 3)
    assert page(api.agent, reference="PAGE-CASE-1") == (["PAGE-CASE-1"], 1)
    assert page(api.other) == ([], 0)  # another creditor's


def test_a_cases_documents_come_a_page_at_a_time_with_their_total(api, open_case, invoice, clock):
    case = open_case("PAGE-DOCS", [invoice("F-1", "2026-09-01", "100.00")])
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        clock.advance(minutes=1)
        attached = api.client.post(
            f"/api/v1/cases/{case['id']}/documents",
            data={"kind": "invoice"},
            files={"file": (name, io.BytesIO(PDF + name.encode()))},
            headers=api.creditor,
        )
        assert attached.status_code == 201, attached.text
    page = api.client.get(
        f"/api/v1/cases/{case['id']}/documents", params={"offset": 1, "limit": 1}, headers=api.creditor
    ).json()
    assert page["total"] == 3 and [d["filename"] for d in page["items"]] == ["b.pdf"]


def test_a_cases_audit_trail_stays_an_array_and_tells_its_length_in_a_header(api, a_case):
    case = api.client.post("/api/v1/cases", json=a_case(), headers=api.creditor).json()
    validated = api.client.post(
        f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "contrat reçu"}, headers=api.agent
    )
    assert validated.status_code == 200, validated.text
    response = api.client.get(f"/api/v1/cases/{case['id']}/audit", params={"limit": 1}, headers=api.creditor)
    assert response.status_code == 200 and response.headers["X-Total-Count"] == "3"
    assert [e["action"] for e in response.json()] == ["case.opened"]
    rest = api.client.get(f"/api/v1/cases/{case['id']}/audit", params={"offset": 1}, headers=api.creditor).json()
    assert [e["action"] for e in rest] == ["case.validated", "case.amicable"]


def test_a_cases_payments_are_paged_beyond_the_first_two_hundred(api, open_case, invoice, pay):
    case = open_case("PAGE-PAY", [invoice("F-1", "2026-09-01", "900.00")])
    for day in ("2026-11-02", "2026-11-03", "2026-11-04"):
        assert pay(case, "10.00", day).status_code == 201
    page = api.client.get(
        f"/api/v1/cases/{case['id']}/payments", params={"offset": 2, "limit": 5}, headers=api.creditor
    ).json()
    assert page["total"] == 3 and [p["received_on"] for p in page["items"]] == ["2026-11-02"]


def test_remittances_come_a_page_at_a_time_with_their_total(api, open_case, invoice, pay):
    account = api.client.put(
        f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account",
        json={"iban": "FR1420041010050500013M02606"},
        headers=api.admin,
    )
    assert account.status_code == 200, account.text
    case = open_case("PAGE-REM", [invoice("F-1", "2026-09-01", "5000.00")])
    for day in ("2026-11-02", "2026-11-03"):
        assert pay(case, "1000.00", day).status_code == 201
        assert api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent).status_code == 201
    everything = api.client.get("/api/v1/remittances", headers=api.creditor).json()
    assert everything["total"] == len(everything["items"]) == 2
    page = api.client.get("/api/v1/remittances", params={"offset": 1, "limit": 1}, headers=api.creditor).json()
    assert page == {"items": everything["items"][1:], "total": 2}
    assert api.client.get("/api/v1/remittances", headers=api.other).json() == {"items": [], "total": 0}


def test_remittance_alerts_count_every_alert_and_list_the_page_asked_for(api, open_case, invoice, pay):
    case = open_case("PAGE-ALERT", [invoice("F-1", "2026-09-01", "5000.00")])
    for day in ("2026-10-27", "2026-10-28", "2026-10-29"):  # R124-6 deadlines 27, 28 and 29 November
        assert pay(case, "100.00", day).status_code == 201
    page = api.client.get("/api/v1/remittances/alerts", params={"offset": 1, "limit": 1}, headers=api.creditor).json()
    assert page["total"] == 3 and [a["deadline"] for a in page["items"]] == ["2026-11-28"]
    announced = api.client.post("/api/v1/remittances/alerts", params={"limit": 2}, headers=api.agent).json()
    assert (announced["total"], len(announced["items"]), announced["newly_alerted"]) == (3, 2, 3)


def test_the_suspense_queue_stays_an_array_and_tells_its_length_in_a_header(api, camt053):
    entries = [
        camt053.entry(amount, booking_date=f"2026-05-0{day}", reference=f"BNK-{day}", debtor_name="Inconnu")
        for day, amount in ((4, "11.00"), (5, "12.00"), (6, "13.00"))
    ]
    uploaded = api.client.post(
        "/api/v1/intake/bank-statements",
        files={"file": ("releve.xml", io.BytesIO(camt053.build(entries)))},
        headers=api.agent,
    )
    assert uploaded.status_code == 201, uploaded.text
    response = api.client.get("/api/v1/intake/suspense", params={"offset": 1, "limit": 1}, headers=api.agent)
    assert response.status_code == 200 and response.headers["X-Total-Count"] == "3"
    assert [item["entry_reference"] for item in response.json()] == ["BNK-5"]


def test_a_case_is_found_by_its_payment_reference_as_a_debtor_types_it_and_only_by_whom_may_see_it(
    api, open_case, invoice, issue_token
):
    case = open_case("RF-FIND", [invoice("F-1", "2026-09-01", "100.00")])
    open_case("RF-OTHER", [invoice("F-2", "2026-09-01", "100.00")])
    rf = case["rf_reference"]
    grouped = " ".join(rf[i : i + 4] for i in range(0, len(rf), 4)).lower()
    for typed in (rf, grouped):
        found = api.client.get("/api/v1/cases", params={"rf_reference": typed}, headers=api.agent).json()
        assert [item["id"] for item in found["items"]] == [case["id"]] and found["total"] == 1
    stranger = {
        "Authorization": f"Bearer {issue_token('creditor', creditor_id='00000000-0000-4000-8000-000000000009')}"
    }
    assert api.client.get("/api/v1/cases", params={"rf_reference": rf}, headers=stranger).json()["total"] == 0
    nothing = api.client.get("/api/v1/cases", params={"rf_reference": "RF18539007547034"}, headers=api.agent).json()
    assert nothing == {"items": [], "total": 0}
