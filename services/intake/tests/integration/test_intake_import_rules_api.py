"""Import rows obey the rules of the API: a row adding to an existing case meets the rules of
POST /cases/{id}/invoices, a refused row leaves nothing behind, one bad row never costs the good ones."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from shared.demo import DEMO_CREDITOR_ID
from shared.events.intake import CaseOpened, InvoiceAdded
from shared.outbox import OutboxMessage
from workbench import samples

from intake.cases.models import Case, Invoice
from intake.debtors.models import Debtor, DebtorView
from intake.imports.jobs import _apply_batch
from intake.imports.models import ImportJob, ImportRowError
from intake.imports.rows import CaseRow, DebtorRow, InvoiceRow

DUPONT = {"name": "Dupont SARL", "siren": "732829320", "kind": "professionnel"}
MARTIN = {"name": "Martin SA", "siren": "404833048", "kind": "professionnel"}


def upload(api, rows: list[dict]) -> dict:
    content = samples.french_csv(rows, encoding="utf-8-sig")
    response = api.client.post(
        "/api/v1/imports", files={"file": ("rows.csv", io.BytesIO(content))}, headers=api.creditor
    )
    assert response.status_code == 202, response.text
    return api.client.get(f"/api/v1/imports/{response.json()['id']}", headers=api.creditor).json()


def row(reference: str, number: str, amount: str = "100.00", currency: str = "EUR", **debtor: str) -> dict:
    return {
        **(debtor or DUPONT),
        "reference": reference,
        "number": number,
        "issue_date": date(2026, 5, 1),
        "due_date": date(2026, 6, 1),
        "amount": amount,
        "currency": currency,
    }


def test_a_row_for_an_existing_case_in_another_currency_or_past_submission_is_refused_and_reported(api, a_case):
    api.client.post("/api/v1/cases", json=a_case("CRED-0001"), headers=api.creditor)
    closed = api.client.post(
        "/api/v1/cases",
        json=a_case(
            "CRED-0002",
            invoices=[{"number": "F-900", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "90.00"}],
        ),
        headers=api.creditor,
    ).json()
    api.client.post(
        f"/api/v1/cases/{closed['id']}/transitions", json={"to": "closed", "reason": "withdrawn"}, headers=api.creditor
    )
    report = upload(
        api, [row("CRED-0001", "F-USD", currency="USD"), row("CRED-0002", "F-LATE"), row("CRED-0001", "F-EUR")]
    )
    assert (report["accepted"], report["rejected"]) == (1, 2), report
    refused = {e["line"]: (e["column"], e["reason"]) for e in report["errors"]}
    assert refused[2][0] == "Devise" and "share one currency (EUR), not USD" in refused[2][1]
    assert refused[3][0] == "Référence dossier" and "closed takes no new invoices" in refused[3][1]
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
    assert report["errors"][0]["line"] == 3 and report["errors"][0]["column"] == "Montant TTC"
    assert "at most 999,999,999,999.99" in report["errors"][0]["reason"]


def test_a_row_the_database_refuses_is_reported_alone_and_the_rest_of_its_batch_is_stored(api):
    clock = api.client.app.state.runtime.clock
    with Session(api.engine) as session:
        job = ImportJob(
            creditor_id=DEMO_CREDITOR_ID,
            status="running",
            file_sha256="0" * 64,
            submitted_by="test",
            created_at=clock.now(),
        )
        session.add(job)
        session.commit()
        job_id = job.id

    def case_row(line: int, name: str) -> CaseRow:
        return CaseRow(
            line=line,
            reference=f"DB-{line}",
            kind="b2b",
            debtor=DebtorRow(type="company", name=name),
            invoices=(InvoiceRow(f"N-{line}", date(2026, 5, 1), date(2026, 6, 1), Decimal("10.00")),),
        )

    # A rule only the database knows (validation lets the name through), so that the database refuses this row.
    with api.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE FUNCTION refuse_in_this_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF NEW.name = 'Refusée SAS' THEN RAISE EXCEPTION 'value refused' USING ERRCODE = '22023'; END IF; "
                "RETURN NEW; END $$"
            )
        )
        connection.execute(
            text(
                "CREATE TRIGGER refuse_in_this_test BEFORE INSERT ON debtor_views FOR EACH ROW "
                "EXECUTE FUNCTION refuse_in_this_test()"
            )
        )
    _apply_batch(
        api.engine,
        job_id,
        DEMO_CREDITOR_ID,
        [case_row(2, "Bon SAS"), case_row(3, "Refusée SAS"), case_row(4, "Autre SAS")],
        clock,
    )
    with Session(api.engine) as session:
        job = session.get_one(ImportJob, job_id)
        assert (job.rows, job.accepted, job.rejected) == (3, 2, 1)
        errors = session.exec(select(ImportRowError).where(ImportRowError.import_id == job_id)).all()
        assert [(e.line, "cannot store" in e.reason) for e in errors] == [(3, True)]
        stored = session.exec(select(Invoice.number).order_by(col(Invoice.number))).all()
        assert stored == ["N-2", "N-4"]


def events(api, event_type: str) -> list[dict]:
    with Session(api.engine) as session:
        return [
            m.envelope["data"]
            for m in session.exec(
                select(OutboxMessage).where(OutboxMessage.event_type == event_type).order_by(col(OutboxMessage.seq))
            ).all()
        ]


def test_two_rows_of_one_new_debtor_in_a_batch_make_one_debtor_with_one_view_completed_by_both(api):
    report = upload(
        api,
        [
            row("IMP-1", "M-1", **MARTIN, email="compta@martin.example"),
            row("IMP-2", "M-2", **MARTIN, phone="01 45 00 00 00"),
        ],
    )
    assert (report["accepted"], report["rejected"]) == (2, 0), report
    with Session(api.engine) as session:
        debtors = session.exec(select(Debtor).where(Debtor.siren == "404833048")).all()
        assert len(debtors) == 1
        contacts = session.exec(select(DebtorView).where(DebtorView.debtor_id == debtors[0].id)).all()
        assert [(c.creditor_id, c.email, c.phone) for c in contacts] == [
            (DEMO_CREDITOR_ID, "compta@martin.example", "+33145000000")
        ]
        cases = session.exec(select(Case.debtor_id).where(col(Case.reference).in_(["IMP-1", "IMP-2"]))).all()
        assert cases == [debtors[0].id] * 2


def test_a_reference_seen_twice_in_a_batch_opens_one_case_announced_once_with_both_invoices(api):
    upload(api, [row("IMP-OLD", "D-0")])
    report = upload(api, [row("IMP-NEW", "D-1"), row("IMP-OLD", "D-2"), row("IMP-NEW", "D-3"), row("IMP-OLD", "D-4")])
    assert (report["accepted"], report["rejected"], report["cases_opened"]) == (4, 0, 1), report
    opened = [e for e in events(api, CaseOpened.type) if e["reference"] == "IMP-NEW"]
    assert [[i["number"] for i in e["invoices"]] for e in opened] == [["D-1", "D-3"]]
    assert [e["invoice"]["number"] for e in events(api, InvoiceAdded.type)] == ["D-2", "D-4"]
    with Session(api.engine) as session:
        numbers = session.exec(
            select(Invoice.number)
            .join(Case, col(Case.id) == Invoice.case_id)
            .where(Case.reference == "IMP-NEW")
            .order_by(col(Invoice.number))
        ).all()
    assert numbers == ["D-1", "D-3"]


def test_a_row_refused_after_an_earlier_row_of_its_batch_created_the_debtor_keeps_that_debtor_untouched(api):
    report = upload(
        api,
        [
            row("IMP-1", "M-1", **MARTIN),
            row("IMP-2", "M-1", **MARTIN, phone="01 45 00 00 00"),
            row("IMP-1", "M-3", name="Autre SAS", siren="542051180", kind="professionnel"),
        ],
    )
    assert (report["accepted"], report["rejected"]) == (1, 2), report
    refused = {e["line"]: e["reason"] for e in report["errors"]}
    assert "invoice M-1 of this debtor is already placed" in refused[3]
    assert "reference IMP-1 is already used for another debtor" in refused[4]
    with Session(api.engine) as session:
        martin = session.exec(select(Debtor).where(Debtor.siren == "404833048")).one()
        contact = session.exec(select(DebtorView).where(DebtorView.debtor_id == martin.id)).one()
        assert contact.phone is None
        assert session.exec(select(func.count()).select_from(Debtor).where(Debtor.siren == "542051180")).one() == 0


def test_a_row_naming_a_merged_debtor_is_placed_with_the_record_it_was_merged_into(api, a_case):
    keep = api.client.post(
        "/api/v1/cases",
        json=a_case("P-1", kind="b2c", debtor={"type": "person", "name": "Léa Durand", "email": "lea@example.org"}),
        headers=api.creditor,
    ).json()
    other = api.client.post(
        "/api/v1/cases",
        json=a_case(
            "P-2",
            kind="b2c",
            debtor={"type": "person", "name": "Lea DURAND", "email": "lea.durand@example.net"},
            invoices=[{"number": "F-100", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "80.00"}],
        ),
        headers=api.creditor,
    ).json()
    merged = api.client.post(
        f"/api/v1/intake/debtors/{keep['debtor']['id']}/merge",
        json={"merge_id": other["debtor"]["id"], "reason": "même personne"},
        headers=api.agent,
    )
    assert merged.status_code == 200, merged.text
    person = {"name": "Lea DURAND", "email": "lea.durand@example.net", "kind": "particulier"}
    report = upload(api, [row("P-3", "F-200", **person), row("P-4", "F-100", **person)])
    assert (report["accepted"], report["rejected"]) == (1, 1), report
    assert "invoice F-100 of this debtor is already placed" in report["errors"][0]["reason"]
    with Session(api.engine) as session:
        placed = session.exec(select(Case.debtor_id).where(Case.reference == "P-3")).one()
    assert str(placed) == keep["debtor"]["id"]


def test_a_rows_every_problem_is_reported_at_once_each_beside_the_files_own_column(api):
    report = upload(api, [row("IMP-1", "F-1", amount="-80.00", name="Dupont SARL", siren="123456789")])

    assert (report["accepted"], report["rejected"]) == (0, 1), report
    said = {error["column"]: error["reason_fr"] for error in report["errors"]}
    # the SIREN the debtor's model refuses, and the rule the invoice breaks: one round, not two
    assert set(said) == {"SIREN", "Montant TTC"}, said
    assert said["SIREN"].startswith("« 123456789 » n'est pas un SIREN valide")  # the column is not named again
    assert said["Montant TTC"] == "la facture F-1 : le montant doit être positif (-80,00\u00a0€)"
