"""A letter as PDF, from the rendered HTML: A4, the agency's letterhead, the debtor's address where a French
window envelope (DL, window on the right) shows it, the date and references, every page numbered and footed with
the message's reference.

The page layout lives here, not in the template, so that a creditor's own HTML still prints as a letter."""

from __future__ import annotations

from functools import cache

# WeasyPrint ships neither types nor stubs: its calls are checked at our boundary, by the letter tests.
from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # weasyprint ships no type hints
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]  # weasyprint ships no type hints

from dunning.domain.context import MessageContext, Rendered
from dunning.errors import LetterNeedsHtml

# Page margins, and the address block placed for a DL envelope (220 x 110 mm) whose 100 x 45 mm window stands
# 20 mm from the right edge and 15 mm from the bottom: on an A4 folded in three it shows from about 100 to 195 mm
# across and 50 to 95 mm down. Absolute positions count from the page's content box, hence the margins subtracted.
_TOP, _RIGHT, _BOTTOM, _LEFT = 15, 18, 22, 20
_WINDOW_TOP, _WINDOW_LEFT, _WINDOW_WIDTH, _WINDOW_HEIGHT = 52, 105, 85, 38
_TEXT_STARTS = 100  # below the window, whatever the letterhead's length
# The tables are laid out with fixed column widths: WeasyPrint's automatic table layout measured every cell's
# content first, a fifth of a letter's rendering time (py-spy, during a pass of 3,000 letters).

_LAYOUT = f"""
@page {{ size: A4; margin: {_TOP}mm {_RIGHT}mm {_BOTTOM}mm {_LEFT}mm; }}
html {{ font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1d2330; }}
body {{ margin: 0; overflow-wrap: anywhere; }}  /* a self-service link is one long word */
p {{ margin: 0 0 2.5mm 0; }}
.letterhead {{ position: absolute; top: 0; left: 0; width: 80mm; font-size: 8.5pt; color: #3a4150; }}
.letterhead p {{ margin: 0; }}
.letterhead .agency-name {{ font-size: 15pt; font-weight: bold; color: #12325b; margin-bottom: 1mm; }}
.letterhead .agency-activity {{ font-style: italic; margin-bottom: 1.5mm; }}
.recipient {{
  position: absolute; top: {_WINDOW_TOP - _TOP}mm; left: {_WINDOW_LEFT - _LEFT}mm;
  width: {_WINDOW_WIDTH}mm; height: {_WINDOW_HEIGHT}mm; font-style: normal; font-size: 10.5pt; line-height: 1.35;
}}
.postal-mode {{
  position: absolute; top: {_WINDOW_TOP - _TOP - 9}mm; left: {_WINDOW_LEFT - _LEFT}mm; width: {_WINDOW_WIDTH}mm;
  font-size: 7.5pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.2pt;
}}
main {{ padding-top: {_TEXT_STARTS - _TOP}mm; }}
.date {{ text-align: right; margin-bottom: 3mm; }}
table.references {{
  border-collapse: collapse; font-size: 8.5pt; margin-bottom: 2mm; table-layout: fixed; width: 130mm;
}}
table.references th {{ text-align: left; font-weight: normal; color: #5a6272; padding: 0 4mm 0 0; width: 48mm; }}
table.references td {{ padding: 0; }}
.rf, .on-behalf {{ font-size: 8.5pt; margin-bottom: 1mm; }}
h1 {{ font-size: 13pt; text-transform: uppercase; letter-spacing: 0.5pt; margin: 6mm 0 3mm 0; color: #12325b; }}
.object {{ font-weight: bold; }}
table.statement {{
  border-collapse: collapse; width: 100%; margin: 3mm 0 4mm 0; page-break-inside: avoid; table-layout: fixed;
}}
table.statement caption {{ text-align: left; font-weight: bold; padding-bottom: 1mm; }}
table.statement td, table.statement th {{ border-bottom: 0.3mm solid #d9dde5; padding: 1mm 1.5mm; text-align: left; }}
table.statement .invoices td {{ color: #3a4150; font-size: 8.5pt; }}
.amount {{ text-align: right !important; white-space: nowrap; }}
table.statement .amount {{ width: 36mm; }}
.basis {{ color: #5a6272; font-size: 8pt; }}
tr.balance th {{ border-top: 0.5mm solid #1d2330; border-bottom: none; }}
.payment {{ border-left: 1mm solid #12325b; padding: 1mm 0 1mm 3mm; margin: 3mm 0 4mm 0; page-break-inside: avoid; }}
.payment p {{ margin-bottom: 1mm; }}
.payment .access strong {{ font-family: "DejaVu Sans Mono", monospace; font-size: 11pt; letter-spacing: 0.5pt; }}
.demand {{ margin: 3mm 0; }}
.signature {{ margin-top: 6mm; font-weight: bold; }}
.legal {{ margin-top: 8mm; border-top: 0.3mm solid #d9dde5; padding-top: 2mm; font-size: 7.5pt; color: #3a4150; }}
.legal h2 {{ font-size: 8.5pt; margin: 0 0 1.5mm 0; }}
.legal h3 {{ font-size: 8pt; margin: 2.5mm 0 1mm 0; }}
.legal p {{ margin-bottom: 1.2mm; }}
.legal blockquote {{ margin: 0 0 2mm 4mm; }}
a {{ color: inherit; text-decoration: none; }}
"""

_PAGE = {"fr": ("Page ", " sur "), "en": ("Page ", " of ")}


def letter_pdf(context: MessageContext, rendered: Rendered) -> bytes:
    if rendered.html is None:
        raise LetterNeedsHtml(context.template)
    # A creditor's HTML may name any URL: nothing is fetched but data: URLs (no file, no network).
    document = HTML(string=rendered.html, url_fetcher=URLFetcher(allowed_protocols=("data",)))
    pdf: bytes = document.write_pdf(stylesheets=[_layout(), CSS(string=_footer(context))])
    return pdf


@cache
def _layout() -> CSS:
    """The page layout, parsed once (5 ms a letter otherwise); a stylesheet is only read while a document renders."""
    return CSS(string=_LAYOUT)


def _footer(context: MessageContext) -> str:
    before, between = _PAGE["fr" if context.language == "fr" else "en"]
    reference = "Réf. " if context.language == "fr" else "Ref. "
    left = f"{context.agency.name} · {reference}{context.message_reference}"
    return f"""
@page {{
  @bottom-left {{ content: {_css_string(left)}; font-size: 7.5pt; color: #5a6272; }}
  @bottom-right {{
    content: {_css_string(before)} counter(page) {_css_string(between)} counter(pages);
    font-size: 7.5pt; color: #5a6272;
  }}
}}
"""


def _css_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")
    return f'"{escaped}"'
