"""Case and statement reads are kept rendered (`shared.kept_answers`): rendered once per state of what they show,
and rendered again, never served stale, after any change to it, whichever table the change is in. What is kept is
byte for byte what FastAPI would have answered from the models."""

from __future__ import annotations

import io
import json
import re
import uuid
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from shared.async_reads import answer_json
from shared.auth import Principal, Role
from shared.demo import DEMO_CREDITOR_ID
from shared.kept_answers import MIB, resize_all

from intake.cases.schemas import CasePage
from intake.cases.views import CASES, case_views
from intake.ledger.statements import STATEMENTS

CREDITOR = Principal(subject="creditor", role=Role.CREDITOR, creditor_id=str(DEMO_CREDITOR_ID))
AGENT = Principal(subject="agent-1", role=Role.AGENT)


def _rendered(api, case_id: str, principal: Principal) -> dict[str, Any]:
    """The case as rendered from the database now, kept answers aside."""
    with Session(api.engine) as session:
        [case] = case_views(session, [uuid.UUID(case_id)], principal)
    return json.loads(case.model_dump_json(by_alias=True))


def _read(api, case_id: str, headers: dict[str, str]) -> tuple[dict[str, Any], int]:
    """The case as the API answers it, and how many renderings that took."""
    before = CASES.misses
    response = api.client.get(f"/api/v1/cases/{case_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json(), CASES.misses - before


def test_a_case_is_rendered_again_after_each_change_to_what_it_shows_and_only_then(api, a_case, open_case, invoice):
    case = open_case("KEPT-1", [invoice("K-1", "2026-09-30", "1000.00")])
    for headers in (api.creditor, api.agent):
        assert _read(api, case["id"], headers)[1] == 1  # never read by this reader: rendered
        assert _read(api, case["id"], headers)[1] == 0  # nothing changed: kept

    added = api.client.post(
        f"/api/v1/cases/{case['id']}/invoices", json=[invoice("K-2", "2026-10-15", "250.00")], headers=api.creditor
    )
    assert added.status_code == 201, added.text
    shown, renderings = _read(api, case["id"], api.creditor)
    assert renderings == 1 and shown["outstanding"] == "1250.00" and shown == _rendered(api, case["id"], CREDITOR)

    pdf = {"file": ("contrat.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "application/pdf")}
    attached = api.client.post(
        f"/api/v1/cases/{case['id']}/documents", data={"kind": "contract"}, files=pdf, headers=api.creditor
    )
    assert attached.status_code == 201, attached.text
    shown, renderings = _read(api, case["id"], api.creditor)
    assert renderings == 1 and shown["checklist"]["documents"] == {"contract": 1}

    # Another creditor places the same debtor: its view of the debtor is a row of another case's, which staff see.
    other = api.client.post("/api/v1/creditors", headers=api.admin, json={"name": "Autre Créancier SA"}).json()
    mandate = api.client.post(
        f"/api/v1/creditors/{other['id']}/mandates",
        headers=api.admin,
        json={"commission_rate": "0.15", "phases": ["amicable"]},
    )
    assert mandate.status_code == 201, mandate.text
    body = a_case("KEPT-OTHER", invoices=[invoice("O-1", "2026-09-30", "80.00")], creditor_id=other["id"])
    body["debtor"]["name"] = "DUPONT S.A.R.L."
    assert api.client.post("/api/v1/cases", json=body, headers=api.agent).status_code == 201
    staff, renderings = _read(api, case["id"], api.agent)
    assert renderings == 1 and {view["name"] for view in staff["debtor"]["views"]} >= {"DUPONT S.A.R.L."}
    assert staff == _rendered(api, case["id"], AGENT)
    assert _read(api, case["id"], api.creditor)[1] == 0  # the creditor's own answer shows no other view: kept

    closed = api.client.post(
        f"/api/v1/cases/{case['id']}/transitions", json={"to": "closed", "reason": "paid"}, headers=api.agent
    )
    assert closed.status_code == 200, closed.text
    shown, renderings = _read(api, case["id"], api.creditor)
    assert renderings == 1 and shown["status"] == "closed" and shown["closure_reason"] == "paid"


def _write(api, sql: str, **params: Any) -> None:
    """A change to one table only, as any writer could make it."""
    with Session(api.engine) as session:
        assert session.execute(text(sql), params).rowcount >= 1  # type: ignore[attr-defined]  # a CursorResult
        session.commit()


def test_a_change_to_the_rows_of_any_one_table_an_answer_shows_is_read_at_once(api, open_case, invoice):
    case = open_case("KEPT-T", [invoice("T-1", "2026-09-30", "1000.00")])
    attached = api.client.post(
        f"/api/v1/cases/{case['id']}/documents",
        data={"kind": "contract"},
        files={"file": ("contrat.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "application/pdf")},
        headers=api.creditor,
    )
    assert attached.status_code == 201, attached.text
    changes = [
        ("UPDATE invoices SET outstanding = 1.00 WHERE case_id = :case", lambda c: c["outstanding"] == "1.00"),
        (
            "UPDATE documents SET kind = 'delivery_proof' WHERE case_id = :case",
            lambda c: c["checklist"]["documents"] == {"delivery_proof": 1},
        ),
        (
            "UPDATE debtor_views SET phone = '+33 1 23 45 67 89' WHERE debtor_id = :debtor",
            lambda c: c["debtor"]["phone"] == "+33 1 23 45 67 89",
        ),
        ("UPDATE debtors SET siren = '552100554' WHERE id = :debtor", lambda c: c["debtor"]["siren"] == "552100554"),
        (
            "UPDATE cases SET override_reason = 'pièces par courrier' WHERE id = :case",
            lambda c: c["override_reason"] == "pièces par courrier",
        ),
    ]
    for sql, shown in changes:
        for headers in (api.creditor, api.agent):
            before, _ = _read(api, case["id"], headers)
            assert not shown(before) and _read(api, case["id"], headers)[1] == 0  # kept
        _write(api, sql, case=case["id"], debtor=case["debtor"]["id"])
        for headers, principal in ((api.creditor, CREDITOR), (api.agent, AGENT)):
            after, renderings = _read(api, case["id"], headers)
            assert renderings == 1 and shown(after), sql
            assert after == _rendered(api, case["id"], principal)
            listed = api.client.get("/api/v1/cases", params={"reference": "KEPT-T"}, headers=headers).json()
            assert listed["items"] == [after]


def test_a_page_kept_rendered_is_byte_for_byte_fastapis_answer(api, open_case, invoice):
    for number in range(3):
        open_case(f"KEPT-P{number}", [invoice(f"P-{number}", "2026-09-30", f"{number + 1}00.00")])
    for _ in range(2):  # rendered, then kept
        page = api.client.get("/api/v1/cases", params={"limit": 2, "offset": 1}, headers=api.creditor)
        assert page.status_code == 200, page.text
        ids = [uuid.UUID(item["id"]) for item in page.json()["items"]]
        with Session(api.engine) as session:
            items = case_views(session, ids, CREDITOR)
        expected = answer_json(CasePage(items=items, total=page.json()["total"]), CasePage)
        assert len(ids) == 2 and page.content == expected.body
        assert page.headers["content-type"] == "application/json"


def test_a_statement_is_replayed_again_after_a_payment_and_for_another_day_or_language_only(
    api, open_case, invoice, pay
):
    case = open_case("KEPT-S", [invoice("S-1", "2026-06-30", "1000.00")])

    def read(as_of: str, language: str = "en") -> tuple[dict[str, Any], int]:
        before = STATEMENTS.misses
        response = api.client.get(
            f"/api/v1/cases/{case['id']}/statement",
            params={"as_of": as_of},
            headers=api.creditor | {"Accept-Language": language},
        )
        assert response.status_code == 200, response.text
        return response.json(), STATEMENTS.misses - before

    first, renderings = read("2026-11-24")
    assert renderings == 1 and first["paid"] == "0.00" and read("2026-11-24") == (first, 0)
    assert read("2026-11-25")[1] == 1  # another day: interest runs on
    french, renderings = read("2026-11-24", "fr")
    assert renderings == 1 and french["warnings"] != first["warnings"]  # the S2 2026 rate is missing: said in French
    assert pay(case, "100.00", "2026-11-20").status_code == 201
    paid, renderings = read("2026-11-24")
    assert renderings == 1 and paid["paid"] == "100.00" and paid["balance"] != first["balance"]
    assert api.client.get(f"/api/v1/cases/{case['id']}/statement", headers=api.other).status_code == 404


def test_metrics_show_what_is_kept_and_a_budget_of_nothing_renders_every_read(api, open_case, invoice):
    case = open_case("KEPT-M", [invoice("M-1", "2026-09-30", "10.00")])
    _read(api, case["id"], api.creditor)
    _read(api, case["id"], api.creditor)
    metrics = api.client.get("/metrics").text
    hits = re.search(r'^kept_answers_hits_total\{answers="cases"\} (\d+)', metrics, re.MULTILINE)
    assert hits is not None and int(hits.group(1)) == CASES.hits >= 1
    assert re.search(r'^kept_answers_bytes\{answers="statements"\} ', metrics, re.MULTILINE)

    resize_all(0)  # as RECOUVRA_KEPT_ANSWERS_MB=0 sets it when the app starts
    try:
        assert len(CASES) == 0 and CASES.size == 0
        assert [_read(api, case["id"], api.creditor)[1] for _ in range(2)] == [1, 1]
    finally:
        resize_all(api.settings.kept_answers_mb * MIB)
