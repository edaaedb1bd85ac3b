"""The statement route reads its case in one plain statement (`statement_reads`); the ledger's writes read the same
through the ORM (`statements.statement_inputs`). Both must hand `compose` the same inputs: a mandate's penalty
terms, the creditor's declared insolvency, invoices in due-date order with their placed principal, and the payments
that count (a reversed one left out, a credit note settling without cash), in the order they are replayed."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from shared.async_reads import read_connections
from shared.auth import Principal, Role
from shared.demo import DEMO_CREDITOR_ID

from intake.cases.models import Case
from intake.errors import CaseNotFound
from intake.ledger.statement_reads import StatementInputs, read_statement_inputs
from intake.ledger.statements import compose, statement_inputs
from intake.money.rates import RateTable
from intake.rates.table import load_rate_table

CREDITOR = Principal(subject="creditor", role=Role.CREDITOR, creditor_id=str(DEMO_CREDITOR_ID))
STRANGER = Principal(subject="other", role=Role.CREDITOR, creditor_id=str(uuid.uuid4()))


def _plain_inputs(engine: Engine, case_id: uuid.UUID, principal: Principal) -> tuple[StatementInputs, RateTable]:
    """As the route reads them, with the rate table: on connections of an event loop (`shared.async_reads`)."""

    async def read() -> tuple[StatementInputs, RateTable]:
        reads = read_connections(engine, limit=2, wait_s=1.0, name="statement-parity")
        try:
            return await read_statement_inputs(reads, case_id, principal)
        finally:
            await reads.close()

    return asyncio.run(read())


def _parity(session: Session, case_id: str) -> None:
    case = session.get(Case, uuid.UUID(case_id))
    assert case is not None
    orm = statement_inputs(session, case)
    plain, plain_rates = _plain_inputs(session.get_bind(), case.id, CREDITOR)
    stated = ("id", "kind", "rf_reference", "formal_notice_on", "formal_notice_received_on", "declared_insolvency")
    assert {name: getattr(plain.case, name) for name in stated} == {name: getattr(case, name) for name in stated}
    assert plain.debtor is not None and orm.debtor is not None
    assert plain.debtor.insolvency == orm.debtor.insolvency
    assert (plain.terms, plain.invoices, plain.currency, plain.payments) == (
        orm.terms,
        orm.invoices,
        orm.currency,
        orm.payments,
    )
    rates = load_rate_table(session)
    as_of = date(2026, 6, 30)
    assert compose(plain, as_of=as_of, rates=plain_rates) == compose(orm, as_of=as_of, rates=rates)


def test_the_plain_read_gives_the_orm_inputs_for_a_case_with_terms_insolvency_credit_notes_and_a_reversal(
    api, open_case, pay, invoice
):
    mandate = api.client.post(
        f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates",
        headers=api.admin,
        json={"commission_rate": "0.15", "phases": ["amicable"], "penalty_rate": "0.15", "freeze_penalty_rate": True},
    )
    assert mandate.status_code == 201, mandate.text
    case = open_case(
        "PAR-1",
        [invoice("F-2", "2026-03-15", "1200.50"), invoice("F-1", "2026-01-15", "10000.00")],
        debtor={
            "type": "company",
            "name": "Martin SA",
            "siren": "404833048",
            "insolvency": {"kind": "sauvegarde", "opened_on": "2026-05-04"},
        },
    )
    validated = api.client.post(
        f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "documents by post"}, headers=api.agent
    )
    assert validated.status_code == 200, validated.text
    for amount, day, source in (("300.00", "2026-02-10", "debtor_to_agency"), ("150.00", "2026-02-11", "credit_note")):
        assert pay(case, amount, day, source=source).status_code == 201
    reversed_payment = pay(case, "75.00", "2026-02-01").json()
    reversal = api.client.post(
        f"/api/v1/payments/{reversed_payment['id']}/reversal", json={"reason": "bounced cheque"}, headers=api.agent
    )
    assert reversal.status_code in (200, 201), reversal.text
    with Session(api.engine) as session:
        _parity(session, case["id"])
        inputs, _ = _plain_inputs(api.engine, uuid.UUID(case["id"]), CREDITOR)
    assert [i.number for i in inputs.invoices] == ["F-1", "F-2"]
    settled = [(str(p.amount), p.settles.value) for p in inputs.payments]
    assert settled == [("300.00", "cash"), ("150.00", "credit_note")]
    assert inputs.terms.freeze_rate and str(inputs.terms.contractual_rate) == "0.1500"


def test_the_plain_read_of_a_bare_case_and_of_another_creditors_case(api, open_case, invoice):
    case = open_case("PAR-2", [invoice("F-1", "2026-01-15", "10.00")])
    with Session(api.engine) as session:
        _parity(session, case["id"])
        try:
            _plain_inputs(api.engine, uuid.UUID(case["id"]), STRANGER)
        except CaseNotFound:
            pass
        else:
            raise AssertionError("another creditor read the case's statement")
