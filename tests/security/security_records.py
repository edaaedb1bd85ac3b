"""Shared pieces of the security fixture (not a test module): the fixed values creditor A's records carry, the
replies every call must give, and intake's recorded events replayed through another service's handlers.

conftest.py puts this folder on sys.path (pytest runs with --import-mode=importlib)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from shared.events.base import event_class_for
from shared.events.envelope import CloudEvent
from shared.outbox import OutboxMessage

AGENCY_IBAN = "FR7630006000011234567890189"
CREDITOR_IBAN = "FR1420041010050500013M02606"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
A_REFERENCE, A_DEBTOR = "SECA-0001", "Alpha Secret Débiteur SARL"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def ok(response: Any, status: int = 201) -> dict[str, Any]:
    assert response.status_code == status, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json()  # type: ignore[no-any-return]  # json() is Any; these routes answer an object


def recorded_events(clients: dict[str, TestClient]) -> list[CloudEvent]:
    """What intake's outbox recorded, in the order it recorded it."""
    intake_runtime = clients["intake"].app.state.runtime  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    with Session(intake_runtime.engine) as session:
        rows = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.seq))).all()
        return [CloudEvent.model_validate(row.envelope) for row in rows]


def replay(envelopes: list[CloudEvent], handlers: Any, runtime: Any) -> None:
    """Applies each envelope a consumer handles through its handler, one transaction each, as its consumer does."""
    for envelope in envelopes:
        event_cls = event_class_for(envelope.type)
        if event_cls is None or event_cls not in handlers:
            continue
        with Session(runtime.engine, expire_on_commit=False) as session, session.begin():
            handlers[event_cls](
                session=session, event=event_cls.model_validate(envelope.data), envelope=envelope, clock=runtime.clock
            )


def camt053_with_an_unknown_credit() -> bytes:
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


def waiting_offer(case_id: Any, now: Any) -> Any:
    """A settlement offered on `case_id`, waiting for its creditor's approval (dunning's row, written directly)."""
    from decimal import Decimal

    from dunning.responses.settlement_models import Settlement

    return Settlement(
        case_id=case_id,
        status="to_approve",
        amount=Decimal("900.00"),
        balance=Decimal("1200.00"),
        pay_by=now.date(),
        within_mandate=False,
        offered_at=now,
        offered_by="agent-1",
    )
