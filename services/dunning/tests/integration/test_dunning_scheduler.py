"""The scheduler on the real database, the real SMTP server and the fake postal provider: a validated case's first
e-mail, its mentions, the spacing of steps, the windows, promises, disputes, the creditor told of payments."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from shared.events.intake import CasePaid, PaymentRecorded
from workbench.testing.moments import at

from dunning.domain.mentions import L111_8_PARAGRAPHS

DUE = date(2026, 11, 2)  # a Monday


def mails_for(mail_server, reference: str):
    return [m for m in mail_server.messages() if reference in str(m.get_body(("plain",)).get_content())]


def test_a_validated_case_gets_its_first_email_five_days_after_the_due_date_with_every_r124_4_mention(
    dunning, mail_server
):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    steps = dunning.steps(case.case_id)
    assert [(s["step"], s["status"]) for s in steps["items"]] == [("email-1", "scheduled")]
    assert datetime.fromisoformat(steps["items"][0]["due_at"]) == at(date(2026, 11, 7), 9)

    dunning.clock.set(at(date(2026, 11, 6), 12))
    dunning.run()
    assert mails_for(mail_server, case.reference) == []  # not due yet

    dunning.clock.set(at(date(2026, 11, 7), 9, 30))  # a Saturday: e-mails may leave on jours ouvrables
    dunning.run()
    [mail] = mails_for(mail_server, case.reference)
    text = mail.get_body(("plain",)).get_content()
    assert mail["To"].endswith("compta@dupont.example>") or "compta@dupont.example" in mail["To"]
    assert L111_8_PARAGRAPHS[0][:60] in " ".join(text.split())
    assert "FR76" in text.replace(" ", "") and "RF18539007547034" in text.replace(" ", "")
    assert "Recouvra Agence de recouvrement SAS" in text and "Demo Créancier SAS" in text

    [sent] = dunning.outbox("recouvra.dunning.message.sent.v1")
    assert sent["case_id"] == case.case_id and sent["first_contact"] is True and sent["channel"] == "email"
    items = dunning.steps(case.case_id)["items"]
    assert [(s["step"], s["status"]) for s in items] == [("email-1", "done"), ("email-2", "scheduled")]
    assert datetime.fromisoformat(items[1]["due_at"]) == at(date(2026, 11, 17), 9)


def test_a_second_pass_sends_nothing_twice(dunning, mail_server):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9), 10))
    dunning.run()
    dunning.run()
    assert len(mails_for(mail_server, case.reference)) == 1


def test_nothing_leaves_on_a_sunday_the_step_waits_for_monday_morning(dunning, mail_server):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=date(2026, 11, 3))  # first step on Sunday 8 November
    dunning.clock.set(at(date(2026, 11, 8), 11))
    report = dunning.run()
    assert report["prepared"].deferred == 1
    assert mails_for(mail_server, case.reference) == []
    [step] = dunning.steps(case.case_id)["items"]
    assert datetime.fromisoformat(step["due_at"]) == at(date(2026, 11, 9), 8)


def test_a_promise_pauses_the_scenario_and_a_broken_one_resumes_it(dunning, mail_server):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 4), 10))
    answer = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "600.00", "due_on": "2026-11-20"},
        headers=dunning.headers(),
    )
    assert answer.status_code == 201, answer.text
    dunning.clock.set(at(date(2026, 11, 16), 10))
    dunning.run()
    assert mails_for(mail_server, case.reference) == []
    dunning.clock.set(at(date(2026, 11, 23), 10))  # 20 Nov + 2 grace days passed, nothing paid
    dunning.run()
    [broken] = dunning.outbox("recouvra.dunning.promise.broken.v1")
    assert broken["case_id"] == case.case_id and Decimal(broken["paid"]) == 0
    assert len(mails_for(mail_server, case.reference)) == 1  # the scenario resumed with its pending step


def test_a_payment_keeps_the_promise_and_the_creditor_is_told_of_it(dunning, mail_server):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id, email=f"treso-{creditor_id.hex[:6]}@creancier.example")
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "600.00", "due_on": "2026-11-20"},
        headers=dunning.headers(),
    )
    payment = PaymentRecorded(
        payment_id=str(uuid.uuid4()),
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        amount=Decimal("600.00"),
        currency="EUR",
        received_on=date(2026, 11, 19),
        origin="debtor_to_agency",
        reference="VIR-1",
        commission=Decimal("108.00"),
    )
    dunning.apply(payment, subject=case.case_id)
    dunning.apply(payment, subject=case.case_id)  # redelivered: nothing twice
    assert [e["promise_id"] for e in dunning.outbox("recouvra.dunning.promise.kept.v1")]
    dunning.run()
    [notice] = mail_server.mailbox.find(to=f"treso-{creditor_id.hex[:6]}@creancier.example")
    assert case.reference in notice["Subject"] and "600,00" in notice.get_body(("plain",)).get_content()


def test_a_dispute_holds_every_channel_until_it_is_upheld(dunning, mail_server):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    opened = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes",
        json={"reason": "Marchandise jamais livrée"},
        headers=dunning.headers(),
    )
    assert opened.status_code == 201, opened.text
    dunning.clock.set(at(date(2026, 11, 20), 10))
    dunning.run()
    assert mails_for(mail_server, case.reference) == []
    resolved = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes/{opened.json()['id']}/resolve",
        json={"outcome": "upheld"},
        headers=dunning.headers(),
    )
    assert resolved.status_code == 200, resolved.text
    dunning.run()
    # the debtor is told the outcome, and the reminder held by the dispute goes out
    outcome, reminder = sorted(
        mails_for(mail_server, case.reference), key=lambda m: not m["Subject"].startswith("Votre")
    )
    assert outcome["Subject"] == f"Votre contestation : la créance est maintenue — dossier {case.reference}"
    assert not reminder["Subject"].startswith("Votre contestation")
    assert dunning.outbox("recouvra.dunning.dispute.opened.v1")[0]["reason"] == "Marchandise jamais livrée"


def test_a_paid_case_gets_nothing_more(dunning, mail_server):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.apply(CasePaid(case_id=case.case_id, creditor_id=case.creditor_id, paid_on=DUE), subject=case.case_id)
    dunning.clock.set(at(date(2026, 11, 20), 10))
    dunning.run()
    assert mails_for(mail_server, case.reference) == []
    assert dunning.steps(case.case_id)["items"][0]["status"] == "cancelled"


def test_the_preview_shows_every_step_with_its_text_and_sends_nothing(dunning, mail_server):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    preview = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/preview", headers=dunning.headers())
    assert preview.status_code == 200, preview.text
    items = preview.json()["items"]
    assert [i["step"] for i in items] == ["email-1", "email-2", "letter-1", "call-1", "formal-notice"]
    assert all(i["compliant"] for i in items), [(i["step"], i["missing_mentions"]) for i in items]
    assert "Mise en demeure" in items[-1]["subject"] or "formal notice" in items[-1]["subject"].lower()
    assert mails_for(mail_server, case.reference) == []
