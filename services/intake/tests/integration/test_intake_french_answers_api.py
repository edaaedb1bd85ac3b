"""French answers hold no English (issue 12, finding 8): with `Accept-Language: fr`, an import's row reasons, the
statement's warning of a rate carried forward, the 409 of a remittance run with nothing to remit and the 422 of a
mandate's penalty rate below the legal floor are French, the English beside them."""

from __future__ import annotations

import io
import re
from datetime import date

from sqlmodel import Session

from shared.demo import DEMO_CREDITOR_ID
from workbench import samples

FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}

# Words of English a French text never holds (none is a French word as well).
ENGLISH_WORDS = frozenset(
    {
        *("the", "is", "are", "was", "be", "and", "of", "with", "without", "not", "no", "this", "that", "which"),
        *("has", "have", "must", "should", "until", "carried", "forward", "funds", "await", "awaits", "remittance"),
        *("recorded", "invoice", "invoices", "amount", "already", "placed", "another", "debtor", "staff", "apply"),
        *("below", "above", "floor", "row", "column", "empty", "expected", "while", "than", "only", "one", "more"),
        *("other", "it", "its", "by", "from", "for", "any", "when", "where", "before", "after", "first", "then"),
    }
)


def english_in(text: str) -> set[str]:
    """English words in `text`, outside what is quoted or an API path or field (kind ecb_mro, valid_from...)."""
    bare = re.sub(r"«[^»]*»|\"[^\"]*\"|'[^']*'|/api/\S+|\b\w+_\w+\b", " ", text)
    return {word for word in re.findall(r"[a-z]+", bare.lower()) if word in ENGLISH_WORDS}


def test_english_words_are_found_in_an_english_text_and_not_in_a_french_one():
    assert english_in("no collected funds await remittance") == {"no", "funds", "await", "remittance"}
    assert not english_in("aucun fonds encaissé n'attend d'être reversé")


def refused_rows() -> list[dict]:
    good = samples.good_rows()[0]
    return [
        good,
        {**good, "number": "F-OLD", "issue_date": date(2020, 1, 1), "due_date": date(2020, 2, 1)},  # prescribed
        {**good, "number": "F-2025-0101"},  # placed twice
        {**good, "number": "F-SOON", "due_date": date(2027, 1, 31)},  # not yet due
        {**good, "number": "F-TWO", "due_date": "pas de date", "amount": "abc"},  # two unreadable cells
        {**good, "number": "F-CUR", "currency": "EUROS"},
        {**good, "number": "F-NAME", "name": ""},
        {**good, "number": "F-MAIL", "email": "pas-un-courriel"},
        {**good, "number": "F-SIREN", "siren": "123456789", "siret": None, "vat_number": None},
        {**good, "reference": "DOS-2025-001", "number": "F-USD", "currency": "USD"},  # another currency, same case
    ]


def test_an_imports_row_reasons_in_french_hold_no_english(api):
    sent = api.client.post(
        "/api/v1/imports",
        files={"file": ("refus.csv", io.BytesIO(samples.french_csv(refused_rows(), encoding="utf-8")))},
        headers=api.creditor,
    )
    assert sent.status_code == 202, sent.text
    report = api.client.get(f"/api/v1/imports/{sent.json()['id']}", headers={**api.creditor, **FRENCH}).json()
    assert report["accepted"] == 1 and report["rejected"] == 9, report
    english = {error["line"]: english_in(error["reason"]) for error in report["errors"]}
    assert not any(english.values()), [(e["line"], e["reason"]) for e in report["errors"] if english[e["line"]]]
    assert all(error["reason"] == error["reason_fr"] != error["reason_en"] for error in report["errors"]), report


def test_the_statements_warning_of_a_rate_carried_forward_is_french(api, open_case, invoice):
    case = open_case("FR-S2", [invoice("F-S2", "2026-06-30", "1000.00")])
    account = api.client.get(f"/api/v1/cases/{case['id']}/statement", headers={**api.creditor, **FRENCH}).json()
    assert account["provisional"] is True and len(account["warnings"]) == 1
    (warning,) = account["warnings"]
    assert warning == account["warnings_fr"][0] and not english_in(warning), warning
    assert "S2 2026 n'est pas enregistré" in warning and "(2,15 %) est reconduit" in warning
    assert account["warnings_en"][0].startswith("the ecb_mro rate for S2 2026 is not recorded")


def test_a_remittance_run_with_nothing_to_remit_answers_in_french(api):
    response = api.client.post("/api/v1/remittances/runs", json={}, headers={**api.agent, **FRENCH})
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == body["detail_fr"] == "aucun fonds encaissé n'attend d'être reversé"
    assert body["detail_en"] == "no collected funds await remittance"


def test_a_mandates_penalty_rate_below_the_floor_is_refused_in_french(api):
    response = api.client.post(
        f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates",
        headers={**api.admin, **FRENCH},
        json={"commission_rate": "0.15", "phases": ["amicable"], "penalty_rate": "0.05"},
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["detail"].startswith("penalty_rate : le taux contractuel de pénalités de retard 5,00 %")
    assert "plancher légal de 7,86 %" in body["detail"] and not english_in(body["detail"]), body["detail"]
    assert body["detail_en"].startswith("penalty_rate: the contractual late-payment rate 5.00% is below")


class _Pipe(io.RawIOBase):
    """An upload that cannot seek, as a socket: the job, not the request, finds the file unreadable."""

    def __init__(self, content: bytes) -> None:
        self._content = io.BytesIO(content)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]  # buffer: typeshed's WriteableBuffer
        data = self._content.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def test_an_import_that_fails_in_the_background_says_why_in_french(api):
    from shared.auth import Principal, Role

    from intake.imports.jobs import run_import, submit_import

    store, clock = api.client.app.state.store, api.client.app.state.runtime.clock
    principal = Principal(subject="creditor", role=Role.CREDITOR, creditor_id=str(DEMO_CREDITOR_ID))
    with Session(api.engine, expire_on_commit=False) as session:
        job = submit_import(
            session=session,
            store=store,
            source=io.BufferedReader(_Pipe(samples.plain_pdf())),
            filename="scan.pdf",
            creditor_id=None,
            max_bytes=1 << 20,
            principal=principal,
            clock=clock,
        )
    run_import(engine=api.engine, store=store, import_id=job.id, clock=clock)
    report = api.client.get(f"/api/v1/imports/{job.id}", headers={**api.creditor, **FRENCH}).json()
    assert report["status"] == "failed"
    assert report["failure"] == report["failure_fr"] and report["failure"].startswith("scan.pdf : ce PDF ne contient")
    assert not english_in(report["failure"]), report["failure"]
    assert report["failure_en"].startswith("scan.pdf: this PDF carries no Factur-X")
