"""The request file carries the case's documents (art. 1407 CPC): legal reads each one's content from intake when it
draws the file up; a PDF on file follows the request behind its numbered separator, a type that cannot be printed
is listed as handed over separately."""

from __future__ import annotations

import io

from pypdf import PdfReader
from weasyprint import HTML

from .conftest import StaticIntake

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class IntakeWithContents(StaticIntake):
    """Also serves the documents' bytes, as `FreshReader.read_bytes` reads them from intake."""

    def __init__(self) -> None:
        super().__init__()
        self.contents: dict[str, bytes] = {}

    def read_bytes(self, path: str) -> bytes | None:
        self.reads.append(path)
        return self.contents.get(path.strip("/").split("/")[5])


def test_the_documents_on_file_follow_the_request_in_its_pdf(legal):
    intake = IntakeWithContents()
    legal.client.app.state.intake_reader = intake
    legal.intake = intake
    case = legal.validate_case()
    intake.documents[case.case_id] = [
        {
            "id": "0b6f3a52-0000-4000-8000-000000000001",
            "kind": "invoice",
            "filename": "F-001.pdf",
            "media_type": "application/pdf",
            "uploaded_at": "2026-09-01T10:00:00+00:00",
        },
        {
            "id": "0b6f3a52-0000-4000-8000-000000000002",
            "kind": "contract",
            "filename": "conditions.docx",
            "media_type": WORD,
            "uploaded_at": "2026-09-01T11:00:00+00:00",
        },
    ]
    intake.contents["0b6f3a52-0000-4000-8000-000000000001"] = HTML(
        string="<p>FACTURE F-001 DUPONT SARL</p>"
    ).write_pdf()
    legal.exhaust(case)

    procedure = legal.approve(case)

    exhibits = {e["label_en"].split(",")[0]: e for e in procedure["request"]["exhibits"]}
    assert exhibits["Invoice (F-001.pdf)"]["attached"] is True
    assert exhibits["Contract (conditions.docx)"]["attached"] is False
    assert not any(path.endswith("0002/content") for path in intake.reads), "a Word file is not fetched"
    pdf = legal.client.get(procedure["request"]["url"], headers=legal.headers())
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages]
    invoice_number = exhibits["Invoice (F-001.pdf)"]["number"]
    separator = next(
        i for i, text in enumerate(pages) if f"Pièce n° {invoice_number} Facture" in text and "Reproduite en" in text
    )
    assert "FACTURE F-001 DUPONT SARL" in pages[separator + 1]
    assert any("conditions.docx" in text and "communiquée séparément" in text for text in pages)


def test_exhibits_past_the_weight_a_request_carries_are_listed_not_fetched(legal, monkeypatch):
    from legal.procedures.service import request_file

    intake = IntakeWithContents()
    legal.client.app.state.intake_reader = intake
    legal.intake = intake
    case = legal.validate_case()
    pdf = HTML(string="<p>PIÈCE</p>").write_pdf()
    monkeypatch.setattr(request_file, "MAX_ATTACHED_BYTES", len(pdf) + 10)
    intake.documents[case.case_id] = [
        {
            "id": f"0b6f3a52-0000-4000-8000-00000000001{n}",
            "kind": kind,
            "filename": f"{kind}.pdf",
            "media_type": "application/pdf",
            "size": len(pdf),
            "uploaded_at": "2026-09-01T10:00:00+00:00",
        }
        for n, kind in enumerate(("contract", "delivery_proof"))
    ]
    intake.contents |= {f"0b6f3a52-0000-4000-8000-00000000001{n}": pdf for n in range(2)}
    legal.exhaust(case)

    procedure = legal.approve(case)

    attached = {e["label_en"].split(" (")[0]: e["attached"] for e in procedure["request"]["exhibits"]}
    assert attached["Contract"] is True and attached["Proof of delivery or performance"] is False
    assert [p for p in intake.reads if p.endswith("/content")] == [
        f"/api/v1/cases/{case.case_id}/documents/0b6f3a52-0000-4000-8000-000000000010/content"
    ]
