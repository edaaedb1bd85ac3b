"""Reads ISO 20022 camt.053 bank-to-customer statements into the credits paid to the agency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from intake.money.errors import BankStatementUnreadable

_CAMT053 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."
# A bank file is untrusted input: no entity expansion, no network, no DTD.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class BankCredit:
    """One credit as booked by the bank; one per transaction of a batched entry."""

    entry_reference: str
    booking_date: date
    amount: Decimal
    currency: str
    debtor_name: str | None
    creditor_reference: str | None
    remittance_text: str
    end_to_end_id: str | None
    account_iban: str | None


class _Reader:
    """XPath over one document, in the namespace the document declares (.001.02, .001.08, ...)."""

    def __init__(self, namespace: str) -> None:
        self.ns = {"c": namespace}

    def all(self, node: etree._Element, path: str) -> list[etree._Element]:
        found = node.xpath(path, namespaces=self.ns)
        return [item for item in found if isinstance(item, etree._Element)] if isinstance(found, list) else []

    def text(self, node: etree._Element, *paths: str) -> str | None:
        for path in paths:
            found = self.all(node, path)
            if found and found[0].text and found[0].text.strip():
                return str(found[0].text.strip())
        return None


def parse_camt053(document: bytes) -> tuple[BankCredit, ...]:
    """ISO 20022 camt.053: booked credit entries (CdtDbtInd CRDT, status BOOK, not reversals);
    debits, pending entries and reversals are left out. Amounts are read as Decimal."""
    try:
        root = etree.fromstring(document, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise BankStatementUnreadable(f"the bank statement is not well-formed XML: {exc}") from exc
    namespace = etree.QName(root).namespace or ""
    if not namespace.startswith(_CAMT053):
        raise BankStatementUnreadable(f"not a camt.053 statement (namespace '{namespace}')")
    reader = _Reader(namespace)
    credits: list[BankCredit] = []
    for statement in reader.all(root, "c:BkToCstmrStmt/c:Stmt"):
        iban = reader.text(statement, "c:Acct/c:Id/c:IBAN")
        for entry in reader.all(statement, "c:Ntry"):
            if _is_booked_credit(reader, entry):
                credits += _entry_credits(reader, entry, iban)
    return tuple(credits)


def _is_booked_credit(reader: _Reader, entry: etree._Element) -> bool:
    status = reader.text(entry, "c:Sts/c:Cd", "c:Sts")  # a code element from .001.08, plain text before
    reversal = (reader.text(entry, "c:RvslInd") or "false").lower() == "true"
    return reader.text(entry, "c:CdtDbtInd") == "CRDT" and status == "BOOK" and not reversal


def _entry_credits(reader: _Reader, entry: etree._Element, iban: str | None) -> list[BankCredit]:
    reference = reader.text(entry, "c:AcctSvcrRef", "c:NtryRef") or ""
    booked = reader.text(entry, "c:BookgDt/c:Dt", "c:BookgDt/c:DtTm")
    if booked is None:
        raise BankStatementUnreadable(f"entry '{reference}' has no booking date")
    booking_date = date.fromisoformat(booked[:10])
    entry_amount, entry_currency = _amount(reader, entry, "c:Amt", reference)
    details = reader.all(entry, "c:NtryDtls/c:TxDtls")
    if not details:
        return [BankCredit(reference, booking_date, entry_amount, entry_currency, None, None, "", None, iban)]
    credits = []
    for index, tx in enumerate(details):
        amount, currency = entry_amount, entry_currency
        if len(details) > 1 or reader.all(tx, "c:Amt | c:AmtDtls/c:TxAmt/c:Amt"):
            amount, currency = _amount(reader, tx, "c:Amt | c:AmtDtls/c:TxAmt/c:Amt", reference)
        tx_reference = reader.text(tx, "c:Refs/c:AcctSvcrRef") or (
            reference if len(details) == 1 else f"{reference}/{index + 1}"
        )
        credits.append(
            BankCredit(
                entry_reference=tx_reference,
                booking_date=booking_date,
                amount=amount,
                currency=currency,
                debtor_name=reader.text(tx, "c:RltdPties/c:Dbtr/c:Nm", "c:RltdPties/c:Dbtr/c:Pty/c:Nm"),
                creditor_reference=reader.text(tx, "c:RmtInf/c:Strd/c:CdtrRefInf/c:Ref"),
                remittance_text=" ".join(
                    (node.text or "").strip() for node in reader.all(tx, "c:RmtInf/c:Ustrd") if node.text
                ),
                end_to_end_id=reader.text(tx, "c:Refs/c:EndToEndId"),
                account_iban=iban,
            )
        )
    return credits


def _amount(reader: _Reader, node: etree._Element, path: str, reference: str) -> tuple[Decimal, str]:
    found = reader.all(node, path)
    if not found or not found[0].text:
        raise BankStatementUnreadable(f"entry '{reference}' has no amount")
    try:
        amount = Decimal(found[0].text.strip())
    except InvalidOperation as exc:
        raise BankStatementUnreadable(f"entry '{reference}' has an unreadable amount '{found[0].text}'") from exc
    return amount, str(found[0].get("Ccy", ""))
