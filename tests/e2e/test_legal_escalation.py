"""A business case from validation to court on the running platform: the platform clock moves, the scheduler sends
each step of the default scenario on its day until dunning is exhausted; legal turns the exhaustion into a proposal
(never a procedure on its own); a supervisor approves a payment order, whose request file is drawn up from intake's
figures of the day; intake moves the case to the legal phase, and dunning stops."""

from __future__ import annotations

import html
import re
import uuid
from datetime import date

import httpx
import pytest

from workbench.testing.web_forms import csrf_of, web_session

from .desk import Desk

pytestmark = pytest.mark.e2e

# default-fr: e-mails at due + 5 and + 15, a letter at + 25, a call at + 35, the formal notice at + 45; exhausted
# fifteen days after the last step (1 January 2027, a holiday: the next pass, on Monday 4 January)
DUE = date(2026, 11, 2)
STEP_DAYS = (
    ("email-1", date(2026, 11, 7)),
    ("email-2", date(2026, 11, 17)),
    ("letter-1", date(2026, 11, 27)),
    ("call-1", date(2026, 12, 7)),
    ("formal-notice", date(2026, 12, 17)),
)
EXHAUSTED_ON = date(2027, 1, 4)


class Flow(Desk):
    def run(self) -> None:
        answer = httpx.post(f"{self.url}/api/v1/dunning/admin/run", headers=self.admin, timeout=60)
        assert answer.status_code == 200, answer.text

    def get(self, path: str, headers: dict[str, str]) -> dict:
        answer = httpx.get(f"{self.url}{path}", headers=headers, timeout=30)
        return answer.json() if answer.status_code == 200 else {}

    def done(self, case_id: str) -> list[str]:
        steps = self.get(f"/api/v1/dunning/cases/{case_id}/steps", self.agent)
        return [s["step"] for s in steps.get("items", []) if s["status"] == "done"]

    def supervisor(self) -> dict[str, str]:
        email, password = f"superviseur.{uuid.uuid4().hex[:6]}@demo.example", "Juridique-Escalade-2026!"
        created = httpx.post(
            f"{self.url}/api/v1/users",
            json={"email": email, "password": password, "role": "supervisor"},
            headers=self.admin,
        )
        assert created.status_code == 201, created.text
        return self.platform.sign_in(email, password)


