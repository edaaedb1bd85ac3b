"""A consumer case from validation to exhaustion on the running platform: the platform clock moves, the scheduler
sends what fell due through the real mail server and the postal provider, a promise pauses and resumes, a dispute
holds every channel, the formal notice's acknowledgement starts consumer interest in intake's statement. Then a
business debtor written to in English, which refuses e-mail on the page its first reminder links to: the next
e-mail step is skipped."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, datetime
from decimal import Decimal

import httpx
import pytest
from pypdf import PdfReader

from shared.clock import PARIS
from workbench.stack.mail import MailDir

from .desk import Desk

pytestmark = pytest.mark.e2e

SHORT_LINK = re.compile(r"/d/(RF\d{2}[0-9A-Z]+)-([0-9A-Z]{8})")
ACCESS_CODE = re.compile(r"code d'accès : ([0-9A-Z]{4}- ?[0-9A-Z]{4})")  # a line may break after the dash
L111_8_START = "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier"


class Flow(Desk):
    def __init__(self, platform) -> None:
        super().__init__(platform)
        self.mail = MailDir(platform.maildir)

    def steps(self, case_id: str) -> dict:
        answer = httpx.get(f"{self.url}/api/v1/dunning/cases/{case_id}/steps", headers=self.agent)
        return answer.json() if answer.status_code == 200 else {}

    def done(self, case_id: str) -> list[str]:
        return [s["step"] for s in self.steps(case_id).get("items", []) if s["status"] == "done"]

    def debtor_mails(self, address: str) -> list:
        return self.mail.find(to=address)


def test_a_consumer_case_is_dunned_from_the_first_email_to_exhaustion(platform):
    flow = Flow(platform)
    email = f"m.martin.{uuid.uuid4().hex[:6]}@example.org"
    reference = f"DUN-{uuid.uuid4().hex[:8]}"
    try:
        flow.at(date(2026, 11, 3), 8, 0)
        opened = httpx.post(
            f"{flow.url}/api/v1/cases",
            headers=flow.creditor,
            json={
                "reference": reference,
                "kind": "b2c",
                "debtor": {
                    "type": "person",
                    "name": "Marie Martin",
                    "email": email,
                    "phone": "+33612345678",
                    "address": {"line1": "4 rue des Lilas", "postal_code": "44000", "city": "Nantes"},
                },
                "invoices": [
                    {
                        "number": f"{reference}-1",
                        "issue_date": "2026-10-02",
                        "due_date": "2026-11-02",
                        "amount": "2000.00",
                    }
                ],
            },
        )
        assert opened.status_code == 201, opened.text
        case_id = opened.json()["id"]
        validated = httpx.post(
            f"{flow.url}/api/v1/cases/{case_id}/validate",
            headers=flow.agent,
            json={"override_reason": "contrat et bon de livraison vus sur place"},
        )
        assert validated.status_code == 200, validated.text
        assert platform.eventually(lambda: flow.steps(case_id)), "dunning never heard of the validated case"

        # due + 5 (Saturday 7 November): the first e-mail, carrying R124-4 and the L111-8 text
        flow.at(date(2026, 11, 7))
        flow.run()
        [first] = platform.eventually(lambda: flow.debtor_mails(email))
        text = " ".join(first.get_body(("plain",)).get_content().split())
        assert L111_8_START in text and reference in text and "2 000,00" in text
        assert "recouvrement amiable de créances pour le compte d'autrui" in text
        # its short link opens the debtor's page, through the portal, as the debtor's browser follows it
        short = SHORT_LINK.search(text)
        assert short, text
        opened = httpx.get(f"{flow.url}{short.group(0)}")
        assert opened.status_code == 303, opened.text
        assert reference in httpx.get(f"{flow.url}{opened.headers['location']}").text

        # due + 15: the firmer e-mail; due + 25: the letter, as a PDF through the postal provider
        flow.at(date(2026, 11, 17))
        flow.run()
        assert platform.eventually(lambda: len(flow.debtor_mails(email)) == 2)
        flow.at(date(2026, 11, 27))
        flow.run()
        assert platform.eventually(lambda: "letter-1" in flow.done(case_id))
        messages = httpx.get(f"{flow.url}/api/v1/dunning/cases/{case_id}/messages", headers=flow.creditor).json()
        letter = next(m for m in messages["items"] if m["channel"] == "letter")
        pdf = httpx.get(
            f"{flow.url}/api/v1/dunning/cases/{case_id}/messages/{letter['id']}/document", headers=flow.creditor
        )
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        # the letter prints the access code to type with its payment reference on the portal's /debtor
        printed = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
        code = ACCESS_CODE.search(printed)
        assert code and f"{flow.url}/debtor" in printed.replace(" ", ""), printed
        with httpx.Client(base_url=flow.url) as browser:
            csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/debtor").text)
            assert csrf
            typed = {"reference": short.group(1), "code": code.group(1), "csrf": csrf.group(1)}
            entered = browser.post("/debtor", data=typed)
            assert entered.status_code == 303, entered.text
            assert reference in browser.get(entered.headers["location"]).text
        posted = httpx.get(f"{platform.provider_url}/_control/messages").json()["items"]
        assert letter["id"] in [item["reference"] for item in posted]

        # due + 35 (Monday 7 December, in the call window): a call task in the agents' queue
        flow.at(date(2026, 12, 7))
        flow.run()
        tasks = httpx.get(f"{flow.url}/api/v1/dunning/tasks?case_id={case_id}", headers=flow.agent).json()
        assert tasks["total"] == 1

        # a promise pauses everything until its day; broken, the scenario resumes
        promised = httpx.post(
            f"{flow.url}/api/v1/dunning/cases/{case_id}/promises",
            headers=flow.agent,
            json={"amount": "500.00", "due_on": "2026-12-09"},
        )
        assert promised.status_code == 201, promised.text
        assert flow.steps(case_id)["status"] == "promise"
        flow.at(date(2026, 12, 14))
        flow.run()
        assert flow.steps(case_id)["status"] == "active"

        # a dispute holds every channel: the formal notice, due on 17 December, waits
        disputed = httpx.post(
            f"{flow.url}/api/v1/dunning/cases/{case_id}/disputes",
            headers=flow.creditor,
            json={"reason": "La débitrice conteste avoir reçu la marchandise"},
        )
        assert disputed.status_code == 201, disputed.text
        flow.at(date(2026, 12, 17))
        flow.run()
        assert "formal-notice" not in flow.done(case_id)
        resolved = httpx.post(
            f"{flow.url}/api/v1/dunning/cases/{case_id}/disputes/{disputed.json()['id']}/resolve",
            headers=flow.agent,
            json={"outcome": "upheld"},
        )
        assert resolved.status_code == 200, resolved.text
        flow.run()
        assert platform.eventually(lambda: "formal-notice" in flow.done(case_id))

        # the registered letter's acknowledgement (signed on 21 December) starts consumer interest in intake
        messages = httpx.get(f"{flow.url}/api/v1/dunning/cases/{case_id}/messages", headers=flow.agent).json()
        notice = next(m for m in messages["items"] if m["channel"] == "formal_notice")
        posted = httpx.get(f"{platform.provider_url}/_control/messages").json()["items"]
        letter_id = next(item["id"] for item in posted if item["reference"] == notice["id"])
        acknowledged = httpx.post(
            f"{platform.provider_url}/_control/letter/{letter_id}/events",
            json={"status": "acknowledged", "received_on": "2026-12-21"},
        )
        assert acknowledged.status_code == 200 and acknowledged.json()["answer"] == 200, acknowledged.text

        def statement() -> dict:
            answer = httpx.get(f"{flow.url}/api/v1/cases/{case_id}/statement?as_of=2027-03-21", headers=flow.agent)
            body = answer.json()
            return body if body.get("formal_notice_on") else {}

        figures = platform.eventually(statement)
        assert figures, "intake never recorded the formal notice's acknowledgement"
        assert Decimal(figures["interest"]) > 0  # 2,000.00 at the legal rate from 21 December 2026

        # the last step went out on 17 December: exhausted fifteen days later
        flow.at(date(2027, 1, 4))
        flow.run()
        assert flow.steps(case_id)["status"] == "exhausted"
    finally:
        httpx.put(f"{flow.url}/api/v1/admin/clock", json={"now": None}, headers=flow.admin)


def test_an_english_reminder_then_the_debtor_refuses_e_mail_on_its_page_and_the_next_one_is_skipped(platform):
    flow = Flow(platform)
    email = f"ap.{uuid.uuid4().hex[:6]}@acme-trading.example"
    reference = f"DUN-EN-{uuid.uuid4().hex[:6]}"
    try:
        # the instant the case above ends on (a Monday, in the e-mail window): nothing else on the platform falls due
        flow.at(date(2027, 1, 4))
        address = {"line1": "1 Market Street", "postal_code": "EC2A 4NE", "city": "London", "country": "GB"}
        debtor = {"type": "company", "name": "Acme Trading Ltd", "email": email, "language": "en", "address": address}
        invoice = {"number": f"{reference}-1", "issue_date": "2026-11-02", "due_date": "2026-12-02", "amount": "980.00"}
        opened = httpx.post(
            f"{flow.url}/api/v1/cases",
            headers=flow.creditor,
            json={"reference": reference, "kind": "b2b", "debtor": debtor, "invoices": [invoice]},
        )
        assert opened.status_code == 201 and opened.json()["debtor"]["language"] == "en", opened.text
        case_id = opened.json()["id"]
        validated = httpx.post(
            f"{flow.url}/api/v1/cases/{case_id}/validate", headers=flow.agent, json={"override_reason": "vu"}
        )
        assert validated.status_code == 200, validated.text
        assert platform.eventually(lambda: flow.steps(case_id)), "dunning never heard of the validated case"

        flow.run()
        [first] = platform.eventually(lambda: flow.debtor_mails(email))
        assert first["Subject"].endswith(f"invoice awaiting payment (case {reference})"), first["Subject"]
        text = " ".join(first.get_body(("plain",)).get_content().split())
        assert text.startswith("Dear Sir or Madam,") and "€980.00" in text
        assert L111_8_START in text  # the law's own French text stays, with its courtesy translation

        # the reminder says where to choose how one is contacted; the debtor follows it and refuses e-mail
        assert "Would you rather not be contacted by e-mail, text message or phone?" in text
        short = SHORT_LINK.search(text)
        assert short and f"{short.group(0)}#contact" in text, text
        with httpx.Client(base_url=flow.url, follow_redirects=True) as browser:
            page = browser.get(short.group(0))
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert page.status_code == 200 and csrf and "Comment nous vous contactons" in page.text, page.text
            refused = browser.post(f"{page.url.path}/contact", data={"csrf": csrf.group(1), "refused": ["email"]})
            assert refused.status_code == 200 and "vos choix sont enregistrés" in refused.text, refused.text

        # the firmer e-mail's day: the step is skipped, and nothing more reaches the mail server
        [firm] = [step for step in flow.steps(case_id)["items"] if step["step"] == "email-2"]
        flow.at(datetime.fromisoformat(firm["due_at"]).astimezone(PARIS).date())
        flow.run()
        skipped = platform.eventually(
            lambda: [s for s in flow.steps(case_id)["items"] if s["step"] == "email-2" and s["status"] == "skipped"]
        )
        assert skipped and skipped[0]["note"] == "the debtor opted out of this channel", skipped
        assert len(flow.debtor_mails(email)) == 1
    finally:
        httpx.put(f"{flow.url}/api/v1/admin/clock", json={"now": None}, headers=flow.admin)
