"""The debtor is told by e-mail how its dispute was settled, at the pass after staff resolve it, through the real
mail server: the claim maintained and the reminders resuming (with staff's words for it), or cancelled; in its
language; once; not when it opted out of e-mail; and a pass that cannot read its address from intake leaves it for
the next one."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from workbench.testing.moments import at

from dunning.domain.context import Party

DUE = date(2026, 10, 1)


def resolved(dunning, outcome: str, *, body: dict | None = None, language: str = "fr", **extra: str):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(date(2026, 11, 2), 10))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    address = f"compta-{uuid.uuid4().hex[:8]}@dupont.example"
    dunning.facts.debtors[uuid.UUID(case.case_id)] = Party(name="Dupont SARL", email=address)
    dunning.facts.languages[uuid.UUID(case.case_id)] = language
    path = f"/api/v1/dunning/cases/{case.case_id}/disputes"
    opened = dunning.client.post(path, json=body or {"reason": "Marchandise jamais livrée"}, headers=dunning.headers())
    assert opened.status_code == 201, opened.text
    dunning.clock.set(at(date(2026, 11, 10), 11))
    settled = dunning.client.post(
        f"{path}/{opened.json()['id']}/resolve", json={"outcome": outcome, **extra}, headers=dunning.headers()
    )
    assert settled.status_code == 200, settled.text
    return case, address


def outcomes(mail_server, address: str) -> list:
    """What reached the debtor about its dispute (its first reminder went to the same address before)."""
    said = ("Votre contestation", "Your dispute")
    return [m for m in mail_server.mailbox.find(to=address) if m["Subject"].startswith(said)]


def text_of(message) -> str:
    return " ".join(message.get_body(("plain",)).get_content().split())


def test_a_maintained_claim_is_told_to_the_debtor_once_with_staffs_words_and_the_reminders_resume(dunning, mail_server):
    words = "La livraison du 28 octobre est signée par votre magasinier ; le bon est sur votre espace."
    case, address = resolved(dunning, "upheld", debtor_message=words)
    assert outcomes(mail_server, address) == []  # at the next pass, not in the staff's request

    assert dunning.run()["outcomes_told"] == 1
    assert dunning.run()["outcomes_told"] == 0  # once
    [told] = outcomes(mail_server, address)
    assert told["Subject"] == f"Votre contestation : la créance est maintenue — dossier {case.reference}"
    text = text_of(told)
    assert (
        "Nous avons examiné avec le créancier, Demo Créancier SAS, la contestation que vous avez formulée le 2 " in text
    )
    assert f"« {words} »" in text and "Les relances reprennent." in text and "proposer un échéancier" in text
    [event] = [e for e in dunning.outbox("recouvra.dunning.debtor.notified.v1") if e["case_id"] == case.case_id]
    assert (event["notice"], event["subject"]) == ("dispute_resolved", told["Subject"])
    [dispute] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/disputes", headers=dunning.headers()).json()
    assert dispute["debtor_told_at"] == "2026-11-10T10:00:00Z"


def test_a_cancelled_claim_is_told_in_english_to_a_debtor_who_reads_english(dunning, mail_server):
    case, address = resolved(dunning, "cancelled", language="en")
    dunning.run()
    [told] = outcomes(mail_server, address)
    assert told["Subject"] == f"Your dispute: the claim is cancelled — case {case.reference}"
    assert "The claim is cancelled and the case is closed: you owe nothing on it." in text_of(told)
    assert "Our answer" not in text_of(told)  # staff wrote nothing for the debtor


def test_a_declared_payment_not_found_says_so(dunning, mail_server):
    declared = {"reason": "Payé par virement le 3 novembre", "kind": "payment_declared"}
    _, address = resolved(dunning, "upheld", body=declared)
    dunning.run()
    [told] = outcomes(mail_server, address)
    assert "Nous n'avons pas retrouvé le paiement que vous avez déclaré, et la créance est maintenue." in text_of(told)


def test_no_mail_to_a_debtor_who_opted_out_of_e_mail_and_intake_unreachable_waits(dunning, mail_server, monkeypatch):
    case, address = resolved(dunning, "upheld")
    dunning.client.post(
        f"/api/v1/dunning/debtors/{case.debtor.debtor_id}/opt-outs",
        json={"channel": "email"},
        headers=dunning.headers(),
    )
    _, other_address = resolved(dunning, "upheld")
    scheduler = dunning.client.app.state.scheduler

    def unreachable(case):
        raise ConnectionError("intake is not answering")

    with monkeypatch.context() as patched:
        patched.setattr(scheduler, "notices", replace(scheduler.notices, contact_of=unreachable))
        assert dunning.run()["outcomes_told"] == 0
    assert dunning.run()["outcomes_told"] == 1  # the other one, at the next pass; the opted-out one marked told
    assert outcomes(mail_server, address) == [] and len(outcomes(mail_server, other_address)) == 1
    assert dunning.run()["outcomes_told"] == 0
