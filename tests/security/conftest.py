"""The five services in-process on fresh databases, with creditor A's records created through the APIs.

One set for the whole folder (package scope): creditor A with a mandate, a validated case with an invoice, a
document, a payment, an import, a remittance; creditor B with a mandate and a case of its own; a suspense bank
credit; scoring's projection fed with intake's own recorded events, replayed through scoring's handlers."""

from __future__ import annotations

import importlib
import io
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from shared.auth import Role
from shared.clock import SettableClock
from shared.events.base import event_class_for
from shared.events.envelope import CloudEvent
from shared.outbox import OutboxMessage

SERVICES = ("portal", "intake", "scoring", "dunning", "legal")
METHODS = ("get", "post", "put", "patch", "delete")
# The only routes without a bearer token: operations probes and the token endpoint itself.
PUBLIC = frozenset(
    {
        ("GET", "/healthz"),
        ("GET", "/readyz"),
        ("GET", "/metrics"),
        ("GET", "/.well-known/jwks.json"),
        ("POST", "/api/v1/auth/token"),
        ("POST", "/api/v1/dunning/provider-callbacks"),  # signed by the provider (HMAC), no bearer token
    }
)
AGENCY_IBAN = "FR7630006000011234567890189"
CREDITOR_IBAN = "FR1420041010050500013M02606"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
A_REFERENCE, A_DEBTOR = "SECA-0001", "Alpha Secret Débiteur SARL"


@dataclass(frozen=True)
class Operation:
    """One operation of a service's OpenAPI document."""

    service: str
    method: str
    path: str
    spec: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.service} {self.method} {self.path}"

    def params(self, where: str) -> list[str]:
        return [p["name"] for p in self.spec.get("parameters", []) if p["in"] == where]

    @property
    def is_public(self) -> bool:
        return (self.method, self.path) in PUBLIC

    @property
    def roles(self) -> frozenset[Role] | None:
        """The role names of the bearer requirement (`shared.deps.require_roles`): None when the operation
        declares none (public), empty for any signed-in user."""
        requirements = self.spec.get("security")
        if not requirements:
            return None
        return frozenset(
            Role(name) for requirement in requirements for scopes in requirement.values() for name in scopes
        )

    def admits(self, role: Role) -> bool:
        roles = self.roles
        return roles is not None and (not roles or role in roles)


@dataclass
class Platform:
    clients: dict[str, TestClient]
    headers: dict[str, dict[str, str]]  # creditor_a, creditor_b and one per role (creditor = creditor B)
    ids: dict[str, str]  # creditor A's record ids, by path parameter name
    own: dict[str, str]  # creditor B's own ids, by path parameter name
    markers: set[str] = field(default_factory=set)  # what only creditor A's rows carry

    def as_role(self, role: Role) -> dict[str, str]:
        return self.headers[role.value]

    def operations(self, service: str) -> Iterator[Operation]:
        for path, item in self.clients[service].app.openapi()["paths"].items():
            for method in METHODS:
                if method in item:
                    yield Operation(service, method.upper(), path, item[method])


@pytest.fixture(scope="package")
def security_databases(postgres, _templates) -> Iterator[Callable[[str], str]]:
    created: list[str] = []
    admin = f"host={postgres.host} port={postgres.port} user=postgres dbname=postgres"

    def make(service: str) -> str:
        name = f"security_{service}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_templates(service)}"')
        created.append(name)
        return postgres.url(name)

    yield make
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _settings(service: str, database_url: str, signing_key: Any, tmp: Any) -> Any:
    values: dict[str, Any] = {
        "profile": "test",
        "database_url": database_url,
        "kafka_bootstrap_servers": "127.0.0.1:9",
        "kafka_topic_prefix": f"sec{uuid.uuid4().hex[:8]}.",
        "run_workers": False,
        "service_urls": {},
    }
    if service == "portal":
        values["jwt_private_key_pem"] = signing_key.to_pem().decode()
    if service == "intake":
        values.update(documents_dir=tmp / "documents", agency_iban=AGENCY_IBAN, agency_bic="AGRIFRPP")
    return importlib.import_module(f"{service}.config").Settings(**values)


@pytest.fixture(scope="package")
def platform(security_databases, signing_key, verifier, issue_token, tmp_path_factory) -> Iterator[Platform]:
    clock = SettableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    tmp = tmp_path_factory.mktemp("security")
    clients: dict[str, TestClient] = {}
    for service in SERVICES:
        settings = _settings(service, security_databases(service), signing_key, tmp)
        factory = importlib.import_module(f"{service}.main").create_app
        app = (
            factory(settings, clock=clock) if service == "portal" else factory(settings, clock=clock, verifier=verifier)
        )
        clients[service] = TestClient(app)
        clients[service].__enter__()
        clients[service].headers["Accept-Language"] = "en"
    try:
        yield _populate(clients, issue_token, clock)
    finally:
        for client in clients.values():
            client.__exit__(None, None, None)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _ok(response: Any, status: int = 201) -> dict[str, Any]:
    assert response.status_code == status, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json()  # type: ignore[no-any-return]


