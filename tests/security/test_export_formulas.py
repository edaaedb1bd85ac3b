"""Spreadsheet formula injection, in every CSV and XLSX the platform writes: a text cell that a spreadsheet would
read as a formula (it starts with =, +, -, @, a tab or a carriage return) comes out with a leading apostrophe.

The exports: intake's per-row import error report (errors.csv, through the API: its column names are the headers
as the creditor's file wrote them), scoring's aged balance per debtor (CSV and XLSX; the portal's dashboard export
hands scoring's file over unchanged) and legal's factoring batch (CSV)."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from intake.imports.models import ImportRowError
from legal.insurance.batch_csv import BatchRow, batch_csv
from scoring.aged_balance.balances import DebtorLine
from scoring.aged_balance.exports import to_csv, to_xlsx
from scoring.domain.aging import age

TRIGGERS = {"equals": "=", "plus": "+", "minus": "-", "at": "@", "tab": "\t", "carriage-return": "\r"}


def _evil(trigger: str) -> str:
    return f'{trigger}HYPERLINK("http://evil.example","x")'


@pytest.mark.parametrize("trigger", TRIGGERS.values(), ids=TRIGGERS.keys())
def test_intakes_import_error_report_neutralises_a_formula_in_every_text_cell(platform, trigger):
    intake = platform.clients["intake"]
    line = 90_000 + list(TRIGGERS.values()).index(trigger)
    with Session(intake.app.state.runtime.engine) as session:
        session.add(
            ImportRowError(
                import_id=uuid.UUID(platform.ids["import_id"]),
                line=line,
                column=_evil(trigger),
                reason=_evil(trigger),
                reason_fr=_evil(trigger),
            )
        )
        session.commit()
    report = intake.get(
        f"/api/v1/imports/{platform.ids['import_id']}/errors.csv", headers=platform.headers["creditor_a"]
    )
    assert report.status_code == 200, report.text
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if r[0] == str(line))
    assert row[1:] == ["'" + _evil(trigger)] * 3


def _debtor_line(name: str) -> DebtorLine:
    balance = age([(date(2026, 10, 1), Decimal("100.00"))], as_of=date(2026, 11, 24), limits=(30, 60, 90))
    return DebtorLine(uuid.UUID(int=7), name, balance)


@pytest.mark.parametrize("trigger", TRIGGERS.values(), ids=TRIGGERS.keys())
def test_scorings_aged_balance_csv_neutralises_a_debtor_name_read_as_a_formula(trigger):
    for dialect, delimiter in (("fr", ";"), ("intl", ",")):
        text = to_csv(
            [_debtor_line(_evil(trigger))],
            (30, 60, 90),
            currency="EUR",
            dialect=dialect,  # type: ignore[arg-type]  # a str from the loop, not a Dialect literal
        )
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert rows[1][1] == "'" + _evil(trigger), dialect


@pytest.mark.parametrize("trigger", TRIGGERS.values(), ids=TRIGGERS.keys())
def test_scorings_aged_balance_xlsx_keeps_a_debtor_name_read_as_a_formula_as_text(trigger):
    workbook = to_xlsx([_debtor_line(_evil(trigger))], (30, 60, 90), currency="EUR", title="t")
    cell = load_workbook(io.BytesIO(workbook)).active["B2"]
    assert cell.data_type == "s" and cell.value == "'" + _evil(trigger)


@pytest.mark.parametrize("trigger", TRIGGERS.values(), ids=TRIGGERS.keys())
def test_legals_factoring_batch_csv_neutralises_every_text_cell_a_creditor_wrote(trigger):
    row = BatchRow(
        line=1,
        case_reference=_evil(trigger),
        invoice_number=_evil(trigger),
        issue_date=date(2026, 6, 1),
        due_date=date(2026, 7, 1),
        debtor_siren=None,
        debtor_name=_evil(trigger),
        amount=Decimal("100.00"),
        assigned_amount=Decimal("90.00"),
        currency="EUR",
    )
    text = batch_csv(number="BC-1", contract_number=_evil(trigger), currency="EUR", rows=[row])
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [rows[1][i] for i in (1, 3, 4, 8)] == ["'" + _evil(trigger)] * 4
    assert rows[2][1] == "'" + _evil(trigger)
