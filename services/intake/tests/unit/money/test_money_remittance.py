from datetime import date, datetime
from decimal import Decimal

import pytest
import xmlschema
from lxml import etree

from intake.money.commission import CollectedPayment, FundsSource, MandateFees, Phase
from intake.money.errors import RemittanceRefused
from intake.money.remittance import plan_remittance
from intake.money.remittance_deadlines import funds_due_for_remittance_alert, remittance_deadline
from intake.money.sepa_transfer import SCHEMA_FILE, BankAccount, build_remittance_transfer

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
FEES = MandateFees(Decimal("0.10"), Decimal("0.15"))
AGENCY = BankAccount("Recouvra SAS compte clients", "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP")
ACCOUNTS = {
    "cr-1": BankAccount("Créancier Électricité", "GB82 WEST 1234 5698 7654 32"),
    "cr-2": BankAccount("Menuiserie Dupont", "FR7630006000011234567890189", "BNPAFRPP"),
}


def held(
    pid: str,
    creditor: str,
    amount: str,
    received: date = date(2026, 3, 2),
    source: FundsSource = FundsSource.DEBTOR_TO_AGENCY,
) -> CollectedPayment:
    return CollectedPayment(pid, f"case-{pid}", creditor, received, Decimal(amount), source, Phase.AMICABLE)


def run(payments: list[CollectedPayment]) -> bytes:
    return build_remittance_transfer(
        plan_remittance(payments, {"cr-1": FEES, "cr-2": FEES}),
        agency=AGENCY,
        creditor_accounts=ACCOUNTS,
        execution_date=date(2026, 3, 10),
        message_id="REM-20260310-1",
        created_at=datetime(2026, 3, 9, 18, 30),
    )


def test_the_sepa_file_validates_against_the_pain_001_001_03_schema_shipped_with_sepaxml() -> None:
    document = run([held("p1", "cr-1", "1000.00"), held("p2", "cr-2", "250.00")])
    assert xmlschema.XMLSchema(str(SCHEMA_FILE)).is_valid(document.decode())


def test_the_transfers_add_up_to_the_control_sum_and_the_nets_owed() -> None:
    document = run([held("p1", "cr-1", "1000.00"), held("p2", "cr-1", "33.33"), held("p3", "cr-2", "250.00")])
    root = etree.fromstring(document)
    amounts = [Decimal(node.text or "") for node in root.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", NS)]
    control_sum = Decimal(root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", "", namespaces=NS))
    # cr-1: 1,033.33 held - (103.33 + 20.67) = 909.33; cr-2: 250 - 30 = 220
    assert amounts == [Decimal("909.33"), Decimal("220.00")]
    assert control_sum == sum(amounts) == Decimal("1129.33")
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"


def test_the_same_run_always_produces_the_same_file() -> None:
    payments = [held("p1", "cr-1", "1000.00")]
    document = run(payments)
    assert document == run(payments)
    root = etree.fromstring(document)
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", namespaces=NS) == "REM-20260310-1"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CreDtTm", namespaces=NS) == "2026-03-09T18:30:00"


def test_creditors_with_nothing_to_remit_get_no_transfer() -> None:
    document = run([held("p1", "cr-1", "1000.00"), held("p2", "cr-2", "500.00", source=FundsSource.DEBTOR_TO_CREDITOR)])
    root = etree.fromstring(document)
    assert [n.text for n in root.iterfind(".//p:Cdtr/p:Nm", NS)] == ["Creancier Electricite"]


def test_a_run_with_nothing_to_pay_is_refused() -> None:
    with pytest.raises(RemittanceRefused, match="no creditor"):
        run([held("p1", "cr-1", "100.00", source=FundsSource.CREDIT_NOTE)])


def test_an_invalid_creditor_iban_is_refused_before_any_file_is_written() -> None:
    with pytest.raises(RemittanceRefused, match="IBAN of Broken"):
        build_remittance_transfer(
            plan_remittance([held("p1", "cr-1", "10.00")], {"cr-1": FEES}),
            agency=AGENCY,
            creditor_accounts={"cr-1": BankAccount("Broken", "FR7630006000011234567890188")},
            execution_date=date(2026, 3, 10),
            message_id="M",
            created_at=datetime(2026, 3, 9),
        )


def test_the_remittance_deadline_is_one_calendar_month_after_receipt() -> None:
    assert remittance_deadline(date(2026, 3, 2)) == date(2026, 4, 2)
    assert remittance_deadline(date(2026, 1, 31)) == date(2026, 2, 28)
    assert remittance_deadline(date(2025, 12, 15)) == date(2026, 1, 15)


def test_held_funds_close_to_their_one_month_deadline_are_flagged_most_urgent_first() -> None:
    payments = [
        held("fresh", "cr-1", "10.00", received=date(2026, 3, 20)),
        held("soon", "cr-1", "10.00", received=date(2026, 3, 5)),
        held("late", "cr-2", "10.00", received=date(2026, 2, 20)),
    ]
    alerts = funds_due_for_remittance_alert(payments, today=date(2026, 3, 31), threshold_days=7)
    assert [(a.payment_id, a.deadline, a.days_left, a.overdue) for a in alerts] == [
        ("late", date(2026, 3, 20), -11, True),
        ("soon", date(2026, 4, 5), 5, False),
    ]


def test_funds_the_agency_does_not_hold_are_never_flagged() -> None:
    direct = held("direct", "cr-1", "10.00", received=date(2026, 1, 1), source=FundsSource.DEBTOR_TO_CREDITOR)
    assert funds_due_for_remittance_alert([direct], today=date(2026, 3, 31), threshold_days=7) == ()
