"""Import rows obey the rules of the API: a row adding to an existing case meets the rules of
POST /cases/{id}/invoices, a refused row leaves nothing behind, one bad row never costs the good ones."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, func, select

from shared.demo import DEMO_CREDITOR_ID

from intake.importing import _apply_batch
from intake.imports import samples
from intake.imports.rows import CaseRow, DebtorRow, InvoiceRow
from intake.models import Debtor, ImportJob, ImportRowError, Invoice

DUPONT = {"name": "Dupont SARL", "siren": "732829320", "kind": "professionnel"}


def upload(api, rows: list[dict]) -> dict:
    content = samples.french_csv(rows, encoding="utf-8-sig")
    response = api.client.post("/api/v1/imports", files={"file": ("rows.csv", io.BytesIO(content))},
                               headers=api.creditor)
    assert response.status_code == 202, response.text
    return api.client.get(f"/api/v1/imports/{response.json()['id']}", headers=api.creditor).json()


def row(reference: str, number: str, amount: str = "100.00", currency: str = "EUR", **debtor: str) -> dict:
    return {**(debtor or DUPONT), "reference": reference, "number": number, "issue_date": date(2026, 5, 1),
            "due_date": date(2026, 6, 1), "amount": amount, "currency": currency}


def test_a_row_for_an_existing_case_in_another_currency_or_past_submission_is_refused_and_reported(api, a_case):
    api.client.post("/api/v1/cases", json=a_case("CRED-0001"), headers=api.creditor)
    closed = api.client.post("/api/v1/cases", json=a_case("CRED-0002", invoices=[
        {"number": "F-900", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "90.00"}]),
        headers=api.creditor).json()
    api.client.post(f"/api/v1/cases/{closed['id']}/transitions", json={"to": "closed", "reason": "withdrawn"},
                    headers=api.creditor)
    report = upload(api, [row("CRED-0001", "F-USD", currency="USD"), row("CRED-0002", "F-LATE"),
                          row("CRED-0001", "F-EUR")])
    assert (report["accepted"], report["rejected"]) == (1, 2), report
    refused = {e["line"]: (e["column"], e["reason"]) for e in report["errors"]}
    assert refused[2][0] == "currency" and "share one currency (EUR), not USD" in refused[2][1]
    assert refused[3][0] == "reference" and "closed takes no new invoices" in refused[3][1]
    with Session(api.engine) as session:
        numbers = set(session.exec(select(Invoice.number)).all())
    assert "F-EUR" in numbers and not {"F-USD", "F-LATE"} & numbers


def test_a_refused_row_creates_no_debtor(api, a_case):
    api.client.post("/api/v1/cases", json=a_case("CRED-0001"), headers=api.creditor)
    report = upload(api, [row("CRED-0001", "M-1", name="Martin SA", siren="404833048", kind="professionnel")])
    assert (report["accepted"], report["rejected"]) == (0, 1)
    assert "already used for another debtor" in report["errors"][0]["reason"]
    with Session(api.engine) as session:
        assert session.exec(select(func.count()).select_from(Debtor).where(Debtor.siren == "404833048")).one() == 0


def test_an_amount_beyond_numeric_14_2_refuses_its_row_only_and_the_good_rows_of_the_batch_are_kept(api):
    report = upload(api, [row("IMP-1", "G-1"), row("IMP-2", "BIG", amount="10000000000000.00"), row("IMP-3", "G-2")])
    assert (report["status"], report["accepted"], report["rejected"]) == ("done", 2, 1), report
    assert report["errors"][0]["line"] == 3 and report["errors"][0]["column"] == "amount"
    assert "at most 999 999 999 999.99" in report["errors"][0]["reason"]


def test_a_row_the_database_refuses_is_reported_alone_and_the_rest_of_its_batch_is_stored(api):
    clock = api.client.app.state.runtime.clock
    with Session(api.engine) as session:
        job = ImportJob(creditor_id=DEMO_CREDITOR_ID, status="running", file_sha256="0" * 64, submitted_by="test",
                        created_at=clock.now())
        session.add(job)
        session.commit()
        job_id = job.id

    def case_row(line: int, name: str) -> CaseRow:
        return CaseRow(line=line, reference=f"DB-{line}", kind="b2b", debtor=DebtorRow(type="company", name=name),
                       invoices=(InvoiceRow(f"N-{line}", date(2026, 5, 1), date(2026, 6, 1), Decimal("10.00")),))

    # PostgreSQL text cannot hold a NUL character: the database, not our validation, refuses this row.
    _apply_batch(api.engine, job_id, DEMO_CREDITOR_ID, [case_row(2, "Bon SAS"), case_row(3, "Nul\x00SAS"),
                                                        case_row(4, "Autre SAS")], clock)
    with Session(api.engine) as session:
        job = session.get_one(ImportJob, job_id)
        assert (job.rows, job.accepted, job.rejected) == (3, 2, 1)
        errors = session.exec(select(ImportRowError).where(ImportRowError.import_id == job_id)).all()
        assert [(e.line, "cannot store" in e.reason) for e in errors] == [(3, True)]
        stored = session.exec(select(Invoice.number).order_by(col(Invoice.number))).all()
        assert stored == ["N-2", "N-4"]
