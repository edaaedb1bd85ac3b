"""Creditor A's and creditor B's records created through the five services' APIs (not a test module)."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient
from security_feeds import (
    feed_dunning,
    feed_legal_insurance,
    feed_legal_partners,
    feed_legal_procedures,
    feed_scoring,
)
from security_portal_feeds import feed_portal, feed_portal_api_client
from security_records import A_DEBTOR, A_REFERENCE, CREDITOR_IBAN, PDF, bearer, camt053_with_an_unknown_credit, ok

from shared.auth import Role
from shared.clock import SettableClock

METHODS = ("get", "post", "put", "patch", "delete")
# The only routes without a bearer token: operations probes and the token endpoint itself.
PUBLIC = frozenset(
    {
        ("GET", "/healthz"),
        ("GET", "/readyz"),
        ("GET", "/metrics"),
        ("GET", "/.well-known/jwks.json"),
        ("GET", "/.well-known/revocations.json"),  # opaque ids of accounts whose access was withdrawn
        ("POST", "/api/v1/auth/token"),
        ("POST", "/api/v1/dunning/provider-callbacks"),  # signed by the provider (HMAC), no bearer token
        ("POST", "/api/v1/intake/card-payments/events"),  # signed by the card-payment provider, no bearer token
    }
)


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


def populate(clients: dict[str, TestClient], issue_token: Callable[..., str], clock: SettableClock) -> Platform:
    intake = clients["intake"]
    headers = {role.value: bearer(issue_token(role)) for role in Role if role not in (Role.CREDITOR, Role.BAILIFF)}
    headers[Role.BAILIFF.value] = bearer(issue_token(Role.BAILIFF, partner_id=uuid.uuid4()))
    admin, agent = headers["admin"], headers["agent"]

    creditor_a = ok(intake.post("/api/v1/creditors", json={"name": "Alpha Créances SAS"}, headers=admin))["id"]
    creditor_b = ok(intake.post("/api/v1/creditors", json={"name": "Beta Recouvrement SAS"}, headers=admin))["id"]
    headers["creditor_a"] = bearer(issue_token(Role.CREDITOR, creditor_id=creditor_a))
    headers["creditor_b"] = headers[Role.CREDITOR.value] = bearer(issue_token(Role.CREDITOR, creditor_id=creditor_b))
    mandate = {
        "commission_rate": "0.15",
        "phases": ["amicable", "legal"],
        "penalty_rate": None,
        "scenario": "default-fr",
    }
    mandate_a = ok(intake.post(f"/api/v1/creditors/{creditor_a}/mandates", json=mandate, headers=admin))["id"]
    mandate_b = ok(intake.post(f"/api/v1/creditors/{creditor_b}/mandates", json=mandate, headers=admin))["id"]

    case_a = ok(
        intake.post(
            "/api/v1/cases",
            headers=headers["creditor_a"],
            json=case_body(
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
    case_b = ok(
        intake.post(
            "/api/v1/cases",
            headers=headers["creditor_b"],
            json=case_body(
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
    document = ok(
        intake.post(
            f"/api/v1/cases/{case_a['id']}/documents",
            data={"kind": "contract"},
            files={"file": ("contrat.pdf", io.BytesIO(PDF))},
            headers=headers["creditor_a"],
        )
    )
    for case in (case_a, case_b):
        ok(
            intake.post(
                f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "security test fixture"}, headers=agent
            ),
            200,
        )
    payment = ok(
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

    from workbench import samples

    job = ok(
        intake.post(
            "/api/v1/imports",
            headers=headers["creditor_a"],
            files={"file": ("rows.csv", io.BytesIO(samples.french_csv(samples.mixed_rows(), encoding="utf-8-sig")))},
        ),
        202,
    )
    ok(
        intake.put(f"/api/v1/intake/creditors/{creditor_a}/bank-account", json={"iban": CREDITOR_IBAN}, headers=admin),
        200,
    )
    run = ok(intake.post("/api/v1/remittances/runs", json={}, headers=agent))
    remittance = next(r for r in run["remittances"] if r["creditor_id"] == creditor_a)
    ok(
        intake.post(
            "/api/v1/intake/bank-statements",
            headers=agent,
            files={"file": ("releve.xml", io.BytesIO(camt053_with_an_unknown_credit()))},
        )
    )
    credit = ok(intake.get("/api/v1/intake/suspense", headers=agent), 200)[0]

    score_id = feed_scoring(clients, case_id=case_a["id"])
    webhook_ids = feed_portal(clients, creditor_a=headers["creditor_a"])
    dunning_ids = feed_dunning(clients, case_id=case_a["id"], creditor_a=headers["creditor_a"])
    procedure_ids = feed_legal_procedures(clients, case_id=case_a["id"])
    partner_ids = feed_legal_partners(clients, issue_token, case=case_a)
    insurance_ids = feed_legal_insurance(clients, headers, case=case_a)
    api_client_ids = feed_portal_api_client(clients, issue_token, partner_id=partner_ids["partner_id"], admin=admin)
    user = {"email": "depart@agence.example", "password": "Quatre chevaux bleus dansent", "role": "agent"}
    user_id = ok(clients["portal"].post("/api/v1/users", json=user, headers=admin), 201)["id"]
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
        **api_client_ids,
        **webhook_ids,
        "user_id": user_id,
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


def case_body(reference: str, debtor: dict[str, Any]) -> dict[str, Any]:
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
