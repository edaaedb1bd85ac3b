"""The case builder is pure: what a case, its invoices and its event hold follows from the input alone."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from shared.events.intake import DebtorSnapshot

from intake.cases.opening import case_opened, invoice_rules_broken, new_case, new_invoices
from intake.cases.schemas import CaseCreate

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)
BODY = {
    "reference": "B-1",
    "kind": "b2b",
    "debtor": {"type": "company", "name": "Dupont SARL", "siren": "732829320"},
    "invoices": [
        {"number": "F-1", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "100.00", "currency": "EUR"},
        {
            "number": "F-2",
            "issue_date": "2026-06-01",
            "due_date": "2026-07-01",
            "amount": "80.00",
            "outstanding": "30.00",
            "currency": "EUR",
        },
    ],
    "metadata": {"agence": "Lyon"},
}


def build(**changes: object):
    case_in = CaseCreate.model_validate(BODY | changes)
    creditor_id, debtor_id = uuid.uuid4(), uuid.uuid4()
    case = new_case(
        case_in=case_in,
        creditor_id=creditor_id,
        debtor_id=debtor_id,
        mandate_id=None,
        declared_insolvency=None,
        now=NOW,
    )
    invoices = new_invoices(case_id=case.id, creditor_id=creditor_id, debtor_id=debtor_id, invoices_in=case_in.invoices)
    return case_in, case, invoices


def test_a_new_case_is_submitted_with_its_payment_reference_and_the_creditors_metadata_only():
    _, case, _ = build()
    assert (case.status, case.extra, case.import_id, case.created_at) == ("submitted", {"agence": "Lyon"}, None, NOW)
    assert case.rf_reference and case.rf_reference.startswith("RF")


def test_a_draft_stays_a_draft():
    assert build(draft=True)[1].status == "draft"


def test_an_invoice_given_without_its_outstanding_is_owed_whole():
    _, case, invoices = build()
    assert [(i.case_id, i.outstanding) for i in invoices] == [(case.id, Decimal("100.00")), (case.id, Decimal("30.00"))]


def test_the_event_announces_the_case_with_its_invoices():
    _, case, invoices = build()
    debtor = DebtorSnapshot(debtor_id=str(case.debtor_id), type="company", name="Dupont SARL")
    event = case_opened(case, invoices, debtor)
    assert (event.case_id, [i.number for i in event.invoices]) == (str(case.id), ["F-1", "F-2"])


def test_every_broken_invoice_rule_is_reported_with_its_field():
    case_in, _, _ = build()
    late = case_in.invoices[0].model_copy(update={"due_date": date(2026, 5, 1)})
    broken = invoice_rules_broken([case_in.invoices[1], late], kind="b2b", today=date(2026, 11, 24))
    assert [exc.field for exc in broken] == ["invoices[1].due_date"]
