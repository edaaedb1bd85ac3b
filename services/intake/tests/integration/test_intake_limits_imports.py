"""An import whose file expands beyond the limits is refused at once (422, before it is stored or queued),
saying why in French then English, and stores nothing (the hostile files are built in
tests/unit/imports/test_import_limits.py's way)."""

from __future__ import annotations

import io
import time
import zipfile

from workbench import samples


def empty_rows_workbook(count: int) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(samples.xlsx(samples.good_rows())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, tail = data.replace(b'<dimension ref="A1:U5"/>', b"").partition(b"</sheetData>")
                data = head + b"<row/>" * count + b"</sheetData>" + tail
            target.writestr(info.filename, data)
    return out.getvalue()


def test_an_import_of_two_million_empty_rows_is_refused_at_once_with_a_bilingual_reason(api):
    content = empty_rows_workbook(2_000_000)
    started = time.process_time()
    response = api.client.post(
        "/api/v1/imports", files={"file": ("bombe.xlsx", io.BytesIO(content))}, headers=api.creditor
    )
    assert time.process_time() - started < 5.0
    assert response.status_code == 422, response.text
    refusal = response.json()
    assert refusal["detail_fr"].startswith("fichier : bombe.xlsx: une feuille de ce classeur a plus de 100")
    assert "a sheet of this workbook has more than 100,000 rows" in refusal["detail_en"]
    assert api.client.get("/api/v1/cases", headers=api.creditor).json()["total"] == 0
