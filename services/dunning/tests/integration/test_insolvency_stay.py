"""Insolvency proceedings stay every individual action (L622-21 C. com.): a case validated under them is kept but
never written to, and a case under collection whose debtor's proceedings open later (intake's `case.status_changed`
to claim declaration) has its scheduled steps and calls cancelled, a replay changing nothing; a promise is refused
in plain words (L622-7: the debtor may not pay a pre-opening claim)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, select

from shared.consumer_runs import RunEvent
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseStatusChanged
from workbench.testing.moments import at

from dunning.cases.models import DunningCase
from dunning.handlers import on_cases_validated
from dunning.messages.models import Message
from dunning.steps.models import DunningStep

DUE = date(2026, 11, 2)


def case_and_steps(dunning, case_id: str) -> tuple[str, list[str]]:
    with Session(dunning.engine) as session:
        case = session.get(DunningCase, uuid.UUID(case_id))
        assert case is not None
        steps = session.exec(select(DunningStep.status).where(DunningStep.case_id == case.case_id)).all()
        return case.status, sorted(steps)


def stayed(event) -> CaseStatusChanged:
    return CaseStatusChanged(
        case_id=event.case_id,
        creditor_id=event.creditor_id,
        from_status="amicable",
        to_status="claim_declaration",
        reason="insolvency proceedings opened on 2026-11-10: individual actions stayed (L622-21 C. com.)",
    )


def test_a_case_validated_under_insolvency_proceedings_is_kept_and_never_written_to(dunning):
    dunning.clock.set(at(DUE, 8))
    started = dunning.validate_case(due=DUE)
    under = started.model_copy(update={"case_id": str(uuid.uuid4()), "status": "claim_declaration"})
    envelope = CloudEvent.wrap(under, subject=under.case_id, tenant=None, time=dunning.clock.now())
    with Session(dunning.engine, expire_on_commit=False) as session, session.begin():
        on_cases_validated(session=session, events=[RunEvent(under, envelope, None)], clock=dunning.clock)
    alone = started.model_copy(update={"case_id": str(uuid.uuid4()), "status": "claim_declaration"})
    dunning.apply(alone, subject=alone.case_id)

    assert case_and_steps(dunning, under.case_id) == ("claim_declaration", [])
    assert case_and_steps(dunning, alone.case_id) == ("claim_declaration", [])
    assert case_and_steps(dunning, started.case_id)[1] == ["scheduled"]
    dunning.clock.set(at(date(2026, 11, 9), 10))  # a Monday: the first e-mail is due
    dunning.run()
    for case_id in (under.case_id, alone.case_id):
        assert case_and_steps(dunning, case_id) == ("claim_declaration", [])
    with Session(dunning.engine) as session:
        written = session.exec(select(Message.case_id)).all()
    assert uuid.UUID(started.case_id) in written  # the pass did run, and wrote to the case under collection only
    assert {uuid.UUID(under.case_id), uuid.UUID(alone.case_id)}.isdisjoint(written)


def test_proceedings_opened_later_cancel_what_was_scheduled_tell_the_creditor_and_refuse_a_promise(
    dunning, mail_server
):
    dunning.clock.set(at(DUE, 8))
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id, email="tresorerie@boulangerie.example")
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    assert case_and_steps(dunning, case.case_id) == ("active", ["scheduled"])

    dunning.apply(stayed(case), subject=case.case_id)
    dunning.apply(stayed(case), subject=case.case_id)  # delivered twice: the creditor is told once

    assert case_and_steps(dunning, case.case_id) == ("claim_declaration", ["cancelled"])
    dunning.clock.set(at(date(2026, 11, 9), 10))  # a Monday: the first e-mail is due
    dunning.run()
    assert case_and_steps(dunning, case.case_id) == ("claim_declaration", ["cancelled"])
    with Session(dunning.engine) as session:
        sent = session.exec(select(Message).where(Message.case_id == uuid.UUID(case.case_id))).all()
    assert [(m.audience, m.template, m.recipient) for m in sent] == [
        ("creditor", "creditor-insolvency", "tresorerie@boulangerie.example")
    ]  # nothing to the debtor
    [told] = [m for m in mail_server.messages() if case.reference in str(m["Subject"])]
    body = " ".join(told.get_body(("plain",)).get_content().split())
    assert "Une procédure collective (sauvegarde, redressement ou liquidation judiciaire) a été ouverte" in body
    assert "déclarée au mandataire judiciaire" in body and "article L622-7" in body
    headers = {**dunning.headers(), "Accept-Language": "fr"}
    refused = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "100.00", "due_on": "2026-12-30"},
        headers=headers,
    )
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("le débiteur fait l'objet d'une procédure collective")