def _populate(clients: dict[str, TestClient], issue_token: Callable[..., str], clock: SettableClock) -> Platform:
    intake = clients["intake"]
    headers = {role.value: _bearer(issue_token(role)) for role in Role if role not in (Role.CREDITOR, Role.BAILIFF)}
    headers[Role.BAILIFF.value] = _bearer(issue_token(Role.BAILIFF, partner_id=uuid.uuid4()))
    admin, agent = headers["admin"], headers["agent"]

    creditor_a = _ok(intake.post("/api/v1/creditors", json={"name": "Alpha Créances SAS"}, headers=admin))["id"]
    creditor_b = _ok(intake.post("/api/v1/creditors", json={"name": "Beta Recouvrement SAS"}, headers=admin))["id"]
    headers["creditor_a"] = _bearer(issue_token(Role.CREDITOR, creditor_id=creditor_a))
    headers["creditor_b"] = headers[Role.CREDITOR.value] = _bearer(issue_token(Role.CREDITOR, creditor_id=creditor_b))
    mandate = {
        "commission_rate": "0.15",
        "phases": ["amicable", "legal"],
        "penalty_rate": None,
        "scenario": "default-fr",
    }
    mandate_a = _ok(intake.post(f"/api/v1/creditors/{creditor_a}/mandates", json=mandate, headers=admin))["id"]
    mandate_b = _ok(intake.post(f"/api/v1/creditors/{creditor_b}/mandates", json=mandate, headers=admin))["id"]

    case_a = _ok(
        intake.post(
            "/api/v1/cases",
            headers=headers["creditor_a"],
            json=_case_body(
                A_REFERENCE,
                {
                    "type": "company",
                    "name": A_DEBTOR,
                    "siren": "732829320",
                    "email": "compta@alpha.example",
                    "address": {"line1": "3 rue du Louvre", "postal_code": "75001", "city": "Paris", "country": "FR"},
                },
            ),
        )
    )
    case_b = _ok(
        intake.post(
            "/api/v1/cases",
            headers=headers["creditor_b"],
            json=_case_body(
                "SECB-0001",
                {
                    "type": "person",
                    "name": "Bertrand Bêta",
                    "email": "bertrand@beta.example",
                    "address": {"line1": "8 rue des Lilas", "postal_code": "69003", "city": "Lyon", "country": "FR"},
                },
            ),
        )
    )
    document = _ok(
        intake.post(
            f"/api/v1/cases/{case_a['id']}/documents",
            data={"kind": "contract"},
            files={"file": ("contrat.pdf", io.BytesIO(PDF))},
            headers=headers["creditor_a"],
        )
    )
    for case in (case_a, case_b):
        _ok(
            intake.post(
                f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "security test fixture"}, headers=agent
            ),
            200,
        )
    payment = _ok(
        intake.post(
            "/api/v1/payments",
            headers=agent,
            json={
                "case_id": case_a["id"],
                "amount": "300.00",
                "currency": "EUR",
                "received_on": "2026-11-02",
                "source": "debtor_to_agency",
                "reference": "VIR-SECA-1",
            },
        )
    )

    from intake.imports import samples

    job = _ok(
        intake.post(
            "/api/v1/imports",
            headers=headers["creditor_a"],
            files={"file": ("rows.csv", io.BytesIO(samples.french_csv(samples.mixed_rows(), encoding="utf-8-sig")))},
        ),
        202,
    )
    _ok(
        intake.put(f"/api/v1/intake/creditors/{creditor_a}/bank-account", json={"iban": CREDITOR_IBAN}, headers=admin),
        200,
    )
    run = _ok(intake.post("/api/v1/remittances/runs", json={}, headers=agent))
    remittance = next(r for r in run["remittances"] if r["creditor_id"] == creditor_a)
    _ok(
        intake.post(
            "/api/v1/intake/bank-statements",
            headers=agent,
            files={"file": ("releve.xml", io.BytesIO(_camt053_with_an_unknown_credit()))},
        )
    )
    credit = _ok(intake.get("/api/v1/intake/suspense", headers=agent), 200)[0]

    score_id = _feed_scoring(clients, case_id=case_a["id"])
    _feed_portal(clients)
    dunning_ids = _feed_dunning(clients, case_id=case_a["id"], creditor_a=headers["creditor_a"])
    procedure_ids = _feed_legal_procedures(clients, case_id=case_a["id"])
    partner_ids = _feed_legal_partners(clients, issue_token, case=case_a)
    insurance_ids = _feed_legal_insurance(clients, headers, case=case_a)
    ids = {
        "creditor_id": creditor_a,
        "mandate_id": mandate_a,
        "case_id": case_a["id"],
        "debtor_id": case_a["debtor"]["id"],
        "document_id": document["id"],
        "payment_id": payment["id"],
        "import_id": job["id"],
        "run_id": run["id"],
        "remittance_id": remittance["id"],
        "credit_id": credit["id"],
        "score_id": str(score_id),
        **dunning_ids,
        **procedure_ids,
        **partner_ids,
        **insurance_ids,
    }
    own = {
        "creditor_id": creditor_b,
        "mandate_id": mandate_b,
        "case_id": case_b["id"],
        "debtor_id": case_b["debtor"]["id"],
    }
    shared_codes = ("run_id", "credit_id", "score_id", "template", "language", "channel")
    markers = {value for name, value in ids.items() if name not in shared_codes}
    markers |= {A_REFERENCE, A_DEBTOR, "Alpha Créances"}
    return Platform(clients=clients, headers=headers, ids=ids, own=own, markers=markers)