def test_an_exhausted_business_case_becomes_a_payment_order_once_a_supervisor_approves(platform):
    flow = Flow(platform)
    reference = f"JUR-{uuid.uuid4().hex[:8]}"
    try:
        flow.at(date(2026, 11, 3), 8, 0)
        opened = httpx.post(
            f"{flow.url}/api/v1/cases",
            headers=flow.creditor,
            json={
                "reference": reference,
                "kind": "b2b",
                "debtor": {
                    "type": "company",
                    "name": "Dupont Matériaux SARL",
                    "siren": "732829320",
                    "email": f"compta.{uuid.uuid4().hex[:6]}@dupont.example",
                    "phone": "+33556000000",
                    "address": {"line1": "3 avenue des Tilleuls", "postal_code": "33000", "city": "Bordeaux"},
                },
                "invoices": [
                    {
                        "number": f"{reference}-1",
                        "issue_date": "2026-10-02",
                        "due_date": DUE.isoformat(),
                        "amount": "3200.00",
                    }
                ],
            },
        )
        assert opened.status_code == 201, opened.text
        case_id = opened.json()["id"]
        contract = httpx.post(
            f"{flow.url}/api/v1/cases/{case_id}/documents",
            headers=flow.creditor,
            data={"kind": "contract"},
            files={"file": ("contrat.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")},
        )
        assert contract.status_code == 201, contract.text
        validated = httpx.post(
            f"{flow.url}/api/v1/cases/{case_id}/validate",
            headers=flow.agent,
            json={"override_reason": "bon de livraison vu sur place"},
        )
        assert validated.status_code == 200, validated.text
        assert platform.eventually(lambda: flow.get(f"/api/v1/dunning/cases/{case_id}/steps", flow.agent))

        for step, day in STEP_DAYS:
            flow.at(day)
            flow.run()
            assert platform.eventually(lambda step=step: step in flow.done(case_id)), f"{step} did not go out"
        assert not flow.get(f"/api/v1/legal/cases/{case_id}/proposals", flow.agent).get("items")

        flow.at(EXHAUSTED_ON)
        flow.run()
        steps = flow.get(f"/api/v1/dunning/cases/{case_id}/steps", flow.agent)
        assert steps["status"] == "exhausted", steps

        def proposals() -> list:
            return flow.get(f"/api/v1/legal/cases/{case_id}/proposals", flow.agent).get("items", [])

        [proposal] = platform.eventually(proposals, timeout_s=30)
        assert proposal["status"] == "proposed", "the mandate covers the legal phase: a proposal to go to court"
        assert flow.get(f"/api/v1/legal/cases/{case_id}/procedures", flow.agent) == {"items": []}, "never silently"

        supervisor = flow.supervisor()

        def approve() -> httpx.Response | None:
            answer = httpx.post(
                f"{flow.url}/api/v1/legal/cases/{case_id}/procedures",
                headers=supervisor,
                json={"kind": "injonction_de_payer"},
                timeout=60,
            )
            # 503: intake (or the portal, for legal's token) did not answer in time; nothing changed, ask again
            return None if answer.status_code == 503 else answer

        approved = platform.eventually(approve, timeout_s=60)
        assert approved is not None and approved.status_code == 201, approved.text if approved else "503 throughout"
        procedure = approved.json()
        assert procedure["state"] == "opened" and procedure["court"]["kind"] == "tribunal_de_commerce"
        assert procedure["court"]["place"] == "33000 Bordeaux"
        assert [e["source"] for e in procedure["request"]["exhibits"]][:2] == ["document", "invoice"]

        pdf = httpx.get(f"{flow.url}{procedure['request']['url']}", headers=flow.creditor, timeout=30)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.headers["x-content-type-options"] == "nosniff"

        # intake hears of the procedure: the case is in the legal phase, and dunning stops with it
        assert platform.eventually(
            lambda: flow.get(f"/api/v1/cases/{case_id}", flow.agent).get("status") == "legal", timeout_s=30
        )
        assert platform.eventually(
            lambda: flow.get(f"/api/v1/dunning/cases/{case_id}/steps", flow.agent).get("status") == "legal",
            timeout_s=30,
        )
        [shown] = platform.eventually(proposals)
        assert shown["status"] == "approved" and shown["procedure_id"] == procedure["id"]

        # the creditor follows it on the case's page
        with web_session(flow.url, "creditor@demo.example") as web:
            page = web.get(f"/cases/{case_id}")
        assert page.status_code == 200, page.text
        assert "Phase judiciaire" in page.text
        assert "Injonction de payer · requête préparée" in page.text
        assert procedure["court"]["name"] in html.unescape(page.text)
        assert "Enregistrer l'étape" not in html.unescape(page.text)  # staff record the steps

        # an agent records the request filed from the case's page, and reads what falls due in the back office
        with web_session(flow.url, "agent@demo.example") as web:
            shown_to_staff = web.get(f"/cases/{case_id}")
            filed = web.post(
                f"/cases/{case_id}/procedures/{procedure['id']}/steps",
                data={"csrf": csrf_of(shown_to_staff.text), "type": "filed", "occurred_on": EXHAUSTED_ON.isoformat()},
            )
            assert filed.status_code == 303, filed.text
            after = web.get(filed.headers["location"])
            too_early = web.post(
                f"/cases/{case_id}/procedures/{procedure['id']}/steps",
                data={"csrf": csrf_of(after.text), "type": "served", "occurred_on": EXHAUSTED_ON.isoformat()},
            )
            deadlines = web.get("/back-office/legal-deadlines")
        assert "L'étape de la procédure est enregistrée." in html.unescape(after.text)
        assert "Injonction de payer · requête déposée" in html.unescape(after.text)
        shown_steps = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.unescape(after.text)))
        assert "Étapes enregistrées" in shown_steps and "4 janvier 2027 requête déposée" in shown_steps, shown_steps
        steps_form = re.search(r'<form[^>]*action="[^"]*/procedures/[^"]*/steps".*?</form>', after.text, re.S)
        assert steps_form, after.text
        offered = re.findall(r'<option value="([a-z_]+)"', steps_form.group(0))  # what legal says may follow a filing
        assert offered == ["granted", "rejected", "closed"], offered
        assert too_early.status_code == 409 and "Injonction de payer · requête déposée" in html.unescape(too_early.text)
        assert "ne peut pas passer à l'état « signifiée »" in html.unescape(too_early.text)  # said beside the form
        assert deadlines.status_code == 200 and "Échéances judiciaires" in html.unescape(deadlines.text)
        assert flow.get(f"/api/v1/legal/procedures/{procedure['id']}", flow.agent)["state"] == "filed"
    finally:
        httpx.put(f"{flow.url}/api/v1/admin/clock", json={"now": None}, headers=flow.admin)
