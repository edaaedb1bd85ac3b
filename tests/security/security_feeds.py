"""Feeds each service's projection of creditor A's case (not a test module): intake's recorded events replayed
through the service's handlers, then the records only that service creates."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from security_records import A_DEBTOR, A_REFERENCE, PDF, bearer, ok, recorded_events, replay, waiting_offer
from sqlmodel import Session, select

from shared.auth import Role
from shared.events.envelope import CloudEvent


def feed_dunning(clients: dict[str, TestClient], *, case_id: str, creditor_a: dict[str, str]) -> dict[str, str]:
    """Replays intake's recorded events through dunning's handlers, then gives creditor A's case a dispute, a call
    task, a letter and the debtor's reply to it (the scheduler, which would make the task and the letter, reads
    intake over HTTP)."""
    from dunning.handlers import HANDLERS
    from dunning.messages.models import DebtorReply, Message
    from dunning.steps.models import PhoneTask

    runtime = clients["dunning"].app.state.runtime  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    envelopes = recorded_events(clients)
    replay(envelopes, HANDLERS, runtime)
    with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
        from dunning.responses.models import PaymentPlan

        plan = PaymentPlan(
            case_id=uuid.UUID(case_id),
            total=Decimal("600.00"),
            balance=Decimal("1200.00"),
            grace_days=5,
            proposed_at=runtime.clock.now(),
            proposed_by="agent-1",
        )  # a proposal waiting for creditor A (the dispute below would refuse a new plan)
        session.add(plan)
        settlement = waiting_offer(uuid.UUID(case_id), runtime.clock.now())
        session.add(settlement)
    dispute = ok(
        clients["dunning"].post(
            f"/api/v1/dunning/cases/{case_id}/disputes", json={"reason": "Jamais livré"}, headers=creditor_a
        )
    )
    with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
        from dunning.cases.experiments import Experiment
        from dunning.cases.models import DunningCase

        case = session.get(DunningCase, uuid.UUID(case_id))
        assert case is not None, "dunning never started creditor A's validated case"
        letter = Message(
            case_id=case.case_id,
            debtor_id=case.debtor_id,
            channel="letter",
            template="letter-reminder",
            recipient=A_DEBTOR,
            subject=f"Relance {A_REFERENCE}",
            body=f"{A_DEBTOR}",
            content_sha256="0" * 64,
            document=PDF,
            status="sent",
            prepared_at=runtime.clock.now(),
            sent_at=runtime.clock.now(),
        )
        task = PhoneTask(case_id=case.case_id, debtor_id=case.debtor_id, due_at=runtime.clock.now())
        reply = DebtorReply(  # the debtor's answer to it, as the mailbox reader records one
            identity=f"<{uuid.uuid4()}@debtor-a.example>",
            message_id=letter.id,
            case_id=case.case_id,
            debtor_id=case.debtor_id,
            sender="compta@debtor-a.example",
            text=f"{A_DEBTOR} a payé",
            original=f"Subject: RE: Relance {A_REFERENCE}\n\n{A_DEBTOR} a payé\n".encode(),
            received_at=runtime.clock.now(),
        )
        # staff's own record, no creditor's: an experiment for a creditor with no case, so nothing joins an arm
        experiment = Experiment(
            name="Sécurité",
            champion="default-fr",
            challenger="default-fr",
            share=10,
            creditor_id=uuid.uuid4(),
            started_at=runtime.clock.now(),
            started_by="admin-1",
        )
        session.add_all([letter, task, reply, experiment])
    return {
        "dispute_id": dispute["id"],
        "experiment_id": str(experiment.id),
        "message_id": str(letter.id),
        "task_id": str(task.id),
        "reply_id": str(reply.id),
        "plan_id": str(plan.id),
        "settlement_id": str(settlement.id),
        "code": "default-fr",
        # not records of creditor A's: the codes its own templates and a debtor's opt-outs are filed under
        "template": "email-courteous",
        "language": "fr",
        "channel": "email",
    }


def feed_legal_partners(
    clients: dict[str, TestClient], issue_token: Callable[..., str], *, case: dict[str, Any]
) -> dict[str, str]:
    """Creditor A's case given to a bailiff firm of its own (not the one of the `bailiff` token, which is another
    firm): the mission is written directly (assigning it reads intake over HTTP), then the firm reports a cost and
    uploads a deed through the partner API."""
    from legal.partners.models import Mission, Partner

    legal = clients["legal"]
    runtime = legal.app.state.runtime  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
        partner = Partner(kind="bailiff", name="Étude Alpha, commissaires de justice", created_at=runtime.clock.now())
        session.add(partner)
        session.flush()
        mission = Mission(
            case_id=uuid.UUID(case["id"]),
            creditor_id=uuid.UUID(case["creditor_id"]),
            partner_id=partner.id,
            kind="enforcement",
            instructions=f"Saisir {A_DEBTOR}",
            case_reference=case["reference"],
            assigned_by="security-fixture",
            assigned_at=runtime.clock.now(),
            updated_at=runtime.clock.now(),
        )
        session.add(mission)
    firm = bearer(issue_token(Role.BAILIFF, partner_id=partner.id))
    base = f"/api/v1/partner/missions/{mission.id}"
    cost = {"type": "costs", "occurred_on": "2026-11-24", "amount": "21.28", "tariff": "A444-32"}
    ok(legal.post(f"{base}/events", json=cost, headers=firm))
    deed = ok(
        legal.post(
            f"{base}/documents",
            data={"kind": "service_deed"},
            files={"file": ("acte.pdf", io.BytesIO(PDF))},
            headers=firm,
        )
    )
    return {"mission_id": str(mission.id), "partner_id": str(partner.id), "deed_id": deed["id"]}


def feed_legal_procedures(clients: dict[str, TestClient], *, case_id: str) -> dict[str, str]:
    """Replays intake's recorded events through legal's procedures, has creditor A's case exhausted by dunning (a
    proposal) and gives it a payment order written directly (approving one reads intake over HTTP)."""
    from shared.events.dunning import DunningExhausted

    from legal.handlers import PROCEDURES_HANDLERS as HANDLERS
    from legal.procedures.models import Procedure, ProcedureStep, Proposal, RequestFile

    runtime = clients["legal"].app.state.runtime  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    envelopes = recorded_events(clients)
    validated = next(e for e in envelopes if e.type.endswith("case.validated.v1") and e.subject == case_id)
    exhausted = DunningExhausted(
        case_id=case_id,
        creditor_id=str(validated.data["creditor_id"]),
        debtor_id=str(validated.data["debtor"]["debtor_id"]),
        scenario="default-fr",
        exhausted_on=runtime.clock.now().date(),
        legal_allowed=True,
        balance=Decimal("1200.00"),
    )
    envelopes.append(CloudEvent.wrap(exhausted, subject=case_id, tenant=None, time=runtime.clock.now()))
    replay(envelopes, HANDLERS, runtime)
    with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
        proposal = session.exec(select(Proposal).where(Proposal.case_id == uuid.UUID(case_id))).one()
        procedure = Procedure(
            case_id=proposal.case_id,
            creditor_id=proposal.creditor_id,
            debtor_id=proposal.debtor_id,
            kind="injonction_de_payer",
            state="opened",
            court_kind="tribunal_de_commerce",
            approved_by="security-fixture",
            opened_on=runtime.clock.now().date(),
            created_at=runtime.clock.now(),
            updated_at=runtime.clock.now(),
        )
        session.add(procedure)
        session.flush()
        session.add(
            ProcedureStep(
                procedure_id=procedure.id,
                state="opened",
                occurred_on=procedure.opened_on,
                recorded_at=runtime.clock.now(),
                recorded_by="security-fixture",
            )
        )
        session.add(
            RequestFile(
                procedure_id=procedure.id,
                pdf=PDF,
                sha256="0" * 64,
                as_of=procedure.opened_on,
                exhibits=[],
                missing=[],
                generated_at=runtime.clock.now(),
            )
        )
    return {"procedure_id": str(procedure.id), "proposal_id": str(proposal.id)}


def feed_legal_insurance(
    clients: dict[str, TestClient], headers: dict[str, dict[str, str]], *, case: dict[str, Any]
) -> dict[str, str]:
    """Replays intake's recorded events through legal's insurance projection (after the procedures', which hold
    what is in collection); creditor A is insured and factored: its case's threat of loss declared, its invoice
    assigned in a batch and disputed by the factor, all through the API."""
    from legal.handlers import INSURANCE_HANDLERS as HANDLERS
    from legal.partners.models import Partner

    legal = clients["legal"]
    runtime = legal.app.state.runtime  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    envelopes = recorded_events(clients)
    replay(envelopes, HANDLERS, runtime)
    with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
        insurer = Partner(kind="insurer", name="Alpha Assurance-crédit", created_at=runtime.clock.now())
        factor = Partner(kind="factor", name="Alpha Affacturage", created_at=runtime.clock.now())
        session.add_all([insurer, factor])
    agent, creditor = headers["agent"], case["creditor_id"]
    policy = {
        "insurer_id": str(insurer.id),
        "policy_number": "POL-SECA-1",
        "declaration_days": 200,
        "indemnity_percentage": "90.00",
        "waiting_days": 90,
    }
    ok(legal.put(f"/api/v1/legal/creditors/{creditor}/insurance-policy", json=policy, headers=agent), 200)
    claim = ok(legal.post(f"/api/v1/legal/cases/{case['id']}/insurance-claims", json={}, headers=agent))
    contract = {
        "factor_id": str(factor.id),
        "contract_number": "FACT-SECA-1",
        "with_recourse": False,
        "eligible_debtors": "all",
    }
    ok(legal.put(f"/api/v1/legal/creditors/{creditor}/factoring-contract", json=contract, headers=agent), 200)
    batch = ok(legal.post("/api/v1/legal/factoring/batches", json={"creditor_id": creditor}, headers=agent))
    assignment = batch["assignments"][0]["id"]
    dispute = ok(
        legal.post(
            f"/api/v1/legal/factoring/assignments/{assignment}/disputes",
            json={"reason": f"{A_DEBTOR} conteste", "opened_on": "2026-11-24"},
            headers=agent,
        )
    )
    return {
        "insurance_claim_id": claim["id"],
        "batch_id": batch["id"],
        "assignment_id": assignment,
        "factor_dispute_id": dispute["id"],
    }


def feed_scoring(clients: dict[str, TestClient], *, case_id: str) -> int:
    """Replays intake's recorded events, in the order intake recorded them, through scoring's handlers."""
    from scoring.handlers import HANDLERS
    from scoring.scores.models import Score

    scoring_runtime = clients["scoring"].app.state.runtime  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    envelopes = recorded_events(clients)
    replay(envelopes, HANDLERS, scoring_runtime)
    with Session(scoring_runtime.engine) as session:
        score_id = session.exec(select(Score.id).where(Score.case_id == uuid.UUID(case_id))).first()
    assert score_id is not None, "scoring gave creditor A's case no score: the projection was not fed"
    return int(score_id)
