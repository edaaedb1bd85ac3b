"""The debtors' subrogation notices of an assignment batch as one PDF, a letter per debtor starting on its own page
(WeasyPrint): A4, the creditor's letterhead, the debtor's address where a DL window envelope shows it, the invoices
now payable to the factor and how to pay it (the IBAN in groups of four).

What each letter says (docs/rules.md §8): the factor paid the creditor and is subrogated in its rights against the
debtor, at the creditor's initiative and with its express consent, given with the payment (subrogation
conventionnelle, art. 1346-1 C. civ.); from this notice, only a payment to the factor discharges the debtor; the
subrogation does not novate the debt, so the debtor keeps the defences it had against the creditor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from stdnum import iban as iban_number

# WeasyPrint ships neither types nor stubs: its calls are checked at our boundary, by the notice tests.
from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # weasyprint ships no type hints
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]  # weasyprint ships no type hints

from shared.i18n import Language

from legal.insurance.notice_texts import TEXTS, amount_text, date_text

# The same page as dunning's letters: the address block where a DL envelope's window (100 x 45 mm, 20 mm from the
# right, 15 mm from the bottom) shows it on an A4 folded in three; positions count from the content box.
_TOP, _RIGHT, _BOTTOM, _LEFT = 15, 18, 22, 20
_LAYOUT = f"""
@page {{ size: A4; margin: {_TOP}mm {_RIGHT}mm {_BOTTOM}mm {_LEFT}mm; }}
html {{ font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1d2330; }}
body {{ margin: 0; }}
section.letter {{ position: relative; page-break-after: always; }}
section.letter:last-child {{ page-break-after: auto; }}
.sender {{ position: absolute; top: 0; left: 0; width: 80mm; font-size: 8.5pt; }}
.sender p {{ margin: 0; }}
.sender .name {{ font-size: 14pt; font-weight: bold; color: #12325b; margin-bottom: 1mm; }}
.recipient {{ position: absolute; top: {52 - _TOP}mm; left: {105 - _LEFT}mm; width: 85mm; height: 38mm;
  font-size: 10.5pt; line-height: 1.35; }}
.recipient p {{ margin: 0; }}
main {{ padding-top: {100 - _TOP}mm; }}
.date {{ text-align: right; margin-bottom: 3mm; }}
h1 {{ font-size: 12pt; text-transform: uppercase; letter-spacing: 0.4pt; margin: 2mm 0 4mm 0; color: #12325b; }}
p {{ margin: 0 0 2.5mm 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 3mm 0 4mm 0; }}
th, td {{ border-bottom: 0.3mm solid #d9dde5; padding: 1mm 1.5mm; text-align: left; font-size: 8.5pt; }}
.amount {{ text-align: right; white-space: nowrap; }}
tr.total td {{ border-top: 0.5mm solid #1d2330; font-weight: bold; }}
.pay {{ border-left: 1mm solid #12325b; padding: 1mm 0 1mm 3mm; margin: 3mm 0 4mm 0; }}
.signature {{ margin-top: 8mm; font-weight: bold; }}
.reference {{ font-size: 7.5pt; color: #5a6272; margin-top: 10mm; }}
"""


@dataclass(frozen=True)
class NoticeInvoice:
    number: str
    issue_date: date
    due_date: date
    amount: Decimal


@dataclass(frozen=True)
class NoticeLetter:
    creditor_name: str
    creditor_address: tuple[str, ...]
    creditor_siren: str | None
    debtor_name: str
    debtor_address: tuple[str, ...]
    factor_name: str
    factor_iban: str | None
    contract_number: str
    batch_number: str
    dated: date
    currency: str
    invoices: tuple[NoticeInvoice, ...]


def _lines(values: Sequence[str]) -> str:
    return "".join(f"<p>{escape(value)}</p>" for value in values if value)


def letter_html(letter: NoticeLetter, language: Language) -> str:
    t = TEXTS[language]
    rows = "".join(
        f"<tr><td>{escape(i.number)}</td><td>{date_text(i.issue_date, language)}</td>"
        f"<td>{date_text(i.due_date, language)}</td>"
        f'<td class="amount">{amount_text(i.amount, letter.currency, language)}</td></tr>'
        for i in letter.invoices
    )
    total = sum((i.amount for i in letter.invoices), Decimal("0.00"))
    siren = f"SIREN {letter.creditor_siren}" if letter.creditor_siren else ""
    factor, creditor = escape(letter.factor_name), escape(letter.creditor_name)
    reference = t["reference"].format(batch=escape(letter.batch_number), contract=escape(letter.contract_number))
    iban = t["iban"].format(iban=escape(iban_number.format(letter.factor_iban))) if letter.factor_iban else t["no_iban"]
    return f"""<section class="letter">
<div class="sender"><p class="name">{creditor}</p>{_lines([*letter.creditor_address, siren])}</div>
<div class="recipient"><p><strong>{escape(letter.debtor_name)}</strong></p>{_lines(letter.debtor_address)}</div>
<main>
<p class="date">{t["dated"].format(date=date_text(letter.dated, language))}</p>
<h1>{t["title"]}</h1>
<p>{t["salutation"]}</p>
<p>{t["contract"].format(creditor=creditor, factor=factor, contract=escape(letter.contract_number))}</p>
<p>{t["subrogation"].format(factor=factor)}</p>
<table><thead><tr><th>{t["invoice"]}</th><th>{t["issued"]}</th><th>{t["due"]}</th>
<th class="amount">{t["amount"]}</th></tr></thead>
<tbody>{rows}<tr class="total"><td colspan="3">{t["total"]}</td>
<td class="amount">{amount_text(total, letter.currency, language)}</td></tr></tbody></table>
<div class="pay"><p>{t["discharge"].format(factor=factor)}</p><p>{iban}</p></div>
<p>{t["defences"].format(factor=factor, creditor=creditor)}</p>
<p>{t["closing"]}</p>
<p class="signature">{creditor}</p>
<p class="reference">{reference}</p>
</main>
</section>"""


def notices_html(letters: Sequence[NoticeLetter], language: Language) -> str:
    body = "\n".join(letter_html(letter, language) for letter in letters)
    return f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"></head><body>{body}</body></html>'


def notices_pdf(letters: Sequence[NoticeLetter], language: Language) -> bytes:
    # nothing is fetched but data: URLs (names and addresses come from creditors)
    document = HTML(string=notices_html(letters, language), url_fetcher=URLFetcher(allowed_protocols=("data",)))
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=_LAYOUT)])
    return pdf
