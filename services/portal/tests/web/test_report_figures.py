"""The report's arithmetic on the API's JSON: per month and per debtor, the average days to collect over the
cases paid in full, reversed payments left out, remittances by the month they were issued, and a CSV no
spreadsheet runs as a formula."""

from __future__ import annotations

from decimal import Decimal

from portal.web.reports import build_report, report_csv

MINE, THEIRS = "c-1", "c-2"


def _case(case_id: str, debtor: str, amount: str, outstanding: str, creditor: str = MINE) -> dict[str, object]:
    return {
        "id": case_id,
        "creditor_id": creditor,
        "created_at": "2027-01-10T09:00:00+00:00",
        "debtor": {"name": debtor},
        "invoices": [{"amount": amount}],
        "outstanding": outstanding,
    }


def _payment(case_id: str, amount: str, on: str, commission: str, overpayment: str = "0.00") -> dict[str, str]:
    return {
        "case_id": case_id,
        "amount": amount,
        "received_on": on,
        "commission": commission,
        "overpayment": overpayment,
    }


def test_months_debtors_rate_days_commission_and_remittances():
    cases = [
        _case("a", "Dupont SARL", "1000.00", "0.00"),
        _case("b", "=HYPERLINK(1)", "500.00", "500.00"),
        _case("z", "Autre SA", "9999.00", "0.00", creditor=THEIRS),
    ]
    payments = [
        _payment("a", "400.00", "2027-01-30", "60.00"),
        _payment("a", "650.00", "2027-02-19", "90.00", overpayment="50.00"),
        _payment("z", "9999.00", "2027-02-01", "1.00"),
        {**_payment("b", "500.00", "2027-02-03", "75.00"), "reversed_on": "2027-02-10"},  # bounced: nothing
    ]
    remittances = [
        {"creditor_id": MINE, "issued_on": "2027-02-28", "remitted": "850.00"},
        {"creditor_id": THEIRS, "issued_on": "2027-02-28", "remitted": "1.00"},
    ]

    report = build_report(cases, payments, remittances, creditor_id=MINE)

    total = report.total
    assert (total.cases, total.placed, total.collected) == (2, Decimal("1500.00"), Decimal("1000.00"))
    assert total.recovery_rate == Decimal("66.7")
    assert total.average_days == 40  # 10 January to 19 February, the only case paid in full
    assert (total.commission, total.remitted) == (Decimal("150.00"), Decimal("850.00"))
    assert [line.key for line in report.months] == ["2027-02", "2027-01"]
    february = report.months[0]
    assert (february.collected, february.remitted, february.average_days) == (Decimal("600.00"), Decimal("850.00"), 40)
    assert [line.key for line in report.debtors] == ["Dupont SARL", "=HYPERLINK(1)"]
    assert report.debtors[1].recovery_rate == Decimal("0.0")
    text = report_csv(report)
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text
    assert text.splitlines()[-1] == "total,total,2,1500.00,1000.00,66.7,40,150.00,850.00"
    assert text.splitlines()[0].startswith("Section,Month or debtor,Cases,Placed,Collected,Recovery rate (%)")
    # in French: what French Excel opens directly, headed in French
    french = report_csv(report, "fr").splitlines()
    assert french[0].startswith("Rubrique;Mois ou débiteur;Dossiers;Confiés;Recouvrés;Taux de recouvrement (%)")
    assert french[-1] == "total;total;2;1500,00;1000,00;66,7;40;150,00;850,00"
    assert "débiteur;Dupont SARL;" in "\n".join(french)


def test_nothing_placed_has_no_rate_and_no_average():
    report = build_report([], [], [])

    assert report.total.recovery_rate is None and report.total.average_days is None
    assert report.months == [] and report.debtors == []