def _case_body(reference: str, debtor: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": reference,
        "kind": "b2b",
        "debtor": debtor,
        "invoices": [
            {
                "number": f"{reference}-F1",
                "issue_date": "2026-06-01",
                "due_date": "2026-07-01",
                "amount": "1200.00",
                "currency": "EUR",
            }
        ],
    }


def _recorded(clients: dict[str, TestClient]) -> list[CloudEvent]:
    """What intake's outbox recorded, in the order it recorded it."""
    intake_runtime = clients["intake"].app.state.runtime  # type: ignore[attr-defined]
    with Session(intake_runtime.engine) as session:
        rows = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.seq))).all()
        return [CloudEvent.model_validate(row.envelope) for row in rows]


def _replay(envelopes: list[CloudEvent], handlers: Any, runtime: Any) -> None:
    """Applies each envelope a consumer handles through its handler, one transaction each, as its consumer does."""
    for envelope in envelopes:
        event_cls = event_class_for(envelope.type)
        if event_cls is None or event_cls not in handlers:
            continue
        with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
            handlers[event_cls](
                session=session, event=event_cls.model_validate(envelope.data), envelope=envelope, clock=runtime.clock
            )


def _feed_dunning(clients: dict[str, TestClient], *, case_id: str, creditor_a: dict[str, str]) -> dict[str, str]:
    """Replays intake's recorded events through dunning's handlers, then gives creditor A's case a dispute, a call
    task and a letter (the scheduler, which would make the last two, reads intake over HTTP)."""
    from dunning.handlers import HANDLERS
    from dunning.models import Message, PhoneTask

    runtime = clients["dunning"].app.state.runtime  # type: ignore[attr-defined]
    envelopes = _recorded(clients)
    _replay(envelopes, HANDLERS, runtime)
    with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
        from dunning.models import PaymentPlan

        plan = PaymentPlan(
            case_id=uuid.UUID(case_id),
            total=Decimal("600.00"),
            balance=Decimal("1200.00"),
            grace_days=5,
            proposed_at=runtime.clock.now(),
            proposed_by="agent-1",
        )  # a proposal waiting for creditor A (the dispute below would refuse a new plan)
        session.add(plan)
    dispute = _ok(
        clients["dunning"].post(
            f"/api/v1/dunning/cases/{case_id}/disputes", json={"reason": "Jamais livré"}, headers=creditor_a
        )
    )
    with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
        from dunning.models import DunningCase

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
        session.add_all([letter, task])
    return {
        "dispute_id": dispute["id"],
        "message_id": str(letter.id),
        "task_id": str(task.id),
        "plan_id": str(plan.id),
        "code": "default-fr",
        # not records of creditor A's: the codes its own templates and a debtor's opt-outs are filed under
        "template": "email-courteous",
        "language": "fr",
        "channel": "email",
    }


