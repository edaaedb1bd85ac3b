"""The request with its exhibits attached: each document on file follows the request behind a separator page naming
its number; a PDF's pages as they are, an image printed, anything else (or a damaged PDF) listed only."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from .test_request_file import CASE, CREDITOR, STATEMENT
from legal.domain.courts import ProcedureKind
from legal.procedures.request_bundle import attachable, bundle
from legal.procedures.request_facts import request_facts
from legal.procedures.request_pdf import request_pdf


def a_pdf(text: str, pages: int = 1) -> bytes:
    body = "".join(f'<p style="page-break-after: always">{text} page {n}</p>' for n in range(1, pages + 1))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def a_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


DOCUMENTS = [
    {
        "id": "d-contract",
        "kind": "contract",
        "filename": "contrat.pdf",
        "media_type": "application/pdf",
        "uploaded_at": "2026-09-01T10:00:00+00:00",
    },
    {
        "id": "d-invoice",
        "kind": "invoice",
        "filename": "factures.pdf",
        "media_type": "application/pdf",
        "uploaded_at": "2026-09-01T11:00:00+00:00",
    },
    {
        "id": "d-delivery",
        "kind": "delivery_proof",
        "filename": "bl.png",
        "media_type": "image/png",
        "uploaded_at": "2026-09-02T10:00:00+00:00",
    },
    {
        "id": "d-mail",
        "kind": "correspondence",
        "filename": "relance.docx",
        "media_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "uploaded_at": "2026-09-03T10:00:00+00:00",
    },
]
CONTENTS = {
    "d-contract": a_pdf("CONTRAT CADRE"),
    "d-invoice": a_pdf("FACTURE F-001", pages=2),
    "d-delivery": a_png(),
    "d-mail": b"PK\x03\x04 not attachable",
}


def drawn(contents: dict[str, bytes]):
    facts = request_facts(
        kind=ProcedureKind.PAYMENT_ORDER,
        case=CASE,
        statement=STATEMENT,
        documents=DOCUMENTS,
        creditor=CREDITOR,
        agency_name="Recouvra Agence",
        agency_address="10 rue de la Bourse|75002 Paris",
    )
    return dataclasses.replace(facts, contents=contents)


def test_each_document_follows_the_request_behind_its_numbered_separator():
    facts = drawn(CONTENTS)
    request = request_pdf(facts)
    made = bundle(request, facts.bordereau.exhibits, facts.contents, reference=facts.reference)
    numbers = {e.document.document_id: e.number for e in facts.bordereau.exhibits if e.document}
    assert made.attached == {numbers["d-contract"], numbers["d-invoice"], numbers["d-delivery"]}

    request_pages = len(PdfReader(io.BytesIO(request)).pages)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(made.pdf)).pages]
    # contract: separator + 1 page; delivery proof: separator with its image; invoice: separator + 2 pages;
    # correspondence: separator only
    assert len(pages) == request_pages + 2 + 1 + 3 + 1
    after = pages[request_pages:]
    assert f"Pièce n° {numbers['d-contract']}" in after[0] and "CONTRAT CADRE" in after[1]
    assert f"Pièce n° {numbers['d-delivery']}" in after[2]
    assert f"Pièce n° {numbers['d-invoice']}" in after[3] and "2 pages ci-après" in after[3]
    assert "FACTURE F-001 page 1" in after[4] and "FACTURE F-001 page 2" in after[5]
    assert f"Pièce n° {numbers['d-mail']}" in after[6] and "communiquée séparément" in after[6]


def test_the_bordereau_says_beside_each_document_whether_it_follows_or_is_handed_over_separately():
    facts = drawn(CONTENTS)
    attached = attachable(facts.bordereau.exhibits, facts.contents)
    made = bundle(request_pdf(facts, attached), facts.bordereau.exhibits, facts.contents, reference=facts.reference)
    assert made.attached == attached
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(made.pdf)).pages).split())
    assert "Contrat (contrat.pdf), au dossier depuis le 01/09/2026 — jointe ci-après" in text
    assert "Correspondance (relance.docx), au dossier depuis le 03/09/2026 — communiquée séparément" in text
    assert "Décompte des sommes dues au 01/12/2026 —" not in text, "generated exhibits are not documents on file"
    plain = " ".join(PdfReader(io.BytesIO(request_pdf(facts))).pages[-1].extract_text().split())
    assert "jointe" not in plain and "séparément" not in plain, "without the contents, the bordereau does not say"


def test_a_damaged_pdf_is_listed_not_attached_and_never_breaks_the_request():
    facts = drawn({"d-contract": b"%PDF-1.7 truncated garbage"})
    made = bundle(request_pdf(facts), facts.bordereau.exhibits, facts.contents, reference=facts.reference)
    assert made.attached == frozenset()
    texts = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(made.pdf)).pages)
    assert texts.count("communiquée séparément") == 4  # the three not served, the damaged one


def test_no_document_on_file_leaves_the_request_as_it_is():
    facts = dataclasses.replace(drawn({}), bordereau=dataclasses.replace(drawn({}).bordereau, exhibits=()))
    request = request_pdf(facts)
    assert bundle(request, (), {}, reference=facts.reference).pdf == request


@pytest.mark.skipif(not os.environ.get("RECOUVRA_KEEP_PNG"), reason="looking at the pages is a person's check")
def test_render_the_bundle_as_png(tmp_path: Path):
    """RECOUVRA_KEEP_PNG=/some/dir: the bundle's pages as PNG there, to look at."""
    facts = drawn(CONTENTS)
    attached = attachable(facts.bordereau.exhibits, facts.contents)
    made = bundle(request_pdf(facts, attached), facts.bordereau.exhibits, facts.contents, reference=facts.reference)
    target = Path(os.environ["RECOUVRA_KEEP_PNG"])
    (target / "bundle.pdf").write_bytes(made.pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(target / "bundle.pdf"), str(target / "page")], check=True)
