"""Intake API on a real database: the demo creditor and its mandate are seeded, the clock is frozen."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from shared.demo import DEMO_CREDITOR_ID

from intake.main import create_app


class Api:
    """A TestClient with one bearer token per role."""

    def __init__(self, client: TestClient, issue_token) -> None:
        self.client = client
        self.settings = client.app.state.runtime.settings  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        self.engine = client.app.state.runtime.engine  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        self.creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
        self.other_creditor_id = uuid.uuid4()
        self.other = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=self.other_creditor_id)}"}
        self.agent = {"Authorization": f"Bearer {issue_token('agent', subject='agent-1')}"}
        self.admin = {"Authorization": f"Bearer {issue_token('admin')}"}


@pytest.fixture
def api(request, settings_for, clock, verifier, issue_token, tmp_path) -> Iterator[Api]:
    """`@pytest.mark.intake_settings(name=value, ...)` on a test or module changes the service's settings."""
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    marker = request.node.get_closest_marker("intake_settings")
    settings = settings_for(
        "intake",
        seed_demo=True,
        documents_dir=tmp_path / "documents",
        **{"agency_iban": "FR7630006000011234567890189", "agency_bic": "AGRIFRPP"} | (marker.kwargs if marker else {}),
    )
    with TestClient(create_app(settings, clock=clock, verifier=verifier)) as client:
        client.headers["Accept-Language"] = "en"  # the tests read the English texts; French is tested on its own
        yield Api(client, issue_token)


def _a_case(reference: str = "CRED-0001", **changes) -> dict:
    body = {
        "reference": reference,
        "kind": "b2b",
        "debtor": {
            "type": "company",
            "name": "Dupont SARL",
            "siren": "732829320",
            "email": "compta@dupont.example",
            "phone": "01 42 68 53 00",
            "address": {"line1": "3 rue du Louvre", "postal_code": "75001", "city": "Paris", "country": "FR"},
        },
        "invoices": [
            {
                "number": "F-001",
                "issue_date": "2026-06-01",
                "due_date": "2026-07-01",
                "amount": "1200.00",
                "vat": "200.00",
                "currency": "EUR",
            },
            {
                "number": "F-002",
                "issue_date": "2026-07-01",
                "due_date": "2026-08-01",
                "amount": "600.00",
                "currency": "EUR",
            },
        ],
    }
    body.update(changes)
    return body


@pytest.fixture
def a_case():
    """`a_case(reference, **changes)` -> the body of POST /api/v1/cases: a B2B case with two overdue invoices."""
    return _a_case


# -- camt.053 bank statements: tests make their own bank files (no third-party sample) -------------
@dataclass
class CamtEntry:
    amount: str
    booking_date: str = "2026-03-02"
    credit: bool = True
    status: str = "BOOK"
    reversal: bool = False
    reference: str = "ACCT-REF-1"
    debtor_name: str | None = "SARL Dupont Frères"
    structured_reference: str | None = None
    text: list[str] = field(default_factory=list)
    end_to_end_id: str | None = "E2E-1"
    currency: str = "EUR"
    # (amount, debtor name, structured reference) per transaction of a batched entry
    batch: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def build_camt053(entries: list[CamtEntry], version: str = "08", iban: str = "FR7630006000011234567890189") -> bytes:
    """A minimal camt.053.001.<version> statement: `version` "02" or "08" changes status, debtor
    and amount layouts the way those schema versions do."""
    ns = f"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}"

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrib=attrs)
        if text is not None:
            node.text = text
        return node

    root = etree.Element(f"{{{ns}}}Document", nsmap={None: ns})
    statement = sub(sub(root, "BkToCstmrStmt"), "Stmt")
    sub(statement, "Id", "STMT-1")
    sub(sub(sub(statement, "Acct"), "Id"), "IBAN", iban)
    for entry in entries:
        ntry = sub(statement, "Ntry")
        sub(ntry, "Amt", entry.amount, Ccy=entry.currency)
        sub(ntry, "CdtDbtInd", "CRDT" if entry.credit else "DBIT")
        if entry.reversal:
            sub(ntry, "RvslInd", "true")
        if version == "02":
            sub(ntry, "Sts", entry.status)
        else:
            sub(sub(ntry, "Sts"), "Cd", entry.status)
        sub(sub(ntry, "BookgDt"), "Dt", entry.booking_date)
        sub(sub(ntry, "ValDt"), "Dt", entry.booking_date)
        sub(ntry, "AcctSvcrRef", entry.reference)
        details = sub(ntry, "NtryDtls")
        transactions = entry.batch or [(entry.amount, entry.debtor_name, entry.structured_reference)]
        for index, (amount, name, structured) in enumerate(transactions):
            tx = sub(details, "TxDtls")
            refs = sub(tx, "Refs")
            if entry.end_to_end_id:
                sub(refs, "EndToEndId", f"{entry.end_to_end_id}-{index}" if entry.batch else entry.end_to_end_id)
            if version == "02":
                sub(sub(sub(tx, "AmtDtls"), "TxAmt"), "Amt", amount, Ccy=entry.currency)
            else:
                sub(tx, "Amt", amount, Ccy=entry.currency)
            if name:
                debtor = sub(sub(tx, "RltdPties"), "Dbtr")
                sub(sub(debtor, "Pty") if version != "02" else debtor, "Nm", name)
            if structured or entry.text:
                remittance = sub(tx, "RmtInf")
                for line in entry.text:
                    sub(remittance, "Ustrd", line)
                if structured:
                    creditor_ref = sub(sub(remittance, "Strd"), "CdtrRefInf")
                    sub(sub(sub(creditor_ref, "Tp"), "CdOrPrtry"), "Cd", "SCOR")
                    sub(creditor_ref, "Ref", structured)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


class CamtFactory:
    """What the `camt053` fixture hands a test: `entry(...)` describes a booking, `build(...)` writes the file."""

    entry = CamtEntry
    build = staticmethod(build_camt053)


@pytest.fixture
def camt053() -> CamtFactory:
    return CamtFactory()
