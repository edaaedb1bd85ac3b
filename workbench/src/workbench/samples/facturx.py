"""Sample Factur-X PDF: a one-page invoice drawn with reportlab and its CII XML (EN 16931 profile) embedded."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class SampleInvoice:
    number: str = "FA-2025-0042"
    issue_date: date = date(2025, 3, 1)
    due_date: date | None = date(2025, 3, 31)  # None: the XML has no due date
    net: Decimal = Decimal("1000.00")
    vat: Decimal = Decimal("200.00")
    paid: Decimal = Decimal("0.00")
    currency: str = "EUR"
    buyer: dict[str, str] = field(
        default_factory=lambda: {
            "name": "Béton & Fils SAS",
            "siren": "732829320",
            "vat_number": "FR44732829320",
            "email": "compta@beton-fils.example",
            "line1": "8 avenue Foch",
            "postal_code": "69006",
            "city": "Lyon",
            "country": "FR",
        }
    )

    @property
    def total(self) -> Decimal:
        return self.net + self.vat


def cii_xml(invoice: SampleInvoice | None = None) -> bytes:
    """A Cross Industry Invoice valid against the Factur-X EN 16931 schema."""
    invoice = invoice or SampleInvoice()
    buyer = {key: escape(value) for key, value in invoice.buyer.items()}
    seller = {
        "name": "Recouvra Demo Créancier SA",
        "siren": "404833048",
        "vat_number": "FR83404833048",
        "line1": "1 rue Royale",
        "postal_code": "75008",
        "city": "Paris",
        "country": "FR",
    }
    due = (
        "<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime>"
        f"{_day(invoice.due_date)}</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>"
        if invoice.due_date
        else ""
    )
    net, vat, total = invoice.net, invoice.vat, invoice.total
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
 xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100">
 <rsm:ExchangedDocumentContext>
  <ram:GuidelineSpecifiedDocumentContextParameter>
   <ram:ID>urn:cen.eu:en16931:2017</ram:ID>
  </ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument>
  <ram:ID>{escape(invoice.number)}</ram:ID>
  <ram:TypeCode>380</ram:TypeCode>
  <ram:IssueDateTime>{_day(invoice.issue_date)}</ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:Name>Prestation de service</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement>
    <ram:NetPriceProductTradePrice><ram:ChargeAmount>{net}</ram:ChargeAmount></ram:NetPriceProductTradePrice>
   </ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery>
    <ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>
   </ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement>
    <ram:ApplicableTradeTax>
     <ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>
     <ram:RateApplicablePercent>20</ram:RateApplicablePercent>
    </ram:ApplicableTradeTax>
    <ram:SpecifiedTradeSettlementLineMonetarySummation>
     <ram:LineTotalAmount>{net}</ram:LineTotalAmount>
    </ram:SpecifiedTradeSettlementLineMonetarySummation>
   </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty>{_party(seller)}</ram:SellerTradeParty>
   <ram:BuyerTradeParty>{_party(buyer)}</ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>{escape(invoice.currency)}</ram:InvoiceCurrencyCode>
   <ram:ApplicableTradeTax>
    <ram:CalculatedAmount>{vat}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
    <ram:BasisAmount>{net}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>
    <ram:RateApplicablePercent>20</ram:RateApplicablePercent>
   </ram:ApplicableTradeTax>
   {due}
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>{net}</ram:LineTotalAmount>
    <ram:TaxBasisTotalAmount>{net}</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID={quoteattr(invoice.currency)}>{vat}</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>{total}</ram:GrandTotalAmount>
    <ram:TotalPrepaidAmount>{invoice.paid}</ram:TotalPrepaidAmount>
    <ram:DuePayableAmount>{total - invoice.paid}</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
""".encode()


def _day(day: date) -> str:
    return f'<udt:DateTimeString format="102">{day:%Y%m%d}</udt:DateTimeString>'


def _party(party: dict[str, str]) -> str:
    """A trade party in the element order of the CII schema; values already escaped."""
    return f"""
    <ram:Name>{party["name"]}</ram:Name>
    <ram:SpecifiedLegalOrganization>
     <ram:ID schemeID="0002">{party.get("siren", "")}</ram:ID>
    </ram:SpecifiedLegalOrganization>
    <ram:PostalTradeAddress>
     <ram:PostcodeCode>{party.get("postal_code", "")}</ram:PostcodeCode>
     <ram:LineOne>{party.get("line1", "")}</ram:LineOne>
     <ram:CityName>{party.get("city", "")}</ram:CityName>
     <ram:CountryID>{party.get("country", "FR")}</ram:CountryID>
    </ram:PostalTradeAddress>
    <ram:URIUniversalCommunication>
     <ram:URIID schemeID="EM">{party.get("email", "")}</ram:URIID>
    </ram:URIUniversalCommunication>
    <ram:SpecifiedTaxRegistration>
     <ram:ID schemeID="VA">{party.get("vat_number", "")}</ram:ID>
    </ram:SpecifiedTaxRegistration>
   """


def plain_pdf(lines: tuple[str, ...] = ("Facture FA-2025-0042", "Total TTC : 1 200,00 EUR")) -> bytes:
    """A PDF with text only, as a scanned or printed invoice would be: no invoice data inside."""
    from reportlab.lib.pagesizes import A4  # test tooling: imported only when a sample is made
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for index, text in enumerate(lines):
        canvas.drawString(72, 770 - 20 * index, text)
    canvas.save()
    return out.getvalue()


def facturx_pdf(invoice: SampleInvoice | None = None, *, xml: bytes | None = None) -> bytes:
    """The invoice as a Factur-X PDF; `xml` replaces the generated XML (to embed a broken one)."""
    from facturx import generate_from_binary

    invoice = invoice or SampleInvoice()
    pdf = plain_pdf((f"Facture {invoice.number}", f"Total TTC : {invoice.total} {invoice.currency}"))
    result: bytes = generate_from_binary(pdf, xml or cii_xml(invoice), check_xsd=xml is None)
    return result
