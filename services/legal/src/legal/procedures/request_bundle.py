"""The request with its exhibits attached (art. 1407 CPC: the request is filed with the documents that found the
claim): after the request's own pages, each exhibit on file in intake follows behind a separator page naming it
("Pièce n° 3"). A PDF's pages are appended as they are; a PNG or JPEG image is printed on its separator page;
any other type (a Word document, a spreadsheet, a TIFF scan), or a PDF that cannot be read, stays listed only,
the separator saying it is handed over separately. No I/O: the contents are the caller's reads."""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import Environment
from pypdf import PdfReader, PdfWriter

# WeasyPrint ships neither types nor stubs: its calls are checked at our boundary, by the request-file tests.
from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # weasyprint ships no type hints
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]  # weasyprint ships no type hints

from legal.domain.exhibits import Exhibit

log = logging.getLogger(__name__)

PDF = "application/pdf"
IMAGES = frozenset({"image/png", "image/jpeg"})
ATTACHABLE = IMAGES | {PDF}

_SEPARATORS = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Pièces</title></head><body>
{% for sheet in sheets %}<section>
  <p class="reference">Dossier {{ reference }}</p>
  <h1>Pièce n° {{ sheet.exhibit.number }}</h1>
  <p class="label">{{ sheet.exhibit.label_fr }}</p>
  {% if sheet.image %}<img src="{{ sheet.image }}" alt="Pièce n° {{ sheet.exhibit.number }}">
  {% elif sheet.pdf %}<p class="note">Reproduite en {{ sheet.pages }} page{{ "s" if sheet.pages > 1 }} ci-après.</p>
  {% else %}<p class="note">Pièce communiquée séparément (format non reproductible dans la présente requête).</p>
  {% endif %}
</section>{% endfor %}
</body></html>
"""
_LAYOUT = """
@page { size: A4; margin: 18mm 18mm 22mm 20mm; }
html { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #1d2330; }
section { page-break-after: always; }
section:last-child { page-break-after: auto; }
.reference { font-size: 8.5pt; color: #5a6272; margin: 0 0 30mm 0; }
h1 { font-size: 22pt; color: #12325b; margin: 0 0 4mm 0; }
.label { font-size: 11pt; margin: 0 0 6mm 0; }
.note { color: #3a4150; }
img { display: block; max-width: 100%; max-height: 175mm; object-fit: contain; }
"""


@dataclass(frozen=True)
class Sheet:
    exhibit: Exhibit
    pdf: PdfReader | None
    image: str | None  # a data: URL

    @property
    def pages(self) -> int:
        return len(self.pdf.pages) if self.pdf is not None else 0


@dataclass(frozen=True)
class Bundle:
    pdf: bytes
    attached: frozenset[int]
    """the numbers of the exhibits whose document follows the request"""


def _readable_pdf(content: bytes, exhibit: Exhibit) -> PdfReader | None:
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted or not reader.pages:
            return None
        PdfWriter().append(reader)  # a trial copy: a file that reads but cannot be copied is caught here
        return reader
    # pypdf raises many kinds on a damaged file (its own, and KeyError, AttributeError... deep in a broken object
    # tree): whatever it is, the exhibit is listed, never fatal to the request
    except Exception as exc:
        log.info("exhibit %s (%s) is not a readable PDF: %r", exhibit.number, exhibit.label_en, exc)
        return None


def _sheet(exhibit: Exhibit, contents: Mapping[str, bytes]) -> Sheet | None:
    document = exhibit.document
    if document is None or document.document_id is None:
        return None
    content = contents.get(document.document_id)
    if content is not None and document.media_type == PDF:
        return Sheet(exhibit, _readable_pdf(content, exhibit), None)
    if content is not None and document.media_type in IMAGES:
        encoded = base64.b64encode(content).decode("ascii")
        return Sheet(exhibit, None, f"data:{document.media_type};base64,{encoded}")
    return Sheet(exhibit, None, None)


def attachable(exhibits: tuple[Exhibit, ...], contents: Mapping[str, bytes]) -> frozenset[int]:
    """The numbers of the exhibits `bundle` will attach (the bordereau says so beside each)."""
    sheets = (_sheet(e, contents) for e in exhibits)
    return frozenset(s.exhibit.number for s in sheets if s is not None and (s.pdf is not None or s.image is not None))


def bundle(request: bytes, exhibits: tuple[Exhibit, ...], contents: Mapping[str, bytes], *, reference: str) -> Bundle:
    """The request followed by its exhibits on file. `contents` maps an intake document id to its bytes; a document
    missing from it is listed only."""
    sheets = [sheet for sheet in (_sheet(e, contents) for e in exhibits) if sheet is not None]
    if not sheets:
        return Bundle(pdf=request, attached=frozenset())
    html = Environment(autoescape=True).from_string(_SEPARATORS).render(sheets=sheets, reference=reference)
    rendered = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",))).write_pdf(
        stylesheets=[CSS(string=_LAYOUT)]
    )
    separators = PdfReader(io.BytesIO(rendered))
    if len(separators.pages) != len(sheets):  # an image too tall would spill over: keep the request alone
        log.warning("separator pages of %s: %s for %s exhibits", reference, len(separators.pages), len(sheets))
        return Bundle(pdf=request, attached=frozenset())
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(request)))
    attached = set()
    for sheet, separator in zip(sheets, separators.pages, strict=True):
        writer.add_page(separator)
        if sheet.pdf is not None:
            writer.append(sheet.pdf)
        if sheet.pdf is not None or sheet.image is not None:
            attached.add(sheet.exhibit.number)
    out = io.BytesIO()
    writer.write(out)
    return Bundle(pdf=out.getvalue(), attached=frozenset(attached))
