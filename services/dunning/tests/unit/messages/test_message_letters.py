"""Letters as PDF: what the printed page says (read back with pypdf), its size, and what it refuses to fetch."""

from __future__ import annotations

import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pypdf import PdfReader

from dunning.domain.mentions import L111_8_PARAGRAPHS, L111_8_TRANSLATION_EN
from dunning.errors import LetterNeedsHtml
from dunning.rendering.letters import letter_pdf
from dunning.rendering.templates import TemplateOverride, render

A4_POINTS = (595, 842)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("channel", ["registered_letter", "letter"])
def test_a_formal_notice_prints_on_a4_with_the_creditor_and_the_verbatim_l111_8_text(make_context, channel):
    context = make_context("formal-notice", kind="b2c", channel=channel)
    pdf = letter_pdf(context, render(context))
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert all((round(page.mediabox.width), round(page.mediabox.height)) == A4_POINTS for page in reader.pages)
    text = pdf_text(pdf)
    assert "Boulangerie Martin SARL" in text
    assert all(paragraph in text for paragraph in L111_8_PARAGRAPHS)
    assert "MISE EN DEMEURE" in text
    assert "Jean Dupont" in text and "33000 Bordeaux" in text
    assert "Le 12 mars 2026" in text and "MSG-7Q2K9X" in text and "réf. MSG-1A2B3C du 20 février 2026" in text
    assert f"Page 1 sur {len(reader.pages)}" in text
    assert ("recommandée" in text.lower()) == (channel == "registered_letter")


def test_an_english_letter_still_quotes_the_french_text_and_adds_the_translation(make_context):
    context = make_context("letter-reminder", language="en", first=True)
    text = pdf_text(letter_pdf(context, render(context)))
    assert all(paragraph in text for paragraph in L111_8_PARAGRAPHS)
    assert all(paragraph in text for paragraph in L111_8_TRANSLATION_EN)
    assert "Page 1 of" in text and "Boulangerie Martin SARL" in text


def test_a_letter_fetches_nothing_its_html_points_to(make_context):
    requests: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        html = (
            f'<link rel="stylesheet" href="{url}/style.css"><img src="{url}/logo.png">'
            '<img src="file:///etc/passwd"><p>{{ creditor.name }}</p>'
        )
        context = make_context("letter-reminder")
        pdf = letter_pdf(context, render(context, override=TemplateOverride(html=html)))
    finally:
        server.shutdown()
        server.server_close()
    assert pdf.startswith(b"%PDF") and "Boulangerie Martin SARL" in pdf_text(pdf)
    assert requests == []


def test_a_template_without_html_cannot_go_out_as_a_letter(make_context):
    context = make_context("sms-reminder")
    with pytest.raises(LetterNeedsHtml) as refused:
        letter_pdf(context, render(context))
    assert refused.value.status_code == 422
