"""The debtor is told by e-mail what became of a payment plan: agreed (its schedule, where to pay, what ends it),
even though the case is then quiet; refused by the creditor (its answer, and what the debtor may do next). Not when
the debtor opted out of e-mail or has no address: its page shows the decision either way."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from workbench.testing.moments import at

from dunning.domain.context import Party

DUE = date(2026, 11, 2)
THREE = [
    {"due_on": "2026-11-15", "amount": "400.00"},
    {"due_on": "2026-12-15", "amount": "400.00"},
    {"due_on": "2027-01-15", "amount": "400.00"},
]


def open_case(dunning, creditor_id, *, email="compta@dupont.example"):
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    dunning.facts.debtors[uuid.UUID(case.case_id)] = Party(name="Dupont SARL", email=email)
    dunning.clock.set(at(date(2026, 11, 4)))
    return case


def plan_path(case) -> str:
    return f"/api/v1/dunning/cases/{case.case_id}/plans"


def told(mail_server, to: str, reference: str):
    return [m for m in mail_server.mailbox.find(to=to) if reference in m["Subject"]]


def to_debtor(dunning, case) -> list[dict]:
    """The case's contact log, the messages to its debtor."""
    log = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/messages", headers=dunning.headers())
    assert log.status_code == 200, log.text
    return [m for m in log.json()["items"] if m["audience"] == "debtor"]


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_a_plan_the_agent_agrees_is_sent_to_the_debtor_with_its_schedule_while_the_case_is_quiet(dunning, mail_server):
    to = f"plan-{uuid.uuid4().hex[:8]}@dupont.example"
    case = open_case(dunning, uuid.uuid4(), email=to)
    agreed = dunning.client.post(plan_path(case), json={"instalments": THREE}, headers=dunning.headers())
    assert agreed.status_code == 201 and agreed.json()["status"] == "agreed", agreed.text

    dunning.run()

    [notice] = told(mail_server, to, case.reference)
    body = text_of(notice)
    assert notice["Subject"] == f"Votre échéancier est accepté — dossier {case.reference}"
    assert "- 15 novembre 2026 : 400,00" in body and "- 15 janvier 2027 : 400,00" in body
    assert "Total : 1\u202f200,00" in body or "Total : 1 200,00" in body
    assert "référence de paiement RF18539007547034" in body and "5 jours après sa date" in body
    assert f"sur votre espace : {dunning.facts.settings.public_base_url}/d" in body  # its page (/d/… or /debtor)
    html = notice.get_body(("html",)).get_content()  # the same words, the schedule as a list, the page as a link
    assert "<li>15 novembre 2026 : 400,00" in html and f'<a href="{dunning.facts.settings.public_base_url}/d' in html
    assert dunning.steps(case.case_id)["status"] == "plan"
    [message] = to_debtor(dunning, case)
    assert (message["template"], message["status"]) == ("debtor-plan-agreed", "sent")
    [told_event] = dunning.outbox("recouvra.dunning.debtor.notified.v1")  # for the timeline; not a reminder sent:
    assert (told_event["message_id"], told_event["notice"]) == (message["id"], "plan_agreed")
    assert dunning.outbox("recouvra.dunning.message.sent.v1") == []


def test_the_creditors_refusal_reaches_the_debtor_with_its_answer_and_an_approval_with_the_schedule(
    dunning, mail_server
):
    to = f"plan-{uuid.uuid4().hex[:8]}@dupont.example"
    creditor_id = uuid.uuid4()
    case = open_case(dunning, creditor_id, email=to)
    proposal = {"instalments": THREE, "submit_to_creditor": True, "proposed_by_debtor": True}
    first = dunning.client.post(plan_path(case), json=proposal, headers=dunning.headers("service"))
    assert first.status_code == 201, first.text
    dunning.run()
    assert told(mail_server, to, case.reference) == []  # a proposal waiting for the creditor: nothing to tell yet

    refused = dunning.client.post(
        f"{plan_path(case)}/{first.json()['id']}/decision",
        json={"decision": "refuse", "note": "Trois mois au plus"},
        headers=dunning.headers("creditor", creditor_id),
    )
    assert refused.status_code == 200, refused.text
    second = dunning.client.post(plan_path(case), json=proposal, headers=dunning.headers("service"))
    approved = dunning.client.post(
        f"{plan_path(case)}/{second.json()['id']}/decision",
        json={"decision": "approve"},
        headers=dunning.headers("creditor", creditor_id),
    )
    assert approved.status_code == 200 and approved.json()["status"] == "agreed", approved.text
    dunning.run()

    subjects = sorted(m["Subject"] for m in told(mail_server, to, case.reference))
    assert subjects == [
        f"Votre proposition d'échéancier n'est pas acceptée — dossier {case.reference}",
        f"Votre échéancier est accepté — dossier {case.reference}",
    ]
    [refusal] = told(mail_server, to, "pas acceptée")
    body = text_of(refusal)
    assert "Le créancier, Demo Créancier SAS, n'a pas accepté" in body and "en 3 échéances" in body
    assert "Sa réponse : « Trois mois au plus »" in body and "proposer d'autres dates" in body


def test_a_debtor_who_opted_out_of_email_or_has_no_address_is_not_written_to(dunning, mail_server):
    to = f"plan-{uuid.uuid4().hex[:8]}@dupont.example"
    opted = open_case(dunning, uuid.uuid4(), email=to)
    unreachable = open_case(dunning, uuid.uuid4(), email=None)
    out = dunning.client.post(
        f"/api/v1/dunning/debtors/{opted.debtor.debtor_id}/opt-outs",
        json={"channel": "email"},
        headers=dunning.headers(),
    )
    assert out.status_code == 201, out.text

    for case in (opted, unreachable):
        agreed = dunning.client.post(plan_path(case), json={"instalments": THREE}, headers=dunning.headers())
        assert agreed.status_code == 201 and agreed.json()["status"] == "agreed", agreed.text
    dunning.run()

    assert told(mail_server, to, opted.reference) == []
    assert to_debtor(dunning, opted) == [] and to_debtor(dunning, unreachable) == []


def test_the_notice_counts_against_no_contact_cap(dunning, mail_server, monkeypatch):
    """One contact a week allowed: the plan's notice on one case leaves room for the reminder of the debtor's other."""
    scheduler = dunning.client.app.state.scheduler
    monkeypatch.setattr(scheduler, "rules", dataclasses.replace(scheduler.rules, cap_per_week=1))
    creditor_id, debtor_id = uuid.uuid4(), uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    planned, dunned = (dunning.validate_case(due=DUE, creditor_id=creditor_id, debtor_id=debtor_id) for _ in "ab")
    dunning.clock.set(at(date(2026, 11, 4)))
    agreed = dunning.client.post(plan_path(planned), json={"instalments": THREE}, headers=dunning.headers())
    assert agreed.status_code == 201, agreed.text
    dunning.run()
    assert [m["template"] for m in to_debtor(dunning, planned)] == ["debtor-plan-agreed"]

    dunning.clock.set(at(date(2026, 11, 9)))  # the other case's first reminder fell due on 7 November
    dunning.run()

    assert [m["template"] for m in to_debtor(dunning, dunned)] == ["email-courteous"]
