"""Settlements through dunning's API: an offer within the mandate's floor goes to the debtor at once (e-mailed, the
creditor told); one below it waits for the creditor, who approves or refuses it; the debtor accepts on its page, which
pauses the reminders as a promise of the amount; paid by its day, it is honoured (the event intake writes the rest
off on), and the case stays quiet; unpaid, it lapses and the reminders resume. The mandate's plan bounds apply too."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from shared.events.intake import MandateSigned, PaymentRecorded
from workbench.testing.moments import at

from dunning.cases.models import DunningCase
from dunning.domain.context import Party

DUE = date(2026, 11, 2)
BALANCE = Decimal("1252.34")  # 1 200,00 of principal, 12,34 of penalties and the 40,00 indemnity (StaticFacts)


def open_case(dunning, *, floor: str | None = "0.80", **bounds):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id, email=f"tresorerie-{creditor_id.hex[:8]}@creancier.example")
    dunning.apply(
        MandateSigned(
            mandate_id=str(uuid.uuid4()),
            creditor_id=str(creditor_id),
            commission_rate=Decimal("0.15"),
            phases=["amicable"],
            scenario="default-fr",
            settlement_floor=Decimal(floor) if floor else None,
            **bounds,
        )
    )
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    address = f"compta-{uuid.uuid4().hex[:8]}@dupont.example"
    dunning.facts.debtors[uuid.UUID(case.case_id)] = Party(name="Dupont SARL", email=address)
    dunning.clock.set(at(date(2026, 11, 4)))
    return case, address, f"tresorerie-{creditor_id.hex[:8]}@creancier.example"


def offer(dunning, case, amount, pay_by="2026-11-20", **headers):
    return dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/settlements",
        json={"amount": amount, "pay_by": pay_by, "note": "Le débiteur invoque des difficultés"},
        headers=headers or dunning.headers(),
    )


def pay(dunning, case, amount, on):
    dunning.apply(
        PaymentRecorded(
            payment_id=str(uuid.uuid4()),
            case_id=case.case_id,
            creditor_id=case.creditor_id,
            debtor_id=case.debtor.debtor_id,
            amount=Decimal(amount),
            currency="EUR",
            received_on=on,
            origin="debtor_to_agency",
            reference=f"VIR-{uuid.uuid4().hex[:6]}",
        ),
        subject=case.case_id,
    )


def case_status(dunning, case):
    with Session(dunning.engine) as session:
        return session.get(DunningCase, uuid.UUID(case.case_id)).status


def test_an_offer_within_the_floor_reaches_the_debtor_who_accepts_and_pays_it_and_the_settlement_is_honoured(
    dunning, mail_server
):
    case, address, creditor_address = open_case(dunning)
    assert offer(dunning, case, "1001.88", **dunning.headers("creditor", case.creditor_id)).status_code == 403
    made = offer(dunning, case, "1001.88")  # 80 % of 1 252,34, rounded up to the cent
    assert made.status_code == 201, made.text
    settlement = made.json()
    assert (settlement["status"], settlement["within_mandate"], settlement["balance"], settlement["given_up"]) == (
        "offered",
        True,
        "1252.34",
        "250.46",
    )
    [event] = [e for e in dunning.outbox("recouvra.dunning.settlement.offered.v1") if e["case_id"] == case.case_id]
    assert (event["amount"], event["within_mandate"], event["pay_by"]) == ("1001.88", True, "2026-11-20")

    dunning.run()  # the notices go out with the pass
    [to_debtor] = mail_server.mailbox.find(to=address)
    text = to_debtor.get_body(preferencelist=("plain",)).get_content()
    assert to_debtor["Subject"] == f"Proposition d'accord — dossier {case.reference}"
    assert "pour 1 001,88 € au lieu des 1 252,34 € dus" in text.replace("\u202f", " ").replace("\xa0", " ")
    assert "au plus tard le 20 novembre 2026" in text and "http" in text
    [to_creditor] = mail_server.mailbox.find(to=creditor_address)
    assert "Dans les limites de votre mandat (au moins 80 % du solde)" in to_creditor.get_body(
        preferencelist=("plain",)
    ).get_content().replace("\n", " ")

    path = f"/api/v1/dunning/cases/{case.case_id}/settlements/{settlement['id']}/accept"
    as_agent = dunning.client.post(path, json={"by_debtor": True}, headers=dunning.headers())
    assert as_agent.status_code == 403 and "only the debtor's own page" in as_agent.text
    accepted = dunning.client.post(path, json={"by_debtor": True}, headers=dunning.headers("service"))
    assert accepted.status_code == 200, accepted.text
    assert (accepted.json()["status"], accepted.json()["accepted_by_debtor"]) == ("accepted", True)
    again = dunning.client.post(path, json={"by_debtor": True}, headers=dunning.headers("service"))
    assert again.status_code == 200 and again.json()["accepted_at"] == accepted.json()["accepted_at"]
    assert case_status(dunning, case) == "promise"
    [told] = [e for e in dunning.outbox("recouvra.dunning.settlement.accepted.v1") if e["case_id"] == case.case_id]
    assert (told["by_debtor"], told["pay_by"]) == (True, "2026-11-20")
    assert offer(dunning, case, "900.00").status_code == 409  # an accepted settlement runs to its end
    promise = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "100.00", "due_on": "2026-11-10"},
        headers=dunning.headers(),
    )
    assert promise.status_code == 409 and "accepted a settlement" in promise.text

    pay(dunning, case, "500.00", date(2026, 11, 10))
    honoured_yet = [
        e for e in dunning.outbox("recouvra.dunning.settlement.honoured.v1") if e["case_id"] == case.case_id
    ]
    assert honoured_yet == []  # 500,00 of 1 001,88: not yet
    pay(dunning, case, "501.88", date(2026, 11, 12))
    [honoured] = [e for e in dunning.outbox("recouvra.dunning.settlement.honoured.v1") if e["case_id"] == case.case_id]
    assert (honoured["settlement_id"], honoured["amount"], honoured["paid"], honoured["honoured_on"]) == (
        settlement["id"],
        "1001.88",
        "1001.88",
        "2026-11-04",
    )
    assert case_status(dunning, case) == "promise"  # quiet until intake writes the rest off and closes the case
    [listed] = dunning.client.get(
        f"/api/v1/dunning/cases/{case.case_id}/settlements", headers=dunning.headers("creditor", case.creditor_id)
    ).json()
    assert (listed["status"], listed["paid"]) == ("honoured", "1001.88")
    other = dunning.client.get(
        f"/api/v1/dunning/cases/{case.case_id}/settlements", headers=dunning.headers("creditor", uuid.uuid4())
    )
    assert other.status_code == 404


def test_an_offer_below_the_floor_waits_for_the_creditor_who_approves_or_refuses_it(dunning, mail_server):
    case, address, creditor_address = open_case(dunning)
    first = offer(dunning, case, "1100.00").json()
    below = offer(dunning, case, "1001.87")  # a cent under the floor; it withdraws the first offer
    assert below.status_code == 201, below.text
    assert (below.json()["status"], below.json()["within_mandate"]) == ("to_approve", False)
    listed = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/settlements", headers=dunning.headers()).json()
    assert [(s["id"], s["status"]) for s in listed] == [(below.json()["id"], "to_approve"), (first["id"], "withdrawn")]
    dunning.run()
    to_approve = [m for m in mail_server.mailbox.find(to=creditor_address) if "à approuver" in m["Subject"]]
    [asked] = to_approve
    body = asked.get_body(preferencelist=("plain",)).get_content().replace("\n", " ")
    assert "en dessous du seuil de votre mandat (80 % du solde)" in body and "Le débiteur invoque" in body
    assert len(mail_server.mailbox.find(to=address)) == 1  # the first offer's only: not the one awaiting approval

    path = f"/api/v1/dunning/cases/{case.case_id}/settlements/{below.json()['id']}"
    accept_early = dunning.client.post(f"{path}/accept", json={"by_debtor": True}, headers=dunning.headers("service"))
    assert accept_early.status_code == 409 and "not offered" in accept_early.text
    stranger = dunning.client.post(
        f"{path}/decision", json={"decision": "approve"}, headers=dunning.headers("creditor", uuid.uuid4())
    )
    assert stranger.status_code == 404
    approved = dunning.client.post(
        f"{path}/decision",
        json={"decision": "approve", "answer": "D'accord, exceptionnellement"},
        headers=dunning.headers("creditor", case.creditor_id),
    )
    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["answer"]) == ("offered", "D'accord, exceptionnellement")
    twice = dunning.client.post(
        f"{path}/decision", json={"decision": "refuse"}, headers=dunning.headers("creditor", case.creditor_id)
    )
    assert twice.status_code == 409
    dunning.run()
    assert len(mail_server.mailbox.find(to=address)) == 2  # now the debtor is sent it

    refused = offer(dunning, case, "600.00").json()
    answer = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/settlements/{refused['id']}/decision",
        json={"decision": "refuse", "answer": "Trop bas"},
        headers=dunning.headers("creditor", case.creditor_id),
    )
    assert answer.json()["status"] == "refused"
    [decided, *_] = [
        e for e in dunning.outbox("recouvra.dunning.settlement.decided.v1") if e["settlement_id"] == refused["id"]
    ]
    assert decided["approved"] is False


def test_an_accepted_settlement_unpaid_by_its_day_lapses_and_the_reminders_resume(dunning):
    case, _, _ = open_case(dunning, floor=None)  # no floor: every offer goes to the creditor
    made = offer(dunning, case, "1200.00", pay_by="2026-11-06").json()
    assert made["status"] == "to_approve"
    path = f"/api/v1/dunning/cases/{case.case_id}/settlements/{made['id']}"
    dunning.client.post(f"{path}/decision", json={"decision": "approve"}, headers=dunning.headers())
    accepted = dunning.client.post(f"{path}/accept", json={}, headers=dunning.headers())  # heard on the phone
    assert (accepted.json()["status"], accepted.json()["accepted_by_debtor"]) == ("accepted", False)
    pay(dunning, case, "300.00", date(2026, 11, 5))
    dunning.clock.set(at(date(2026, 11, 9), 10))  # the 6th, plus the two grace days, passed
    dunning.run()
    [lapsed] = [e for e in dunning.outbox("recouvra.dunning.settlement.lapsed.v1") if e["case_id"] == case.case_id]
    assert (lapsed["settlement_id"], lapsed["paid"], lapsed["lapsed_on"]) == (made["id"], "300.00", "2026-11-09")
    assert case_status(dunning, case) == "active"
    [listed] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/settlements", headers=dunning.headers()).json()
    assert listed["status"] == "lapsed"
    assert offer(dunning, case, "900.00").status_code == 201  # a new offer may follow


def test_an_offer_is_refused_out_of_bounds_on_a_disputed_case_and_once_its_day_passed(dunning):
    case, _, _ = open_case(dunning)
    whole = offer(dunning, case, "1252.34")
    assert whole.status_code == 422 and "record a promise to pay" in whole.text
    late = offer(dunning, case, "1000.00", pay_by="2026-12-20")
    assert late.status_code == 422 and "too far off" in late.text
    made = offer(dunning, case, "1100.00", pay_by="2026-11-05").json()
    dunning.clock.set(at(date(2026, 11, 6), 10))
    [listed] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/settlements", headers=dunning.headers()).json()
    assert listed["status"] == "expired"
    path = f"/api/v1/dunning/cases/{case.case_id}/settlements/{made['id']}/accept"
    expired = dunning.client.post(path, json={"by_debtor": True}, headers=dunning.headers("service"))
    assert expired.status_code == 409 and "has passed" in expired.text
    dispute = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes",
        json={"reason": "Facture contestée"},
        headers=dunning.headers(),
    )
    assert dispute.status_code == 201, dispute.text
    disputed = offer(dunning, case, "1000.00", pay_by="2026-11-20")
    assert disputed.status_code == 409 and "open dispute" in disputed.text


def test_the_creditors_mandate_bounds_a_payment_plan_where_it_gives_them(dunning):
    case, _, _ = open_case(dunning, max_instalments=2, max_plan_months=3, min_instalment=Decimal("100.00"))
    bounds = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/plans/bounds", headers=dunning.headers())
    assert (bounds.json()["max_instalments"], bounds.json()["max_months"], bounds.json()["min_instalment"]) == (
        2,
        3,
        "100.00",
    )
    three = [{"due_on": f"2026-{m}-15", "amount": "400.00"} for m in ("11", "12")] + [
        {"due_on": "2027-01-15", "amount": "400.00"}
    ]
    refused = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans", json={"instalments": three}, headers=dunning.headers()
    )
    assert refused.status_code == 422 and "2 instalments at most" in refused.text
    plain, _, _ = open_case(dunning)  # a mandate that did not say: dunning's settings
    default = dunning.client.get(f"/api/v1/dunning/cases/{plain.case_id}/plans/bounds", headers=dunning.headers())
    assert default.json()["max_instalments"] == 12
