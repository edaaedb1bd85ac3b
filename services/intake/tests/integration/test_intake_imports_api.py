"""Bulk imports through intake's API: every format French creditors have, a per-row report, tenant scope."""

from __future__ import annotations

import contextlib
import io
from decimal import Decimal

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from shared.idempotency_records import IdempotencyRecord
from workbench import samples

from intake.cases.models import Case, Invoice


def upload(api, content: bytes, name: str, headers=None):
    response = api.client.post(
        "/api/v1/imports", files={"file": (name, io.BytesIO(content))}, headers=headers or api.creditor
    )
    assert response.status_code == 202, response.text
    report = api.client.get(f"/api/v1/imports/{response.json()['id']}", headers=headers or api.creditor)
    assert report.status_code == 200, report.text
    return report.json()


def invoices(api) -> dict[str, tuple[str, Decimal]]:
    with Session(api.engine) as session:
        rows = session.exec(
            select(Invoice.number, Case.reference, Invoice.outstanding).join(Case, col(Case.id) == Invoice.case_id)
        ).all()
    return {number: (reference, outstanding) for number, reference, outstanding in rows}


def test_a_french_spreadsheet_csv_in_windows_1252_creates_the_expected_cases(api):
    report = upload(api, samples.french_csv(samples.good_rows(), encoding="cp1252"), "export.csv")
    assert report | {"errors": None, "id": None, "created_at": None, "finished_at": None} == {
        "id": None,
        "status": "done",
        "filename": "export.csv",
        "rows": 4,
        "accepted": 4,
        "rejected": 0,
        "cases_opened": 3,
        "accepted_amounts": [{"currency": "CHF", "amount": "2500.00"}, {"currency": "EUR", "amount": "6324.46"}],
        "failure": None,
        "failure_en": None,
        "failure_fr": None,
        "errors": None,
        "report_url": f"/api/v1/imports/{report['id']}/errors.csv",
        "created_at": None,
        "finished_at": None,
    }
    placed = invoices(api)
    assert placed["F-2025-0101"] == ("DOS-2025-001", Decimal("1234.56"))
    assert placed["F-2025-0142"] == ("DOS-2025-001", Decimal("5000.00"))  # the outstanding column, not the amount
    assert placed["F-2025-0200"] == ("F-2025-0200", Decimal("89.90"))  # no reference: the invoice number
    assert placed["INV-77"][1] == Decimal("2500.00")


def test_the_international_csv_and_an_xlsx_workbook_import_the_same_invoices(api):
    upload(api, samples.international_csv(samples.good_rows()), "export-intl.csv")
    first = invoices(api)
    with Session(api.engine) as session:
        for invoice in session.exec(select(Invoice)).all():
            session.delete(invoice)
        for case in session.exec(select(Case)).all():
            session.delete(case)
        session.commit()
    upload(api, samples.xlsx(samples.good_rows()), "export.xlsx")
    assert invoices(api) == first and len(first) == 4


def test_a_file_mixing_good_and_bad_rows_reports_each_bad_row_by_line_and_column(api):
    report = upload(api, samples.french_csv(samples.mixed_rows(), encoding="utf-8-sig"), "mixte.csv")
    assert (report["rows"], report["accepted"], report["rejected"]) == (8, 4, 4)
    refused = {e["line"]: e for e in report["errors"]}
    assert sorted(refused) == sorted(samples.MIXED_BAD_LINES)
    for line in samples.MIXED_BAD_LINES:
        assert refused[line]["reason"], line
    csv_report = api.client.get(report["report_url"], headers=api.creditor)
    assert csv_report.status_code == 200 and csv_report.text.count("\n") == 1 + 4


def test_rows_breaking_business_rules_are_refused_with_their_reason_and_the_others_kept(api):
    rows = [
        *samples.good_rows()[:1],
        {**samples.good_rows()[0], "number": "F-OLD", "issue_date": "01/01/2020", "due_date": "01/02/2020"},
        {**samples.good_rows()[0], "number": "F-SIREN", "siren": "428701982", "siret": None, "vat_number": None},
        {**samples.good_rows()[0], "number": "F-2025-0101"},  # the same invoice twice
    ]
    report = upload(api, samples.french_csv(rows), "regles.csv")
    reasons = {e["line"]: e["reason"] for e in report["errors"]}
    assert report["accepted"] == 1 and set(reasons) == {3, 4, 5}
    assert "prescribed" in reasons[3] and "SIREN" in reasons[4] and "already placed" in reasons[5]


def test_a_fec_export_creates_one_case_per_customer_with_its_unlettered_invoices(api):
    report = upload(api, samples.fec(delimiter="|"), "FEC.txt")
    assert report["status"] == "done", report
    placed = invoices(api)
    assert {(ref, number): amount for number, (ref, amount) in placed.items()} == samples.FEC_OPEN


def test_a_factur_x_invoice_creates_the_receivable_with_the_buyer_as_debtor(api):
    report = upload(api, samples.facturx_pdf(), "facture.pdf")
    assert (report["status"], report["accepted"], report["cases_opened"]) == ("done", 1, 1), report
    case = api.client.get("/api/v1/cases", headers=api.creditor).json()["items"][0]
    assert case["kind"] == "b2b" and case["debtor"]["type"] == "company" and len(case["invoices"]) == 1


