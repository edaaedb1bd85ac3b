"""A debtor its creditor writes to in English (the language intake's case read gives) gets its reminders and the
notices of its payment plan in English, and the test mode shows them so; a debtor with no language said is written
to in French."""

from __future__ import annotations

import uuid
from datetime import date

from workbench.testing.moments import at

from dunning.domain.context import Party

DUE = date(2026, 11, 2)  # a Monday: the first e-mail falls due on Saturday 7 November


def case_of(dunning, to: str, language: str | None):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.facts.debtors[uuid.UUID(case.case_id)] = Party(name="Acme Ltd", email=to, address_lines=("1 High St",))
    if language:
        dunning.facts.languages[uuid.UUID(case.case_id)] = language
    return case


def test_an_english_speaking_debtor_gets_its_reminder_in_english_and_the_preview_shows_it(dunning, mail_server):
    english, french = (f"{name}-{uuid.uuid4().hex[:8]}@acme.example" for name in ("en", "fr"))
    en_case, fr_case = case_of(dunning, english, "en"), case_of(dunning, french, None)

    preview = dunning.client.get(f"/api/v1/dunning/cases/{en_case.case_id}/preview", headers=dunning.headers())
    assert preview.status_code == 200, preview.text
    assert preview.json()["language"] == "en" and {i["language"] for i in preview.json()["items"]} == {"en"}
    assert "invoice awaiting payment" in preview.json()["items"][0]["subject"]

    dunning.clock.set(at(date(2026, 11, 9)))
    dunning.run()

    [sent] = mail_server.mailbox.find(to=english)
    assert sent["Subject"].endswith(f"invoice awaiting payment (case {en_case.reference})"), sent["Subject"]
    assert 'lang="en"' in sent.get_body(("html",)).get_content()
    [kept_french] = mail_server.mailbox.find(to=french)
    assert "facture en attente de règlement" in kept_french["Subject"]
    for case, language in ((en_case, "en"), (fr_case, "fr")):  # the contact log records each message's language
        log = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/messages", headers=dunning.headers())
        assert [m["language"] for m in log.json()["items"]] == [language]


def test_an_english_speaking_debtor_is_told_of_its_agreed_plan_in_english(dunning, mail_server):
    to = f"plan-en-{uuid.uuid4().hex[:8]}@acme.example"
    case = case_of(dunning, to, "en")
    dunning.clock.set(at(date(2026, 11, 4)))
    three = [{"due_on": f"{day}", "amount": "400.00"} for day in ("2026-11-15", "2026-12-15", "2027-01-15")]
    agreed = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans", json={"instalments": three}, headers=dunning.headers()
    )
    assert agreed.status_code == 201, agreed.text
    dunning.run()

    [notice] = [m for m in mail_server.mailbox.find(to=to) if case.reference in m["Subject"]]
    assert notice["Subject"] == f"Your payment plan is agreed — case {case.reference}"
    body = notice.get_body(("plain",)).get_content()
    assert body.startswith("Hello Acme Ltd,") and "Kind regards," in body
