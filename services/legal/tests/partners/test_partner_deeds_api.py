"""Deeds a bailiff uploads on its mission: PDF read from the content, size-limited, a safe name; the same file twice is
one deed; the case's creditor and staff download them, served as attachments that a browser never sniffs."""

from __future__ import annotations

import io
import uuid

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(legal, mission_id, partner, content=PDF, name="acte.pdf", kind="service_deed", headers=None):
    return legal.client.post(
        f"/api/v1/partner/missions/{mission_id}/documents",
        data={"kind": kind},
        files={"file": (name, io.BytesIO(content), "application/pdf")},
        headers={**legal.bailiff(partner), **(headers or {})},
    )


def test_a_deed_is_kept_under_a_safe_name_and_the_same_file_twice_is_one_deed(legal):
    creditor, partner = uuid.uuid4(), legal.add_partner()
    mission = legal.assign(legal.intake.add_case(creditor_id=creditor), partner)
    first = upload(legal, mission["id"], partner, name="../../etc/acte\u202e signifié.pdf")
    assert first.status_code == 201, first.text
    deed = first.json()
    assert deed["filename"] == "acte signifié.pdf" and deed["media_type"] == "application/pdf"
    assert deed["size"] == len(PDF)
    again = upload(legal, mission["id"], partner, name="autre-nom.pdf")
    assert again.status_code == 200 and again.json()["id"] == deed["id"]
    read = legal.client.get(f"/api/v1/partner/missions/{mission['id']}", headers=legal.bailiff(partner)).json()
    assert [d["id"] for d in read["documents"]["deeds"]] == [deed["id"]]

    for headers in (legal.headers("creditor", creditor_id=creditor), legal.headers("agent")):
        download = legal.client.get(
            f"/api/v1/legal/missions/{mission['id']}/deeds/{deed['id']}/content", headers=headers
        )
        assert download.status_code == 200
        assert download.content == PDF
        assert download.headers["content-type"] == "application/pdf"
        assert download.headers["x-content-type-options"] == "nosniff"
        assert download.headers["content-disposition"].startswith('attachment; filename="acte sign')
    own = legal.client.get(
        f"/api/v1/partner/missions/{mission['id']}/deeds/{deed['id']}/content", headers=legal.bailiff(partner)
    )
    assert own.status_code == 200 and own.content == PDF
    stranger = legal.headers("creditor", creditor_id=uuid.uuid4())
    url = f"/api/v1/legal/missions/{mission['id']}/deeds/{deed['id']}/content"
    assert legal.client.get(url, headers=stranger).status_code == 404
    other_firm = legal.bailiff(legal.add_partner("Étude Durand"))
    url = f"/api/v1/partner/missions/{mission['id']}/deeds/{deed['id']}/content"
    assert legal.client.get(url, headers=other_firm).status_code == 404


def test_a_file_that_is_not_a_pdf_an_empty_one_a_too_large_one_or_an_unknown_kind_is_refused(legal):
    partner = legal.add_partner()
    mission = legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)
    too_large = PDF + b"0" * legal.settings.deed_max_bytes
    for content, kind in ((PNG, "service_deed"), (b"", "service_deed"), (too_large, "service_deed"), (PDF, "selfie")):
        response = upload(legal, mission["id"], partner, content=content, kind=kind)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == ("kind" if kind == "selfie" else "file")
    assert legal.client.get(f"/api/v1/legal/missions/{mission['id']}", headers=legal.headers()).json()["deeds"] == []


def test_an_upload_retried_with_its_idempotency_key_and_a_new_multipart_boundary_is_answered_as_the_first(legal):
    partner = legal.add_partner()
    mission = legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)
    key = {"Idempotency-Key": "deed-upload-1"}
    first = upload(legal, mission["id"], partner, headers=key)
    second = upload(legal, mission["id"], partner, headers=key)
    assert first.status_code == second.status_code == 201
    assert second.headers.get("idempotent-replayed") == "true"
    assert second.json() == first.json()