def test_a_file_we_cannot_read_is_refused_with_a_plain_reason(api):
    response = api.client.post(
        "/api/v1/imports", files={"file": ("scan.pdf", io.BytesIO(samples.plain_pdf()))}, headers=api.creditor
    )
    assert response.status_code == 422 and "scan.pdf" in response.json()["detail"], response.text


def test_another_creditor_gets_404_on_the_import_report(api):
    report = upload(api, samples.french_csv(samples.good_rows()), "export.csv")
    assert api.client.get(f"/api/v1/imports/{report['id']}", headers=api.other).status_code == 404
    assert api.client.get(report["report_url"], headers=api.other).status_code == 404


def test_a_thousand_row_import_commits_in_batches_and_counts_every_row(api):
    rows = list(samples.numbered_rows(1200))
    report = upload(api, samples.french_csv(rows), "gros.csv")
    assert (report["status"], report["rows"], report["accepted"], report["rejected"]) == ("done", 1200, 1200, 0)
    with Session(api.engine) as session:
        assert session.exec(select(func.count()).select_from(Case)).one() == 400


class _ProcessDied(BaseException):
    """Stands for the process being killed: nothing catches it."""


def test_an_import_cut_off_by_a_restart_resumes_after_its_last_batch_and_creates_nothing_twice(api, monkeypatch):
    from shared.auth import Principal, Role
    from shared.demo import DEMO_CREDITOR_ID

    import intake.imports.jobs as jobs
    from intake.imports.models import ImportJob

    store, clock = api.client.app.state.store, api.client.app.state.runtime.clock
    principal = Principal(subject="creditor", role=Role.CREDITOR, creditor_id=str(DEMO_CREDITOR_ID))
    with Session(api.engine, expire_on_commit=False) as session:
        job = jobs.submit_import(
            session=session,
            store=store,
            source=io.BytesIO(samples.french_csv(list(samples.numbered_rows(1200)))),
            filename="coupe.csv",
            creditor_id=None,
            max_bytes=1 << 30,
            principal=principal,
            clock=clock,
        )
    real_apply, batches = jobs._apply_batch, []
    monkeypatch.setattr(jobs, "BATCH", 500)  # a small file in three batches

    def dies_on_the_second_batch(*args, **kwargs):
        batches.append(1)
        if len(batches) == 2:
            raise _ProcessDied
        real_apply(*args, **kwargs)

    monkeypatch.setattr(jobs, "_apply_batch", dies_on_the_second_batch)
    with contextlib.suppress(_ProcessDied):
        jobs.run_import(engine=api.engine, store=store, import_id=job.id, clock=clock)
    with Session(api.engine) as session:
        cut = session.get(ImportJob, job.id)
        assert (cut.status, cut.rows, cut.accepted) == ("running", jobs.BATCH, jobs.BATCH)
    monkeypatch.setattr(jobs, "_apply_batch", real_apply)

    assert jobs.resume_unfinished_imports(engine=api.engine, store=store, clock=clock) == 1
    report = api.client.get(f"/api/v1/imports/{job.id}", headers=api.creditor).json()
    assert (report["status"], report["rows"], report["accepted"], report["rejected"]) == ("done", 1200, 1200, 0)
    with Session(api.engine) as session:
        assert session.exec(select(func.count()).select_from(Invoice)).one() == 1200


def test_a_large_upload_retried_with_its_idempotency_key_is_imported_once(api):
    rows = [{**row, "email": f"compta{n}@client.example"} for n, row in enumerate(samples.numbered_rows(1200))]
    content = samples.french_csv(rows)
    content += b" " * max(0, (1 << 20) + 4096 - len(content))  # past the size read whole: hashed as it streams
    headers = {**api.creditor, "Idempotency-Key": "big-upload-1"}
    first = api.client.post("/api/v1/imports", files={"file": ("gros.csv", io.BytesIO(content))}, headers=headers)
    again = api.client.post("/api/v1/imports", files={"file": ("gros.csv", io.BytesIO(content))}, headers=headers)
    assert first.status_code == again.status_code == 202
    assert again.json()["id"] == first.json()["id"] and again.headers["Idempotent-Replayed"] == "true"
    with Session(api.engine) as session:
        assert session.exec(select(func.count()).select_from(Invoice)).one() == 1200


def test_an_import_whose_answer_was_lost_is_sent_to_its_status_and_report(api):
    content = samples.french_csv(samples.numbered_rows(3))
    headers = {**api.creditor, "Idempotency-Key": "import-lost-answer"}
    first = api.client.post("/api/v1/imports", files={"file": ("f.csv", io.BytesIO(content))}, headers=headers)
    assert first.status_code == 202, first.text
    with Session(api.engine) as session:  # what the kill leaves: the stamp, no kept answer
        session.execute(update(IdempotencyRecord).values(status_code=None, body=None))
        session.commit()

    again = api.client.post(
        "/api/v1/imports", files={"file": ("f.csv", io.BytesIO(content))}, headers=headers, follow_redirects=False
    )

    assert again.status_code == 303, again.text
    assert again.headers["Location"] == f"/api/v1/imports/{first.json()['id']}"
    assert api.client.get(again.headers["Location"], headers=api.creditor).json()["id"] == first.json()["id"]