def _feed_legal_partners(
    clients: dict[str, TestClient], issue_token: Callable[..., str], *, case: dict[str, Any]
) -> dict[str, str]:
    """Creditor A's case given to a bailiff firm of its own (not the one of the `bailiff` token, which is another
    firm): the mission is written directly (assigning it reads intake over HTTP), then the firm reports a cost and
    uploads a deed through the partner API."""
    from legal.models import Partner
    from legal.partners.models import Mission

    legal = clients["legal"]
    runtime = legal.app.state.runtime  # type: ignore[attr-defined]
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
    firm = _bearer(issue_token(Role.BAILIFF, partner_id=partner.id))
    base = f"/api/v1/partner/missions/{mission.id}"
    cost = {"type": "costs", "occurred_on": "2026-11-24", "amount": "21.28", "tariff": "A444-32"}
    _ok(legal.post(f"{base}/events", json=cost, headers=firm))
    deed = _ok(
        legal.post(
            f"{base}/documents",
            data={"kind": "service_deed"},
            files={"file": ("acte.pdf", io.BytesIO(PDF))},
            headers=firm,
        )
    )
    return {"mission_id": str(mission.id), "partner_id": str(partner.id), "deed_id": deed["id"]}


def _feed_legal_procedures(clients: dict[str, TestClient], *, case_id: str) -> dict[str, str]:
    """Replays intake's recorded events through legal's procedures, has creditor A's case exhausted by dunning (a
    proposal) and gives it a payment order written directly (approving one reads intake over HTTP)."""
    from shared.events.dunning import DunningExhausted

    from legal.procedures.handlers import HANDLERS
    from legal.procedures.models import Procedure, ProcedureStep, Proposal, RequestFile

    runtime = clients["legal"].app.state.runtime  # type: ignore[attr-defined]
    envelopes = _recorded(clients)
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
    _replay(envelopes, HANDLERS, runtime)
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


def _feed_legal_insurance(
    clients: dict[str, TestClient], headers: dict[str, dict[str, str]], *, case: dict[str, Any]
) -> dict[str, str]:
    """Replays intake's recorded events through legal's insurance projection (after the procedures', which hold
    what is in collection); creditor A is insured and factored: its case's threat of loss declared, its invoice
    assigned in a batch and disputed by the factor, all through the API."""
    from legal.insurance import HANDLERS
    from legal.models import Partner

    legal = clients["legal"]
    runtime = legal.app.state.runtime  # type: ignore[attr-defined]
    envelopes = _recorded(clients)
    _replay(envelopes, HANDLERS, runtime)
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
    _ok(legal.put(f"/api/v1/legal/creditors/{creditor}/insurance-policy", json=policy, headers=agent), 200)
    claim = _ok(legal.post(f"/api/v1/legal/cases/{case['id']}/insurance-claims", json={}, headers=agent))
    contract = {
        "factor_id": str(factor.id),
        "contract_number": "FACT-SECA-1",
        "with_recourse": False,
        "eligible_debtors": "all",
    }
    _ok(legal.put(f"/api/v1/legal/creditors/{creditor}/factoring-contract", json=contract, headers=agent), 200)
    batch = _ok(legal.post("/api/v1/legal/factoring/batches", json={"creditor_id": creditor}, headers=agent))
    assignment = batch["assignments"][0]["id"]
    dispute = _ok(
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


def _feed_scoring(clients: dict[str, TestClient], *, case_id: str) -> int:
    """Replays intake's recorded events, in the order intake recorded them, through scoring's handlers."""
    from scoring.handlers import HANDLERS
    from scoring.models import Score

    scoring_runtime = clients["scoring"].app.state.runtime  # type: ignore[attr-defined]
    envelopes = _recorded(clients)
    _replay(envelopes, HANDLERS, scoring_runtime)
    with Session(scoring_runtime.engine) as session:
        score_id = session.exec(select(Score.id).where(Score.case_id == uuid.UUID(case_id))).first()
    assert score_id is not None, "scoring gave creditor A's case no score: the projection was not fed"
    return int(score_id)


def _feed_portal(clients: dict[str, TestClient]) -> None:
    """Replays intake's recorded events through the portal's handlers: creditor A's case has a timeline."""
    from portal.handlers import HANDLERS
    from portal.timeline.models import TimelineEntry

    runtime = clients["portal"].app.state.runtime  # type: ignore[attr-defined]
    envelopes = _recorded(clients)
    _replay(envelopes, HANDLERS, runtime)
    with Session(runtime.engine) as session:
        assert session.exec(select(TimelineEntry)).first() is not None, "the portal's timeline was not fed"


def _camt053_with_an_unknown_credit() -> bytes:
    ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{ns}"><BkToCstmrStmt><Stmt><Id>STMT-SEC-1</Id>
<Acct><Id><IBAN>{AGENCY_IBAN}</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">123.45</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>SEC-REF-1</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><EndToEndId>SEC-E2E-1</EndToEndId></Refs><Amt Ccy="EUR">123.45</Amt>
<RltdPties><Dbtr><Pty><Nm>Inconnu au bataillon</Nm></Pty></Dbtr></RltdPties>
<RmtInf><Ustrd>virement sans reference</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>""".encode()
