"""Payment plans on the real database and mail server: entered within the mandate's bounds, the case quiet while
they run, instalments paid from intake's payment events, a missed one breaching the plan after the grace days."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from shared.events.intake import MandateSigned, PaymentRecorded
from workbench.testing.moments import at

DUE = date(2026, 11, 2)  # a Monday
THREE = [
    {"due_on": "2026-11-15", "amount": "400.00"},
    {"due_on": "2026-12-15", "amount": "400.00"},
    {"due_on": "2027-01-15", "amount": "400.00"},
]


def debtor_mails(mail_server, reference: str):
    """The reminders the debtor received on the case (not the notices answering it about its plan)."""
    return [
        m
        for m in mail_server.messages()
        if "dupont" in m["To"] and reference in m["Subject"] + str(m) and "échéancier" not in m["Subject"]
    ]


def open_case(dunning, *, creditor_id=None, amount="1200.00"):
    if creditor_id is None:
        creditor_id = uuid.uuid4()
        dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id, amount=amount)
    dunning.clock.set(at(date(2026, 11, 4)))
    return case


def agree(dunning, case, instalments=THREE, **extra):
    answer = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans",
        json={"instalments": instalments, **extra},
        headers=dunning.headers(),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def pay(dunning, case, amount: str, received_on: date) -> None:
    payment = PaymentRecorded(
        payment_id=str(uuid.uuid4()),
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        amount=Decimal(amount),
        currency="EUR",
        received_on=received_on,
        origin="debtor_to_agency",
        reference=f"VIR-{amount}",
    )
    dunning.apply(payment, subject=case.case_id)
    dunning.apply(payment, subject=case.case_id)  # redelivered: counted once


def plans(dunning, case, **headers):
    answer = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/plans", headers=headers or dunning.headers())
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_an_agreed_plan_quiets_the_case_tells_the_creditor_and_publishes_plan_agreed(dunning, mail_server):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id, email=f"plan-{creditor_id.hex[:6]}@creancier.example")
    case = open_case(dunning, creditor_id=creditor_id)
    plan = agree(dunning, case, note="accord téléphonique")
    assert plan["status"] == "agreed" and plan["total"] == "1200.00" and plan["grace_days"] == 5
    assert [i["due_on"] for i in plan["instalments"]] == ["2026-11-15", "2026-12-15", "2027-01-15"]

    [agreed] = dunning.outbox("recouvra.dunning.plan.agreed.v1")
    assert agreed["plan_id"] == plan["id"] and agreed["total"] == "1200.00" and len(agreed["instalments"]) == 3
    dunning.clock.set(at(date(2026, 11, 10)))  # email-1 fell due on 7 November
    dunning.run()
    assert dunning.steps(case.case_id)["status"] == "plan"
    assert debtor_mails(mail_server, case.reference) == []  # no reminder while it runs; its schedule, told:
    assert mail_server.mailbox.find(
        to="compta@dupont.example", subject=f"Votre échéancier est accepté — dossier {case.reference}"
    )
    [told] = mail_server.mailbox.find(to=f"plan-{creditor_id.hex[:6]}@creancier.example")
    body = told.get_body(("plain",)).get_content()
    assert "Échéancier accordé" in told["Subject"] and "15/12/2026 : 400,00" in body
    assert "Note jointe : « accord téléphonique »" in body  # what was written with the plan reaches the creditor


@pytest.mark.parametrize(
    ("instalments", "field", "english", "french"),
    [
        ([THREE[0]], "instalments", "two instalments at least", "au moins deux échéances"),
        (
            [{"due_on": f"2027-01-{day:02d}", "amount": "60.00"} for day in range(1, 14)],
            "instalments",
            "12 instalments at most",
            "au plus 12 échéances",
        ),
        ([THREE[0], {"due_on": "2026-12-01", "amount": "20.00"}], "instalments[1].amount", "or more", "au moins"),
        ([THREE[1], THREE[0]], "instalments[1].due_on", "after the one before", "après la précédente"),
        ([{"due_on": "2026-11-01", "amount": "400.00"}, THREE[1]], "instalments[0].due_on", "today or later", "plus"),
        ([THREE[0], {"due_on": "2027-11-05", "amount": "400.00"}], "instalments[1].due_on", "12 months", "12 mois"),
        ([THREE[0], {"due_on": "2026-12-15", "amount": "900.00"}], "instalments", "more than", "dépasse"),
    ],
    ids=["one", "thirteen", "too-small", "out-of-order", "past", "too-long", "over-the-balance"],
)
def test_a_plan_out_of_the_mandates_bounds_is_refused_naming_the_field_in_french_and_english(
    dunning, instalments, field, english, french
):
    case = open_case(dunning)
    answer = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans",
        json={"instalments": instalments},
        headers={**dunning.headers(), "Accept-Language": "fr"},
    )
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["field"] == field and english in body["detail_en"] and french in body["detail_fr"]
    assert body["detail"] == body["detail_fr"]
    assert dunning.outbox("recouvra.dunning.plan.agreed.v1") == []


def test_payments_pay_the_oldest_instalment_first_and_a_paid_plan_leaves_the_case_quiet(dunning, mail_server):
    case = open_case(dunning)
    whole = [*THREE[:2], {"due_on": "2027-01-15", "amount": "452.34"}]  # 1,252.34: the statement's whole balance
    agree(dunning, case, whole)
    pay(dunning, case, "500.00", date(2026, 11, 14))
    [plan] = plans(dunning, case)
    assert [(i["paid"], i["paid_on"]) for i in plan["instalments"]] == [
        ("400.00", "2026-11-14"),
        ("100.00", None),
        ("0.00", None),
    ]
    assert plan["paid"] == "500.00"
    pay(dunning, case, "752.34", date(2026, 12, 10))
    [plan] = plans(dunning, case)
    assert plan["status"] == "completed" and plan["ended_on"] == "2026-12-10"

    dunning.clock.set(at(date(2027, 2, 1)))
    report = dunning.run()
    assert report["plans_breached"] == 0 and dunning.steps(case.case_id)["status"] == "plan"
    assert debtor_mails(mail_server, case.reference) == []  # quiet until intake's CasePaid closes the case


def test_a_plan_for_part_of_the_balance_resumes_the_scenario_once_paid(dunning, mail_server):
    case = open_case(dunning)
    agree(dunning, case, [{"due_on": "2026-11-15", "amount": "300.00"}, {"due_on": "2026-11-30", "amount": "300.00"}])
    pay(dunning, case, "600.00", date(2026, 11, 13))
    assert plans(dunning, case)[0]["status"] == "completed"
    assert dunning.steps(case.case_id)["status"] == "active"
    dunning.clock.set(at(date(2026, 11, 16)))
    dunning.run()
    assert len(debtor_mails(mail_server, case.reference)) == 1  # the 600.00 left is dunned again


def test_a_missed_instalment_breaches_the_plan_after_the_grace_days_and_the_scenario_resumes(dunning, mail_server):
    case = open_case(dunning)
    agree(dunning, case)
    pay(dunning, case, "350.00", date(2026, 11, 15))  # short of the first instalment
    dunning.clock.set(at(date(2026, 11, 20)))  # 15 November + 5 grace days: not yet
    assert dunning.run()["plans_breached"] == 0
    assert debtor_mails(mail_server, case.reference) == []

    dunning.clock.set(at(date(2026, 11, 21)))
    assert dunning.run()["plans_breached"] == 1
    [breached] = dunning.outbox("recouvra.dunning.plan.breached.v1")
    assert breached["missed_due_on"] == "2026-11-15" and breached["next_action"] == "resume"
    [plan] = plans(dunning, case)
    assert (plan["status"], plan["missed_due_on"], plan["next_action"]) == ("breached", "2026-11-15", "resume")
    assert dunning.steps(case.case_id)["status"] == "active"
    assert len(debtor_mails(mail_server, case.reference)) == 1  # the pending step went out in the same pass
    assert dunning.run()["plans_breached"] == 0


def test_a_breached_plan_goes_to_legal_when_the_mandate_allows_it_and_the_setting_says_so(
    dunning, mail_server, monkeypatch
):
    monkeypatch.setattr(dunning.client.app.state.runtime.settings, "plan_breach_escalates", True)
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.apply(
        MandateSigned(
            mandate_id=str(uuid.uuid4()),
            creditor_id=str(creditor_id),
            commission_rate=Decimal("0.15"),
            phases=["amicable", "legal"],
            scenario="default-fr",
        ),
        subject=str(creditor_id),
    )
    case = open_case(dunning, creditor_id=creditor_id)
    assert agree(dunning, case)["escalates"] is True
    dunning.clock.set(at(date(2026, 11, 23)))
    dunning.run()
    [breached] = dunning.outbox("recouvra.dunning.plan.breached.v1")
    [exhausted] = dunning.outbox("recouvra.dunning.exhausted.v1")
    assert breached["next_action"] == "escalate" and exhausted["legal_allowed"] is True
    steps = dunning.steps(case.case_id)
    assert steps["status"] == "exhausted" and steps["items"][0]["status"] == "cancelled"
    assert debtor_mails(mail_server, case.reference) == []


def test_the_creditor_approves_a_proposed_plan_and_only_then_the_case_waits(dunning, issue_token):
    creditor_id = uuid.uuid4()
    case = open_case(dunning, creditor_id=creditor_id)
    proposal = agree(dunning, case, submit_to_creditor=True)
    assert proposal["status"] == "proposed" and dunning.steps(case.case_id)["status"] == "active"
    assert dunning.outbox("recouvra.dunning.plan.agreed.v1") == []

    decision = f"/api/v1/dunning/cases/{case.case_id}/plans/{proposal['id']}/decision"
    stranger = dunning.client.post(
        decision, json={"decision": "approve"}, headers=dunning.headers("creditor", uuid.uuid4())
    )
    assert stranger.status_code == 404
    mine = dunning.headers("creditor", creditor_id)
    approved = dunning.client.post(decision, json={"decision": "approve"}, headers=mine)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "agreed" and dunning.steps(case.case_id)["status"] == "plan"
    assert len(dunning.outbox("recouvra.dunning.plan.agreed.v1")) == 1
    again = dunning.client.post(decision, json={"decision": "refuse"}, headers=mine)
    assert again.status_code == 409
    assert [p["status"] for p in plans(dunning, case, **mine)] == ["agreed"]


def test_a_refused_proposal_changes_nothing_and_a_later_plan_replaces_the_running_one(dunning):
    creditor_id = uuid.uuid4()
    case = open_case(dunning, creditor_id=creditor_id)
    first = agree(dunning, case)
    proposal = agree(dunning, case, submit_to_creditor=True)
    refused = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans/{proposal['id']}/decision",
        json={"decision": "refuse", "note": "trop long"},
        headers=dunning.headers("creditor", creditor_id),
    )
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    second = agree(dunning, case, THREE[:2])
    statuses = {p["id"]: p["status"] for p in plans(dunning, case)}
    assert statuses == {first["id"]: "replaced", proposal["id"]: "refused", second["id"]: "agreed"}


def test_a_promise_is_refused_on_a_plan_and_a_dispute_cancels_the_plan(dunning):
    case = open_case(dunning)
    agree(dunning, case)
    promise = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "100.00", "due_on": "2026-11-20"},
        headers=dunning.headers(),
    )
    assert promise.status_code == 409 and promise.json()["field"] == "case_id"
    disputed = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes",
        json={"reason": "Facture déjà payée"},
        headers=dunning.headers(),
    )
    assert disputed.status_code == 201, disputed.text
    assert plans(dunning, case)[0]["status"] == "cancelled"
    refused = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans", json={"instalments": THREE}, headers=dunning.headers()
    )
    assert refused.status_code == 409


def test_only_staff_enter_a_plan_and_a_creditor_sees_its_own_cases_plans_only(dunning):
    creditor_id = uuid.uuid4()
    case = open_case(dunning, creditor_id=creditor_id)
    entered = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans",
        json={"instalments": THREE},
        headers=dunning.headers("creditor", creditor_id),
    )
    assert entered.status_code == 403
    agree(dunning, case)
    assert len(plans(dunning, case, **dunning.headers("creditor", creditor_id))) == 1
    other = dunning.client.get(
        f"/api/v1/dunning/cases/{case.case_id}/plans", headers=dunning.headers("creditor", uuid.uuid4())
    )
    assert other.status_code == 404
