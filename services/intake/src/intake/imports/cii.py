"""A Factur-X / ZUGFeRD 2 invoice (UN/CEFACT Cross Industry Invoice XML, EN 16931) as one case row.

The buyer is the debtor; the case reference is the invoice number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from lxml import etree

from .amounts import parse_amount
from .dates import parse_date
from .problems import Unreadable
from .rows import CaseRow, DebtorRow, InvoiceRow, RowError, UnsupportedFile
from intake.domain.currencies import is_active_currency

T = TypeVar("T")
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
# Without a due date in the payment terms, payment is due 30 days after the invoice date
# (L441-10 I C. com., the default between businesses).
DEFAULT_PAYMENT_TERMS = timedelta(days=30)
_LINE = 1  # one upload, one invoice
_SETTLEMENT = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
_TOTALS = f"{_SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
_TERMS = f"{_SETTLEMENT}/ram:SpecifiedTradePaymentTerms"
_BUYER = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty"
_SIREN_SCHEME, _SIRET_SCHEME = "0002", "0009"  # ISO 6523 codes of the French company registries
# No entities, no network: the XML comes from an untrusted upload.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def case_from_cii(xml: bytes) -> CaseRow | list[RowError]:
    root = _root(xml)
    read = _Reader(root)
    number = read.text("rsm:ExchangedDocument/ram:ID")
    currency = read.text(f"{_SETTLEMENT}/ram:InvoiceCurrencyCode") or "EUR"
    issue_date = read.value("IssueDateTime", lambda: read.date("rsm:ExchangedDocument/ram:IssueDateTime"))
    due_dates = read.value("DueDateDateTime", lambda: read.dates(f"{_TERMS}/ram:DueDateDateTime"))
    amount = read.value("GrandTotalAmount", lambda: read.amount("GrandTotalAmount", currency, required=True))
    outstanding = read.value("DuePayableAmount", lambda: read.amount("DuePayableAmount", currency))
    vat = read.value("TaxTotalAmount", lambda: read.amount("TaxTotalAmount", currency))
    name = read.text(f"{_BUYER}/ram:Name")
    if not number:
        read.problem("ID", Unreadable("the invoice number is empty", "le numéro de facture est vide"))
    if not name:
        read.problem("BuyerTradeParty", Unreadable("the buyer has no name", "l'acheteur n'a pas de nom"))
    if not is_active_currency(currency):
        read.problem(
            "InvoiceCurrencyCode",
            Unreadable(
                f"{currency!r} is not an ISO 4217 currency code", f"« {currency} » n'est pas un code devise ISO 4217"
            ),
        )
    if read.errors or not (number and name and issue_date and amount is not None):
        return read.errors
    invoice = InvoiceRow(
        number=number,
        issue_date=issue_date,
        due_date=min(due_dates) if due_dates else issue_date + DEFAULT_PAYMENT_TERMS,
        amount=amount,
        vat=vat,
        currency=currency,
        outstanding=outstanding,
    )
    return CaseRow(line=_LINE, reference=number, kind="b2b", debtor=_buyer(read, name), invoices=(invoice,))


def _root(xml: bytes) -> etree._Element:
    try:
        root = etree.fromstring(xml, parser=_PARSER)
    except etree.XMLSyntaxError as problem:
        raise UnsupportedFile(
            f"the invoice XML embedded in this PDF is not well-formed ({problem})",
            f"le XML de facture contenu dans ce PDF n'est pas bien formé ({problem})",
        ) from problem
    if etree.QName(root).localname != "CrossIndustryInvoice":
        raise UnsupportedFile(
            "only Factur-X and ZUGFeRD 2 invoices (CII XML) are read, not ZUGFeRD 1 or UBL",
            "seules les factures Factur-X et ZUGFeRD 2 (XML CII) sont lues, pas ZUGFeRD 1 ni UBL",
        )
    return root


def _buyer(read: _Reader, name: str) -> DebtorRow:
    legal_ids = {
        node.get("schemeID"): (node.text or "").strip()
        for node in read.nodes(f"{_BUYER}/ram:SpecifiedLegalOrganization/ram:ID")
    }
    address = {
        key: text
        for key, path in (
            ("line1", "LineOne"),
            ("line2", "LineTwo"),
            ("postal_code", "PostcodeCode"),
            ("city", "CityName"),
            ("country", "CountryID"),
        )
        if (text := read.text(f"{_BUYER}/ram:PostalTradeAddress/ram:{path}"))
    }
    if address:
        address.setdefault("country", "FR")
    return DebtorRow(
        type="company",
        name=name,
        siren=legal_ids.get(_SIREN_SCHEME) or None,
        siret=legal_ids.get(_SIRET_SCHEME) or None,
        vat_number=read.text(f"{_BUYER}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']"),
        email=read.text(f"{_BUYER}/ram:URIUniversalCommunication/ram:URIID[@schemeID='EM']"),
        phone=read.text(f"{_BUYER}/ram:DefinedTradeContact/ram:TelephoneUniversalCommunication/ram:CompleteNumber"),
        address=address or None,
    )


class _Reader:
    """Reads the invoice's fields, collecting the problems instead of stopping at the first."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.errors: list[RowError] = []

    def nodes(self, path: str) -> list[etree._Element]:
        return list(self.root.iterfind(path, NS))

    def text(self, path: str) -> str | None:
        node = self.root.find(path, NS)
        return (node.text or "").strip() or None if node is not None else None

    def value(self, column: str, read: Callable[[], T]) -> T | None:
        try:
            return read()
        except Unreadable as problem:
            self.problem(column, problem)
            return None

    def problem(self, column: str, problem: Unreadable) -> None:
        self.errors.append(problem.at(_LINE, column))

    def dates(self, path: str) -> list[date]:
        days = []
        for node in self.nodes(f"{path}/udt:DateTimeString"):
            # Format 102 is CCYYMMDD, the only one EN 16931 allows for these dates.
            if node.get("format", "102") != "102":
                raise Unreadable(
                    f"date format {node.get('format')} is not 102 (CCYYMMDD)",
                    f"le format de date {node.get('format')} n'est pas 102 (AAAAMMJJ)",
                )
            days.append(parse_date(node.text or ""))
        return days

    # Declared after `dates`, whose annotation means the class: from here on `date` names this method.
    def date(self, path: str) -> date:
        found = self.dates(path)
        if not found:
            raise Unreadable("the invoice date is missing", "la date de facture manque")
        return found[0]

    def amount(self, total: str, currency: str, required: bool = False) -> Decimal | None:
        """One of the invoice totals (BG-22); None when an optional one is absent."""
        nodes = self.nodes(f"{_TOTALS}/ram:{total}")
        if not nodes:
            if not required:
                return None
            raise Unreadable("the invoice total is missing", "le total de la facture manque")
        # The VAT total may be given twice: in the invoice currency and in the accounting currency.
        node = next((node for node in nodes if node.get("currencyID") in (None, currency)), nodes[0])
        return parse_amount(node.text or "", ".")
