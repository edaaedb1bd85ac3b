"""A case intake closes (the debtor paid, a settlement, the creditor withdrew it) ends its legal action: every open
bailiff mission is withdrawn and its bailiff told, who may still report what it did until that day; a request not
yet filed is closed; a procedure before the court is raised to staff until they record it closed. A mission cannot be
given on a case legal knows closed, even while intake's own answer still says otherwise, nor in the instant the
closing is handled."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import Session, col, select

from shared.auth import Principal, Role
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseClosed, CaseStatusChanged, CaseValidated
from workbench.testing.interleaving import beside, in_transaction

from legal.errors import ReportConflict
from legal.handlers import PROCEDURES_HANDLERS
from legal.partners.missions import assign_mission
from legal.partners.models import Partner, WebhookDelivery
from legal.partners.schemas import MissionIn
from legal.procedures.service.closing import NOT_FILED

TODAY = date(2026, 11, 24)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def closing(case: CaseValidated, reason: str = "paid") -> CaseClosed:
    return CaseClosed(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        reason=reason,
        closed_on=TODAY,
    )


def bailiff_firm(legal, *, webhook: bool = True) -> uuid.UUID:
    with Session(legal.engine) as session:
        partner = Partner(kind="bailiff", name=f"Étude {uuid.uuid4().hex[:6]}", created_at=legal.clock.now())
        session.add(partner)
        session.commit()
        partner_id = partner.id
    if webhook:
        registered = legal.client.put(
            f"/api/v1/legal/partners/{partner_id}/webhook",
            json={"url": "https://etude.example/hooks", "secret": "s" * 40},
            headers=legal.headers("admin"),
        )
        assert registered.status_code == 200, registered.text
    return partner_id


def give(legal, case: CaseValidated, partner_id: uuid.UUID, kind: str = "enforcement") -> Any:
    return legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/missions",
        json={"partner_id": str(partner_id), "kind": kind},
        headers=legal.headers("agent"),
    )


def bailiff(legal, partner_id: uuid.UUID) -> dict[str, str]:
    token = legal.issue_token("bailiff", partner_id=partner_id, subject=f"client:{partner_id}")
    return {"Authorization": f"Bearer {token}"}


def report(legal, mission_id: str, partner_id: uuid.UUID, body: dict[str, Any]) -> Any:
    return legal.client.post(
        f"/api/v1/partner/missions/{mission_id}/events", json=body, headers=bailiff(legal, partner_id)
    )


def webhooks(legal, mission_id: str) -> list[dict[str, Any]]:
    with Session(legal.engine) as session:
        rows = session.exec(
            select(WebhookDelivery)
            .where(WebhookDelivery.mission_id == uuid.UUID(mission_id))
            .order_by(col(WebhookDelivery.created_at), col(WebhookDelivery.event_type))
        ).all()
        return [json.loads(row.body) for row in rows]


def test_a_paid_closing_ends_every_open_mission_and_tells_each_bailiff_why_and_until_when(legal):
    case = legal.validate_case()
    martin, durand = bailiff_firm(legal), bailiff_firm(legal)
    service = give(legal, case, martin, "service").json()
    search = give(legal, case, durand, "search").json()
    done = give(legal, case, durand, "enforcement").json()
    ended = legal.client.patch(
        f"/api/v1/legal/missions/{done['id']}", json={"status": "closed"}, headers=legal.headers("agent")
    )
    assert ended.status_code == 200, ended.text

    legal.apply(closing(case), subject=case.case_id)
    legal.apply(closing(case), subject=case.case_id)  # a second delivery changes nothing

    listed = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/missions", headers=legal.headers("agent"))
    by_id = {m["id"]: m for m in listed.json()["items"]}
    note = (
        "Dossier clos le 24/11/2026 (payé) : mission terminée, cessez toute diligence. Déclarez les fonds encaissés, "
        "les frais engagés et les actes accomplis jusqu'au 24/11/2026 inclus."
    )
    for mission in (service, search):
        assert (by_id[mission["id"]]["status"], by_id[mission["id"]]["ended_on"]) == ("closed", "2026-11-24")
        assert by_id[mission["id"]]["end_note"] == note
        told = webhooks(legal, mission["id"])
        assert [(hook["type"], hook["data"]["status"]) for hook in told] == [
            ("mission.assigned", "assigned"),
            ("mission.updated", "closed"),
        ]
        assert told[-1]["data"]["end_note"] == note and told[-1]["data"]["ended_on"] == "2026-11-24"
    assert (by_id[done["id"]]["status"], by_id[done["id"]]["end_note"]) == ("closed", None)
    assert sorted((e["mission_id"], e["outcome"]) for e in legal.outbox("recouvra.legal.mission.ended.v1")) == sorted(
        [(done["id"], "closed"), (service["id"], "closed"), (search["id"], "closed")]
    )


def test_a_written_off_closing_withdraws_the_open_mission(legal):
    case = legal.validate_case()
    mission = give(legal, case, bailiff_firm(legal, webhook=False)).json()

    legal.apply(closing(case, reason="written_off"), subject=case.case_id)

    read = legal.client.get(f"/api/v1/legal/missions/{mission['id']}", headers=legal.headers("agent")).json()
    assert read["status"] == "withdrawn" and "(passé en perte) : mission retirée" in read["end_note"]


def test_the_bailiff_still_reports_what_it_did_until_the_mission_ended_and_nothing_after(legal):
    case = legal.validate_case()
    partner = bailiff_firm(legal, webhook=False)
    mission = give(legal, case, partner).json()
    legal.apply(closing(case), subject=case.case_id)

    funds = {"type": "funds_collected", "occurred_on": "2026-11-24", "amount": "300.00", "currency": "EUR"}
    collected = report(legal, mission["id"], partner, {**funds, "reference": "ENC-1"})
    assert collected.status_code == 201, collected.text
    [paid] = legal.outbox("recouvra.legal.mission.funds_collected.v1")
    assert (paid["amount"], paid["collected_on"]) == ("300.00", "2026-11-24")
    served = report(legal, mission["id"], partner, {"type": "served", "occurred_on": "2026-11-24"})
    assert served.status_code == 201, served.text
    deed = legal.client.post(
        f"/api/v1/partner/missions/{mission['id']}/documents",
        data={"kind": "service_deed"},
        files={"file": ("acte.pdf", io.BytesIO(PDF), "application/pdf")},
        headers=bailiff(legal, partner),
    )
    assert deed.status_code == 201, deed.text

    legal.clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    late = report(legal, mission["id"], partner, {**funds, "reference": "ENC-2", "occurred_on": "2026-11-25"})
    assert late.status_code == 409
    assert "closed on 2026-11-24" in late.json()["detail"]
    read = legal.client.get(f"/api/v1/legal/missions/{mission['id']}", headers=legal.headers("agent")).json()
    assert read["status"] == "closed"  # the step reported before the end left it ended
    assert sorted(r["type"] for r in read["reports"]) == ["funds_collected", "served"]


def test_a_request_not_yet_filed_is_closed_with_the_case(legal):
    case = legal.validate_case()
    procedure = legal.approve(case)
    assert procedure["state"] == "opened"

    legal.apply(closing(case, "settled"), subject=case.case_id)

    [closed] = legal.outbox("recouvra.legal.procedure.closed.v1")
    assert (closed["procedure_id"], closed["last_state"], closed["note"]) == (procedure["id"], "opened", NOT_FILED)
    alerts = legal.client.get("/api/v1/legal/alerts", headers=legal.headers("agent")).json()["items"]
    assert alerts == []


def test_a_procedure_before_the_court_is_raised_to_staff_until_they_record_it_closed(legal):
    """Recording the procedure closed resolves its alert at once: the daily watch finds nothing left to resolve."""
    case = legal.validate_case()
    procedure = legal.approve(case)
    filed = legal.step(procedure["id"], "filed", TODAY)
    assert filed.status_code == 200, filed.text

    legal.apply(closing(case, "withdrawn"), subject=case.case_id)

    [alert] = legal.client.get("/api/v1/legal/alerts", headers=legal.headers("agent")).json()["items"]
    assert (alert["procedure_id"], alert["kind"], alert["due_on"]) == (procedure["id"], "case_closed", "2026-11-24")
    assert "désistement, art. 394 CPC" in alert["rule"] and "(withdrawn)" in alert["rule"]
    assert "(retiré par le créancier)" in alert["rule_fr"] and "s'en désister (art. 394 CPC)" in alert["rule_fr"]
    [announced] = legal.outbox("recouvra.legal.deadline.approaching.v1")
    assert (announced["kind"], announced["procedure_id"]) == ("case_closed", procedure["id"])
    assert legal.watch() == {"voided": 0, "raised": 0, "resolved": 0}  # the daily watch keeps it, raised once

    legal.clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    assert legal.step(procedure["id"], "closed", date(2026, 11, 26)).status_code == 200
    assert legal.client.get("/api/v1/legal/alerts", headers=legal.headers("agent")).json()["items"] == []
    [resolved] = legal.client.get("/api/v1/legal/alerts?resolved=true", headers=legal.headers("agent")).json()["items"]
    assert (resolved["kind"], resolved["resolved_on"]) == ("case_closed", "2026-11-26")  # at once, not at the watch
    assert legal.watch() == {"voided": 0, "raised": 0, "resolved": 0}


def test_a_case_legal_knows_closed_is_not_given_to_a_bailiff(legal):
    case = legal.validate_case()
    legal.apply(closing(case), subject=case.case_id)
    assert legal.intake.cases[case.case_id]["status"] == "amicable"  # intake's answer lags: legal's own word holds

    refused = give(legal, case, bailiff_firm(legal, webhook=False))

    assert refused.status_code == 409
    assert refused.json()["field"] == "status"
    assert "closed on 2026-11-24" in refused.json()["detail"]


def assigning(legal, case: CaseValidated, partner_id: uuid.UUID) -> Callable[[Session], Any]:
    """The assignment as the route runs it, in the session given (the first of two transactions at once)."""

    def run(session: Session) -> Any:
        return assign_mission(
            session=session,
            reader=legal.intake,
            case_id=uuid.UUID(case.case_id),
            mission_in=MissionIn(partner_id=partner_id, kind="enforcement"),
            principal=Principal(subject="agent@agence.example", role=Role.AGENT),
            clock=legal.clock,
        )

    return run


def closing_handled(legal, case: CaseValidated) -> Callable[[Session], None]:
    def run(session: Session) -> None:
        event = closing(case)
        envelope = CloudEvent.wrap(event, subject=case.case_id, tenant=None, time=legal.clock.now())
        PROCEDURES_HANDLERS[CaseClosed](session=session, event=event, envelope=envelope, clock=legal.clock)

    return run


def test_a_mission_given_while_the_closing_is_handled_is_refused(legal):
    """The closing holds the case until it commits; the assignment waits for it, then reads the case closed."""
    case = legal.validate_case()
    partner = bailiff_firm(legal, webhook=False)

    with pytest.raises(ReportConflict):
        beside(
            legal.engine,
            closing_handled(legal, case),
            in_transaction(legal.engine, assigning(legal, case, partner)),
            must_wait=True,
        )

    listed = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/missions", headers=legal.headers("agent"))
    assert listed.json()["items"] == []


def test_a_closing_handled_while_a_mission_is_given_ends_it(legal):
    """The assignment holds the case (shared) until it commits; the closing waits for it, then sees the mission."""
    case = legal.validate_case()
    partner = bailiff_firm(legal, webhook=False)
    given: list[Any] = []

    beside(
        legal.engine,
        lambda session: given.append(assigning(legal, case, partner)(session)),
        in_transaction(legal.engine, closing_handled(legal, case)),
        must_wait=True,
    )

    mission = legal.client.get(f"/api/v1/legal/missions/{given[0].id}", headers=legal.headers("agent"))
    assert mission.json()["status"] == "closed"  # the case closed paid


def test_the_daily_watch_raises_a_procedure_it_finds_before_the_court_on_a_closed_case(legal):
    """The backstop for a procedure the closing did not see (opened in the same instant): here the case reads closed
    through a status change, which carries no closing day, so the alert is due from the validation."""
    case = legal.validate_case()
    procedure = legal.approve(case)
    assert legal.step(procedure["id"], "filed", TODAY).status_code == 200
    legal.apply(
        CaseStatusChanged(
            case_id=case.case_id, creditor_id=case.creditor_id, from_status="amicable", to_status="closed"
        ),
        subject=case.case_id,
    )

    assert legal.watch()["raised"] == 1
    [alert] = legal.client.get("/api/v1/legal/alerts", headers=legal.headers("agent")).json()["items"]
    assert (alert["procedure_id"], alert["kind"]) == (procedure["id"], "case_closed")
    assert alert["rule"].startswith("the case closed (on a day legal did not keep)")
