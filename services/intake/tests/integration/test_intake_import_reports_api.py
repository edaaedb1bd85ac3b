"""An import's name and report as a client receives them (issue 11): the file name reduced to a safe base name like
an upload's, the errors.csv download with its exact content type and `nosniff`, and each refused row's reason in
French and in English, like every other error."""

from __future__ import annotations

import io
from datetime import date

import pytest

from workbench import samples


def submit(api, content: bytes, name: str):
    response = api.client.post("/api/v1/imports", files={"file": (name, io.BytesIO(content))}, headers=api.creditor)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def report(api, import_id: str, language: str = "en") -> dict:
    response = api.client.get(f"/api/v1/imports/{import_id}", headers={**api.creditor, "Accept-Language": language})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("name", ["../../../../etc/export.csv", "C:\\Users\\compta\\export.csv", "..\\export.csv"])
def test_an_imported_files_name_keeps_its_base_name_only_and_the_file_is_still_read(api, name):
    read = report(api, submit(api, samples.french_csv(samples.good_rows()), name))
    assert (read["filename"], read["status"], read["accepted"]) == ("export.csv", "done", 4)


def refused_rows() -> list[dict]:
    good = samples.good_rows()[0]
    return [
        good,
        {**good, "number": "F-OLD", "issue_date": date(2020, 1, 1), "due_date": date(2020, 2, 1)},  # a rule
        {**good, "number": "F-2025-0101"},  # placed twice: the placement check
        {**good, "number": "F-BIDI", "name": "Dupont \u202eLRAS"},  # the API's own validation
        {**good, "number": "F-AMOUNT", "amount": "mille euros"},  # the parser
    ]


def test_each_refused_rows_reason_is_given_in_french_and_in_english(api):
    import_id = submit(api, samples.french_csv(refused_rows(), encoding="utf-8"), "refus.csv")
    english, french = report(api, import_id, "en"), report(api, import_id, "fr-FR")
    assert english["rejected"] == 4 and [e["line"] for e in english["errors"]] == [3, 4, 5, 6]
    for in_english, in_french in zip(english["errors"], french["errors"], strict=True):
        assert in_english["reason"] == in_english["reason_en"] == in_french["reason_en"]
        assert in_french["reason"] == in_french["reason_fr"] == in_english["reason_fr"]
        assert in_french["reason_fr"] != in_french["reason_en"], in_french
    reasons_fr = [e["reason_fr"] for e in french["errors"]]
    assert "prescrite" in reasons_fr[0] or "prescription" in reasons_fr[0], reasons_fr[0]
    assert "déjà confiée" in reasons_fr[1]
    assert "caractère de contrôle ou de direction" in reasons_fr[2]
    assert reasons_fr[3], reasons_fr


def test_the_error_report_downloads_as_csv_with_nosniff_and_both_languages(api):
    import_id = submit(api, samples.french_csv(refused_rows(), encoding="utf-8"), "refus.csv")
    response = api.client.get(f"/api/v1/imports/{import_id}/errors.csv", headers=api.creditor)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"] == f'attachment; filename="import-{import_id}-errors.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "ligne / line;colonne / column;motif;reason"
    errors = report(api, import_id)["errors"]
    assert [line.split(";")[0] for line in lines[1:]] == [str(e["line"]) for e in errors]
    assert "déjà confiée" in lines[2] and "already placed" in lines[2]


def test_a_bank_statements_name_keeps_its_base_name_only(api, camt053):
    statement = camt053.build([camt053.entry("10.00", reference="BNK-NAME", debtor_name="Inconnu")])
    response = api.client.post(
        "/api/v1/intake/bank-statements",
        files={"file": ("../../../tmp/releve-mars.xml", io.BytesIO(statement))},
        headers=api.agent,
    )
    assert response.status_code == 201, response.text
    assert response.json()["filename"] == "releve-mars.xml"


def test_a_debtor_named_on_many_lines_is_judged_on_each_and_a_refused_one_with_every_other_problem(api):
    good = samples.good_rows()[0]
    bad_name = "Dupont \u202eLRAS"
    rows = [
        {**good, "number": "G-1"},
        {**good, "number": "G-2"},  # the same debtor again: accepted again
        {**good, "number": "B-\u202e1", "name": bad_name},  # the debtor and the invoice number both refused
        {**good, "number": "B-2", "name": bad_name},  # the same refused debtor: refused again
        {**good, "number": "G-3"},
    ]
    read = report(api, submit(api, samples.french_csv(rows, encoding="utf-8"), "repeat.csv"))
    assert (read["accepted"], read["rejected"]) == (3, 2)
    columns = {(e["line"], e["column"]) for e in read["errors"]}
    assert len(read["errors"]) == 3, read["errors"]
    assert {line for line, _ in columns} == {4, 5}
    assert len([c for line, c in columns if line == 4]) == 2  # the name and the number, on one line
